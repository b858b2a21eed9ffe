/** Session times: local Montreal wall-clock times turned into instants, and each duration's span. */
import { TIME_ZONE, addDays } from './program-year.ts';

export type Duration = 'half-day' | 'full-day' | 'two-days';

const SPAN_MINUTES: Record<Duration, { days: number; minutes: number }> = {
  'half-day': { days: 0, minutes: 210 },
  'full-day': { days: 0, minutes: 420 },
  // Two full days: 9:00 on day one to 16:00 on day two.
  'two-days': { days: 1, minutes: 420 },
};

function offsetMs(instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - instant;
}

/** The instant at which Montreal's clocks show `date` `time`. */
export function montrealInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let utc = wall - offsetMs(wall);
  const second = offsetMs(utc);
  if (wall - second !== utc) utc = wall - second;
  return new Date(utc);
}

export function sessionSpan(date: string, startTime: string, duration: Duration): { start: Date; end: Date } {
  const span = SPAN_MINUTES[duration];
  const start = montrealInstant(date, startTime);
  const endDay = montrealInstant(addDays(date, span.days), startTime);
  return { start, end: new Date(endDay.getTime() + span.minutes * 60_000) };
}

/** Which reminder (days before) is due today, if any: the largest one not yet passed. */
export function dueReminder(daysUntil: number, reminderDays: number[]): number | undefined {
  const sorted = [...reminderDays].sort((a, b) => a - b);
  if (daysUntil < 0) return undefined;
  return sorted.find((d) => daysUntil <= d);
}
