import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { carryOut, recomputeCarries, summarize, thresholdsCrossed, billableAdded } from '#domain/ledger';
import { referenceLedger } from './reference-model.ts';

const H = 60;
const rules = { annualMinutes: 31 * H, availableCapMinutes: 62 * H };

describe('the worked examples of the domain rules', () => {
  // year | carry in | used | from carry / own | billable | expiring | carry out | available
  const table = [
    {
      year: 'Y1',
      carryIn: 0,
      used: 10,
      fromCarry: 0,
      fromOwn: 10,
      billable: 0,
      expiring: 0,
      carryOut: 21,
      available: 31,
    },
    {
      year: 'Y2',
      carryIn: 21,
      used: 15,
      fromCarry: 15,
      fromOwn: 0,
      billable: 0,
      expiring: 6,
      carryOut: 31,
      available: 52,
    },
    {
      year: 'Y3',
      carryIn: 31,
      used: 0,
      fromCarry: 0,
      fromOwn: 0,
      billable: 0,
      expiring: 31,
      carryOut: 31,
      available: 62,
    },
    {
      year: 'Y4',
      carryIn: 31,
      used: 70,
      fromCarry: 31,
      fromOwn: 31,
      billable: 8,
      expiring: 0,
      carryOut: 0,
      available: 62,
    },
    {
      year: 'Y5',
      carryIn: 0,
      used: 31,
      fromCarry: 0,
      fromOwn: 31,
      billable: 0,
      expiring: 0,
      carryOut: 0,
      available: 31,
    },
  ];

  it.each(table)('$year: carry in $carryIn h, used $used h', (row) => {
    const sums = { allocatedMinutes: 31 * H, carriedInMinutes: row.carryIn * H, usedMinutes: row.used * H };
    const v = summarize(sums);
    expect(v.consumedFromCarryMinutes).toBe(row.fromCarry * H);
    expect(v.consumedOwnMinutes).toBe(row.fromOwn * H);
    expect(v.billableMinutes).toBe(row.billable * H);
    expect(v.expiringCarryMinutes).toBe(row.expiring * H);
    expect(carryOut(sums, rules, 'learning')).toBe(row.carryOut * H);
    // "available" in the table is what the year offers before any use
    expect(summarize({ ...sums, usedMinutes: 0 }).availableMinutes).toBe(row.available * H);
  });

  it('chains the five years: each carry-in is the previous carry-out', () => {
    const chain = table.map((r, i) => ({
      year: r.year,
      sums: { allocatedMinutes: 31 * H, carriedInMinutes: i === 0 ? 0 : 999, usedMinutes: r.used * H },
    }));
    recomputeCarries(chain, rules, 'learning');
    expect(chain.map((c) => c.sums.carriedInMinutes / H)).toEqual(table.map((r) => r.carryIn));
  });

  it('never carries on the additional-support axis', () => {
    expect(carryOut({ allocatedMinutes: 30 * H, carriedInMinutes: 0, usedMinutes: 0 }, rules, 'additional')).toBe(0);
  });
});

describe('entries and thresholds', () => {
  it('flags only the part of an entry beyond the available hours as billable', () => {
    const before = { allocatedMinutes: 31 * H, carriedInMinutes: 0, usedMinutes: 30 * H };
    const logged = (b: typeof before, minutes: number) =>
      billableAdded(b, { ...b, usedMinutes: b.usedMinutes + minutes });
    expect(logged(before, 2 * H)).toBe(H);
    expect(logged({ ...before, usedMinutes: 40 * H }, 15)).toBe(15);
    expect(logged({ ...before, usedMinutes: 0 }, 15)).toBe(0);
    expect(logged({ ...before, usedMinutes: 40 * H }, -15)).toBe(0);
  });

  it('reports each threshold once, when it is crossed', () => {
    const s = (used: number) => ({ allocatedMinutes: 100, carriedInMinutes: 0, usedMinutes: used });
    expect(thresholdsCrossed(s(40), s(85), [50, 80, 100], [])).toEqual([50, 80]);
    expect(thresholdsCrossed(s(40), s(85), [50, 80, 100], ['50'])).toEqual([80]);
    expect(thresholdsCrossed(s(85), s(140), [50, 80, 100], ['50', '80'])).toEqual([100]);
    expect(thresholdsCrossed(s(0), s(10), [50, 80, 100], [])).toEqual([]);
  });
});

describe('property: the incremental rules agree with the reference model', () => {
  const year = fc.record({ allocated: fc.constant(31 * H), used: fc.integer({ min: 0, max: 90 * H }) });
  it('for any history of usage', () => {
    fc.assert(
      fc.property(fc.array(year, { minLength: 1, maxLength: 8 }), (years) => {
        const chain = years.map((y, i) => ({
          year: String(i),
          sums: { allocatedMinutes: y.allocated, carriedInMinutes: 0, usedMinutes: y.used },
        }));
        recomputeCarries(chain, rules, 'learning');
        const model = referenceLedger(years, rules.annualMinutes, rules.availableCapMinutes);
        chain.forEach((c, i) => {
          const v = summarize(c.sums);
          expect(c.sums.carriedInMinutes).toBe(model[i].carriedIn);
          expect(v.billableMinutes).toBe(model[i].billable);
          expect(v.availableMinutes).toBe(model[i].available);
          expect(v.expiringCarryMinutes).toBe(model[i].expiring);
          // never more than 62 h available, never negative
          expect(c.sums.allocatedMinutes + c.sums.carriedInMinutes).toBeLessThanOrEqual(rules.availableCapMinutes);
          expect(v.availableMinutes).toBeGreaterThanOrEqual(0);
        });
      }),
      { numRuns: 300 },
    );
  });
});
