/** The scheduled jobs: one source for the CDK schedules and the local scheduler. */
export const JOBS = {
  'open-year': {
    entry: 'functions/open-year/handler.ts',
    description: 'Yearly opening at the program-year start',
    cron: (m: number, d: number) => `0 0 ${d} ${m} *`,
  },
  daily: {
    entry: 'functions/daily/handler.ts',
    description: 'Reminders, re-routing, expiry notices',
    cron: () => '0 7 * * *',
  },
  'outbox-sweep': {
    entry: 'functions/outbox-sweep/handler.ts',
    description: 'Email retries and stragglers',
    cron: () => '* * * * *',
  },
  'expire-offers': {
    entry: 'functions/expire-offers/handler.ts',
    description: 'Expired slot offers',
    cron: () => '*/15 * * * *',
  },
} as const;
export type JobName = keyof typeof JOBS;
