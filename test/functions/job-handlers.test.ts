/**
 * Stream and schedule handlers are built like the HTTP one: dependencies handed in (no singleton to patch), and the
 * invocation's request id on every line it logs, its use cases' lines included.
 */
import { describe, expect, it, vi } from 'vitest';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { testDeps } from '../support/harness.ts';
import { apiEvent } from '../support/api.ts';
import { makeHandler as makeDaily } from '#functions/daily/handler';
import { makeHandler as makeExpireOffers } from '#functions/expire-offers/handler';
import { makeHandler as makeNotifier } from '#functions/notifier/handler';
import { makeHandler as makeOpenYear } from '#functions/open-year/handler';
import { makeHandler as makeOutboxSweep } from '#functions/outbox-sweep/handler';
import { withKeys } from '#shared/invocation';
import { json, makeApiHandler } from '#shared/http';
import type { Logger } from '#shared/logger';
import type { Deps } from '#shared/ports';

type Line = { level: string; message: unknown; attributes: Record<string, unknown> };

/** A logger that keeps what it is given, merged as Powertools merges it. */
function recordingLog(lines: Line[]): Logger {
  const write =
    (level: string) =>
    (message: unknown, ...extra: unknown[]) => {
      const attributes = Object.assign({}, ...extra.filter((x) => typeof x === 'object' && !(x instanceof Error)));
      lines.push({ level, message, attributes });
    };
  return {
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    debug: write('debug'),
    appendKeys: () => {},
    removeKeys: () => {},
  } as unknown as Logger;
}

const idsOf = (lines: Line[]) => lines.map((l) => l.attributes.requestId);

const emptyStream = { Records: [] } as DynamoDBStreamEvent;

describe('job and stream handlers', () => {
  it('each takes its dependencies from the factory and tags every line with its request id', async () => {
    const deps = await testDeps({ seed: false });
    const lines: Line[] = [];
    const source = async (): Promise<Deps> => ({ ...deps, log: recordingLog(lines) });
    const runs: Array<[string, () => Promise<unknown>]> = [
      ['daily', () => makeDaily(source)(undefined, { awsRequestId: 'req-daily' })],
      ['expire-offers', () => makeExpireOffers(source)(undefined, { awsRequestId: 'req-expire-offers' })],
      ['notifier', () => makeNotifier(source)(emptyStream, { awsRequestId: 'req-notifier' })],
      ['open-year', () => makeOpenYear(source)({ dryRun: true }, { awsRequestId: 'req-open-year' })],
      ['outbox-sweep', () => makeOutboxSweep(source)(undefined, { awsRequestId: 'req-outbox-sweep' })],
    ];
    for (const [name, run] of runs) {
      const before = lines.length;
      await run();
      const own = lines.slice(before);
      expect(idsOf(own), name).toEqual(own.map(() => `req-${name}`));
    }
    // The daily summary is one such line: the use cases' lines are tagged, not only the wrapper's.
    expect(lines.find((l) => l.message === 'daily job done')?.attributes.requestId).toBe('req-daily');
    expect(await makeNotifier(source)(emptyStream)).toEqual({ batchItemFailures: [] });
  });

  it('two invocations at once in one process keep their own ids', async () => {
    const deps = await testDeps({ seed: false });
    const lines: Line[] = [];
    const daily = makeDaily(async () => ({ ...deps, log: recordingLog(lines) }));
    await Promise.all([daily(undefined, { awsRequestId: 'a' }), daily(undefined, { awsRequestId: 'b' })]);
    const done = lines.filter((l) => l.message === 'daily job done');
    expect(done.map((l) => l.attributes.requestId).sort()).toEqual(['a', 'b']);
  });

  it('a fault is logged with the request id, then goes back to Lambda', async () => {
    const deps = await testDeps({ seed: false });
    const lines: Line[] = [];
    const broken: Deps = {
      ...deps,
      log: recordingLog(lines),
      settings: () => Promise.reject(new Error('settings unreadable')),
    };
    await expect(makeOpenYear(async () => broken)({}, { awsRequestId: 'req-fault' })).rejects.toThrow(
      'settings unreadable',
    );
    expect(lines).toMatchObject([
      { level: 'error', message: 'invocation fault', attributes: { function: 'open-year', requestId: 'req-fault' } },
    ]);
  });

  it('without a Lambda context (the local scheduler), an invocation still gets an id of its own', async () => {
    const deps = await testDeps({ seed: false });
    const lines: Line[] = [];
    const daily = makeDaily(async () => ({ ...deps, log: recordingLog(lines) }));
    await daily();
    await daily();
    const ids = idsOf(lines.filter((l) => l.message === 'daily job done'));
    expect(ids).toHaveLength(2);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(2);
  });
});

describe('the HTTP handler', () => {
  it("tags its use cases' lines with the request id too", async () => {
    const deps = await testDeps({ seed: false });
    const lines: Line[] = [];
    const handler = makeApiHandler(
      [
        {
          method: 'GET',
          path: '/api/probe',
          auth: 'public',
          tag: 'system',
          summary: 'probe',
          handle: async (_req, d) => {
            d.log.info('inside the use case');
            return json(200, {});
          },
        },
      ],
      async () => ({ ...deps, log: recordingLog(lines) }),
    );
    await handler(apiEvent({ method: 'GET', path: '/api/probe' }), { awsRequestId: 'req-http' });
    expect(lines.find((l) => l.message === 'inside the use case')?.attributes.requestId).toBe('req-http');
  });
});

describe('withKeys on the Powertools logger', () => {
  it('writes the key into the JSON line, beside an error or a string given as extra', () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const log = withKeys(new PowertoolsLogger({ serviceName: 'probe', logLevel: 'INFO' }), { requestId: 'r-1' });
      log.info('plain');
      log.info('with attributes', { outboxId: 'o-1' });
      log.info('with a string', 'extra words');
    } finally {
      spy.mockRestore();
    }
    const items = written
      .flatMap((w) => w.split('\n'))
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(items).toHaveLength(3);
    expect(items.every((i) => i.requestId === 'r-1')).toBe(true);
    expect(items[1].outboxId).toBe('o-1');
  });
});
