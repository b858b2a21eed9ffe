import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoEndpoint, ManualClock, testDeps, uniq } from '../support/harness.ts';
import { logHours } from '#usecases/log-hours';
import { adjustLedger } from '#usecases/adjust-ledger';
import { getBalance, getLedger } from '#usecases/get-balance';
import { openQuartierYear, openYear, YearNotStartedError } from '#usecases/open-year';
import { createQuartier, listQuartiers } from '#usecases/quartiers';
import { keys } from '#adapters/dynamodb/keys';
import type { OutboxRecord } from '#usecases/outbox';
import type { Deps } from '#shared/ports';
import type { Principal } from '#shared/auth';

const H = 60;
const team: Principal = { role: 'coordination', sub: 'test-coordination' };

async function newQuartier(deps: Deps, enrolledYear: string) {
  const id = `q-${uniq()}`;
  await createQuartier(deps, {
    id,
    name: `Quartier ${id}`,
    advisor: { name: 'Conseil', email: `advisor-${id}@example.org` },
    enrolledYear,
  });
  await deps.store.update(keys.quartier(id), {
    set: { lastContact: { name: 'Zoé', email: `contact-${id}@example.org`, locale: 'fr' } },
  });
  return id;
}

// Starting DynamoDB Local is not part of any test's time.
beforeAll(() => dynamoEndpoint().then(() => undefined), 240_000);

const pending = async (deps: Deps, template: string, subjectRef: string) =>
  (await deps.store.query<OutboxRecord>(keys.outboxByStatus('pending'))).filter(
    (m) => m.template === template && m.subjectRef === subjectRef,
  );

describe('years: opening only once a year has started', () => {
  it('refuses to run the opening of a year whose first day (Montreal) has not come; a preview is allowed', async () => {
    // 23:00 UTC on 31 March is 19:00 in Montreal: still the year before.
    const clock = new ManualClock(new Date('2027-03-31T23:00:00Z'));
    const deps = await testDeps({ clock, seed: false });
    const q = await newQuartier(deps, '2026-2027');
    await openYear(deps, '2026-2027', { dryRun: false });
    const preview = await openYear(deps, '2027-2028', { dryRun: true });
    expect(preview).toMatchObject({ quartiers: 1, changed: 2, carriedMinutes: 31 * H });
    await expect(openYear(deps, '2027-2028', { dryRun: false })).rejects.toBeInstanceOf(YearNotStartedError);
    expect(await deps.store.get(keys.balance(q, 'learning', '2027-2028'))).toBeUndefined();
    expect(await deps.store.get(keys.supportCounter('2027-2028'))).toBeUndefined();
    expect((await deps.store.get<{ closed?: boolean }>(keys.balance(q, 'learning', '2026-2027')))?.closed).toBe(
      undefined,
    );
    // 04:30 UTC on 1 April is 00:30 in Montreal: the year has begun.
    clock.set('2027-04-01T04:30:00Z');
    expect((await openYear(deps, '2027-2028', { dryRun: false })).changed).toBe(2);
  });
});

