/**
 * A quartier's hours as their reader may see them: coordination every quartier's; a partner those of the quartiers
 * whose learning requests it holds, and the additional axis only as the partner that gives additional support.
 */
import type { LearningRequest } from '#domain/learning-request';
import type { Axis } from '#domain/ledger';
import type { Principal } from '#shared/auth';
import type { Deps } from '#shared/ports';
import { getBalance, getLedger, hoursByPartnerAndMonth } from './get-balance.ts';
import { getQuartier, listQuartiers } from './quartiers.ts';

/** Additional support is Dynamo's: the one partner that sees and logs that axis. */
export const ADDITIONAL_SUPPORT_PARTNER = 'dynamo';

/** A partner sees and logs for quartiers whose requests are assigned to it. */
async function mayReadHours(deps: Deps, who: Principal, quartierId: string, axis: Axis) {
  if (who.role === 'coordination') return true;
  if (axis === 'additional') return who.partnerId === ADDITIONAL_SUPPORT_PARTNER;
  const mine = await deps.repos.requests.ofPartner<LearningRequest>(who.partnerId);
  return mine.some((r) => r.quartierId === quartierId);
}

/** A quartier id that is not a quartier's is not found; one that cannot be an id is not even looked up. */
const quartierExists = async (deps: Deps, id: string) =>
  /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) && id.length <= 60 && !!(await getQuartier(deps, id));

async function refusal(deps: Deps, who: Principal, quartierId: string, axis: Axis) {
  if (!(await quartierExists(deps, quartierId))) return { kind: 'not-found' } as const;
  if (!(await mayReadHours(deps, who, quartierId, axis))) return { kind: 'forbidden' } as const;
  return undefined;
}

/** A quartier's balance for a year (this year's when none is named). */
export async function readBalance(deps: Deps, who: Principal, quartierId: string, axis: Axis, year?: string) {
  return (
    (await refusal(deps, who, quartierId, axis)) ??
    ({ kind: 'balance', balance: await getBalance(deps, quartierId, axis, year) } as const)
  );
}

/** A year's ledger entries; a partner sees its own, so that it can see a mistake to correct. */
export async function readLedger(deps: Deps, who: Principal, quartierId: string, axis: Axis, year: string) {
  const refused = await refusal(deps, who, quartierId, axis);
  if (refused) return refused;
  const entries = await getLedger(deps, quartierId, axis, year);
  return {
    kind: 'entries',
    entries: who.role === 'partner' ? entries.filter((e) => e.partnerId === who.partnerId) : entries,
  } as const;
}

/** Every quartier's two balances for a year, for coordination. */
export async function readBalances(deps: Deps, year?: string) {
  const quartiers = await listQuartiers(deps);
  return Promise.all(
    quartiers.map(async (q) => ({
      quartierId: q.id,
      name: q.name,
      learning: await getBalance(deps, q.id, 'learning', year),
      additional: await getBalance(deps, q.id, 'additional', year),
    })),
  );
}

/** Minutes logged per partner and month in a year, over every quartier. */
export async function readHoursReport(deps: Deps, year: string) {
  return hoursByPartnerAndMonth(
    deps,
    (await listQuartiers(deps)).map((q) => q.id),
    year,
  );
}
