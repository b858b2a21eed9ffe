/** Cancelled by the requester (status token) or the coordination team; the partner holding it is told. */
import { learningCancellable } from '#domain/request-states';
import type { LearningRequest } from '#domain/learning-request';
import type { Deps, Write } from '#shared/ports';
import { getPartner, getQuartier } from './quartiers.ts';
import { statusEmail } from './learning-emails.ts';

export async function cancelLearningRequest(deps: Deps, id: string, by: string, reason?: string) {
  const { requests, quartiers } = deps.repos;
  const r = await requests.get<LearningRequest>(id);
  if (r?.kind !== 'learning') return { kind: 'not-found' as const };
  if (!learningCancellable(r.status)) return { kind: 'invalid-transition' as const };
  const now = deps.clock.now();
  const at = now.toISOString();
  const next: LearningRequest = { ...r, status: 'cancelled', updatedAt: at };
  const q = (await getQuartier(deps, r.quartierId))!;
  const partner = r.partnerId ? await getPartner(deps, r.partnerId) : undefined;
  const writes: Write[] = [
    requests.change(r, { set: { status: 'cancelled', updatedAt: at }, while: { updatedAt: r.updatedAt } }),
    requests.audit(id, { at, event: 'cancelled', by, reason }),
    statusEmail(deps, next, q, partner?.name ?? 'PIC', now, reason),
  ];
  if (partner)
    writes.push(
      deps.repos.outbox.enqueue(
        {
          template: 'learning-request-status',
          to: [partner.email],
          subjectRef: id,
          data: {
            contactName: partner.name,
            quartierName: q.name,
            partnerName: partner.name,
            status: 'cancelled',
            reason,
            statusUrl: `${deps.config.publicBaseUrl}/#/partenaire`,
          },
        },
        now,
      ),
    );
  if (r.status === 'accepted' || r.status === 'in-progress')
    writes.push(quartiers.changeLoad(r.partnerId!, { openRequests: -1, committedMinutes: -(r.estimatedMinutes ?? 0) }));
  const done = await deps.tx.commit(writes);
  return done.ok ? { kind: 'cancelled' as const, request: next } : { kind: 'invalid-transition' as const };
}
