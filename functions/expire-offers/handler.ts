/** Every 15 minutes: slot offers past their deadline pass to the next quartier waiting. */
import { getDeps } from '#shared/wiring';
import { makeInvocationHandler, type DepsSource } from '#shared/invocation';
import { expireOffers } from '#usecases/expire-offers';

export const makeHandler = (source: DepsSource = getDeps) =>
  makeInvocationHandler('expire-offers', (deps, _event?: unknown) => expireOffers(deps), source);

export const handler = makeHandler();