describe('years: hour logs and adjustments stay within the enrolment year and the current year', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await testDeps({ clock: new ManualClock(new Date('2026-11-27T15:00:00Z')), seed: false });
  });

  it('refuses an adjustment before the enrolment year or after the current year, and writes nothing', async () => {
    const q = await newQuartier(deps, '2025-2026');
    const adjust = (year: string) =>
      adjustLedger(
        deps,
        { quartierId: q, axis: 'learning', year, target: 'allocation', minutes: 60, reason: 'test' },
        team,
      );
    expect(await adjust('2024-2025')).toEqual({ kind: 'before-enrolment-year' });
    expect(await adjust('2027-2028')).toEqual({ kind: 'future-year' });
    expect(await adjust('2030-2031')).toEqual({ kind: 'future-year' });
    for (const y of ['2024-2025', '2027-2028', '2030-2031']) {
      expect(await getLedger(deps, q, 'learning', y)).toEqual([]);
      expect(await deps.store.get(keys.balance(q, 'learning', y))).toBeUndefined();
    }
    expect((await adjust('2026-2027')).kind).toBe('recorded');
    expect((await adjust('2025-2026')).kind).toBe('recorded');
  });

  it('refuses an adjustment that would make a total negative, and writes nothing', async () => {
    const q = await newQuartier(deps, '2026-2027');
    await logHours(deps, { quartierId: q, axis: 'learning', date: '2026-10-01', minutes: 2 * H, step: 'plan' }, team);
    const adjust = (target: 'allocation' | 'usage', minutes: number) =>
      adjustLedger(deps, { quartierId: q, axis: 'learning', year: '2026-2027', target, minutes, reason: 'x' }, team);
    expect(await adjust('usage', -3 * H)).toEqual({ kind: 'negative-total' });
    expect(await adjust('allocation', -32 * H)).toEqual({ kind: 'negative-total' });
    const b = await getBalance(deps, q, 'learning', '2026-2027');
    expect({ allocated: b.allocatedMinutes, used: b.usedMinutes }).toEqual({ allocated: 31 * H, used: 2 * H });
    expect((await getLedger(deps, q, 'learning', '2026-2027')).filter((e) => e.kind === 'adjustment')).toEqual([]);
    // Down to zero exactly is allowed.
    expect((await adjust('usage', -2 * H)).kind).toBe('recorded');
    expect((await adjust('allocation', -31 * H)).kind).toBe('recorded');
  });

  it('carries only between consecutive years: a late entry does not reach past a year that was never opened', async () => {
    const q = await newQuartier(deps, '2022-2023');
    await openQuartierYear(deps, { id: q }, '2022-2023');
    // 2023-2024 never opened for this quartier; 2024-2025 opened with nothing carried in.
    await openQuartierYear(deps, { id: q }, '2024-2025');
    expect((await getBalance(deps, q, 'learning', '2024-2025')).carriedInMinutes).toBe(0);
    await logHours(deps, { quartierId: q, axis: 'learning', date: '2022-06-01', minutes: H, step: 'plan' }, team);
    const b = await getBalance(deps, q, 'learning', '2024-2025');
    expect(b.carriedInMinutes).toBe(0);
    expect((await getLedger(deps, q, 'learning', '2024-2025')).map((e) => e.kind)).toEqual(['allocation']);
  });
});

describe('late entries: a closed year’s entry that pushes a later year over its hours', () => {
  it('flags the later year’s billable minutes on its latest entries, notifies once, and says so', async () => {
    const deps = await testDeps({ clock: new ManualClock(new Date('2026-11-27T15:00:00Z')), seed: false });
    const q = await newQuartier(deps, '2024-2025');
    await openQuartierYear(deps, { id: q }, '2024-2025');
    await openQuartierYear(deps, { id: q }, '2025-2026'); // 31 h carried in
    const log = (date: string, minutes: number) =>
      logHours(deps, { quartierId: q, axis: 'learning', date, minutes, step: 'analyse' }, team);
    // 60 h in 2025-2026: 31 carried + 29 own, nothing billable.
    await log('2025-06-01', 40 * H);
    await log('2025-09-01', 20 * H);
    expect((await getBalance(deps, q, 'learning', '2025-2026')).billableMinutes).toBe(0);

    // 10 h done in 2024-2025, typed in now: 2025-2026 receives 21 h instead of 31, so 8 h become billable.
    const late = await log('2024-12-01', 10 * H);
    expect(late.kind === 'recorded' && late.laterYears).toEqual([
      {
        year: '2025-2026',
        carriedInMinutes: 21 * H,
        carriedInDeltaMinutes: -10 * H,
        billableMinutes: 8 * H,
        billableDeltaMinutes: 8 * H,
      },
    ]);
    const b = await getBalance(deps, q, 'learning', '2025-2026');
    expect(b.billableMinutes).toBe(8 * H);
    const flags = async () =>
      (await getLedger(deps, q, 'learning', '2025-2026'))
        .filter((e) => e.kind === 'consumption')
        .map((e) => [e.date, e.billableMinutes ?? 0])
        // The ledger lists entries by id; ids made in the same millisecond (a fixed clock) are in no date order.
        .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    expect(await flags()).toEqual([
      ['2025-06-01', 0],
      ['2025-09-01', 8 * H],
    ]);
    const notices = (await pending(deps, 'hours-billable', q)).filter(
      (m) => (m.data as { year: string }).year === '2025-2026',
    );
    expect(notices).toHaveLength(1);
    expect(notices[0].data).toMatchObject({ billableMinutes: 8 * H });

    // Another late hour: one more billable hour flagged, no second notice.
    await log('2024-12-02', H);
    expect(await flags()).toEqual([
      ['2025-06-01', 0],
      ['2025-09-01', 9 * H],
    ]);
    expect(
      (await pending(deps, 'hours-billable', q)).filter((m) => (m.data as { year: string }).year === '2025-2026'),
    ).toHaveLength(1);

    // A correction the other way gives the hours back: the flags follow the balance down.
    const fix = await adjustLedger(
      deps,
      { quartierId: q, axis: 'learning', year: '2024-2025', target: 'usage', minutes: -5 * H, reason: 'erreur' },
      team,
    );
    expect(fix.kind === 'recorded' && fix.laterYears[0]).toMatchObject({ year: '2025-2026', billableMinutes: 4 * H });
    expect(await flags()).toEqual([
      ['2025-06-01', 0],
      ['2025-09-01', 4 * H],
    ]);
    expect((await getBalance(deps, q, 'learning', '2025-2026')).billableMinutes).toBe(4 * H);
  });
});

