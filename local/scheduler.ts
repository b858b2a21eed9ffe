/** EventBridge Scheduler's part on this machine: the jobs of shared/jobs.ts, rendered for croner, in Montreal. */
import { Cron } from 'croner';
import { cronerPattern, JOB_NAMES, JOB_TIME_ZONE, JOBS, type JobName, type YearStart } from '#shared/jobs';

export function startScheduler(run: (job: JobName, input?: unknown) => Promise<unknown>, yearStart: YearStart) {
  const running = new Set<JobName>();
  const guarded = async (job: JobName) => {
    if (running.has(job)) return; // like a schedule with no overlap
    running.add(job);
    try {
      // The same input EventBridge's target sends.
      await run(job, 'input' in JOBS[job] ? JOBS[job].input : undefined);
    } catch (e) {
      console.error(`job ${job} failed:`, (e as Error).message);
    } finally {
      running.delete(job);
    }
  };
  const crons = JOB_NAMES.map(
    (job) =>
      new Cron(
        cronerPattern(job, yearStart),
        { name: job, timezone: JOB_TIME_ZONE, protect: true },
        () => void guarded(job),
      ),
  );
  return {
    /** What runs when, as croner reads it: for the tests that hold it to the job table. */
    crons,
    stop: () => {
      for (const c of crons) c.stop();
    },
    trigger: guarded,
  };
}
