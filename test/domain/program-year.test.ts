import { describe, expect, it } from 'vitest';
import {
  addDays,
  businessDaysBetween,
  localDateAt,
  programYearOf,
  yearEndDate,
  yearStartDate,
} from '#domain/program-year';
import { montrealInstant, sessionSpan, dueReminder } from '#domain/calendar';

const april = { month: 4, day: 1 };

describe('program years', () => {
  it.each([
    ['2025-03-31', '2024-2025'],
    ['2025-04-01', '2025-2026'],
    ['2026-01-15', '2025-2026'],
    ['2026-03-31', '2025-2026'],
  ])('%s belongs to %s', (date, year) => expect(programYearOf(date, april)).toBe(year));

  it('follows a configured start date', () => {
    expect(programYearOf('2025-08-31', { month: 9, day: 1 })).toBe('2024-2025');
    expect(yearStartDate('2025-2026', { month: 9, day: 1 })).toBe('2025-09-01');
    expect(yearEndDate('2025-2026', april)).toBe('2026-03-31');
    expect(yearEndDate('2023-2024', { month: 3, day: 1 })).toBe('2024-02-29');
  });

  it('reads the local date in Montreal, not UTC', () => {
    // 2025-04-01 02:00 UTC is still 31 March in Montreal (EDT, UTC-4)
    expect(localDateAt(new Date('2025-04-01T02:00:00Z'))).toBe('2025-03-31');
    expect(programYearOf(localDateAt(new Date('2025-04-01T02:00:00Z')), april)).toBe('2024-2025');
    expect(localDateAt(new Date('2025-04-01T05:00:00Z'))).toBe('2025-04-01');
  });

  it('counts business days', () => {
    expect(businessDaysBetween('2026-11-27', '2026-12-04')).toBe(5); // Fri → next Fri
    expect(businessDaysBetween('2026-11-27', '2026-11-30')).toBe(1); // weekend skipped
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
  });
});

describe('session times in America/Montreal', () => {
  it('turns wall-clock times into the right instants across DST', () => {
    expect(montrealInstant('2026-01-15', '09:00').toISOString()).toBe('2026-01-15T14:00:00.000Z'); // EST
    expect(montrealInstant('2026-07-15', '09:00').toISOString()).toBe('2026-07-15T13:00:00.000Z'); // EDT
    const two = sessionSpan('2026-10-19', '09:00', 'two-days');
    expect(two.end.toISOString()).toBe('2026-10-20T20:00:00.000Z');
  });

  it('chooses the reminder due', () => {
    expect(dueReminder(9, [7, 1])).toBeUndefined();
    expect(dueReminder(7, [7, 1])).toBe(7);
    expect(dueReminder(3, [7, 1])).toBe(7);
    expect(dueReminder(1, [7, 1])).toBe(1);
    expect(dueReminder(-1, [7, 1])).toBeUndefined();
  });
});
