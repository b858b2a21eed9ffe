import { describe, expect, it } from 'vitest';
import { testDeps } from '../support/harness.ts';
import { emptyBalance, type LedgerEntry } from '#domain/ledger';
import { refusedBy } from '#adapters/dynamodb/store';

const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'];
const keyAttributesOf = (item: object | undefined) => Object.keys(item ?? {}).filter((k) => KEY_ATTRIBUTES.includes(k));

const entry = (year: string, id: string): LedgerEntry => ({
  id,
  quartierId: 'q-repo',
  axis: 'learning',
  year,
  kind: 'consumption',
  minutes: 60,
  author: 'test',
  createdAt: '2026-11-27T15:00:00.000Z',
});

describe('ledger repository', () => {
  it('creates, reads and changes balances under their version; entries are unique by id', async () => {
    const deps = await testDeps({ seed: false });
    const ledger = deps.repos.ledger;
    const years = ['2023-2024', '2024-2025', '2026-2027'];
    for (const y of years)
      expect((await deps.tx.commit([ledger.create(emptyBalance('q-repo', 'learning', y), { opened: true })])).ok).toBe(
        true,
      );
    // A second creation of the same year is refused: it was created meanwhile.
    const again = await deps.tx.commit([ledger.create(emptyBalance('q-repo', 'learning', years[0]), {})]);
    expect(again.ok).toBe(false);

    const b = await ledger.balance('q-repo', 'learning', '2023-2024');
    expect(b).toMatchObject({ quartierId: 'q-repo', year: '2023-2024', opened: true, version: 1 });
    expect(keyAttributesOf(b)).toEqual([]);
    // 2025-2026 was never opened: carry cannot flow past it, the chain ends there.
    expect((await ledger.chain('q-repo', 'learning', '2023-2024')).map((c) => c.year)).toEqual(years.slice(0, 2));
    expect((await ledger.balancesOfYear('learning', '2024-2025')).map((c) => c.quartierId)).toEqual(['q-repo']);
    expect((await ledger.balances([{ quartierId: 'q-repo', axis: 'learning', year: '2026-2027' }])).length).toBe(1);

    const e = entry('2023-2024', 'e1');
    const first = await deps.tx.commit([
      { ...ledger.record(e, { unique: true }), name: 'entry' },
      ledger.change(b!, { usedMinutes: 60 }, ['billable']),
    ]);
    expect(first.ok).toBe(true);
    // The same entry again, against the balance as first read: both guards refuse.
    const stale = await deps.tx.commit([
      { ...ledger.record(e, { unique: true }), name: 'entry' },
      { ...ledger.change(b!, { usedMinutes: 120 }), name: 'balance' },
    ]);
    expect(refusedBy(stale, 'entry')).toBe(true);
    expect(refusedBy(stale, 'balance')).toBe(true);
    expect(await ledger.balance('q-repo', 'learning', '2023-2024')).toMatchObject({
      usedMinutes: 60,
      version: 2,
      notified: ['billable'],
    });
    const entries = await ledger.entries('q-repo', 'learning', '2023-2024');
    expect(entries).toEqual([e]);
    expect(await ledger.entry({ quartierId: 'q-repo', axis: 'learning', year: '2023-2024' }, 'e1')).toEqual(e);
  });
});

