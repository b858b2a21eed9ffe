/** Daily: remind partners who have not answered after N business days; after 2N, re-route and tell the team. */
import { businessDaysBetween, localDateAt } from '#domain/program-year';
import type { LearningRequest } from '#domain/learning-request';
import type { Deps } from '#shared/ports';
import { getPartner, getQuartier } from './quartiers.ts';
import { answerUrl, needsDecisionEmail } from './learning-emails.ts';
import { rerouteLearningRequest } from './reroute-learning-request.ts';

export async function chaseUnansweredRequests(deps: Deps): Promise<{ reminded: number; rerouted: number }> {
  const settings = await deps.settings();
  const today = localDateAt(deps.clock.now());
  const n = settings.routing.reminderBusinessDays;
  const { requests } = deps.repos;
  let reminded = 0,
    rerouted = 0;
  for (const r of await requests.withStatus<LearningRequest>('learning', 'routed')) {
    const waited = businessDaysBetween(localDateAt(new Date(r.routedAt!)), today);
    const q = (await getQuartier(deps, r.quartierId))!;
    const unanswered = { status: 'routed', assignment: r.assignment };
    if (waited >= 2 * n) {
      const out = await rerouteLearningRequest(deps, r, q, {
        by: 'system',
        reason: `no answer after ${waited} business days`,
        event: 'no-answer',
        while: unanswered,
      });
      if ('request' in out) {
        rerouted++;
        await deps.tx.commit([
          needsDecisionEmail(
            deps,
            out.request,
            q,
            `no answer from ${r.partnerId} after ${waited} business days; ${
              out.kind === 'rerouted' ? `re-routed to ${out.request.partnerId}` : 'no partner left'
            }`,
            deps.clock.now(),
          ),
        ]);
      }
    } else if (waited >= n && r.remindedAssignment !== r.assignment) {
      const partner = (await getPartner(deps, r.partnerId!))!;
      const done = await deps.tx.commit([
        requests.change(r, { set: { remindedAssignment: r.assignment }, while: unanswered }),
        deps.repos.outbox.enqueue(
          {
            template: 'partner-reminder',
            to: [partner.email],
            subjectRef: r.id,
            data: {
              partnerName: partner.name,
              quartierName: q.name,
              requestId: r.id,
              businessDays: waited,
              acceptUrl: answerUrl(deps, r, partner.id, 'accept'),
              declineUrl: answerUrl(deps, r, partner.id, 'decline'),
            },
          },
          deps.clock.now(),
        ),
      ]);
      if (done.ok) reminded++;
    }
  }
  return { reminded, rerouted };
}
