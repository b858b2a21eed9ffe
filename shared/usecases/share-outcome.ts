/**
 * The quartier's consent to show an outcome beyond the program team, given or withdrawn on its status page. Only
 * the quartier gives it; the partner or coordination may withdraw it (a statement that should not have been shared).
 * Each change is in the request's history.
 */
import type { Deps } from '#shared/ports';
import { mayShare } from '#domain/harvest';
import { authorOf, type Credentials } from './harvest-author.ts';

export async function shareOutcome(
  deps: Deps,
  requestId: string,
  outcomeId: string,
  who: Credentials,
  shared: boolean,
) {
  const auth = await authorOf(deps, requestId, who);
  if (auth.kind !== 'author') return auth;
  const outcome = await deps.repos.harvest.outcome(requestId, outcomeId);
  if (!outcome) return { kind: 'not-found' as const };
  if (!mayShare(auth.author, shared)) return { kind: 'consent-from-quartier' as const };
  if (outcome.shared === shared) return { kind: 'shared' as const, outcome };
  const at = deps.clock.now().toISOString();
  const by = auth.author.role === 'requester' ? 'requester' : auth.author.sub;
  const result = await deps.tx.commit([
    deps.repos.harvest.editOutcome(outcome, {
      set: { shared, sharedAt: shared ? at : undefined },
      while: { shared: outcome.shared },
    }),
    deps.repos.requests.audit(requestId, {
      at,
      event: shared ? 'outcome-shared' : 'outcome-unshared',
      by,
      detail: { outcomeId },
    }),
  ]);
  // Changed meanwhile: the other answer stands, read it again.
  if (!result.ok)
    return { kind: 'shared' as const, outcome: (await deps.repos.harvest.outcome(requestId, outcomeId))! };
  const out = { ...outcome, shared, ...(shared ? { sharedAt: at } : {}) };
  if (!shared) delete out.sharedAt;
  return { kind: 'shared' as const, outcome: out };
}
