/**
 * The SES send rate holds across processes (issue 17, item 8): senders with their own DynamoDB clients and their own
 * limiters, as the notifier and the outbox sweep are, against DynamoDB Local. Time is virtual (a sender's sleep moves
 * it), so nothing depends on the machine's speed; the limiter's slots are what the store decided.
 */
import { withStore } from '#shared/wiring';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Store } from '#adapters/dynamodb/store';
import { keys } from '#adapters/dynamodb/keys';
import { RateLimiter } from '#adapters/ses/rate-limiter';
import type { OutboxRecord } from '#usecases/outbox';
import { sweepOutbox } from '#usecases/deliver-notification';
import type { Deps } from '#shared/ports';
import type { TemplateName } from '#email/templates';
import { dynamoEndpoint, sesMessages, testDeps, to, uniq } from '../support/harness.ts';

const T0 = Date.parse('2026-11-27T15:00:00Z');

/** A second process: its own client on the same table. */
async function otherProcess(store: Store): Promise<Store> {
  return new Store(
    store.tableName,
    new DynamoDBClient({
      endpoint: await dynamoEndpoint(),
      region: 'ca-central-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
}

/** One virtual clock for every sender of a test: a sleep wakes its sender at the time it asked for. */
function virtualTime(start = T0) {
  let t = start;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      const until = t + ms;
      await new Promise((r) => setImmediate(r));
      t = Math.max(t, until);
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

function expectSpaced(slots: number[], intervalMs: number) {
  const sorted = [...slots].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) expect(sorted[i] - sorted[i - 1]).toBeGreaterThanOrEqual(intervalMs);
}

describe('the SES send rate across processes', () => {
  it('two senders at full speed together stay at the configured rate: never two slots closer than 1000/rate ms', async () => {
    const deps = await testDeps({ seed: false });
    const time = virtualTime();
    const limiters = [new RateLimiter(deps.store, 14, time), new RateLimiter(await otherProcess(deps.store), 14, time)];
    const slots: number[] = [];
    await Promise.all(
      limiters.map(async (l) => {
        for (let i = 0; i < 21; i++) slots.push(await l.take());
      }),
    );
    expect(slots).toHaveLength(42);
    expectSpaced(slots, Math.ceil(1000 / 14));
    const firstSecond = slots.filter((s) => s < T0 + 1000);
    expect(firstSecond.length).toBeLessThanOrEqual(14);
    // 42 sends at 14 a second take 3 s, together.
    expect(Math.max(...slots) - T0).toBeGreaterThanOrEqual(41 * Math.ceil(1000 / 14));
  });

  it('holds for any rate, any number of senders and any pauses between sends (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: 0.5, max: 50, noNaN: true }),
        fc.array(fc.array(fc.nat({ max: 3000 }), { minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 4 }),
        async (rate, pausesPerSender) => {
          const deps = await testDeps({ seed: false });
          const time = virtualTime();
          const slots: number[] = [];
          await Promise.all(
            pausesPerSender.map(async (pauses) => {
              const limiter = new RateLimiter(await otherProcess(deps.store), rate, time);
              for (const pause of pauses) {
                time.advance(pause);
                slots.push(await limiter.take());
              }
            }),
          );
          expectSpaced(slots, Math.ceil(1000 / rate));
        },
      ),
      { numRuns: 12 },
    );
  }, 180_000);

  it('the notifier and a sweep delivering at once: each email once, sends spaced at the rate', async () => {
    const deps = await testDeps({ seed: false });
    const recipient = `rate-${uniq()}@example.org`;
    const now = deps.clock.now();
    for (let i = 0; i < 24; i++)
      await deps.store.transact([
        deps.repos.outbox.enqueue(
          {
            template: 'topic-proposal' as TemplateName,
            to: [recipient],
            data: { name: `Person ${i}`, email: 'x@example.org', topic: `topic ${i}` } as never,
          },
          now,
        ),
      ]);
    const pending = await deps.store.query<OutboxRecord>(keys.outboxByStatus('pending'));
    expect(pending).toHaveLength(24);

    const time = virtualTime();
    const slots: number[] = [];
    const recording = (l: RateLimiter) =>
      Object.assign(l, {
        take: async () => {
          const slot = await RateLimiter.prototype.take.call(l);
          slots.push(slot);
          return slot;
        },
      });
    const second: Deps = withStore(deps, await otherProcess(deps.store));
    const counts = await Promise.all([
      sweepOutbox(deps, { pendingGraceMs: 0, limiter: recording(new RateLimiter(deps.store, 10, time)) }),
      sweepOutbox(second, { pendingGraceMs: 0, limiter: recording(new RateLimiter(second.store, 10, time)) }),
    ]);
    expect(counts[0].sent + counts[1].sent).toBe(24);
    expect(counts[0].sent).toBeGreaterThan(0);
    expect(counts[1].sent).toBeGreaterThan(0);
    expect(await sesMessages(to(recipient))).toHaveLength(24);
    expect(slots).toHaveLength(24);
    expectSpaced(slots, 100);
  });
});
