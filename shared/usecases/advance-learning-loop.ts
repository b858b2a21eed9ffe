/** The partner moves an accepted request through the learning loop's steps and its lifecycle, to completion. */
import { LEARNING_LOOP_NEXT, type LearningRequest, type LearningStatus } from '#domain/learning-request';
import type { Deps, Write } from '#shared/ports';
import type { Principal } from '#shared/auth';
import { getPartner, getQuartier } from './quartiers.ts';
import { statusEmail } from './learning-emails.ts';

export async function updateProgress(
  deps: Deps,
  id: string,
  by: Principal,
  p: { status?: 'in-progress' | 'completed'; step?: string },
) {
  const { requests, quartiers } = deps.repos;
  const r = await requests.get<LearningRequest>(id);
  if (r?.kind !== 'learning') return { kind: 'not-found' as const };
  if (by.role === 'partner' && r.partnerId !== by.partnerId) return { kind: 'forbidden' as const };
  if (!['accepted', 'in-progress'].includes(r.status)) return { kind: 'invalid-transition' as const };
  const status = p.status ?? (p.step && r.status === 'accepted' ? 'in-progress' : r.status);
  if (status !== r.status && !(LEARNING_LOOP_NEXT[r.status] ?? []).includes(status))
    return { kind: 'invalid-transition' as const };
  const now = deps.clock.now();
  const at = now.toISOString();
  const next: LearningRequest = { ...r, status: status as LearningStatus, step: p.step ?? r.step, updatedAt: at };
  const writes: Write[] = [
    requests.change(r, {
      set: { status: next.status, step: next.step, updatedAt: at },
      while: { updatedAt: r.updatedAt },
    }),
    requests.audit(id, { at, event: p.step && p.step !== r.step ? `step:${p.step}` : next.status, by: by.sub }),
  ];
  if (next.status === 'completed') {
    writes.push(quartiers.changeLoad(r.partnerId!, { openRequests: -1, committedMinutes: -(r.estimatedMinutes ?? 0) }));
    const q = (await getQuartier(deps, r.quartierId))!;
    writes.push(statusEmail(deps, next, q, (await getPartner(deps, r.partnerId!))!.name, now));
  }
  const done = await deps.tx.commit(writes);
  return done.ok ? { kind: 'updated' as const, request: next } : { kind: 'invalid-transition' as const };
}
