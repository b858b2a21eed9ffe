/** What the use cases need from the outside world. Adapters under shared/adapters implement these. */
import type { Config } from './config.ts';
import type { ProgramSettings } from '#domain/settings';
import type { Store, TxItem, TxResult } from '#adapters/dynamodb/store';
import type { Logger } from './logger.ts';
import type { AuditEvent, RequestBase } from '#domain/request-states';
import type { ActivityItem, RegistrationItem, SessionItem } from '#domain/sessions';
import type { Consent, Subscriber, SubscriberStatus, TopicProposal } from '#domain/community';

/**
 * One write of a transaction, built by a repository (shared/adapters/dynamodb/*-repo.ts). Use cases compose the
 * writes of several repositories and commit them at once with `deps.tx.commit`: that is how a request, its slot and
 * its emails land together or not at all. A use case never builds a key or an expression.
 */
export type Write = TxItem;
export type { TxResult };

/** Commits writes in one transaction; a refused one says which named write failed and why (`refusedBy`). */
export interface Transactions {
  commit(writes: Write[]): Promise<TxResult>;
}

export interface Clock {
  now(): Date;
}

export type OutgoingEmail = {
  from: string;
  replyTo?: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html: string;
  /** Calendar invite (text/calendar; method=REQUEST or CANCEL). */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
  headers?: Record<string, string>;
};

export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}

/**
 * The repositories, one per aggregate. Each interface below names what the use cases need; its DynamoDB
 * implementation is shared/adapters/dynamodb/<name>-repo.ts, put together by shared/adapters/dynamodb/repositories.ts.
 */
export type Repositories = {
  ledger: LedgerRepository;
  requests: RequestsRepository;
  quartiers: QuartiersRepository;
  slots: SlotsRepository;
  sessions: SessionsRepository;
  community: CommunityRepository;
  outbox: OutboxRepository;
  guards: GuardsRepository;
  settings: SettingsRepository;
  harvest: HarvestRepository;
};

export type Deps = {
  /** The table itself: for adapters, wiring and tests. Use cases go through `repos` and `tx` only. */
  store: Store;
  repos: Repositories;
  tx: Transactions;
  mailer: Mailer;
  clock: Clock;
  config: Config;
  /** The program's rules, from the table (seeded from defaults), cached briefly. */
  settings(): Promise<ProgramSettings>;
  log: Logger;
};

export const systemClock: Clock = { now: () => new Date() };

/** Who signs in to the staff pages: coordination, or one partner's people. A role is a Cognito group in AWS. */
export type StaffRole = 'coordination' | 'partner';
/** `invited` until the first sign-in replaces the temporary password; `disabled` once access is revoked. */
export type StaffStatus = 'invited' | 'active' | 'disabled';
export type StaffAccount = {
  email: string;
  /** Null once revoked: a revoked account belongs to no group. */
  role: StaffRole | null;
  partnerId?: string;
  name?: string;
  status: StaffStatus;
  createdAt: string;
};
export type StaffInvitation = {
  email: string;
  role: StaffRole;
  partnerId?: string;
  name?: string;
  locale: 'fr' | 'en';
};

/** Staff accounts: Cognito's user pool in AWS (which emails the invitation), the table on this machine. */
export interface StaffDirectory {
  invite(invitation: StaffInvitation): Promise<{ kind: 'invited'; account: StaffAccount } | { kind: 'already-exists' }>;
  list(): Promise<StaffAccount[]>;
  /** Disables the account and takes it out of every group. */
  revoke(email: string): Promise<{ kind: 'revoked' } | { kind: 'not-found' }>;
}

// ─── Ledger ───────────────────────────────────────────────────────────────────────────────────────

/** Balances per quartier, axis and year, their append-only entries, the yearly opening. */
// biome-ignore lint/suspicious/noEmptyInterface: filled as the use cases move onto the port
export interface LedgerRepository {}

