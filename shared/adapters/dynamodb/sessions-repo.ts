/**
 * SessionsRepository (shared/ports.ts) on the one table: an activity is `ACTIVITY#id / ACTIVITY` (listed on gsi1),
 * a session `SESSION#id / SESSION` (listed by date on gsi1) holding its seat counters, and beside it each
 * registration `REG#id` (a waiting one is in the session's line on gsi2, by ticket) and one `EMAIL#address` per
 * registered address.
 */
import type { RegistrationItem, SessionItem, ActivityItem } from '#domain/sessions';
import type { SessionsRepository, Write } from '#shared/ports';
import { keys } from './keys.ts';
import { cond } from './expressions.ts';
import { withoutKeys } from './requests-repo.ts';
import type { Store } from './store.ts';

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

const LINE_INDEX = ['gsi2pk', 'gsi2sk'];

export function sessionsRepository(store: Store): SessionsRepository {
  return {
    async activity(id) {
      const item = await store.get<Record<string, unknown>>(keys.activity(id));
      return item ? withoutKeys<ActivityItem>(item) : undefined;
    },

    async activities() {
      const items = await store.query<Record<string, unknown>>(keys.activitiesList());
      return items.map((i) => withoutKeys<ActivityItem>(i));
    },

    async get(id) {
      const item = await store.get<Record<string, unknown>>(keys.session(id));
      return item ? withoutKeys<SessionItem>(item) : undefined;
    },

    async list(from) {
      const items = await store.query<Record<string, unknown>>({
        ...keys.sessionsList(),
        ...(from === undefined ? {} : { skFrom: from }),
      });
      return items.map((i) => withoutKeys<SessionItem>(i));
    },

    create(session): Write {
      return {
        put: { ...keys.session(session.id), ...keys.sessionIndex(session.date, session.id), ...session },
        when: cond.notExists(),
      };
    },

    async revise(session, patch, { bump }) {
      const set: Record<string, unknown> = {};
      const remove: string[] = [];
      for (const [k, v] of Object.entries(patch)) {
        if (v === null) remove.push(k);
        else if (v !== undefined) set[k] = v;
      }
      if (typeof patch.date === 'string' && patch.date) Object.assign(set, keys.sessionIndex(patch.date, session.id));
      const updated = await store.update<Record<string, unknown>>(
        keys.session(session.id),
        { set, add: bump ? { sequence: 1 } : {}, remove },
        cond.eq('sequence', session.sequence),
      );
      return updated ? withoutKeys<SessionItem>(updated) : undefined;
    },

    fannedOut(session): Write {
      return {
        update: keys.session(session.id),
        spec: { set: { fanoutSequence: session.sequence } },
        when: cond.le('fanoutSequence', session.sequence),
      };
    },

    async takeTicket(sessionId) {
      const counted = await store.update<SessionItem>(keys.session(sessionId), { add: { waitSeq: 1 } }, cond.exists());
      return counted!.waitSeq;
    },

    seatNewcomer(session): Write {
      return {
        update: keys.session(session.id),
        spec: { add: { registeredCount: 1 } },
        when: seatForNewcomer(session),
      };
    },

    joinLine(session): Write {
      return { update: keys.session(session.id), spec: { add: { waitingCount: 1 } }, when: mustWait };
    },

    seatFromLine(session): Write {
      return {
        update: keys.session(session.id),
        spec: { add: { registeredCount: 1, waitingCount: -1 } },
        when: seatForWaiting(session),
      };
    },

    giveBack(session, held): Write {
      return {
        update: keys.session(session.id),
        spec: { add: held === 'registered' ? { registeredCount: -1 } : { waitingCount: -1 } },
      };
    },

    async registration(sessionId, id) {
      const item = await store.get<Record<string, unknown>>(keys.registration(sessionId, id));
      return item ? withoutKeys<RegistrationItem>(item) : undefined;
    },

    async registrations(sessionId) {
      const items = await store.query<Record<string, unknown>>(keys.registrationsOf(sessionId));
      return items.map((i) => withoutKeys<RegistrationItem>(i));
    },

    async firstWaiting(sessionId) {
      const [first] = await store.query<Record<string, unknown>>({ ...keys.sessionWaitlist(sessionId), limit: 1 });
      return first ? withoutKeys<RegistrationItem>(first) : undefined;
    },

    addRegistration(r): Write {
      const line =
        r.status === 'waitlisted' && r.ticket !== undefined ? keys.sessionWaitIndex(r.sessionId, r.ticket) : {};
      return { put: { ...keys.registration(r.sessionId, r.id), ...line, ...r } };
    },

    changeRegistration(r, change): Write {
      const leavesLine = change.set.status !== undefined && change.set.status !== 'waitlisted';
      return {
        update: keys.registration(r.sessionId, r.id),
        spec: { set: change.set, ...(leavesLine ? { remove: LINE_INDEX } : {}) },
        when: change.while === undefined ? undefined : cond.eq('status', change.while),
      };
    },

    remindedOf(r, daysBefore): Write {
      return {
        update: keys.registration(r.sessionId, r.id),
        spec: { append: { reminders: [daysBefore] } },
        when: cond.and(
          cond.eq('status', 'registered'),
          cond.or(cond.notExists('reminders'), cond.notContains('reminders', daysBefore)),
        ),
      };
    },

    holdEmail(sessionId, email, registrationId): Write {
      return { put: { ...keys.registrant(sessionId, email), registrationId }, when: cond.notExists() };
    },

    releaseEmail(sessionId, email): Write {
      return { delete: keys.registrant(sessionId, email) };
    },

    async registrationsWithEmail(email) {
      const wanted = email.trim().toLowerCase();
      const items = await store.scan<Record<string, unknown>>(keys.sessionsScan());
      return items
        .filter((i) => keys.isRegistration(i) && String(i.email).toLowerCase() === wanted)
        .map((i) => withoutKeys<RegistrationItem>(i));
    },

    anonymiseRegistration(reg, as): Write[] {
      return [
        { update: keys.registration(reg.sessionId, reg.id), spec: { set: { name: as.name, email: as.email } } },
        { delete: keys.registrant(reg.sessionId, reg.email.toLowerCase()) },
      ];
    },
  };
}
