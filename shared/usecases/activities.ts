/**
 * Axis 3: the catalogue, registrations with a capacity that the store enforces (conditional counter), a waiting
 * list, cancel links, calendar invites that follow session changes, and reminders.
 */
import { keys } from '#adapters/dynamodb/keys';
import { cond } from '#adapters/dynamodb/expressions';
import { refusedBy, type TxItem } from '#adapters/dynamodb/store';
import { daysBetween, localDateAt } from '#domain/program-year';
import { dueReminder, type Duration } from '#domain/calendar';
import { toCsv } from '#domain/csv';
import type { Locale } from '#email/render';
import type { Deps } from '#shared/ports';
import { newId, signAction, verifyAction } from '#shared/ids';
import { outboxPut } from './outbox.ts';
import { mailQuotaTx, quotaSpent } from './abuse-limits.ts';

export type ActivityItem = {
  id: string;
  title: { fr: string; en: string };
  summary: { fr: string; en: string };
  coordinator: string;
  acceptsTopicProposals?: boolean;
  /** Every session of the activity registers on this site (the organiser's), unless the session names its own. */
  registrationUrl?: string;
};
export type SessionItem = {
  id: string;
  activityId: string;
  date: string;
  startTime: string;
  duration: Duration;
  capacity?: number;
  place?: string;
  virtualUrl?: string;
  /** Registration on the organiser's site rather than here; the activity's link applies when this is absent. */
  registrationUrl?: string;
  status: 'scheduled' | 'cancelled';
  sequence: number;
  registeredCount: number;
  /** People on the waiting list now. While it is above zero, a free seat is theirs, never a newcomer's. */
  waitingCount?: number;
  waitSeq: number;
  fanoutSequence: number;
};
export type RegistrationItem = {
  id: string;
  sessionId: string;
  name: string;
  email: string;
  quartierId?: string;
  locale: Locale;
  status: 'registered' | 'waitlisted' | 'cancelled';
  ticket?: number;
  createdAt: string;
  reminders?: number[];
};

const sessionPublic = ({
  pk,
  sk,
  gsi1pk,
  gsi1sk,
  fanoutSequence,
  waitSeq,
  waitingCount,
  ...s
}: SessionItem & Record<string, unknown>) => ({
  ...s,
  // A seat freed while people wait is theirs (promotion follows): newcomers see none.
  seatsLeft:
    s.capacity === undefined ? null : (waitingCount ?? 0) > 0 ? 0 : Math.max(0, s.capacity - s.registeredCount),
});

export async function listActivities(deps: Deps) {
  const today = localDateAt(deps.clock.now());
  const [activities, sessions] = await Promise.all([
    deps.store.query<ActivityItem & Record<string, unknown>>(keys.activitiesList()),
    deps.store.query<SessionItem & Record<string, unknown>>(keys.sessionsList()),
  ]);
  // Upcoming sessions first (soonest first), then past ones (most recent first).
  const order = (a: SessionItem, b: SessionItem) => {
    const ua = a.date >= today,
      ub = b.date >= today;
    if (ua !== ub) return ua ? -1 : 1;
    return ua ? a.date.localeCompare(b.date) : b.date.localeCompare(a.date);
  };
  const out = activities.map(({ pk, sk, gsi1pk, gsi1sk, ...a }) => ({
    ...a,
    sessions: sessions
      .filter((s) => s.activityId === a.id)
      .sort(order)
      .map((s) => ({ ...sessionPublic(s), upcoming: s.date >= today })),
  }));
  const next = (a: (typeof out)[number]) => a.sessions.find((s) => s.upcoming)?.date ?? '9999';
  return out.sort((a, b) => next(a).localeCompare(next(b)));
}

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
): Promise<{ kind: 'created'; session: SessionItem } | { kind: 'unknown-activity' | 'already-exists' }> {
  if (!(await deps.store.get(keys.activity(input.activityId)))) return { kind: 'unknown-activity' };
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
  const ok = await deps.store.put(
    { ...keys.session(id), ...keys.sessionIndex(session.date, id), ...session },
    cond.notExists(),
  );
  return ok ? { kind: 'created', session } : { kind: 'already-exists' };
}

