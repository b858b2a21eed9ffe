import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { shiftBillable } from '#domain/ledger';
import { hasStarted } from '#domain/program-year';

const start = { month: 4, day: 1 };

describe('a program year has started on its first day (Montreal), not before', () => {
  it('on the day before, the day itself, and after', () => {
    expect(hasStarted('2027-2028', '2027-03-31', start)).toBe(false);
    expect(hasStarted('2027-2028', '2027-04-01', start)).toBe(true);
    expect(hasStarted('2026-2027', '2027-03-31', start)).toBe(true);
  });
});

describe('property: moving a later year’s billable minutes onto its entries', () => {
  // Entries oldest first, flagged as the ledger flags them: billable minutes are the latest ones (a suffix).
  const history = fc
    .tuple(fc.array(fc.integer({ min: 1, max: 1440 }), { minLength: 1, maxLength: 12 }), fc.nat())
    .map(([minutes, b]) => {
      const total = minutes.reduce((s, m) => s + m, 0);
      let billable = b % (total + 1);
      const entries = minutes.map((m) => ({ minutes: m, billableMinutes: 0 }));
      for (let i = entries.length - 1; i >= 0 && billable > 0; i--) {
        const take = Math.min(entries[i].minutes, billable);
        entries[i].billableMinutes = take;
        billable -= take;
      }
      return entries;
    });

  it('moves exactly the billable change (within what can move), keeps flags within each entry, flags the latest', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: -50_000, max: 50_000 }), (entries, delta) => {
        const sum = (es: Array<{ billableMinutes?: number }>) => es.reduce((s, e) => s + (e.billableMinutes ?? 0), 0);
        const total = entries.reduce((s, e) => s + e.minutes, 0);
        const before = sum(entries);
        const changed = shiftBillable(
          entries.map((e, i) => ({ ...e, i })),
          delta,
        );
        const after = entries.map((e, i) => changed.find((c) => c.i === i) ?? e);
        const expected = Math.min(total, Math.max(0, before + delta));
        expect(sum(after)).toBe(expected);
        for (const e of after) {
          expect(e.billableMinutes).toBeGreaterThanOrEqual(0);
          expect(e.billableMinutes).toBeLessThanOrEqual(e.minutes);
        }
        // Still a suffix: once an entry is billable, every later entry is wholly billable.
        const first = after.findIndex((e) => (e.billableMinutes ?? 0) > 0);
        if (first >= 0) for (const e of after.slice(first + 1)) expect(e.billableMinutes).toBe(e.minutes);
      }),
      { numRuns: 500 },
    );
  });
});
