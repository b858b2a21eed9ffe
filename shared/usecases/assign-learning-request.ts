/** Coordination decides: assign to a partner (after declines, or to override), with a reason. */
import type { LearningRequest } from '#domain/learning-request';
import type { Deps } from '#shared/ports';
import type { Principal } from '#shared/auth';
import { getPartner, getQuartier } from './quartiers.ts';
import { assignmentEmail } from './learning-emails.ts';

export async function assignRequest(deps: Deps, id: string, partnerId: string, reason: string, by: Principal) {
  const { requests } = deps.repos;
  const r = await requests.get<LearningRequest>(id);
  if (r?.kind !== 'learning') return { kind: 'not-found' as const };
  if (!['routed', 'needs-decision'].includes(r.status)) return { kind: 'invalid-transition' as const };
  const partner = await getPartner(deps, partnerId);
  if (!partner) return { kind: 'not-found' as const };
  const q = (await getQuartier(deps, r.quartierId))!;
  const now = deps.clock.now();
  const at = now.toISOString();
  const next: LearningRequest = {
    ...r,
    status: 'routed',
    partnerId,
    assignment: r.assignment + 1,
    routedAt: at,
    updatedAt: at,
  };
  const done = await deps.tx.commit([
    requests.change(r, {
      set: { status: 'routed', partnerId, assignment: next.assignment, routedAt: at, updatedAt: at },
      while: { assignment: r.assignment },
    }),
    requests.audit(id, { at, event: 'assigned', by: by.sub, reason, detail: { partnerId } }),
    assignmentEmail(deps, next, q, partner, now),
  ]);
  return done.ok ? { kind: 'assigned' as const, request: next } : { kind: 'invalid-transition' as const };
}