const cancelFields = (r: { sessionId: string; id: string }) => ['cancel-registration', r.sessionId, r.id];
export const cancelUrl = (deps: Deps, r: { sessionId: string; id: string }) =>
  `${deps.config.publicBaseUrl}/#/annuler?s=${encodeURIComponent(r.sessionId)}&r=${encodeURIComponent(r.id)}&sig=${signAction(deps.config.linkSecret, cancelFields(r))}`;

function registrationMessage(
  deps: Deps,
  activity: ActivityItem,
  session: SessionItem,
  reg: RegistrationItem,
  status: string,
  extra: { id?: string; daysBefore?: number } = {},
) {
  const title = activity.title[reg.locale];
  const withInvite =
    ['registered', 'updated', 'cancelled', 'registration-cancelled', 'reminder'].includes(status) &&
    reg.status === 'registered';
  const cancels = status === 'cancelled' || status === 'registration-cancelled';
  return outboxPut(
    {
      id: extra.id,
      template: 'registration',
      to: [reg.email],
      locale: reg.locale,
      subjectRef: session.id,
      data: {
        name: reg.name,
        activityTitle: title,
        date: session.date,
        place: session.place ?? session.virtualUrl,
        status,
        cancelUrl: cancelUrl(deps, reg),
        daysBefore: extra.daysBefore,
      },
      calendar: withInvite
        ? {
            method: cancels ? 'CANCEL' : 'REQUEST',
            invite: {
              uid: `${reg.id}@pic.centraide-mtl.org`,
              sequence: session.sequence,
              title,
              description: activity.summary[reg.locale],
              date: session.date,
              startTime: session.startTime,
              duration: session.duration,
              location: session.place ?? session.virtualUrl,
              url: cancelUrl(deps, reg),
              organizerEmail: deps.config.mail.team,
              attendee: { name: reg.name, email: reg.email },
              method: cancels ? 'CANCEL' : 'REQUEST',
            },
          }
        : undefined,
    },
    deps.clock.now(),
  );
}

export type RegisterOutcome =
  | { kind: 'registered' | 'waitlisted'; registration: RegistrationItem }
  | { kind: 'registers-elsewhere'; registrationUrl: string }
  | { kind: 'not-found' | 'session-cancelled' | 'session-past' | 'already-registered' | 'too-many-emails' };

/** Where a session's registrations go when not here: its own link, else its activity's. */
export const registrationElsewhere = (activity: ActivityItem, session: SessionItem) =>
  session.registrationUrl ?? activity.registrationUrl;

/**
 * A newcomer may take a seat only while nobody waits: a seat freed while people wait is theirs, and the store
 * decides it in the same condition as the capacity (a read-then-write would let a newcomer slip in between a
 * cancel and the promotion that follows it).
 */
const seatForNewcomer = (session: SessionItem) =>
  session.capacity === undefined
    ? cond.eq('status', 'scheduled')
    : cond.and(
        cond.eq('status', 'scheduled'),
        cond.ltAttr('registeredCount', 'capacity'),
        cond.or(cond.notExists('waitingCount'), cond.le('waitingCount', 0)),
      );

/** Joining the line is right only while no seat is free for a newcomer; otherwise the newcomer takes the seat. */
const mustWait = cond.and(
  cond.eq('status', 'scheduled'),
  cond.or(cond.leAttr('capacity', 'registeredCount'), cond.gt('waitingCount', 0)),
);

/** A seat given to a waiting person: free under the capacity, whoever else waits. */
const seatForWaiting = (session: SessionItem) =>
  session.capacity === undefined
    ? cond.eq('status', 'scheduled')
    : cond.and(cond.eq('status', 'scheduled'), cond.ltAttr('registeredCount', 'capacity'));

