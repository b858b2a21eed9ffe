/** The arithmetic of the input rules, over every value: times of day, the date window, year ids. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DATE_MAX, DATE_MIN, LocalDateSchema, SessionInputSchema, YearIdSchema } from '#shared/schemas';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const session = (extra: Record<string, unknown>) => ({
  activityId: 'atelier',
  date: '2027-01-10',
  duration: 'half-day',
  ...extra,
});

describe('input rules over every value', () => {
  it('a start time is taken exactly when it is HH:MM with 0 ≤ HH ≤ 23 and 0 ≤ MM ≤ 59', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (h, m) => {
        const ok = SessionInputSchema.safeParse(session({ startTime: `${pad(h)}:${pad(m)}` })).success;
        expect(ok).toBe(h <= 23 && m <= 59);
      }),
      { numRuns: 2000 },
    );
  });

  it('a calendar date is taken exactly when it lies between 2000-01-01 and 2099-12-31', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          expect(LocalDateSchema.safeParse(iso).success).toBe(iso >= DATE_MIN && iso <= DATE_MAX);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a program year id is taken exactly when it is two consecutive years inside the window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9998 }), fc.integer({ min: -1, max: 2 }), (start, step) => {
        const end = start + step;
        if (end < 0 || end > 9999) return;
        const ok = YearIdSchema.safeParse(`${pad(start, 4)}-${pad(end, 4)}`).success;
        expect(ok).toBe(step === 1 && start >= 2000 && end <= 2099);
      }),
      { numRuns: 2000 },
    );
  });
});
