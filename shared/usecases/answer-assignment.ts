/** The partner a learning request is assigned to accepts or declines it: from the emailed links or the portal. */
import type { LearningRequest } from '#domain/learning-request';
import type { Deps } from '#shared/ports';
import type { Principal } from '#shared/auth';
import { verifyAction } from '#shared/ids';
import { getPartner, getQuartier } from './quartiers.ts';
import { answerFields, statusEmail } from './learning-emails.ts';
import { rerouteLearningRequest } from './reroute-learning-request.ts';

type AnswerOutcome =
  | { kind: 'accepted' | 'rerouted' | 'needs-decision'; request: LearningRequest }
  | { kind: 'invalid-link' | 'not-found' | 'forbidden' };

/** The partner's answer from an emailed link: signed for this request, partner and assignment; usable once. */
export async function answerByLink(
  deps: Deps,
  id: string,
  a: { action: 'accept' | 'decline'; partnerId: string; assignment: number; signature: string; reason?: string },
): Promise<AnswerOutcome> {
  if (!verifyAction(deps.config.linkSecret, answerFields(id, a.partnerId, a.assignment, a.action), a.signature))
    return { kind: 'invalid-link' };
  return answer(deps, id, a.partnerId, a.assignment, a.action, `partner:${a.partnerId}`, a.reason);
}

/** The same answer from the partner portal. */
export async function answerAsPartner(
  deps: Deps,
  id: string,
  by: Principal,
  action: 'accept' | 'decline',
  reason?: string,
): Promise<AnswerOutcome> {
  if (by.role !== 'partner') return { kind: 'forbidden' };
  const r = await deps.repos.requests.get<LearningRequest>(id);
  if (r?.kind !== 'learning') return { kind: 'not-found' };
  if (r.partnerId !== by.partnerId) return { kind: 'forbidden' };
  return answer(deps, id, by.partnerId, r.assignment, action, by.sub, reason);
}

async function answer(
  deps: Deps,
  id: string,
  partnerId: string,
  assignment: number,
  action: 'accept' | 'decline',
  by: string,
  reason?: string,
): Promise<AnswerOutcome> {
  const { requests, quartiers } = deps.repos;
  const r = await requests.get<LearningRequest>(id);
  if (r?.kind !== 'learning') return { kind: 'not-found' };
  if (r.status !== 'routed' || r.partnerId !== partnerId || r.assignment !== assignment)
    return { kind: 'invalid-link' };
  const q = (await getQuartier(deps, r.quartierId))!;
  const now = deps.clock.now();
  const at = now.toISOString();
  const stillAssigned = { status: 'routed', partnerId, assignment };
  if (action === 'accept') {
    const accepted: LearningRequest = { ...r, status: 'accepted', updatedAt: at };
    const partner = (await getPartner(deps, partnerId))!;
    const done = await deps.tx.commit([
      requests.change(r, { set: { status: 'accepted', updatedAt: at, acceptedAt: at }, while: stillAssigned }),
      quartiers.changeLoad(partnerId, { openRequests: 1, committedMinutes: r.estimatedMinutes ?? 0 }),
      requests.audit(id, { at, event: 'accepted', by }),
      statusEmail(deps, accepted, q, partner.name, now),
    ]);
    return done.ok ? { kind: 'accepted', request: accepted } : { kind: 'invalid-link' };
  }
  return rerouteLearningRequest(deps, r, q, {
    by,
    reason: reason ?? 'declined',
    event: 'declined',
    while: stillAssigned,
  });
}
