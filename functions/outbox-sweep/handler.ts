/** Every minute: retries whose time has come, pending messages the stream missed, expired leases. */
import { getMailingDeps } from '#adapters/ses/mailing-deps';
import { RateLimiter } from '#adapters/ses/rate-limiter';
import { makeInvocationHandler, type DepsSource } from '#shared/invocation';
import { sweepOutbox } from '#usecases/deliver-notification';

/** One send-rate limiter per handler, kept across invocations of a warm Lambda. */
export function makeHandler(source: DepsSource = getMailingDeps) {
  let limiter: RateLimiter | undefined;
  return makeInvocationHandler(
    'outbox-sweep',
    (deps, _event?: unknown) => {
      limiter ??= new RateLimiter(deps.store, deps.config.ses.maxSendRate);
      return sweepOutbox(deps, { limiter });
    },
    source,
  );
}

export const handler = makeHandler();