export async function register(
  deps: Deps,
  sessionId: string,
  input: { name: string; email: string; quartierId?: string; locale: Locale },
): Promise<RegisterOutcome> {
  let session = await deps.store.get<SessionItem>(keys.session(sessionId));
  if (!session) return { kind: 'not-found' };
  if (session.status === 'cancelled') return { kind: 'session-cancelled' };
  if (session.date < localDateAt(deps.clock.now())) return { kind: 'session-past' };
  const activity = (await deps.store.get<ActivityItem>(keys.activity(session.activityId)))!;
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
  const uniqueEmail: TxItem = {
    name: 'registrant',
    put: { ...keys.registrant(sessionId, email), registrationId: reg.id },
    when: cond.notExists(),
  };
  // The form is public: a few confirmations of one session to one address per hour (cancelling and registering
  // again sends one each time); registering to other sessions counts apart.
  const quota = mailQuotaTx(`registration#${sessionId}`, email, now);

  // Each turn the store says "seat" or "line"; a turn is lost only when the session changed between the two
  // attempts (a seat freed, the line emptied), so a few turns always settle it.
  for (let turn = 0; turn < 8; turn++) {
    const seat = await deps.store.transact([
      { update: keys.session(sessionId), spec: { add: { registeredCount: 1 } }, when: seatForNewcomer(session) },
      uniqueEmail,
      { put: { ...keys.registration(sessionId, reg.id), ...reg } },
      registrationMessage(deps, activity, session, reg, 'registered'),
      quota,
    ]);
    if (seat.ok) return { kind: 'registered', registration: reg };
    if (refusedBy(seat, 'registrant')) return { kind: 'already-registered' };
    if (quotaSpent(seat)) return { kind: 'too-many-emails' };

    const fresh = await deps.store.get<SessionItem>(keys.session(sessionId));
    if (!fresh || fresh.status === 'cancelled') return { kind: 'session-cancelled' };
    session = fresh;
    // A ticket from an atomic counter gives each waiting person a distinct place in line.
    const counted = await deps.store.update<SessionItem>(
      keys.session(sessionId),
      { add: { waitSeq: 1 } },
      cond.exists(),
    );
    const waiting: RegistrationItem = { ...reg, status: 'waitlisted', ticket: counted!.waitSeq };
    const queued = await deps.store.transact([
      { update: keys.session(sessionId), spec: { add: { waitingCount: 1 } }, when: mustWait },
      uniqueEmail,
      {
        put: {
          ...keys.registration(sessionId, reg.id),
          ...keys.sessionWaitIndex(sessionId, waiting.ticket!),
          ...waiting,
        },
      },
      registrationMessage(deps, activity, session, waiting, 'waitlisted'),
      quota,
    ]);
    if (queued.ok) return { kind: 'waitlisted', registration: waiting };
    if (refusedBy(queued, 'registrant')) return { kind: 'already-registered' };
    if (quotaSpent(queued)) return { kind: 'too-many-emails' };
    const again = await deps.store.get<SessionItem>(keys.session(sessionId));
    if (!again || again.status === 'cancelled') return { kind: 'session-cancelled' };
    session = again;
  }
  throw new Error('registration did not settle');
}

export async function cancelRegistration(
  deps: Deps,
  sessionId: string,
  registrationId: string,
  signature: string | undefined,
  byStaff = false,
) {
  if (!byStaff && !verifyAction(deps.config.linkSecret, cancelFields({ sessionId, id: registrationId }), signature))
    return { kind: 'invalid-link' as const };
  const session = await deps.store.get<SessionItem>(keys.session(sessionId));
  let reg = await deps.store.get<RegistrationItem>(keys.registration(sessionId, registrationId));
  if (!session || !reg) return { kind: 'not-found' as const };
  const activity = (await deps.store.get<ActivityItem>(keys.activity(session.activityId)))!;
  // A person promoted from the line while they cancel still means to leave: cancel the seat they now hold.
  for (let turn = 0; turn < 3 && reg && reg.status !== 'cancelled'; turn++) {
    const held: RegistrationItem = reg;
    const done = await deps.store.transact([
      {
        update: keys.registration(sessionId, held.id),
        spec: {
          set: { status: 'cancelled', cancelledAt: deps.clock.now().toISOString() },
          remove: ['gsi2pk', 'gsi2sk'],
        },
        when: cond.eq('status', held.status),
      },
      { delete: keys.registrant(sessionId, held.email) },
      // The person's registration ends, not the session: the email says so (and withdraws the invite they hold).
      registrationMessage(deps, activity, session, held, 'registration-cancelled'),
      {
        update: keys.session(sessionId),
        spec: { add: held.status === 'registered' ? { registeredCount: -1 } : { waitingCount: -1 } },
      },
    ]);
    if (done.ok) {
      const promoted = held.status === 'registered' ? await fillFromWaitlist(deps, sessionId) : 0;
      return { kind: 'cancelled' as const, promoted };
    }
    reg = await deps.store.get<RegistrationItem>(keys.registration(sessionId, registrationId));
  }
  return { kind: 'invalid-link' as const };
}

