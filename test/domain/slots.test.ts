import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { offerLastDay, offerOver, placementOf, waitingPosition, yearOver } from '#domain/slots';

const yearStart = { month: 4, day: 1 };

describe('first come, first served', () => {
  it('property: of n arrivals, the first `capacity` hold slots 1…capacity, the others wait at 1…n−capacity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 80 }), (capacity, n) => {
        const slots: number[] = [];
        const positions: number[] = [];
        for (let grantSeq = 1; grantSeq <= n; grantSeq++) {
          const counter = { capacity, grantSeq, waitOut: 0 };
          const p = placementOf(counter);
          if (p.kind === 'own-slot') slots.push(p.slot);
          else positions.push(waitingPosition(counter));
        }
        expect(slots).toEqual(Array.from({ length: Math.min(n, capacity) }, (_, i) => i + 1));
        expect(positions).toEqual(Array.from({ length: Math.max(0, n - capacity) }, (_, i) => i + 1));
      }),
    );
  });

  it('a place in line counts only those still waiting ahead', () => {
    // Nine slots, fifteen arrivals: six ranked beyond them, of whom three are no longer in line.
    expect(waitingPosition({ capacity: 9, grantSeq: 15, waitOut: 3 })).toBe(3);
  });

  it('property: an arrival is told the length of the line it joins, whoever took a freed slot or left before', () => {
    const event = fc.constantFrom('arrive', 'release', 'leave');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(event, { maxLength: 120 }), (capacity, events) => {
        // The counter as the store keeps it, beside the line as it is.
        const counter = { capacity, grantSeq: 0, waitOut: 0, freeSlots: 0 };
        const line: number[] = [];
        for (const e of events) {
          if (e === 'arrive') {
            counter.grantSeq++;
            if (placementOf(counter).kind === 'own-slot') continue;
            if (counter.freeSlots > 0) {
              // takeFreed: one fewer free slot, one more arrival beyond the capacity not in line.
              counter.freeSlots--;
              counter.waitOut++;
              continue;
            }
            line.push(counter.grantSeq);
            expect(waitingPosition(counter)).toBe(line.length);
          } else if (e === 'release' && counter.grantSeq > 0) {
            // A slot released: the first in line is offered it (and leaves the line), else it is marked free.
            if (line.shift() !== undefined) counter.waitOut++;
            else counter.freeSlots++;
          } else if (e === 'leave' && line.length) {
            line.splice(Math.floor(line.length / 2), 1);
            counter.waitOut++;
          }
        }
      }),
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
