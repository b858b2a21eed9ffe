/** Every minute: retries whose time has come, pending messages the stream missed, expired leases. */
import { getDeps } from '#shared/wiring';
import { RateLimiter } from '#adapters/ses/rate-limiter';
import { sweepOutbox } from '#usecases/deliver-notification';

let limiter: RateLimiter | undefined;

export const handler = async () => {
  const deps = await getDeps();
  limiter ??= new RateLimiter(deps.config.ses.maxSendRate);
  return sweepOutbox(deps, { limiter });
};
