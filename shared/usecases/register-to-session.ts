/**
 * A person registers to a session: a seat while one is free for a newcomer, else a place in the waiting line,
 * each decided by the store in the same transaction as the confirmation email.
 */
import { refusedBy } from '#shared/ports';
import { localDateAt } from '#domain/program-year';
import { registrationElsewhere, type RegistrationItem } from '#domain/sessions';
import type { Locale } from '#email/render';
import type { Deps, Write } from '#shared/ports';
import { newId } from '#shared/ids';
import { mailQuotaTx, quotaSpent } from './abuse-limits.ts';
import { registrationMessage } from './notify-registrant.ts';
import { getQuartier } from './quartiers.ts';

export type RegisterOutcome =
  | { kind: 'registered' | 'waitlisted'; registration: RegistrationItem }
  | { kind: 'registers-elsewhere'; registrationUrl: string }
  | {
      kind: 'not-found' | 'session-cancelled' | 'session-past' | 'already-registered' | 'too-many-emails';
    }
  /** The quartier the person names (reports group by it) is not one taking part. */
  | { kind: 'unknown-quartier' };

export async function register(
  deps: Deps,
  sessionId: string,
  input: { name: string; email: string; quartierId?: string; locale: Locale },
): Promise<RegisterOutcome> {
  const sessions = deps.repos.sessions;
  if (input.quartierId && !(await getQuartier(deps, input.quartierId))) return { kind: 'unknown-quartier' };
  let session = await sessions.get(sessionId);
  if (!session) return { kind: 'not-found' };
  if (session.status === 'cancelled') return { kind: 'session-cancelled' };
  if (session.date < localDateAt(deps.clock.now())) return { kind: 'session-past' };
  const activity = (await sessions.activity(session.activityId))!;
  // Seats, capacity and the waiting list of such a session are the organiser's: none are kept here.
  const elsewhere = registrationElsewhere(activity, session);
  if (elsewhere) return { kind: 'registers-elsewhere', registrationUrl: elsewhere };
  const now = deps.clock.now();
  const email = input.email.toLowerCase();
  const reg: RegistrationItem = {
    id: newId(now.getTime()),
    sessionId,
    ...input,
    email,
    status: 'registered',
    createdAt: now.toISOString(),
  };
  const uniqueEmail: Write = { name: 'registrant', ...sessions.holdEmail(sessionId, email, reg.id) };
  // The form is public: a few confirmations of one session to one address per hour (cancelling and registering
  // again sends one each time); registering to other sessions counts apart.
  const quota = mailQuotaTx(deps, `registration#${sessionId}`, email, now);

  // Each turn the store says "seat" or "line"; a turn is lost only when the session changed between the two
  // attempts (a seat freed, the line emptied), so a few turns always settle it.
  for (let turn = 0; turn < 8; turn++) {
    const seat = await deps.tx.commit([
      sessions.seatNewcomer(session),
      uniqueEmail,
      sessions.addRegistration(reg),
      registrationMessage(deps, activity, session, reg, 'registered'),
      quota,
    ]);
    if (seat.ok) return { kind: 'registered', registration: reg };
    if (refusedBy(seat, 'registrant')) return { kind: 'already-registered' };
    if (quotaSpent(seat)) return { kind: 'too-many-emails' };

    const fresh = await sessions.get(sessionId);
    if (!fresh || fresh.status === 'cancelled') return { kind: 'session-cancelled' };
    session = fresh;
    const waiting: RegistrationItem = { ...reg, status: 'waitlisted', ticket: await sessions.takeTicket(sessionId) };
    const queued = await deps.tx.commit([
      sessions.joinLine(session),
      uniqueEmail,
      sessions.addRegistration(waiting),
      registrationMessage(deps, activity, session, waiting, 'waitlisted'),
      quota,
    ]);
    if (queued.ok) return { kind: 'waitlisted', registration: waiting };
    if (refusedBy(queued, 'registrant')) return { kind: 'already-registered' };
    if (quotaSpent(queued)) return { kind: 'too-many-emails' };
    const again = await sessions.get(sessionId);
    if (!again || again.status === 'cancelled') return { kind: 'session-cancelled' };
    session = again;
  }
  throw new Error('registration did not settle');
}