/**
 * Seats freed go to the first people waiting, each promotion decided by the capacity condition. Newcomers cannot
 * take these seats meanwhile (see seatForNewcomer), so a crash before this runs leaves the seat to the line,
 * and the daily job finishes the promotion.
 */
export async function fillFromWaitlist(deps: Deps, sessionId: string): Promise<number> {
  let promoted = 0;
  for (;;) {
    const session = await deps.store.get<SessionItem>(keys.session(sessionId));
    if (session?.status !== 'scheduled') return promoted;
    if (session.capacity !== undefined && session.registeredCount >= session.capacity) return promoted;
    const [first] = await deps.store.query<RegistrationItem>({ ...keys.sessionWaitlist(sessionId), limit: 1 });
    if (!first) return promoted;
    const activity = (await deps.store.get<ActivityItem>(keys.activity(session.activityId)))!;
    const r = await deps.store.transact([
      {
        name: 'seat',
        update: keys.session(sessionId),
        spec: { add: { registeredCount: 1, waitingCount: -1 } },
        when: seatForWaiting(session),
      },
      {
        update: keys.registration(sessionId, first.id),
        spec: {
          set: { status: 'registered', promotedAt: deps.clock.now().toISOString() },
          remove: ['gsi2pk', 'gsi2sk'],
        },
        when: cond.eq('status', 'waitlisted'),
      },
      registrationMessage(deps, activity, session, { ...first, status: 'registered' }, 'registered'),
    ]);
    if (r.ok) promoted++;
    else if (refusedBy(r, 'seat')) return promoted;
  }
}

/** Routes that name a session answer 404 for one that does not exist, rather than an empty list or a 202. */
export async function sessionExists(deps: Deps, sessionId: string): Promise<boolean> {
  return !!(await deps.store.get<SessionItem>(keys.session(sessionId)));
}

export async function listRegistrations(deps: Deps, sessionId: string) {
  const items = await deps.store.query<RegistrationItem & Record<string, unknown>>(keys.registrationsOf(sessionId));
  return items
    .map(({ pk, sk, gsi2pk, gsi2sk, ...r }) => r as RegistrationItem)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * A change of date, time or place (sequence + 1) or a cancellation: the session is updated, then every
 * registrant gets the updated invite. The fan-out uses one message id per registrant and sequence, and the
 * daily job repeats any fan-out a crash interrupted (fanoutSequence < sequence).
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
  const session = await deps.store.get<SessionItem>(keys.session(sessionId));
  if (!session) return { kind: 'not-found' as const };
  const before = session as unknown as Record<string, unknown>;
  const after = patch as Record<string, unknown>;
  // What registrants' invites show (the virtual link is the location when there is no place); `null` clears.
  const visible = ['date', 'startTime', 'duration', 'place', 'virtualUrl', 'status'].some(
    (k) => after[k] !== undefined && (after[k] ?? undefined) !== before[k],
  );
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) remove.push(k);
    else if (v !== undefined) set[k] = v;
  }
  if (patch.date) Object.assign(set, keys.sessionIndex(patch.date, sessionId));
  const updated = await deps.store.update<SessionItem>(
    keys.session(sessionId),
    { set, add: visible ? { sequence: 1 } : {}, remove },
    cond.eq('sequence', session.sequence),
  );
  if (!updated) return { kind: 'conflict' as const };
  const notified = visible ? await fanOutSessionChange(deps, updated) : 0;
  if (patch.capacity !== undefined) await fillFromWaitlist(deps, sessionId);
  return {
    kind: 'updated' as const,
    session: sessionPublic(updated as SessionItem & Record<string, unknown>),
    notified,
  };
}

