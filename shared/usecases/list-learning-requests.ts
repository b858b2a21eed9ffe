/** The learning requests staff see, newest first: by status for coordination, a partner's own for a partner. */
import type { LearningRequest } from '#domain/learning-request';
import type { Deps } from '#shared/ports';

export async function listLearningRequests(deps: Deps, filter: { status?: string; partnerId?: string }) {
  const { requests } = deps.repos;
  const statuses = filter.status
    ? [filter.status]
    : ['routed', 'accepted', 'in-progress', 'needs-decision', 'completed', 'cancelled'];
  const items = filter.partnerId
    ? (await requests.ofPartner<LearningRequest>(filter.partnerId)).filter(
        (r) => !filter.status || r.status === filter.status,
      )
    : (await Promise.all(statuses.map((s) => requests.withStatus<LearningRequest>('learning', s)))).flat();
  // The status token's hash is the requester's, not staff's to see.
  return items.map(({ statusTokenHash, ...r }) => r).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
