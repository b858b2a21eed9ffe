import { describe, expect, it, beforeAll } from 'vitest';
import { addContact } from '#usecases/contacts';
import fc from 'fast-check';
import { testDeps, ManualClock, uniq } from '../support/harness.ts';
import { logHours } from '#usecases/log-hours';
import { adjustLedger } from '#usecases/adjust-ledger';
import { getBalance, getLedger } from '#usecases/get-balance';
import { openQuartierYear, openYear } from '#usecases/open-year';
import { createQuartier } from '#usecases/quartiers';
import { keys } from '#adapters/dynamodb/keys';
import type { OutboxRecord } from '#usecases/outbox';
import type { Deps } from '#shared/ports';
import type { Principal } from '#shared/auth';
import { referenceLedger } from '../domain/reference-model.ts';

const H = 60;
const team: Principal = { role: 'coordination', sub: 'test-coordination' };
const YEARS = ['2021-2022', '2022-2023', '2023-2024', '2024-2025', '2025-2026'];
const dateIn = (year: string, dayOffset = 0) =>
  `${Number(year.slice(0, 4)) + (dayOffset > 250 ? 1 : 0)}-${String(dayOffset > 250 ? 1 : 5).padStart(2, '0')}-${String(1 + (dayOffset % 27)).padStart(2, '0')}`;

async function newQuartier(deps: Deps, enrolledYear = YEARS[0]) {
  const id = `q-${uniq()}`;
  await createQuartier(deps, {
    id,
    name: `Quartier ${id}`,
    advisor: { name: 'Conseil', email: `advisor-${id}@example.org` },
    enrolledYear,
  });
  return id;
}

