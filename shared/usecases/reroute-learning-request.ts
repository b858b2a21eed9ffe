/** A decline (or silence past the delay): the next candidate who has not declined, or the coordination team. */
import { describeRouting } from '#domain/routing';
import type { LearningRequest } from '#domain/learning-request';
import type { QuartierItem } from '#domain/quartier';
import type { Deps, RequestChange, Write } from '#shared/ports';
import { getPartner } from './quartiers.ts';
import { assignmentEmail, needsDecisionEmail } from './learning-emails.ts';
import { routeLearningRequest } from './route-learning-request.ts';

export type RerouteOutcome =
  | { kind: 'rerouted' | 'needs-decision'; request: LearningRequest }
  | { kind: 'invalid-link' };

/**
 * `x.event` is what happened to the current assignment (declined, no-answer), by whom and why; `x.while` what the
 * request must still hold for the move to apply (the assignment that was read).
 */
export async function rerouteLearningRequest(
  deps: Deps,
  r: LearningRequest,
  q: QuartierItem,
  x: { by: string; reason: string; event: string; while: RequestChange['while'] },
): Promise<RerouteOutcome> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const declinedBy = [...new Set([...r.declinedBy, r.partnerId!])];
  const decision = await routeLearningRequest(deps, {
    focus: r.focus,
    preferredPartnerId: r.preferredPartnerId,
    declinedBy,
  });
  const partner = decision.kind === 'routed' ? await getPartner(deps, decision.partnerId) : undefined;
  const next: LearningRequest =
    partner && decision.kind === 'routed'
      ? {
          ...r,
          status: 'routed',
          partnerId: partner.id,
          assignment: r.assignment + 1,
          declinedBy,
          routedAt: at,
          routingReason: decision.reason,
          updatedAt: at,
        }
      : {
          ...r,
          status: 'needs-decision',
          partnerId: undefined,
          assignment: r.assignment + 1,
          declinedBy,
          updatedAt: at,
        };
  const routing =
    partner && decision.kind === 'routed' ? describeRouting(partner.name, decision.reason) : 'needs-decision';
  const { requests } = deps.repos;
  const writes: Write[] = [
    requests.change(r, {
      set: {
        status: next.status,
        partnerId: next.partnerId,
        assignment: next.assignment,
        declinedBy,
        routedAt: next.routedAt,
        routingReason: next.routingReason,
        updatedAt: at,
      },
      remove: next.partnerId ? [] : ['partnerId'],
      while: x.while,
    }),
    requests.audit(r.id, { at, event: x.event, by: x.by, reason: x.reason, detail: { partnerId: r.partnerId } }),
    requests.audit(r.id, {
      at,
      event: next.status === 'routed' ? 'rerouted' : 'needs-decision',
      by: 'system',
      reason: routing,
    }),
    partner
      ? assignmentEmail(deps, next, q, partner, now)
      : needsDecisionEmail(deps, next, q, `every partner declined (${declinedBy.join(', ')})`, now),
  ];
  const done = await deps.tx.commit(writes);
  if (!done.ok) return { kind: 'invalid-link' };
  return { kind: next.status === 'routed' ? 'rerouted' : 'needs-decision', request: next };
}
