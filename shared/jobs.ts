/**
 * The scheduled jobs, and when they run: the one table that both EventBridge Scheduler (infra/) and the local
 * scheduler (local/scheduler.ts) render, so AWS and this machine fire at the same wall-clock minutes.
 */

/** Every schedule is read on Montreal's wall clock (daylight saving included), as the program is. */
export const JOB_TIME_ZONE = 'America/Montreal';

/** The program-year start; it is a setting, so the yearly job takes it rather than fixing a date. */
export type YearStart = { month: number; day: number };

export type Cadence =
  /**
   * On the program-year start day. Five minutes past midnight, not at midnight: the job computes the year from
   * its own clock, and a run a few milliseconds early would open the year that is ending.
   */
  | { every: 'year'; hour: number; minute: number }
  | { every: 'day'; hour: number; minute: number }
  /** Aligned on the hour (:00, :15…), so both renderings fire at the same minutes; must divide 60. */
  | { every: 'minutes'; minutes: number };

export type JobDefinition = {
  entry: string;
  description: string;
  cadence: Cadence;
  /** What the scheduler sends the function (EventBridge's target input; the local scheduler passes the same). */
  input?: Record<string, unknown>;
};

export const JOBS = {
  'open-year': {
    entry: 'functions/open-year/handler.ts',
    description: 'Yearly opening at the program-year start',
    cadence: { every: 'year', hour: 0, minute: 5 },
    input: { dryRun: false },
  },
  daily: {
    entry: 'functions/daily/handler.ts',
    description: 'Reminders, re-routing, expiry notices',
    cadence: { every: 'day', hour: 7, minute: 0 },
  },
  'outbox-sweep': {
    entry: 'functions/outbox-sweep/handler.ts',
    description: 'Email retries and stragglers',
    cadence: { every: 'minutes', minutes: 1 },
  },
  'expire-offers': {
    entry: 'functions/expire-offers/handler.ts',
    description: 'Expired slot offers',
    cadence: { every: 'minutes', minutes: 15 },
  },
} as const satisfies Record<string, JobDefinition>;
export type JobName = keyof typeof JOBS;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];

/** The cron fields both renderings share: minute, hour, day of month, month. */
function fields(cadence: Cadence, yearStart: YearStart): [string, string, string, string] {
  switch (cadence.every) {
    case 'year':
      return [String(cadence.minute), String(cadence.hour), String(yearStart.day), String(yearStart.month)];
    case 'day':
      return [String(cadence.minute), String(cadence.hour), '*', '*'];
    case 'minutes':
      if (cadence.minutes < 1 || 60 % cadence.minutes !== 0)
        throw new Error(`a job every ${cadence.minutes} minutes would drift against the hour`);
      return [cadence.minutes === 1 ? '*' : `*/${cadence.minutes}`, '*', '*', '*'];
  }
}

/** croner's five-field pattern (minute hour day month weekday). */
export function cronerPattern(job: JobName, yearStart: YearStart): string {
  return [...fields(JOBS[job].cadence, yearStart), '*'].join(' ');
}

/**
 * EventBridge Scheduler's `cron(minutes hours day-of-month month day-of-week year)`: `?` for the weekday, since
 * the day of the month is given, and `0/n` for croner's `*\/n` (the same minutes: both count from :00).
 */
export function eventBridgeExpression(job: JobName, yearStart: YearStart): string {
  const [minute, hour, day, month] = fields(JOBS[job].cadence, yearStart);
  return `cron(${minute.replace(/^\*\//, '0/')} ${hour} ${day} ${month} ? *)`;
}