describe('hour-log idempotency', () => {
  it('answers the first entry to the same key and body; refuses the same key with another body', async () => {
    const deps = await testDeps({ clock: new ManualClock(new Date('2026-11-27T15:00:00Z')), seed: false });
    const q = await newQuartier(deps, '2026-2027');
    const other = await newQuartier(deps, '2026-2027');
    const body = { quartierId: q, axis: 'learning' as const, date: '2026-10-01', minutes: 90, step: 'plan' };
    const a = await logHours(deps, body, team, 'key-1');
    const b = await logHours(deps, body, team, 'key-1');
    expect(a.kind === 'recorded' && b.kind === 'recorded' && a.entry.id === b.entry.id).toBe(true);
    expect(await logHours(deps, { ...body, minutes: 120 }, team, 'key-1')).toEqual({ kind: 'idempotency-key-reused' });
    // Another quartier (another ledger item) with the same key is still the same key.
    expect(await logHours(deps, { ...body, quartierId: other }, team, 'key-1')).toEqual({
      kind: 'idempotency-key-reused',
    });
    expect((await getBalance(deps, q, 'learning', '2026-2027')).usedMinutes).toBe(90);
    expect((await getBalance(deps, other, 'learning', '2026-2027')).usedMinutes).toBe(0);
  });

  it('under a race of two bodies on one key, one is recorded once and the other refused', async () => {
    const deps = await testDeps({ clock: new ManualClock(new Date('2026-11-27T15:00:00Z')), seed: false });
    const q = await newQuartier(deps, '2026-2027');
    const bodies = Array.from({ length: 12 }, (_, i) => ({
      quartierId: q,
      axis: 'learning' as const,
      date: '2026-10-01',
      minutes: i % 2 ? 30 : 45,
      step: 'plan',
    }));
    const out = await Promise.all(bodies.map((b) => logHours(deps, b, team, 'race')));
    const recorded = out.filter((o) => o.kind === 'recorded');
    const winner = recorded[0].kind === 'recorded' ? recorded[0].entry : undefined;
    expect(new Set(recorded.map((o) => (o.kind === 'recorded' ? o.entry.id : '')))).toEqual(new Set([winner?.id]));
    for (const [i, o] of out.entries())
      expect(o.kind).toBe(bodies[i].minutes === winner?.minutes ? 'recorded' : 'idempotency-key-reused');
    expect((await getBalance(deps, q, 'learning', '2026-2027')).usedMinutes).toBe(winner?.minutes);
  });
});

describe('year-opening summary', () => {
  it('counts every quartier opened in the year, those opened early by an hour log too; slots only when opened', async () => {
    const clock = new ManualClock(new Date('2025-04-02T16:00:00Z'));
    const deps = await testDeps({ clock });
    await openYear(deps, '2024-2025', { dryRun: false });
    const [early] = await listQuartiers(deps);
    // Hours logged in the new year before its opening ran: that quartier's year opens with them.
    await logHours(
      deps,
      { quartierId: early.id, axis: 'learning', date: '2025-04-01', minutes: H, step: 'plan' },
      { role: 'coordination', sub: 'test' },
    );
    const run = await openYear(deps, '2025-2026', { dryRun: false });
    expect(run.changed).toBe(20); // 19 quartiers + the slots
    const [summary] = await pending(deps, 'year-opening-summary', '2025-2026');
    expect(summary.data).toEqual({
      year: '2025-2026',
      quartiers: 20,
      openedBefore: 1,
      allocatedMinutes: 20 * 31 * H,
      carriedMinutes: 20 * 31 * H,
      expiredMinutes: 0,
      slots: 9,
    });

    // A quartier added later is opened by another run, which did not open the slots.
    await newQuartier(deps, '2025-2026');
    expect((await openYear(deps, '2025-2026', { dryRun: false })).changed).toBe(1);
    const summaries = await pending(deps, 'year-opening-summary', '2025-2026');
    expect(summaries).toHaveLength(2);
    const second = summaries.find((m) => m.id !== summary.id)!;
    expect(second.data).toEqual({
      year: '2025-2026',
      quartiers: 21,
      openedBefore: 20,
      allocatedMinutes: 21 * 31 * H,
      carriedMinutes: 20 * 31 * H,
      expiredMinutes: 0,
    });
  });
});