// ─── end of Ledger ────────────────────────────────────────────────────────────────────────────────

// ─── Requests ───────────────────────────────────────────────────────────────────────────────────────

/**
 * How a request changes in one write: the fields it sets and removes, and the values it must still hold for the
 * write to apply (`while`: typically its status, assignment or last update, as read). Changing `status` or
 * `partnerId` keeps the request findable by its new status and partner.
 */
export type RequestChange = {
  set: Record<string, unknown>;
  remove?: string[];
  while?: Record<string, string | number>;
  /**
   * Axis 2's waiting line: a ticket to wait in `year`'s line, `{ first: at }` to be put before every ticket (a
   * coordination override), `null` to leave the line. Absent: unchanged.
   */
  line?: { year: string; ticket: number } | { year: string; first: string } | null;
};

/** Learning and additional-support requests and their history (audit). */
export interface RequestsRepository {
  get<T extends RequestBase = RequestBase>(id: string): Promise<T | undefined>;
  /** A new request (refused if the id exists), findable by kind and status, and by partner once it has one. */
  create(request: RequestBase & Record<string, unknown>): Write;
  change(request: Pick<RequestBase, 'id' | 'kind' | 'createdAt'>, change: RequestChange): Write;
  /** Appends one line to the request's history. */
  audit(requestId: string, event: AuditEvent): Write;
  history(requestId: string): Promise<AuditEvent[]>;
  withStatus<T extends RequestBase = RequestBase>(kind: RequestBase['kind'], status: string): Promise<T[]>;
  /** Learning requests ever assigned to a partner and still held by them. */
  ofPartner<T extends RequestBase = RequestBase>(partnerId: string): Promise<T[]>;
}

// ─── end of Requests ────────────────────────────────────────────────────────────────────────────────

// ─── Quartiers ───────────────────────────────────────────────────────────────────────────────────────

/** Quartier profiles, contacts on file, partners. */
// biome-ignore lint/suspicious/noEmptyInterface: filled as the use cases move onto the port
export interface QuartiersRepository {}

// ─── end of Quartiers ────────────────────────────────────────────────────────────────────────────────

// ─── Slots ───────────────────────────────────────────────────────────────────────────────────────

/** Axis 2: the year's counter, claims, slots, the waiting line and open offers. */
// biome-ignore lint/suspicious/noEmptyInterface: filled as the use cases move onto the port
export interface SlotsRepository {}

// ─── end of Slots ────────────────────────────────────────────────────────────────────────────────

// ─── Sessions ───────────────────────────────────────────────────────────────────────────────────────

/** How a registration changes: leaving `waitlisted` also leaves the session's waiting line. */
export type RegistrationChange = {
  set: Partial<Pick<RegistrationItem, 'status'>> & Record<string, unknown>;
  /** The status it must still hold, as read. */
  while?: RegistrationItem['status'];
};

/**
 * Activities, sessions, registrations and their waiting lines. A session's seats are counters that the store
 * guards: each seat write below carries its own rule (capacity, nobody waiting), decided in the same write.
 */
export interface SessionsRepository {
  activity(id: string): Promise<ActivityItem | undefined>;
  activities(): Promise<ActivityItem[]>;
  get(id: string): Promise<SessionItem | undefined>;
  /** Every session by date, or those on or after `from` (a date). */
  list(from?: string): Promise<SessionItem[]>;
  /** A new session (refused if the id exists), listed by its date. */
  create(session: SessionItem): Write;
  /**
   * Applies a staff change (`null` clears a field), while the session still has the sequence it was read with;
   * `bump` adds one to the sequence (what registrants see changed). The session as it now stands, or undefined
   * when it changed meanwhile.
   */
  revise(
    session: SessionItem,
    patch: Record<string, unknown>,
    opts: { bump: boolean },
  ): Promise<SessionItem | undefined>;
  /** Records that every registrant was told of `session.sequence` (never moves back). */
  fannedOut(session: SessionItem): Write;
  /** A distinct place in the session's waiting line, from an atomic counter. */
  takeTicket(sessionId: string): Promise<number>;
  /** A seat for a newcomer: only under the capacity and while nobody waits. */
  seatNewcomer(session: SessionItem): Write;
  /** One more in line: only while no seat is free for a newcomer. */
  joinLine(session: SessionItem): Write;
  /** A seat for the first waiting person: only under the capacity. */
  seatFromLine(session: SessionItem): Write;
  /** A seat or a place in line given back. */
  giveBack(session: SessionItem, held: 'registered' | 'waitlisted'): Write;

