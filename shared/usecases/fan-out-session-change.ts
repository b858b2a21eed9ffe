/**
 * Every registrant of a changed or cancelled session gets the updated invite. The fan-out uses one message id per
 * registrant and sequence, and the daily job repeats any fan-out a crash interrupted (fanoutSequence < sequence).
 */
import type { SessionItem } from '#domain/sessions';
import type { Deps } from '#shared/ports';
import { listRegistrations } from './list-registrations.ts';
import { registrationMessage } from './notify-registrant.ts';

export async function fanOutSessionChange(deps: Deps, session: SessionItem): Promise<number> {
  const activity = (await deps.repos.sessions.activity(session.activityId))!;
  const regs = (await listRegistrations(deps, session.id)).filter((r) => r.status === 'registered');
  const status = session.status === 'cancelled' ? 'cancelled' : 'updated';
  let sent = 0;
  for (const r of regs) {
    const msg = registrationMessage(deps, activity, session, r, status, {
      id: `session-${session.id}-seq${session.sequence}-${r.id}`,
    });
    // A message already written by an interrupted run is refused, not sent twice.
    if ((await deps.tx.commit([msg])).ok) sent++;
  }
  await deps.tx.commit([deps.repos.sessions.fannedOut(session)]);
  return sent;
}
