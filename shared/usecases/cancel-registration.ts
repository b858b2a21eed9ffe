/** A person (by the signed link in their emails) or coordination cancels a registration; the seat goes to the line. */
import { isErased } from '#domain/privacy';
import type { RegistrationItem } from '#domain/sessions';
import type { Deps } from '#shared/ports';
import { fillFromWaitlist } from './fill-from-waitlist.ts';
import { cancelLinkValid, registrationMessage } from './notify-registrant.ts';

export async function cancelRegistration(
  deps: Deps,
  sessionId: string,
  registrationId: string,
  signature: string | undefined,
  byStaff = false,
) {
  if (!byStaff && !cancelLinkValid(deps, { sessionId, id: registrationId }, signature))
    return { kind: 'invalid-link' as const };
  const sessions = deps.repos.sessions;
  const session = await sessions.get(sessionId);
  let reg = await sessions.registration(sessionId, registrationId);
  if (!session || !reg) return { kind: 'not-found' as const };
  // An erased registrant's cancel link stops working; coordination may still free the seat.
  if (!byStaff && isErased(reg.email)) return { kind: 'invalid-link' as const };
  const activity = (await sessions.activity(session.activityId))!;
  // A person promoted from the line while they cancel still means to leave: cancel the seat they now hold.
  for (let turn = 0; turn < 3 && reg && reg.status !== 'cancelled'; turn++) {
    const held: RegistrationItem = reg;
    const done = await deps.tx.commit([
      sessions.changeRegistration(held, {
        set: { status: 'cancelled', cancelledAt: deps.clock.now().toISOString() },
        while: held.status,
      }),
      sessions.releaseEmail(sessionId, held.email),
      // The person's registration ends, not the session: the email says so (and withdraws the invite they hold).
      registrationMessage(deps, activity, session, held, 'registration-cancelled'),
      sessions.giveBack(session, held.status === 'registered' ? 'registered' : 'waitlisted'),
    ]);
    if (done.ok) {
      const promoted = held.status === 'registered' ? await fillFromWaitlist(deps, sessionId) : 0;
      return { kind: 'cancelled' as const, promoted };
    }
    reg = await sessions.registration(sessionId, registrationId);
  }
  return { kind: 'invalid-link' as const };
}
