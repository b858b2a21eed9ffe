/**
 * Serving a learning request: routed to a partner (or put before the team), acknowledged to the requester, and told
 * to whoever must answer. At submission for a contact on file, or later once trust is established (trust.ts).
 */
import { describeRouting, type RoutingDecision } from '#domain/routing';
import type { LearningRequest } from '#domain/learning-request';
import type { PartnerItem, QuartierItem } from '#domain/quartier';
import type { Deps, Write } from '#shared/ports';
import { listPartners } from './quartiers.ts';
import { getBalance } from './get-balance.ts';
import { notMeUrl, statusUrl } from './requests.ts';
import { assignmentEmail, needsDecisionEmail } from './learning-emails.ts';
import { routeLearningRequest } from './route-learning-request.ts';

/**
 * What serving a request writes besides the request itself: the audit of its routing, the requester's
 * acknowledgement, and the partner's assignment (or the team's decision). The same at submission (a contact on
 * file) and when trust is established later.
 */
export function admission(
  deps: Deps,
  pending: LearningRequest,
  quartier: QuartierItem,
  partners: PartnerItem[],
  decision: RoutingDecision,
  balance: { availableMinutes: number },
  now: Date,
  opts: { token?: string; notMe?: boolean },
): { request: LearningRequest; routing: string; writes: Write[] } {
  const at = now.toISOString();
  const partner = decision.kind === 'routed' ? partners.find((p) => p.id === decision.partnerId) : undefined;
  const request: LearningRequest =
    partner && decision.kind === 'routed'
      ? { ...pending, status: 'routed', partnerId: partner.id, routedAt: at, routingReason: decision.reason }
      : { ...pending, status: 'needs-decision' };
  const routing =
    partner && decision.kind === 'routed'
      ? describeRouting(partner.name, decision.reason, request.locale)
      : 'needs-decision';
  const writes: Write[] = [
    deps.repos.requests.audit(request.id, { at, event: request.status, by: 'system', reason: routing }),
    deps.repos.outbox.enqueue(
      {
        template: 'learning-request-received',
        to: [request.contact.email],
        locale: request.locale,
        subjectRef: request.id,
        data: {
          requestId: request.id,
          quartierName: quartier.name,
          question: request.question,
          focus: request.focus,
          contactName: request.contact.name,
          contactEmail: request.contact.email,
          partnerName: partner?.name ?? (request.locale === 'en' ? 'the PIC team' : "l'équipe PIC"),
          mode: request.mode,
          statusUrl: statusUrl(deps, request.id, opts.token),
          ...(opts.notMe ? { notMeUrl: notMeUrl(deps, request.id) } : {}),
          availableMinutes: balance.availableMinutes,
        },
      },
      now,
    ),
    partner
      ? assignmentEmail(deps, request, quartier, partner, now)
      : needsDecisionEmail(deps, request, quartier, 'no partner available for this focus', now),
  ];
  return { request, routing, writes };
}

/**
 * Trust is established for a request that waited (coordination or the advisor vouched): it is routed now, as a
 * contact on file's would have been, and the requester is put on file in the same transaction.
 */
export async function admitLearningRequest(
  deps: Deps,
  pending: LearningRequest,
  quartier: QuartierItem,
  trustWrites: Write[],
): Promise<{ kind: 'admitted'; request: LearningRequest } | { kind: 'invalid-transition' }> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const [decision, partners, balance] = await Promise.all([
    routeLearningRequest(deps, pending),
    listPartners(deps),
    getBalance(deps, quartier.id, 'learning', pending.year),
  ]);
  const { request, writes } = admission(
    deps,
    { ...pending, trust: 'confirmed', updatedAt: at },
    quartier,
    partners,
    decision,
    balance,
    now,
    {},
  );
  const done = await deps.tx.commit([
    deps.repos.requests.change(request, {
      set: {
        status: request.status,
        trust: 'confirmed',
        updatedAt: at,
        ...(request.partnerId
          ? { partnerId: request.partnerId, routedAt: request.routedAt, routingReason: request.routingReason }
          : {}),
      },
      while: { status: 'awaiting-confirmation' },
    }),
    ...trustWrites,
    ...writes,
  ]);
  return done.ok ? { kind: 'admitted', request } : { kind: 'invalid-transition' };
}
