/** Every 15 minutes: slot offers past their deadline pass to the next quartier waiting. */
import { getDeps } from '#shared/wiring';
import { expireOffers } from '#usecases/expire-offers';

export const handler = async () => expireOffers(await getDeps());
