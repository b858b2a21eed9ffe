/** The API gateway, the scheduler and the stream poller around the same handlers Lambda runs. */
import type { IncomingMessage } from 'node:http';
import { startGateway, type LocalRoute } from './http-gateway.ts';
import { startScheduler } from './scheduler.ts';
import { startStreamPoller } from './stream-poller.ts';
import { handler as api } from '#functions/api/handler';
import { handler as notifier } from '#functions/notifier/handler';
import { handler as sweep } from '#functions/outbox-sweep/handler';
import { handler as daily } from '#functions/daily/handler';
import { handler as openYear } from '#functions/open-year/handler';
import { handler as expireOffers } from '#functions/expire-offers/handler';
import { getDeps } from '#shared/wiring';
import { authenticate, signLocalToken } from '#shared/auth';
import * as z from 'zod/mini';
import { LocalSignInSchema, YearIdSchema } from '#shared/schemas';
import type { JobName } from '#shared/jobs';
import type { Deps } from '#shared/ports';

const JobEventSchema = z.strictObject({ year: z.optional(YearIdSchema), dryRun: z.optional(z.boolean()) });

const JOB_HANDLERS: Record<JobName, (e?: unknown) => Promise<unknown>> = {
  'open-year': (e) => openYear(e ?? {}),
  daily: () => daily(),
  'outbox-sweep': () => sweep(),
  'expire-offers': () => expireOffers(),
};

/** Routes that exist only on this machine: the local sign-in (Cognito's stand-in) and manual job triggers. */
export function makeLocalRoutes(
  deps: Deps,
  jobs: Partial<Record<JobName, (e?: unknown) => Promise<unknown>>> = JOB_HANDLERS,
): LocalRoute[] {
  const isCoordination = async (req: IncomingMessage) =>
    (await authenticate(req.headers.authorization, deps.config))?.role === 'coordination';
  return [
    {
      method: 'POST',
      path: /^\/local\/sign-in$/,
      handle: async (_req, body) => {
        let input: unknown;
        try {
          input = JSON.parse(body || '{}');
        } catch {
          return { status: 400, body: { error: 'validation' } };
        }
        const parsed = LocalSignInSchema.safeParse(input);
        if (!parsed.success || (parsed.data.role === 'partner' && !parsed.data.partnerId))
          return { status: 400, body: { error: 'validation' } };
        return {
          status: 200,
          body: {
            token: await signLocalToken(deps.config.auth.localSigningKey!, parsed.data.role, parsed.data.partnerId),
          },
        };
      },
    },
    {
      method: 'POST',
      path: /^\/local\/jobs\/([a-z-]+)$/,
      handle: async (req, body, m) => {
        if (!(await isCoordination(req))) return { status: 401, body: { error: 'unauthorized' } };
        const job = Object.hasOwn(jobs, m[1]) ? jobs[m[1] as JobName] : undefined;
        if (!job) return { status: 404, body: { error: 'unknown job' } };
        let event: unknown;
        try {
          event = body ? JSON.parse(body) : undefined;
        } catch {
          return { status: 400, body: { error: 'validation' } };
        }
        // The opening's own handler falls back to "open the current year for real" on an event it cannot read;
        // by hand, a typo must be refused instead.
        if (event !== undefined && !JobEventSchema.safeParse(event).success)
          return { status: 400, body: { error: 'validation' } };
        return { status: 200, body: { job: m[1], result: await job(event) } };
      },
    },
  ];
}

export async function runLocalSystem(opts: {
  port: number;
  webDir: string;
  streamArn: string;
  dynamoEndpoint: string;
  scheduler?: boolean;
}) {
  const deps = await getDeps();
  const settings = await deps.settings();
  const scheduler =
    opts.scheduler === false ? undefined : startScheduler((job, input) => JOB_HANDLERS[job](input), settings.yearStart);
  const poller = startStreamPoller({ endpoint: opts.dynamoEndpoint, streamArn: opts.streamArn, handler: notifier });
  const server = await startGateway({ port: opts.port, api, webDir: opts.webDir, localRoutes: makeLocalRoutes(deps) });
  return {
    server,
    stop: async () => {
      scheduler?.stop();
      poller.stop();
      await new Promise((r) => server.close(r));
    },
  };
}
