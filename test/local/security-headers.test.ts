/**
 * The local gateway sends exactly the security headers of shared/security-headers.ts, the ones CloudFront sends in
 * AWS (test/infra/security-headers.test.ts checks that side): on the pages, on static files, on API answers and on
 * the gateway's own refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { testDeps } from '../support/harness.ts';
import { startGateway } from '../../local/http-gateway.ts';
import { freePort } from '../../local/emulators.ts';
import { makeLocalRoutes } from '../../local/system.ts';
import { makeApiHandler } from '#shared/http';
import { routes } from '#functions/api/handler';
import { API_SECURITY_HEADERS, PAGE_CSP, pageCsp, pageSecurityHeaders, renderCsp } from '#shared/security-headers';
import type { Deps } from '#shared/ports';

let deps: Deps;
let server: Server;
let base: string;
let webDir: string;

beforeAll(async () => {
  // Pages of its own: the headers do not depend on what Vite built.
  webDir = mkdtempSync(join(tmpdir(), 'pic-headers-'));
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>t</title><script type="module" src="/assets/a.js">');
  writeFileSync(join(webDir, 'assets', 'a.js'), 'export {};');
  deps = await testDeps({ seed: false });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await startGateway({
    port,
    api: makeApiHandler(routes, async () => deps),
    webDir,
    localRoutes: makeLocalRoutes(deps, {}),
  });
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  rmSync(webDir, { recursive: true, force: true });
});

/** The answer's values of the headers `expected` names (null where one is missing). */
const headersOf = (res: Response, expected: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.keys(expected).map((name) => [name, res.headers.get(name)]));

describe('the shared definition', () => {
  it('allows no inline or evaluated script, no framing, and nothing from elsewhere but what it names', () => {
    const csp = pageCsp(['https://pic.auth.ca-central-1.amazoncognito.com']);
    const directives = Object.fromEntries(
      csp.split('; ').map((d) => {
        const [name, ...sources] = d.split(' ');
        return [name, sources];
      }),
    );
    expect(directives).toMatchObject({
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'connect-src': ["'self'", 'https://pic.auth.ca-central-1.amazoncognito.com'],
      'frame-ancestors': ["'none'"],
    });
    expect(csp).not.toContain("'unsafe-eval'");
    // The one inline allowance: style attributes (web/src/pages/staff.ts), never scripts or <style> elements.
    expect(Object.keys(directives).filter((d) => directives[d].includes("'unsafe-inline'"))).toEqual([
      'style-src-attr',
    ]);
    // Only the connect sources change with the origins named.
    expect(csp.replace(' https://pic.auth.ca-central-1.amazoncognito.com', '')).toBe(renderCsp(PAGE_CSP));
    expect(API_SECURITY_HEADERS['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

describe('the local gateway', () => {
  it('serves the pages and their files with the pages’ headers, and its cache rules', async () => {
    for (const [path, cache] of [
      ['/', 'no-cache'],
      ['/quelque/page', 'no-cache'],
      ['/assets/a.js', 'public, max-age=31536000, immutable'],
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(headersOf(res, pageSecurityHeaders()), path).toEqual(pageSecurityHeaders());
      expect(res.headers.get('cache-control'), path).toBe(cache);
    }
  });

  it('refuses a bad path with the pages’ headers too', async () => {
    for (const [path, status] of [
      ['/%E0%A4%A', 400],
      ['/%01', 404],
    ] as const) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(status);
      expect(headersOf(res, pageSecurityHeaders()), path).toEqual(pageSecurityHeaders());
    }
  });

  it('sends the API’s headers on every API answer: success, refusal, validation error, too large', async () => {
    const answers = [
      await fetch(`${base}/api/openapi.json`),
      await fetch(`${base}/api/pas-une-route`),
      await fetch(`${base}/api/learning-requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{',
      }),
      await fetch(`${base}/api/learning-requests`, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) }),
      await fetch(`${base}/local/jobs/daily`, { method: 'POST' }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 404, 400, 413, expect.any(Number)]);
    for (const res of answers) {
      expect(headersOf(res, API_SECURITY_HEADERS), res.url).toEqual(API_SECURITY_HEADERS);
      await res.body?.cancel();
    }
  });
});

describe('the API handler', () => {
  it('carries the same headers without the gateway (read straight from API Gateway), never cached', async () => {
    const handler = makeApiHandler(routes, async () => deps);
    const now = Date.now();
    const out = await handler({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/api/openapi.json',
      rawQueryString: '',
      headers: {},
      isBase64Encoded: false,
      requestContext: {
        accountId: 'test',
        apiId: 'test',
        domainName: 'localhost',
        domainPrefix: 'localhost',
        http: { method: 'GET', path: '/api/openapi.json', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: '' },
        requestId: 'r1',
        routeKey: '$default',
        stage: '$default',
        time: new Date(now).toISOString(),
        timeEpoch: now,
      },
    });
    expect(out.statusCode).toBe(200);
    expect(out.headers).toMatchObject({ ...API_SECURITY_HEADERS, 'cache-control': 'no-store' });
  });
});
