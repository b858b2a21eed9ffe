/** Coordination changes or cancels a session; registrants get the updated invite, added seats go to the line. */
import type { Duration } from '#domain/calendar';
import { beyondHorizon, publicSession } from '#domain/sessions';
import { localDateAt } from '#domain/program-year';
import type { Deps } from '#shared/ports';
import { fanOutSessionChange } from './fan-out-session-change.ts';
import { fillFromWaitlist } from './fill-from-waitlist.ts';

/**
 * A change of date, time or place (sequence + 1) or a cancellation: the session is updated, then every
 * registrant gets the updated invite (fanOutSessionChange).
 */
export async function updateSession(
  deps: Deps,
  sessionId: string,
  patch: {
    date?: string;
    startTime?: string;
    duration?: Duration;
    capacity?: number | null;
    place?: string | null;
    virtualUrl?: string | null;
    registrationUrl?: string | null;
    status?: 'cancelled';
  },
) {
  if (beyondHorizon(patch.date, localDateAt(deps.clock.now()))) return { kind: 'date-too-far' as const };
  const session = await deps.repos.sessions.get(sessionId);
  if (!session) return { kind: 'not-found' as const };
  const before = session as unknown as Record<string, unknown>;
  const after = patch as Record<string, unknown>;
  // What registrants' invites show (the virtual link is the location when there is no place); `null` clears.
  const visible = ['date', 'startTime', 'duration', 'place', 'virtualUrl', 'status'].some(
    (k) => after[k] !== undefined && (after[k] ?? undefined) !== before[k],
  );
  const updated = await deps.repos.sessions.revise(session, patch, { bump: visible });
  if (!updated) return { kind: 'conflict' as const };
  const notified = visible ? await fanOutSessionChange(deps, updated) : 0;
  if (patch.capacity !== undefined) await fillFromWaitlist(deps, sessionId);
  return { kind: 'updated' as const, session: publicSession(updated), notified };
}