describe('hour ledger on DynamoDB Local', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await testDeps({ clock: new ManualClock(new Date('2026-11-27T15:00:00Z')) });
  });

  it('reproduces the worked examples year after year, through logs and yearly openings', async () => {
    const q = await newQuartier(deps);
    const used = [10, 15, 0, 70, 31];
    for (const [i, year] of YEARS.entries()) {
      await openYear(deps, year, { dryRun: false });
      if (used[i])
        await logHours(
          deps,
          { quartierId: q, axis: 'learning', date: dateIn(year), minutes: used[i] * H, step: 'plan' },
          team,
        );
    }
    const rows = await Promise.all(YEARS.map((y) => getBalance(deps, q, 'learning', y)));
    expect(rows.map((b) => b.carriedInMinutes / H)).toEqual([0, 21, 31, 31, 0]);
    expect(rows.map((b) => b.billableMinutes / H)).toEqual([0, 0, 0, 8, 0]);
    expect(rows.map((b) => (b.allocatedMinutes + b.carriedInMinutes) / H)).toEqual([31, 52, 62, 62, 31]);
    expect(rows[3].availableMinutes).toBe(0);
    const y2 = await getLedger(deps, q, 'learning', YEARS[1]);
    expect(y2.map((e) => [e.kind, e.minutes])).toEqual(
      expect.arrayContaining([
        ['allocation', 31 * H],
        ['carry-in', 21 * H],
        ['consumption', 15 * H],
        ['expiry', -6 * H],
      ]),
    );
  });

  it('records hours dated in a closed year there, and recomputes the carry of the years after', async () => {
    const q = await newQuartier(deps);
    for (const y of YEARS.slice(0, 3)) await openYear(deps, y, { dryRun: false });
    // Y1 unused → Y2 gets 31 carried; Y2 unused → Y3 gets 31.
    expect((await getBalance(deps, q, 'learning', YEARS[1])).carriedInMinutes).toBe(31 * H);
    // Late: 20 h done in Y1 are typed in during Y3.
    await logHours(deps, { quartierId: q, axis: 'learning', date: dateIn(YEARS[0]), minutes: 20 * H }, team);
    const [y1, y2, y3] = await Promise.all(YEARS.slice(0, 3).map((y) => getBalance(deps, q, 'learning', y)));
    expect(y1.usedMinutes).toBe(20 * H);
    expect(y2.carriedInMinutes).toBe(11 * H);
    expect(y3.carriedInMinutes).toBe(31 * H); // Y2's own hours were never touched
    const entries = await getLedger(deps, q, 'learning', YEARS[1]);
    expect(entries.filter((e) => e.kind === 'carry-adjustment').map((e) => e.minutes)).toEqual([-20 * H]);
    expect(entries.filter((e) => e.kind === 'expiry-adjustment').map((e) => e.minutes)).toEqual([20 * H]);
  });

  it('refuses hours dated in the future, and before the quartier was enrolled', async () => {
    const q = await newQuartier(deps, '2024-2025');
    expect(await logHours(deps, { quartierId: q, axis: 'learning', date: '2026-11-28', minutes: 60 }, team)).toEqual({
      kind: 'future-date',
    });
    expect(await logHours(deps, { quartierId: q, axis: 'learning', date: '2023-06-01', minutes: 60 }, team)).toEqual({
      kind: 'before-enrolment',
    });
    expect(await getLedger(deps, q, 'learning', '2024-2025')).toEqual([]);
  });

  it('loses no update under concurrent logs (version-guarded balance)', async () => {
    const q = await newQuartier(deps);
    await Promise.all(
      Array.from({ length: 40 }, () =>
        logHours(deps, { quartierId: q, axis: 'learning', date: '2026-10-01', minutes: 45 }, team),
      ),
    );
    const b = await getBalance(deps, q, 'learning', '2026-2027');
    expect(b.usedMinutes).toBe(40 * 45);
    expect(b.billableMinutes).toBe(Math.max(0, 40 * 45 - b.allocatedMinutes - b.carriedInMinutes));
    const consumption = (await getLedger(deps, q, 'learning', '2026-2027')).filter((e) => e.kind === 'consumption');
    expect(consumption).toHaveLength(40);
    // Billable flags on the entries add up to the balance's billable minutes: no minute counted twice.
    expect(consumption.reduce((s, e) => s + (e.billableMinutes ?? 0), 0)).toBe(b.billableMinutes);
  });

  it('notifies 50 %, 80 %, 100 % and the first billable entry of a year, each once', async () => {
    const q = await newQuartier(deps, '2026-2027');
    await addContact(deps, q, { name: 'Zoé', email: `contact-${q}@example.org`, locale: 'fr' }, 'test');
    for (const hours of [10, 10, 6, 5, 2, 3])
      await logHours(deps, { quartierId: q, axis: 'learning', date: '2026-09-01', minutes: hours * H }, team);
    const mine = (await deps.store.query<OutboxRecord>(keys.outboxByStatus('pending'))).filter(
      (m) => m.subjectRef === q,
    );
    const kinds = mine
      .map((m) => (m.template === 'hours-threshold' ? `${(m.data as { percent: number }).percent}%` : m.template))
      .sort();
    expect(kinds).toEqual(['100%', '50%', '80%', 'hours-billable']);
    // The contacts on file are told, the advisor on file copied with the team.
    expect(mine[0].to).toEqual([`contact-${q}@example.org`]);
    expect(mine[0].cc).toEqual([`advisor-${q}@example.org`, deps.config.mail.team]);
  });

  it('an hour log sent twice with the same idempotency key is recorded once', async () => {
    const q = await newQuartier(deps);
    const a = await logHours(deps, { quartierId: q, axis: 'learning', date: '2026-10-01', minutes: 90 }, team, 'key-1');
    const b = await logHours(deps, { quartierId: q, axis: 'learning', date: '2026-10-01', minutes: 90 }, team, 'key-1');
    expect(a.kind === 'recorded' && b.kind === 'recorded' && a.entry.id === b.entry.id).toBe(true);
    expect((await getBalance(deps, q, 'learning', '2026-2027')).usedMinutes).toBe(90);
  });

  it('adjustments carry an author and a reason, and count in the balance', async () => {
    const q = await newQuartier(deps);
    await adjustLedger(
      deps,
      {
        quartierId: q,
        axis: 'learning',
        year: '2026-2027',
        target: 'allocation',
        minutes: 5 * H,
        reason: 'correction',
      },
      team,
    );
    const b = await getBalance(deps, q, 'learning', '2026-2027');
    expect(b.allocatedMinutes).toBe(36 * H);
    const adj = (await getLedger(deps, q, 'learning', '2026-2027')).find((e) => e.kind === 'adjustment');
    expect(adj).toMatchObject({ author: 'test-coordination', reason: 'correction', minutes: 5 * H });
  });
});

