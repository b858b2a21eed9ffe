/** Which partner a learning request goes to now: the routing rule (shared/domain/routing.ts) on today's loads. */
import { choosePartner } from '#domain/routing';
import type { LearningRequest } from '#domain/learning-request';
import type { ProgramSettings } from '#domain/settings';
import type { Deps } from '#shared/ports';

/** Every partner some focus can be routed to. */
export const routingCandidates = (settings: ProgramSettings) => [
  ...new Set(Object.values(settings.routing.candidatesByFocus).flat()),
];

/** Moves the round robin and reads the candidates' loads at once, then decides. */
export async function routeLearningRequest(
  deps: Deps,
  r: Pick<LearningRequest, 'focus' | 'preferredPartnerId' | 'declinedBy'>,
) {
  const settings = await deps.settings();
  const [cursor, loads] = await Promise.all([
    deps.repos.quartiers.takeRoutingTurn(),
    deps.repos.quartiers.loads(routingCandidates(settings)),
  ]);
  return choosePartner({
    focus: r.focus,
    preferredPartnerId: r.preferredPartnerId,
    candidatesByFocus: settings.routing.candidatesByFocus,
    declined: r.declinedBy,
    loads,
    cursor,
  });
}
