import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nextArrivalWaits, offerLastDay, offerOver, placementOf, waitingPosition, yearOver } from '#domain/slots';

const yearStart = { month: 4, day: 1 };

describe('first come, first served', () => {
  it('property: of n arrivals, the first `capacity` hold slots 1…capacity, the others wait at 1…n−capacity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 80 }), (capacity, n) => {
        const slots: number[] = [];
        const positions: number[] = [];
        let waitSeq = 0;
        for (let grantSeq = 1; grantSeq <= n; grantSeq++) {
          const p = placementOf({ capacity, grantSeq, waitSeq, waitOut: 0 });
          if (p.kind === 'own-slot') slots.push(p.slot);
          else positions.push(waitingPosition({ waitSeq: ++waitSeq, waitOut: 0 }));
        }
        expect(slots).toEqual(Array.from({ length: Math.min(n, capacity) }, (_, i) => i + 1));
        expect(positions).toEqual(Array.from({ length: Math.max(0, n - capacity) }, (_, i) => i + 1));
      }),
    );
  });

  it('a place in line counts only those still waiting ahead', () => {
    expect(waitingPosition({ waitSeq: 7, waitOut: 3 })).toBe(4);
  });

  it('property: a counter that says the next arrival surely waits never leaves it a slot of its own or a freed one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 0, max: 3 }),
        (capacity, grantSeq, freeSlots) => {
          const counter = { capacity, grantSeq, waitSeq: 0, waitOut: 0, freeSlots };
          const next = placementOf({ ...counter, grantSeq: grantSeq + 1 });
          expect(nextArrivalWaits(counter)).toBe(next.kind === 'freed-or-wait' && freeSlots === 0);
        },
      ),
    );
  });
});

describe('offers', () => {
  it('end at their deadline, and in any case with their program year', () => {
    const offer = { offerExpiresAt: '2027-01-10T05:00:00.000Z', year: '2026-2027' };
    expect(offerOver(offer, new Date('2027-01-10T04:59:59Z'), yearStart)).toBe(false);
    expect(offerOver(offer, new Date('2027-01-10T05:00:00Z'), yearStart)).toBe(true);
    const late = { offerExpiresAt: '2027-04-20T04:00:00.000Z', year: '2026-2027' };
    expect(offerOver(late, new Date('2027-03-31T20:00:00Z'), yearStart)).toBe(false);
    expect(offerOver(late, new Date('2027-04-01T12:00:00Z'), yearStart)).toBe(true);
  });

  it('name their last day in Montreal time, the day before the midnight they end at', () => {
    expect(offerLastDay({ offerExpiresAt: '2027-01-10T05:00:00.000Z' })).toBe('2027-01-09');
    expect(offerLastDay({})).toBeUndefined();
  });

  it('a year is over from the day after its last day, in Montreal', () => {
    expect(yearOver('2026-2027', new Date('2027-04-01T03:59:00Z'), yearStart)).toBe(false);
    expect(yearOver('2026-2027', new Date('2027-04-01T04:00:00Z'), yearStart)).toBe(true);
  });
});