describe('property: random logs, late logs, adjustments and openings agree with the reference model', () => {
  it('for every year of every generated history', async () => {
    const deps = await testDeps({ clock: new ManualClock(new Date('2026-11-27T15:00:00Z')) });
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('log' as const),
        year: fc.integer({ min: 0, max: 4 }),
        minutes: fc.integer({ min: 1, max: 40 * H }),
        day: fc.integer({ min: 0, max: 300 }),
      }),
      fc.record({
        kind: fc.constant('adjust' as const),
        year: fc.integer({ min: 0, max: 4 }),
        target: fc.constantFrom('allocation' as const, 'usage' as const),
        minutes: fc.integer({ min: -10 * H, max: 10 * H }).filter((m) => m !== 0),
      }),
      fc.record({ kind: fc.constant('open' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const q = await newQuartier(deps);
        await openQuartierYear(deps, { id: q }, YEARS[0]);
        let opened = 1;
        const model = [{ allocated: 31 * H, used: 0 }];
        for (const o of ops) {
          if (o.kind === 'open') {
            if (opened >= YEARS.length) continue;
            await openQuartierYear(deps, { id: q }, YEARS[opened]);
            model.push({ allocated: 31 * H, used: 0 });
            opened++;
            continue;
          }
          // Only years already open: an entry in an earlier one is a late entry.
          const y = o.year % opened;
          if (o.kind === 'log') {
            await logHours(
              deps,
              { quartierId: q, axis: 'learning', date: dateIn(YEARS[y], o.day), minutes: o.minutes },
              team,
            );
            model[y].used += o.minutes;
          } else {
            const out = await adjustLedger(
              deps,
              {
                quartierId: q,
                axis: 'learning',
                year: YEARS[y],
                target: o.target,
                minutes: o.minutes,
                reason: 'property test',
              },
              team,
            );
            // No total goes negative: exactly the adjustments that would make one are refused.
            const field = o.target === 'allocation' ? 'allocated' : 'used';
            expect(out.kind).toBe(model[y][field] + o.minutes < 0 ? 'negative-total' : 'recorded');
            if (out.kind === 'recorded') model[y][field] += o.minutes;
          }
        }
        const expected = referenceLedger(model, 31 * H, 62 * H);
        for (let y = 0; y < opened; y++) {
          const b = await getBalance(deps, q, 'learning', YEARS[y]);
          expect({
            year: YEARS[y],
            carriedIn: b.carriedInMinutes,
            billable: b.billableMinutes,
            available: b.availableMinutes,
            expiring: b.expiringCarryMinutes,
          }).toEqual({
            year: YEARS[y],
            carriedIn: expected[y].carriedIn,
            billable: expected[y].billable,
            available: Math.max(0, expected[y].available),
            expiring: expected[y].expiring,
          });
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('expiry reminder', () => {
  it('tells a quartier whose carried hours expire within 60 days, once', async () => {
    const { remindExpiringCarry } = await import('#usecases/remind-expiring-carry');
    const clock = new ManualClock(new Date('2026-01-15T15:00:00Z'));
    const deps = await testDeps({ clock });
    const q = await newQuartier(deps, '2024-2025');
    await addContact(deps, q, { name: 'Zoé', email: `contact-${q}@example.org`, locale: 'en' }, 'test');
    await openQuartierYear(deps, { id: q }, '2024-2025');
    await openQuartierYear(deps, { id: q }, '2025-2026'); // 31 h carried in, expiring 31 March 2026
    expect(await remindExpiringCarry(deps)).toEqual({ reminded: 0 }); // 75 days ahead
    clock.set('2026-02-01T15:00:00Z'); // 58 days ahead
    expect(await remindExpiringCarry(deps)).toEqual({ reminded: 1 });
    expect(await remindExpiringCarry(deps)).toEqual({ reminded: 0 });
    const [msg] = (await deps.store.query<OutboxRecord>(keys.outboxByStatus('pending'))).filter(
      (m) => m.template === 'carry-expiry-reminder',
    );
    expect(msg).toMatchObject({
      to: [`contact-${q}@example.org`],
      cc: [`advisor-${q}@example.org`, deps.config.mail.team],
      locale: 'en',
      data: { expiringMinutes: 31 * H, expiresOn: '2026-03-31' },
    });
  });
});
