import { withStore } from '#shared/wiring';
import { describe, expect, it } from 'vitest';
import { testDeps, ManualClock } from '../support/harness.ts';
import { openYear } from '#usecases/open-year';
import { logHours } from '#usecases/log-hours';
import { listQuartiers } from '#usecases/quartiers';
import { keys } from '#adapters/dynamodb/keys';
import type { BalanceItem } from '#adapters/dynamodb/ledger-repo';
import type { LedgerEntry } from '#domain/ledger';
import type { OutboxRecord } from '#usecases/outbox';
import type { Deps } from '#shared/ports';
import type { Store } from '#adapters/dynamodb/store';
import { changedKeys, tableFingerprint } from '../../bench/drills.ts';

const team = { role: 'coordination' as const, sub: 'test' };

/** The ledger's state, without timestamps: what "identical" means for two runs. */
async function ledgerState(deps: Deps) {
  const out: Record<string, unknown> = {};
  for (const q of await listQuartiers(deps)) {
    const items = await deps.store.query<BalanceItem & LedgerEntry>({ pk: `LEDGER#${q.id}#learning` });
    out[q.id] = items.map((i) =>
      i.sk.startsWith('YEAR#')
        ? {
            sk: i.sk,
            a: i.allocatedMinutes,
            c: i.carriedInMinutes,
            u: i.usedMinutes,
            o: i.opened,
            cl: !!i.closed,
            co: i.carriedOutMinutes,
            e: i.expiredMinutes,
          }
        : { sk: i.sk, kind: i.kind, m: i.minutes },
    );
  }
  return out;
}

async function scenario(deps: Deps) {
  await openYear(deps, '2024-2025', { dryRun: false });
  const quartiers = await listQuartiers(deps);
  // Same keys in both runs, so the entries' ids are the same too.
  for (const [i, q] of quartiers.entries())
    if (i % 5)
      await logHours(
        deps,
        { quartierId: q.id, axis: 'learning', date: '2024-06-01', minutes: (i % 5) * 600 },
        team,
        `scenario-${q.id}`,
      );
}

/** A store that dies (throws) after `n` transactions, like a process killed half-way. */
function dyingAfter(store: Store, n: number): Store {
  let count = 0;
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'transact')
        return async (...args: Parameters<Store['transact']>) => {
          if (++count > n) throw new Error('killed');
          return target.transact(...args);
        };
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

describe('yearly opening', () => {
  it('carries, expires and allocates for every quartier; a second run changes nothing', async () => {
    const deps = await testDeps({ clock: new ManualClock(new Date('2025-04-01T12:00:00Z')) });
    await scenario(deps);
    // Every item, counters included: the preview writes nothing at all, not only nothing in the ledger.
    const beforePreview = await tableFingerprint(deps, { withCounters: true });
    const preview = await openYear(deps, '2025-2026', { dryRun: true });
    expect(changedKeys(beforePreview, await tableFingerprint(deps, { withCounters: true }))).toEqual([]);
    const run = await openYear(deps, '2025-2026', { dryRun: false });
    expect({ ...run, dryRun: true }).toEqual(preview); // the preview said exactly what the run did
    expect(run.quartiers).toBe(20);
    expect(run.changed).toBe(21); // 20 quartiers + the year's additional-support slots
    expect(run.allocatedMinutes).toBe(20 * 31 * 60);
    // used 0,10,20,30,40 h in turn → own unused 31,21,11,1,0 → carried 31,21,11,1,0 ×4 quartiers each
    expect(run.carriedMinutes).toBe(4 * (31 + 21 + 11 + 1 + 0) * 60);
    const again = await openYear(deps, '2025-2026', { dryRun: false });
    expect(again.changed).toBe(0);
    const writesBefore = deps.store.stats.writes;
    await openYear(deps, '2025-2026', { dryRun: false });
    expect(deps.store.stats.writes).toBe(writesBefore);
    expect(await deps.store.get(keys.supportCounter('2025-2026'))).toMatchObject({ capacity: 9 });
    const summaries = (await deps.store.query<OutboxRecord>(keys.outboxByStatus('pending'))).filter(
      (m) => m.template === 'year-opening-summary' && m.subjectRef === '2025-2026',
    );
    expect(summaries).toHaveLength(1);
    expect(summaries[0].to).toEqual([deps.config.mail.team]);
  });

  it('a run killed half-way and started again ends exactly as an uninterrupted run', async () => {
    const clock = () => new ManualClock(new Date('2025-04-01T12:00:00Z'));
    const whole = await testDeps({ clock: clock() });
    await scenario(whole);
    await openYear(whole, '2025-2026', { dryRun: false });

    const killed = await testDeps({ clock: clock() });
    await scenario(killed);
    const dying = withStore(killed, dyingAfter(killed.store, 7));
    // Small groups (two quartiers a transaction) so that the crash falls in the middle of the run.
    await expect(
      openYear(dying, '2025-2026', { dryRun: false, concurrency: 3, maxItemsPerTransaction: 10 }),
    ).rejects.toThrow('killed');
    const partial = await openYear(killed, '2025-2026', { dryRun: true });
    expect(partial.changed).toBeGreaterThan(0);
    expect(partial.changed).toBeLessThan(21);
    await openYear(killed, '2025-2026', { dryRun: false });
    expect(await ledgerState(killed)).toEqual(await ledgerState(whole));
  });
});
