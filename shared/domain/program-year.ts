/** Program years ("2025-2026") and calendar arithmetic on local dates (YYYY-MM-DD, America/Montreal). */

export const TIME_ZONE = 'America/Montreal';
export type YearStart = { month: number; day: number };
export type LocalDate = string;

const YEAR_ID = /^(\d{4})-(\d{4})$/;

export function yearId(startYear: number): string {
  return `${startYear}-${startYear + 1}`;
}

export function startYearOf(id: string): number {
  const m = YEAR_ID.exec(id);
  if (!m) throw new Error(`not a program year id: ${id}`);
  return Number(m[1]);
}

export const nextYear = (id: string): string => yearId(startYearOf(id) + 1);
export const previousYear = (id: string): string => yearId(startYearOf(id) - 1);

const pad = (n: number) => String(n).padStart(2, '0');

/** The program year a local date belongs to. */
export function programYearOf(date: LocalDate, start: YearStart): string {
  const [y, m, d] = date.split('-').map(Number);
  const onOrAfterStart = m > start.month || (m === start.month && d >= start.day);
  return yearId(onOrAfterStart ? y : y - 1);
}

export function yearStartDate(id: string, start: YearStart): LocalDate {
  return `${startYearOf(id)}-${pad(start.month)}-${pad(start.day)}`;
}

/** A year has begun once Montreal's date reaches its first day: opening it earlier would close the running year. */
export function hasStarted(id: string, today: LocalDate, start: YearStart): boolean {
  return today >= yearStartDate(id, start);
}

/** Last day of the program year (the day before the next one starts). */
export function yearEndDate(id: string, start: YearStart): LocalDate {
  return addDays(yearStartDate(nextYear(id), start), -1);
}

/** The local date in Montreal at an instant. */
export function localDateAt(instant: Date): LocalDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  const ms = (s: LocalDate) => Date.parse(`${s}T00:00:00Z`);
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}

const isWeekend = (date: LocalDate) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};

/** Business days (Monday to Friday) strictly after `from` up to and including `to`. Holidays are not modelled. */
export function businessDaysBetween(from: LocalDate, to: LocalDate): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (!isWeekend(d)) count++;
  return count;
}

export function isValidLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return addDays(value, 0) === value;
}
