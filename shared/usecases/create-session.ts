/** Coordination adds a session to an activity of the catalogue. */
import type { Duration } from '#domain/calendar';
import { beyondHorizon, type SessionItem } from '#domain/sessions';
import { localDateAt } from '#domain/program-year';
import type { Deps } from '#shared/ports';
import { newId } from '#shared/ids';

export async function createSession(
  deps: Deps,
  input: {
    activityId: string;
    date: string;
    startTime?: string;
    duration: Duration;
    capacity?: number;
    place?: string;
    virtualUrl?: string;
    registrationUrl?: string;
  },
  id = `${input.activityId}-${input.date}-${newId().slice(-4)}`,
): Promise<
  { kind: 'created'; session: SessionItem } | { kind: 'unknown-activity' | 'already-exists' | 'date-too-far' }
> {
  if (beyondHorizon(input.date, localDateAt(deps.clock.now()))) return { kind: 'date-too-far' };
  if (!(await deps.repos.sessions.activity(input.activityId))) return { kind: 'unknown-activity' };
  const session: SessionItem = {
    id,
    activityId: input.activityId,
    date: input.date,
    startTime: input.startTime ?? '09:00',
    duration: input.duration,
    capacity: input.capacity,
    place: input.place,
    virtualUrl: input.virtualUrl,
    registrationUrl: input.registrationUrl,
    status: 'scheduled',
    sequence: 0,
    registeredCount: 0,
    waitingCount: 0,
    waitSeq: 0,
    fanoutSequence: 0,
  };
  const done = await deps.tx.commit([deps.repos.sessions.create(session)]);
  return done.ok ? { kind: 'created', session } : { kind: 'already-exists' };
}
