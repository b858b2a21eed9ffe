/**
 * Seats freed go to the first people waiting, each promotion decided by the capacity condition. Newcomers cannot
 * take these seats meanwhile (SessionsRepository.seatNewcomer), so a crash before this runs leaves the seat to the
 * line, and the daily job finishes the promotion.
 */
import type { Deps } from '#shared/ports';
import { refusedBy } from '#shared/ports';
import { registrationMessage } from './notify-registrant.ts';

export async function fillFromWaitlist(deps: Deps, sessionId: string): Promise<number> {
  const sessions = deps.repos.sessions;
  let promoted = 0;
  for (;;) {
    const session = await sessions.get(sessionId);
    if (session?.status !== 'scheduled') return promoted;
    if (session.capacity !== undefined && session.registeredCount >= session.capacity) return promoted;
    const first = await sessions.firstWaiting(sessionId);
    if (!first) return promoted;
    const activity = (await sessions.activity(session.activityId))!;
    const r = await deps.tx.commit([
      { name: 'seat', ...sessions.seatFromLine(session) },
      sessions.changeRegistration(first, {
        set: { status: 'registered', promotedAt: deps.clock.now().toISOString() },
        while: 'waitlisted',
      }),
      registrationMessage(deps, activity, session, { ...first, status: 'registered' }, 'registered'),
    ]);
    if (r.ok) promoted++;
    else if (refusedBy(r, 'seat')) return promoted;
  }
}
