/**
 * The emails of a learning request's routing and lifecycle, as outbox writes, and the partner's signed answer
 * links.
 */
import type { LearningRequest } from '#domain/learning-request';
import type { PartnerItem, QuartierItem } from '#domain/quartier';
import type { Deps, Write } from '#shared/ports';
import { signAction } from '#shared/ids';
import { statusUrl } from './requests.ts';

/** What an answer link signs: this request, this partner, this assignment, this action. */
export const answerFields = (id: string, partnerId: string, assignment: number, action: string) => [
  'answer',
  id,
  partnerId,
  String(assignment),
  action,
];

export function answerUrl(
  deps: Deps,
  r: Pick<LearningRequest, 'id' | 'assignment'>,
  partnerId: string,
  action: 'accept' | 'decline',
) {
  const sig = signAction(deps.config.linkSecret, answerFields(r.id, partnerId, r.assignment, action));
  const q = new URLSearchParams({ id: r.id, p: partnerId, a: String(r.assignment), action, sig });
  return `${deps.config.publicBaseUrl}/#/reponse?${q}`;
}

export function assignmentEmail(
  deps: Deps,
  r: LearningRequest,
  q: QuartierItem,
  partner: PartnerItem,
  now: Date,
): Write {
  return deps.repos.outbox.enqueue(
    {
      template: 'learning-request-routed',
      to: [partner.email],
      locale: 'fr',
      subjectRef: r.id,
      data: {
        requestId: r.id,
        quartierName: q.name,
        question: r.question,
        focus: r.focus,
        contactName: r.contact.name,
        contactEmail: r.contact.email,
        partnerName: partner.name,
        estimatedMinutes: r.estimatedMinutes,
        mode: r.mode,
        modeReason: r.modeReason,
        acceptUrl: answerUrl(deps, r, partner.id, 'accept'),
        declineUrl: answerUrl(deps, r, partner.id, 'decline'),
      },
    },
    now,
  );
}

export function needsDecisionEmail(deps: Deps, r: LearningRequest, q: QuartierItem, why: string, now: Date): Write {
  return deps.repos.outbox.enqueue(
    {
      template: 'learning-request-needs-decision',
      to: [deps.config.mail.team],
      subjectRef: r.id,
      data: { requestId: r.id, quartierName: q.name, why, dashboardUrl: `${deps.config.publicBaseUrl}/#/coordination` },
    },
    now,
  );
}

export function statusEmail(
  deps: Deps,
  r: LearningRequest,
  q: QuartierItem,
  partnerName: string,
  now: Date,
  reason?: string,
  token?: string,
): Write {
  return deps.repos.outbox.enqueue(
    {
      template: 'learning-request-status',
      to: [r.contact.email],
      locale: r.locale,
      subjectRef: r.id,
      data: {
        contactName: r.contact.name,
        quartierName: q.name,
        partnerName,
        status: r.status,
        reason,
        statusUrl: statusUrl(deps, r.id, token),
      },
    },
    now,
  );
}
