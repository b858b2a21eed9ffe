/** Every minute: retries whose time has come, pending messages the stream missed, expired leases. */
import { getMailingDeps } from '#adapters/ses/mailing-deps';
import { RateLimiter } from '#adapters/ses/rate-limiter';
import { sweepOutbox } from '#usecases/deliver-notification';

let limiter: RateLimiter | undefined;

export const handler = async () => {
  const deps = await getMailingDeps();
  limiter ??= new RateLimiter(deps.store, deps.config.ses.maxSendRate);
  return sweepOutbox(deps, { limiter });
};