describe('outbox repository', () => {
  it('enqueues, claims once, settles, parks and re-drives a message', async () => {
    const deps = await testDeps({ seed: false });
    const outbox = deps.repos.outbox;
    const now = new Date('2026-11-27T15:00:00Z');
    const at = now.toISOString();
    const message = { template: 'year-opening-summary' as const, to: ['a@example.org'], data: {} as never };
    expect((await deps.tx.commit([outbox.enqueue({ ...message, id: 'm1' }, now)])).ok).toBe(true);
    expect((await deps.tx.commit([outbox.enqueue({ ...message, id: 'm1' }, now)])).ok).toBe(false);
    const pending = await outbox.get('m1');
    expect(pending).toMatchObject({ id: 'm1', status: 'pending', attempts: 0 });
    expect(keyAttributesOf(pending)).toEqual([]);
    expect((await outbox.withStatus('pending', { until: at })).map((m) => m.id)).toEqual(['m1']);

    const claimed = await outbox.claim('m1', at, '2026-11-27T15:02:00.000Z');
    expect(claimed).toMatchObject({ status: 'sending', attempts: 1 });
    expect(keyAttributesOf(claimed)).toEqual([]);
    expect(await outbox.claim('m1', at, '2026-11-27T15:02:00.000Z')).toBeUndefined();
    // Its lease has not ended: it is not parked yet.
    expect(await outbox.park('m1', at)).toBe(false);
    expect(await outbox.park('m1', '2026-11-27T15:02:00.000Z')).toBe(true);
    // The claim was parked meanwhile: its answer no longer applies.
    expect(await outbox.settle(claimed!, { status: 'sent', sentAt: at, sesMessageId: 'x' })).toBe(false);
    expect((await outbox.withStatus('unconfirmed')).map((m) => m.id)).toEqual(['m1']);
    expect(await outbox.requeue('m1', at)).toBe(true);
    expect(await outbox.requeue('m1', at)).toBe(false);
    const second = await outbox.claim('m1', at, '2026-11-27T15:02:00.000Z');
    expect(await outbox.settle(second!, { status: 'sent', sentAt: at, sesMessageId: 'x' })).toBe(true);
    expect(await outbox.get('m1')).toMatchObject({ status: 'sent', sesMessageId: 'x' });
  });
});

describe('guards repository', () => {
  it('remembers a key once, claims and completes it, counts mails and public posts', async () => {
    const deps = await testDeps({ seed: false });
    const guards = deps.repos.guards;
    expect((await deps.tx.commit([guards.rememberKey('s', 'k', { bodyHash: 'h' })])).ok).toBe(true);
    expect((await deps.tx.commit([guards.rememberKey('s', 'k', { bodyHash: 'other' })])).ok).toBe(false);
    const recalled = await guards.recalled('s', 'k');
    expect(recalled).toEqual({ bodyHash: 'h' });

    const claim = (claimId: string) =>
      ({ state: 'in-progress', fingerprint: 'f', claimId, leaseUntil: '2026-11-27T15:00:30.000Z' }) as const;
    expect(await guards.claimKey('g', 'k', claim('c1'), '2026-11-27T15:00:00.000Z')).toBe(true);
    expect(await guards.claimKey('g', 'k', claim('c2'), '2026-11-27T15:00:10.000Z')).toBe(false);
    // Its lease ended: the same request takes it over.
    expect(await guards.claimKey('g', 'k', claim('c3'), '2026-11-27T15:01:00.000Z')).toBe(true);
    await guards.completeKey('g', 'k', 'c1', { status: 201 }); // not the holder's: no effect
    expect(await guards.recalled('g', 'k')).toMatchObject({ claimId: 'c3', state: 'in-progress' });
    await guards.completeKey('g', 'k', 'c3', { status: 201, answerJson: '{}' });
    expect(await guards.recalled('g', 'k')).toMatchObject({ state: 'completed', status: 201 });
    await guards.releaseKey('g', 'k', 'c3');
    expect(await guards.recalled('g', 'k')).toBeUndefined();

    const mail = () => ({ ...guards.countMail('sub', 'A@example.org', '2026-11-27T15', 2, 1), name: 'quota' });
    expect((await deps.tx.commit([mail()])).ok).toBe(true);
    expect((await deps.tx.commit([mail()])).ok).toBe(true);
    expect(refusedBy(await deps.tx.commit([mail()]), 'quota')).toBe(true);

    const window = { hour: '2026-11-27T15', minute: '07' };
    expect(await guards.countClientPost('c', window, 1)).toEqual({ hour: 1, minute: 1 });
    expect(await guards.countClientPost('c', window, 1)).toEqual({ hour: 2, minute: 2 });
    expect(await guards.countClientPost('c', { ...window, minute: '08' }, 1)).toEqual({ hour: 3, minute: 1 });
  });
});
