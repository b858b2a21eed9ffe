/**
 * Hostile input at every door: each route of the OpenAPI document, the local gateway's static files and the
 * `/local/*` routes, sent raw over HTTP (fetch would normalise the very paths we want to send). No answer may be
 * a 5xx and nothing may be written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { makeApiHandler } from '#shared/http';
import { routes } from '#functions/api/handler';
import type { Deps } from '#shared/ports';
import { startGateway } from '../../local/http-gateway.ts';
import { makeLocalRoutes } from '../../local/system.ts';
import { freePort } from '../../local/emulators.ts';
import { testDeps } from '../support/harness.ts';
import { changedKeys, tableFingerprint } from '../../bench/drills.ts';

const TEAM = 'test-coordination-token';

/** One raw HTTP exchange: the path goes on the wire exactly as written. */
function raw(
  port: number,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Path segments no real id looks like. */
const HOSTILE_SEGMENTS = [
  'x'.repeat(3000),
  encodeURIComponent('é'.repeat(1200)),
  '%E0%A4%A',
  '%',
  '%ED%A0%80',
  '%C0%AE',
  '%00',
  'a%00b',
  '%2e%2e',
  '..%2F..%2Fetc%2Fpasswd',
  '__proto__',
  'constructor',
  '%0d%0aSet-Cookie:x',
];
const HOSTILE_QUERIES = [
  `token=${'t'.repeat(5000)}&year=${'9'.repeat(3000)}`,
  'token=%E0%A4%A&year=%&status=%00&dryRun=%',
  '__proto__=x&constructor=y&year=2025-2026&year=2026-2027',
  'format=csv&separator=%00',
];
const HOSTILE_BODIES = [
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"__proto__":null}',
  `{"x":"${'\\u0000'.repeat(10)}"}`,
  '"\\ud800"',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  '1e400',
  `{"${'k'.repeat(3000)}":1}`,
];

describe('hostile input through the real gateway', () => {
  let deps: Deps;
  let server: Server;
  let port: number;
  const jobsRun: string[] = [];
  beforeAll(async () => {
    deps = await testDeps();
    const webDir = await mkdtemp(join(tmpdir(), 'pic-web-'));
    await writeFile(join(webDir, 'index.html'), '<!doctype html><title>PIC</title>');
    port = await freePort();
    server = await startGateway({
      port,
      api: makeApiHandler(routes, async () => deps),
      webDir,
      localRoutes: makeLocalRoutes(deps, {
        daily: async (e) => {
          jobsRun.push(`daily ${JSON.stringify(e)}`);
          return 'ok';
        },
      }),
    });
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('answers every route of the OpenAPI document, with hostile paths, queries and bodies, below 500 and writes nothing', async () => {
    const before = await tableFingerprint(deps);
    const doc = JSON.parse((await raw(port, 'GET', '/api/openapi.json')).text) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const calls: Array<{ method: string; path: string; body?: string; token?: string }> = [];
    for (const [template, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods).map((m) => m.toUpperCase())) {
        const paths = template.includes('{')
          ? HOSTILE_SEGMENTS.map((s) => template.replace(/\{\w+\}/g, s))
          : [template, `${template}/%00`, `${template}%E0%A4%A`];
        for (const path of paths)
          for (const token of [undefined, TEAM]) {
            const queries = ['', ...HOSTILE_QUERIES.map((q) => `?${q}`)];
            for (const q of path === paths[0] || template.includes('{') ? queries : [''])
              calls.push({ method, path: `${path}${q}`, token });
          }
        for (const body of HOSTILE_BODIES)
          for (const token of [undefined, TEAM]) {
            const path = template.replace(/\{\w+\}/g, 'verdun');
            if (method !== 'GET') calls.push({ method, path, body, token });
          }
      }
    }
    const failures: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < calls.length) {
          const c = calls[next++];
          const res = await raw(port, c.method, c.path, c.body ?? (c.method === 'GET' ? undefined : '{}'), {
            ...(c.token ? { authorization: `Bearer ${c.token}` } : {}),
          });
          if (res.status >= 500)
            failures.push(`${c.method} ${c.path.slice(0, 80)} ${c.body?.slice(0, 40) ?? ''} → ${res.status}`);
        }
      }),
    );
    expect(failures).toEqual([]);
    expect(calls.length).toBeGreaterThan(1000);
    expect(changedKeys(before, await tableFingerprint(deps))).toEqual([]);
  }, 240_000);

  it('serves static files and the local routes without a 5xx, whatever the path or body', async () => {
    const before = await tableFingerprint(deps);
    const statuses: Record<string, number> = {};
    const texts: string[] = [];
    for (const path of [
      '/%E0%A4%A',
      '/%',
      '/%00',
      '/a%00b.js',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2F..%2Fetc%2Fpasswd',
      '/%2e%2e%5c%2e%2e%5cwindows',
      `/${'x'.repeat(5000)}`,
      '/local/jobs/%E0%A4%A',
      '/local/%00',
    ]) {
      const res = await raw(port, 'GET', path);
      statuses[`GET ${path.slice(0, 40)}`] = res.status;
      texts.push(res.text);
    }
    for (const [path, body] of [
      ['/local/sign-in', '{"role":'],
      ['/local/sign-in', '{"__proto__":{"role":"coordination"}}'],
      ['/local/sign-in', '"\\ud800"'],
      ['/local/jobs/daily', '{"a":'],
      ['/local/jobs/daily', '[1'],
      ['/local/jobs/daily', '{"__proto__":{"polluted":true}}'],
      ['/local/jobs/nowhere', '{'],
      ['/local/jobs/constructor', ''],
      ['/local/jobs/daily', `{"year":"${'9'.repeat(1024 * 1024)}"}`],
      ['/local/jobs/daily', '{"year":"2025"}'],
    ])
      statuses[`POST ${path} ${body}`] = (
        await raw(port, 'POST', path, body, { authorization: `Bearer ${TEAM}` })
      ).status;
    const high = Object.entries(statuses).filter(([, s]) => s >= 500);
    expect(high).toEqual([]);
    expect(texts.filter((t) => t.includes('root:'))).toEqual([]);
    const { toEvent } = await import('../../local/http-gateway.ts');
    const event = toEvent(
      {
        url: '/api/x?__proto__=a&__proto__=b&token=t',
        headers: JSON.parse('{"__proto__":"h"}'),
        method: 'GET',
        socket: {},
      } as never,
      '',
    );
    // A parameter named __proto__ keeps its value as a plain parameter, not lost to (or into) a prototype.
    expect(Object.getOwnPropertyDescriptor(event.queryStringParameters, '__proto__')?.value).toBe('a,b');
    expect(Object.getOwnPropertyDescriptor(event.headers, '__proto__')?.value).toBe('h');
    expect(event.queryStringParameters?.token).toBe('t');
    expect(statuses['POST /local/jobs/daily {"a":']).toBe(400);
    expect(statuses['POST /local/jobs/daily {"__proto__":{"polluted":true}}']).toBe(400);
    expect(statuses['POST /local/jobs/constructor ']).toBe(404);
    expect(Object.entries(statuses).find(([k]) => k.startsWith('POST /local/jobs/daily {"year":"999'))?.[1]).toBe(413);
    expect(statuses['POST /local/jobs/daily {"year":"2025"}']).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(jobsRun).toEqual([]);
    expect(changedKeys(before, await tableFingerprint(deps))).toEqual([]);
  });
});