  registration(sessionId: string, id: string): Promise<RegistrationItem | undefined>;
  registrations(sessionId: string): Promise<RegistrationItem[]>;
  /** The first person in the session's waiting line. */
  firstWaiting(sessionId: string): Promise<RegistrationItem | undefined>;
  /** A new registration; a waitlisted one takes its place in line by its ticket. */
  addRegistration(registration: RegistrationItem): Write;
  changeRegistration(registration: RegistrationItem, change: RegistrationChange): Write;
  /** Marks the reminder `daysBefore` sent, once, while the person holds a seat. */
  remindedOf(registration: RegistrationItem, daysBefore: number): Write;
  /** One registration per address and session: refused while the address holds one. */
  holdEmail(sessionId: string, email: string, registrationId: string): Write;
  releaseEmail(sessionId: string, email: string): Write;
}

// ─── end of Sessions ────────────────────────────────────────────────────────────────────────────────

// ─── Community ───────────────────────────────────────────────────────────────────────────────────────

/** Proposals and the mailing list. */
export interface CommunityRepository {
  /** A new proposal (refused if the id exists: a repeated run writes nothing). */
  propose(proposal: TopicProposal): Write;
  /** Newest first. */
  proposals(): Promise<TopicProposal[]>;
  subscriber(email: string): Promise<Subscriber | undefined>;
  subscribersWithStatus(status: SubscriberStatus): Promise<Subscriber[]>;
  /** A sign-up waiting for its confirmation (replaces an earlier pending or unsubscribed one). */
  signUp(subscriber: Subscriber & { status: 'pending'; consent: Consent }): Write;
  /** Confirms a pending sign-up; refused when none is pending. */
  confirm(email: string, confirmation: { at: string; ip?: string }): Write;
  /** Unsubscribes the address, on the list or not (bulk messages then skip it). */
  unsubscribe(email: string, at: string): Write;
}

// ─── end of Community ────────────────────────────────────────────────────────────────────────────────

// ─── Outbox ───────────────────────────────────────────────────────────────────────────────────────

/** Emails waiting to be sent, written in the same transaction as what they tell. */
// biome-ignore lint/suspicious/noEmptyInterface: filled as the use cases move onto the port
export interface OutboxRepository {}

// ─── end of Outbox ────────────────────────────────────────────────────────────────────────────────

// ─── Guards ───────────────────────────────────────────────────────────────────────────────────────

/** Idempotency records and abuse-limit counters. */
// biome-ignore lint/suspicious/noEmptyInterface: filled as the use cases move onto the port
export interface GuardsRepository {}

// ─── end of Guards ────────────────────────────────────────────────────────────────────────────────

// ─── Settings ───────────────────────────────────────────────────────────────────────────────────────

/** The program's settings. */
// biome-ignore lint/suspicious/noEmptyInterface: filled as the use cases move onto the port
export interface SettingsRepository {}

// ─── end of Settings ────────────────────────────────────────────────────────────────────────────────

// ─── Harvest ───────────────────────────────────────────────────────────────────────────────────────

/** The learning harvest: journals, outcome statements, themes. */
// biome-ignore lint/suspicious/noEmptyInterface: filled as the use cases move onto the port
export interface HarvestRepository {}

// ─── end of Harvest ────────────────────────────────────────────────────────────────────────────────
