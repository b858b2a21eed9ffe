/** The coordination team moves a waiting request to the front, with a written reason kept in the audit trail. */
import type { SupportRequest } from '#domain/slots';
import type { Deps } from '#shared/ports';

export async function overrideWaitlist(deps: Deps, year: string, requestId: string, reason: string, by: string) {
  const r = await deps.repos.requests.get<SupportRequest>(requestId);
  if (r?.kind !== 'additional' || r.year !== year) return { kind: 'not-found' as const };
  if (r.status !== 'waitlisted') return { kind: 'invalid-transition' as const };
  const at = deps.clock.now().toISOString();
  const done = await deps.tx.commit([
    deps.repos.requests.change(r, {
      set: { updatedAt: at },
      while: { status: 'waitlisted' },
      line: { year: r.year, first: at },
    }),
    deps.repos.requests.audit(r.id, { at, event: 'waitlist-override', by, reason }),
  ]);
  return done.ok ? { kind: 'moved' as const } : { kind: 'invalid-transition' as const };
}
