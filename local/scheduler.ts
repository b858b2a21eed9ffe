/** EventBridge Scheduler's part on this machine: the same jobs on the same crons, America/Montreal. */
import { Cron } from 'croner';
import { JOBS, type JobName } from '#shared/jobs';

export function startScheduler(
  run: (job: JobName) => Promise<unknown>,
  yearStart: { month: number; day: number },
  opts: { sweepEverySeconds?: number } = {},
) {
  const running = new Set<JobName>();
  const guarded = async (job: JobName) => {
    if (running.has(job)) return; // like a schedule with no overlap
    running.add(job);
    try {
      await run(job);
    } catch (e) {
      console.error(`job ${job} failed:`, (e as Error).message);
    } finally {
      running.delete(job);
    }
  };
  const crons = (Object.keys(JOBS) as JobName[]).map((job) => {
    // Locally the outbox sweep runs more often than AWS's one-minute floor, so a restored SES is seen quickly.
    const pattern =
      job === 'outbox-sweep' && opts.sweepEverySeconds
        ? `*/${opts.sweepEverySeconds} * * * * *`
        : JOBS[job].cron(yearStart.month, yearStart.day);
    return new Cron(pattern, { timezone: 'America/Montreal', protect: true }, () => void guarded(job));
  });
  return {
    stop: () => {
      for (const c of crons) c.stop();
    },
    trigger: guarded,
  };
}