export async function fanOutSessionChange(deps: Deps, session: SessionItem): Promise<number> {
  const activity = (await deps.store.get<ActivityItem>(keys.activity(session.activityId)))!;
  const regs = (await listRegistrations(deps, session.id)).filter((r) => r.status === 'registered');
  const status = session.status === 'cancelled' ? 'cancelled' : 'updated';
  let sent = 0;
  for (const r of regs) {
    const msg = registrationMessage(deps, activity, session, r, status, {
      id: `session-${session.id}-seq${session.sequence}-${r.id}`,
    });
    if ('put' in msg && (await deps.store.put(msg.put, msg.when))) sent++;
  }
  await deps.store.update(
    keys.session(session.id),
    { set: { fanoutSequence: session.sequence } },
    cond.le('fanoutSequence', session.sequence),
  );
  return sent;
}

/** Daily: reminders 7 and 1 days before (configurable), once each per registration; unfinished fan-outs; free seats. */
export async function sendActivityReminders(deps: Deps): Promise<{ reminders: number }> {
  const settings = await deps.settings();
  const today = localDateAt(deps.clock.now());
  const horizon = Math.max(...settings.activities.reminderDaysBefore);
  const sessions = await deps.store.query<SessionItem>({ ...keys.sessionsList(), skFrom: today });
  let reminders = 0;
  for (const s of sessions) {
    if (s.fanoutSequence < s.sequence) await fanOutSessionChange(deps, s);
    if (s.status !== 'scheduled') continue;
    await fillFromWaitlist(deps, s.id);
    const daysUntil = daysBetween(today, s.date);
    if (daysUntil > horizon) continue;
    const due = dueReminder(daysUntil, settings.activities.reminderDaysBefore);
    if (due === undefined) continue;
    const activity = (await deps.store.get<ActivityItem>(keys.activity(s.activityId)))!;
    for (const r of (await listRegistrations(deps, s.id)).filter(
      (x) => x.status === 'registered' && !(x.reminders ?? []).includes(due),
    )) {
      const done = await deps.store.transact([
        {
          update: keys.registration(s.id, r.id),
          spec: { append: { reminders: [due] } },
          when: cond.and(
            cond.eq('status', 'registered'),
            cond.or(cond.notExists('reminders'), cond.notContains('reminders', due)),
          ),
        },
        registrationMessage(deps, activity, s, r, 'reminder', { id: `reminder-${r.id}-${due}`, daysBefore: daysUntil }),
      ]);
      if (done.ok) reminders++;
    }
  }
  return { reminders };
}

/** The CSV is read by the team in a French Excel: statuses in words, not codes. */
const REGISTRATION_STATUS: Record<RegistrationItem['status'], string> = {
  registered: 'Inscrite',
  waitlisted: "Sur la liste d'attente",
  cancelled: 'Annulée',
};

/** CSV for a French Excel: UTF-8 with BOM, `;` by default. Cells are quoted and formula-leading characters neutralised. */
export function registrationsCsv(
  regs: RegistrationItem[],
  separator: ';' | ',' = ';',
  quartierName: (id: string) => string = (id) => id,
): string {
  const header = ['Nom', 'Courriel', 'Quartier', 'Statut', 'Inscrit le'];
  const rows = regs.map((r) => [
    r.name,
    r.email,
    r.quartierId ? quartierName(r.quartierId) : '',
    REGISTRATION_STATUS[r.status],
    r.createdAt.slice(0, 10),
  ]);
  return toCsv([header, ...rows], separator);
}
