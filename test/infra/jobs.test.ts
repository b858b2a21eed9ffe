/** The job table's two renderings: croner's (this machine) and EventBridge's (AWS), in Montreal time. */
import { Cron } from 'croner';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cronerPattern, eventBridgeExpression, JOB_NAMES, JOB_TIME_ZONE, JOBS, type JobName } from '#shared/jobs';
import { startScheduler } from '../../local/scheduler.ts';

const yearStarts = fc.record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) });

/** Wall-clock fields of an instant in Montreal. */
function montreal(d: Date) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: JOB_TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

describe('the job table', () => {
  it('opens the year at 00:05 Montreal time on the program-year start, whatever that start and year', () => {
    fc.assert(
      fc.property(yearStarts, fc.integer({ min: 2025, max: 2060 }), (start, year) => {
        const cron = new Cron(cronerPattern('open-year', start), { timezone: JOB_TIME_ZONE, paused: true });
        const next = cron.nextRun(new Date(Date.UTC(year - 1, 11, 31, 12)));
        expect(next && montreal(next)).toEqual({ year, month: start.month, day: start.day, hour: 0, minute: 5 });
      }),
    );
  });

  it('renders every job the same way for croner and for EventBridge', () => {
    fc.assert(
      fc.property(yearStarts, fc.constantFrom(...JOB_NAMES), (start, job) => {
        const aws = /^cron\((\S+) (\S+) (\S+) (\S+) \? \*\)$/.exec(eventBridgeExpression(job, start));
        expect(aws).not.toBeNull();
        const [minute, hour, day, month] = aws!.slice(1).map((f) => f.replace(/^0\//, '*/'));
        expect(cronerPattern(job, start)).toBe(`${minute} ${hour} ${day} ${month} *`);
      }),
    );
  });

  it('fires the minute jobs on the same minutes in both renderings (from :00, every n minutes)', () => {
    const minuteJobs = JOB_NAMES.filter((j) => JOBS[j].cadence.every === 'minutes');
    expect(minuteJobs.length).toBeGreaterThan(0);
    for (const job of minuteJobs) {
      const { minutes } = JOBS[job].cadence as { minutes: number };
      const cron = new Cron(cronerPattern(job, { month: 4, day: 1 }), { timezone: JOB_TIME_ZONE, paused: true });
      const runs = cron.nextRuns(60 / minutes + 1, new Date('2026-11-28T10:59:30Z'));
      expect(runs.map((d) => d.getUTCMinutes())).toEqual(
        Array.from({ length: 60 / minutes + 1 }, (_, i) => (i * minutes) % 60),
      );
      expect(eventBridgeExpression(job, { month: 4, day: 1 })).toBe(
        minutes === 1 ? 'cron(* * * * ? *)' : `cron(0/${minutes} * * * ? *)`,
      );
    }
  });
});

describe('the local scheduler', () => {
  it("runs each job with the input EventBridge's target sends", async () => {
    const calls: Array<[JobName, unknown]> = [];
    const scheduler = startScheduler(async (job, input) => void calls.push([job, input]), { month: 4, day: 1 });
    scheduler.stop();
    for (const job of JOB_NAMES) await scheduler.trigger(job);
    expect(calls).toEqual(JOB_NAMES.map((job) => [job, 'input' in JOBS[job] ? JOBS[job].input : undefined]));
    expect(calls).toContainEqual(['open-year', { dryRun: false }]);
  });
});
