/** What the use cases need from the outside world. Adapters under shared/adapters implement these. */
import type { Config } from './config.ts';
import type { ProgramSettings } from '#domain/settings';
import type { Store, TxItem } from '#adapters/dynamodb/store';
import type { Logger } from './logger.ts';
import type { AuditEvent, RequestBase } from '#domain/request-states';
import type { ActivityItem, RegistrationItem, SessionItem } from '#domain/sessions';
import type { Consent, Subscriber, SubscriberStatus, TopicProposal } from '#domain/community';
import type { JournalEntry, OutcomeStatement } from '#domain/harvest';

/**
 * One write of a transaction, built by a repository (shared/adapters/dynamodb/*-repo.ts). Use cases compose the
 * writes of several repositories and commit them at once with `deps.tx.commit`: that is how a request, its slot and
 * its emails land together or not at all. A use case never builds a key or an expression.
 */
export type Write = TxItem;
export type TxRefusal = 'condition' | 'conflict';
type Reason = TxRefusal;
/**
 * Per-item outcome of a refused transaction, as values: `refused` says which named items failed and why,
 * `current` holds each named item whose condition failed as it stood then (absent when it did not exist);
 * `reasons` gives the same by position, for every item.
 */
export type TxResult =
  | { ok: true }
  | {
      ok: false;
      reasons: Array<Reason | null>;
      refused: Partial<Record<string, Reason>>;
      current: Partial<Record<string, Record<string, unknown>>>;
    };

/** Whether the item named `name` is what refused the transaction (its condition failed). */
export const refusedBy = (result: TxResult, name: string) => !result.ok && result.refused[name] === 'condition';
/** The named item as it stood when its condition refused the transaction. */
export const currentOf = <T>(result: TxResult, name: string) =>
  (result.ok ? undefined : result.current[name]) as T | undefined;

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
  privacy: PrivacyRepository;
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

import type { Axis, Balance, LedgerEntry } from '#domain/ledger';

/** Where a balance is: one quartier's year on one axis. */
export type BalanceRef = { quartierId: string; axis: Axis; year: string };

/** What a year's opening run did, kept as its record (and mailed as its summary). */
export type YearOpeningRecord = {
  year: string;
  lastRunAt: string;
  quartiers: number;
  carriedMinutes: number;
  expiredMinutes: number;
  allocatedMinutes: number;
  changed: number;
  dryRun: boolean;
};

/** Balances per quartier, axis and year, their append-only entries, the yearly opening. */
export interface LedgerRepository {
  balance(quartierId: string, axis: Axis, year: string): Promise<Balance | undefined>;
  /** Several balances in one read; those that do not exist are left out. */
  balances(refs: BalanceRef[]): Promise<Balance[]>;
  /** Every quartier's balance on an axis for a year (the daily reminder). */
  balancesOfYear(axis: Axis, year: string): Promise<Balance[]>;
  /**
   * The quartier's balances on an axis from `fromYear` on, oldest first, for as long as the years follow each
   * other: carry flows only from a year to the next, so a year never opened ends the chain.
   */
  chain(quartierId: string, axis: Axis, fromYear: string): Promise<Balance[]>;
  entry(ref: BalanceRef, id: string): Promise<LedgerEntry | undefined>;
  entries(quartierId: string, axis: Axis, year: string): Promise<LedgerEntry[]>;
  /** Writes an entry (a new one, refused if its id exists, when `unique`; else it replaces it). */
  record(entry: LedgerEntry, opts?: { unique?: boolean }): Write;
  /** A balance's new state, only if its version is still the one read; `notify` adds to its notices sent. */
  change(balance: Balance, set: Partial<Balance>, notify?: string[]): Write;
  /** A balance that did not exist (see `emptyBalance`), refused if one was created meanwhile. */
  create(balance: Balance, set: Partial<Balance>): Write;
  /**
   * Adds `minutes` to a balance's allocation and opens it, creating the balance if it does not exist. A grant only
   * adds, so it needs no version read: its version still moves, so a write that read the balance before it is
   * refused and reads again.
   */
  allocate(ref: BalanceRef, minutes: number): Write;
  /**
   * A released slot's hours leave the quartier's balance, provided none were used (refused if the balance moved);
   * no longer opened, a later hour log on it meets the ledger's own `no-slot` refusal.
   */
  returnAllocation(balance: Balance, minutes: number): Write;
  /** The record of a year's opening run (the latest run's figures). */
  recordOpening(record: YearOpeningRecord): Write;
  /**
   * Axis 2's counter for the year, which the yearly opening creates. It is the Slots aggregate's item; it sits here
   * until the Slots repository offers it. `openSlots` says false when the counter already existed.
   */
  slotsOpened(year: string): Promise<boolean>;
  openSlots(year: string, capacity: number, at: string): Promise<boolean>;
}

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
  /** Several requests in as few reads as the store allows; those that do not exist are left out. */
  many<T extends RequestBase = RequestBase>(ids: string[]): Promise<T[]>;
  /** A new request (refused if the id exists), findable by kind and status, and by partner once it has one. */
  create(request: RequestBase & Record<string, unknown>): Write;
  change(request: Pick<RequestBase, 'id' | 'kind' | 'createdAt'>, change: RequestChange): Write;
  /** Appends one line to the request's history. */
  audit(requestId: string, event: AuditEvent): Write;
  history(requestId: string): Promise<AuditEvent[]>;
  withStatus<T extends RequestBase = RequestBase>(kind: RequestBase['kind'], status: string): Promise<T[]>;
  /** Learning requests ever assigned to a partner and still held by them. */
  ofPartner<T extends RequestBase = RequestBase>(partnerId: string): Promise<T[]>;
  /** Every request whose contact has this address, whatever its case (a privacy request: read rarely). */
  withContact<T extends RequestBase = RequestBase>(email: string): Promise<T[]>;
  /** Requests closed before `before` (ISO) whose contact is not yet anonymised: retention is over for them. */
  closedBefore<T extends RequestBase = RequestBase>(before: string): Promise<T[]>;
}

// ─── end of Requests ────────────────────────────────────────────────────────────────────────────────

// ─── Quartiers ───────────────────────────────────────────────────────────────────────────────────────

type QuartierItem = import('#domain/quartier').QuartierItem;
type ContactItem = import('#domain/quartier').ContactItem;
type PartnerItem = import('#domain/quartier').PartnerItem;
type PartnerLoad = import('#domain/routing').PartnerLoad;

/** What deciding a new learning request needs, read at once (one BatchGetItem on DynamoDB). */
export type LearningIntake = {
  quartier?: QuartierItem;
  /** Whether the address that wrote is a contact on file. */
  onFile: boolean;
  /** The quartier's learning balance in the year and in the year before, as stored (absent until opened). */
  balances: {
    current?: import('#domain/ledger').Balance;
    previous?: import('#domain/ledger').Balance;
  };
  /** The round robin's position, and the load of each partner asked for (none yet: zero). */
  cursor: number;
  loads: Record<string, PartnerLoad>;
};

/** Quartier profiles, contacts on file, partners, their load and the routing round robin. */
export interface QuartiersRepository {
  get(id: string): Promise<QuartierItem | undefined>;
  list(): Promise<QuartierItem[]>;
  /** A new quartier (refused if the id exists), listed with the others. */
  create(quartier: QuartierItem): Write;
  /** Changes the profile's fields; refused if the quartier does not exist. */
  change(id: string, set: Partial<Omit<QuartierItem, 'id'>>): Write;
  /** Applies the change at once and returns the quartier as it now stands, or undefined if there is none. */
  update(id: string, set: Partial<Omit<QuartierItem, 'id'>>): Promise<QuartierItem | undefined>;
  /** Writes nothing: refuses the transaction if the quartier does not exist. */
  mustExist(id: string): Write;
  /** The first year the quartier has a balance in, on either axis (hours logged, adjusted or carried), if any. */
  firstLedgerYear(id: string): Promise<string | undefined>;

  contacts(quartierId: string): Promise<ContactItem[]>;
  contact(quartierId: string, email: string): Promise<ContactItem | undefined>;
  /** Puts a contact on file, or updates their name and language (the email is lowercased). */
  putContact(contact: ContactItem): Write;
  /** Refused if the contact is not on file. */
  removeContact(quartierId: string, email: string): Write;
  /** Every quartier's contact on file with this address (a privacy request: read rarely). */
  contactsWithEmail(email: string): Promise<ContactItem[]>;

  /** The partners (they change rarely: read at most every 30 s per process). */
  partners(): Promise<PartnerItem[]>;
  loads(partnerIds: string[]): Promise<Record<string, PartnerLoad>>;
  /** Adds to a partner's open requests and committed minutes (negative to take away). */
  changeLoad(partnerId: string, delta: PartnerLoad): Write;
  /** Moves the round robin one step at once and returns its new position. */
  takeRoutingTurn(): Promise<number>;
  /** The same step, in a transaction. */
  routingTurn(): Write;
  learningIntake(
    quartierId: string,
    email: string,
    opts: { year: string; previousYear: string; partners: string[] },
  ): Promise<LearningIntake>;
}

// ─── end of Quartiers ────────────────────────────────────────────────────────────────────────────────

// ─── Slots ───────────────────────────────────────────────────────────────────────────────────────

/** The year's counter of axis 2: arrivals ranked, waiting tickets issued, tickets gone from the line, slots freed. */
export type YearCounter = import('#domain/slots').SlotCounter & {
  year: string;
  /** When the last arrival was ranked. */
  lastRankAt?: string;
};
/** One of the year's numbered slots: held (granted), offered to the first in line, or freed with nobody waiting. */
export type SlotHold = {
  year: string;
  slot: number;
  requestId?: string;
  quartierId?: string;
  status: 'granted' | 'offered' | 'free';
  offerExpiresAt?: string;
  version: number;
};
/** Who takes a slot. */
export type SlotHolder = { id: string; year: string; quartierId: string };

/**
 * Axis 2: the year's counter, claims, slots, the waiting line and open offers. Reads return items without key or
 * index attributes; writes are for `deps.tx.commit`. A request enters or leaves the line through
 * `requests.change(r, { line })`.
 */
export interface SlotsRepository {
  counter(year: string): Promise<YearCounter | undefined>;
  /**
   * Ranks one more arrival (atomically) and returns the counter as it now stands: the rank is also the arrival's
   * waiting ticket, should it wait. The year's first arrival opens the counter with `opening`, in the same write.
   */
  rankArrival(year: string, opening: { capacity: number; at: string }): Promise<YearCounter>;
  slot(year: string, slot: number): Promise<SlotHold | undefined>;
  slots(year: string): Promise<SlotHold[]>;
  /** The year's waiting line, first first. */
  line<T extends RequestBase = RequestBase>(year: string, limit?: number): Promise<T[]>;
  /** Every slot under offer, whatever its year. */
  openOffers(): Promise<SlotHold[]>;
  /** Requests of the kind still `received` since before `before` (a crash between claim and placement). */
  unplacedSince<T extends RequestBase = RequestBase>(before: string): Promise<T[]>;

  /** The quartier's one claim on the year's slots (named `claim`: refused if it already has one). */
  claim(request: SlotHolder, at: string): Write;
  /**
   * The claim with what it stands on, checked in the same transaction instead of read before it: refused by
   * `quartier` if the quartier does not exist, by `on-file` if `email` (normalised) is not one of its contacts.
   */
  claimOnFile(request: SlotHolder, email: string, at: string): Write[];
  /** Gives the claim back, if it is still this request's. */
  unclaim(request: SlotHolder): Write;
  /** The n-th arrival's own slot: refused if anyone holds it. */
  takeOwn(request: SlotHolder, slot: number): Write;
  /**
   * A freed slot, provided it is still free as read; one fewer freed slot on the counter, and one more arrival
   * ranked beyond the capacity who is not in line.
   */
  takeFreed(request: SlotHolder, freed: SlotHold): Write[];
  /** Passes a held slot to the next in line as an offer until `expiresAt` (refused if the slot moved). */
  offer(held: SlotHold, to: SlotHolder, expiresAt: string): Write;
  /** The offered request accepts: the slot is granted (refused if no longer its offer). */
  acceptOffer(offered: SlotHold, requestId: string): Write;
  /** Nobody waiting: the slot is marked free (refused if the slot moved), one more freed slot on the counter. */
  free(held: SlotHold): Write[];
  /**
   * A slot whose rank went to an arrival that never took it (a crash, or a retry racing its first attempt, between
   * the rank and the place): offered to `offer.to` until `offer.expiresAt`, else marked free (one more freed slot).
   * Named `slot`: refused if the slot exists by now.
   */
  reclaim(year: string, slot: number, offer?: { to: SlotHolder; expiresAt: string }): Write[];
  /** One more ranked arrival not in line: one who left it (promoted, withdrawn). */
  leftLine(year: string): Write;
}

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
  /** Every registration made with this address, whatever its case, in any session (a privacy request). */
  registrationsWithEmail(email: string): Promise<RegistrationItem[]>;
  /**
   * The registration's name and address replaced by `as`, and the address's hold on the session released; its
   * seat, status and the session's counts stay.
   */
  anonymiseRegistration(registration: RegistrationItem, as: { name: string; email: string }): Write[];
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
  /** Forgets the address: its subscription and consent record go (it can sign up again, as anyone new). */
  forgetSubscriber(email: string): Write;
  /** The proposal's name and address replaced by `as`; the topic stays. */
  anonymiseProposal(proposal: TopicProposal, as: { name: string; email: string }): Write;
}

// ─── end of Community ────────────────────────────────────────────────────────────────────────────────

// ─── Outbox ───────────────────────────────────────────────────────────────────────────────────────

import type { NewMessage, OutboxRecord, OutboxStatus } from '#domain/outbox';
import type { TemplateName } from '#email/templates';

/** Emails waiting to be sent, written in the same transaction as what they tell. */
export interface OutboxRepository {
  /** A new pending message, an item of the transaction of what it tells (refused if its id exists). */
  enqueue<N extends TemplateName>(message: NewMessage<N>, now: Date): Write;
  get(id: string): Promise<OutboxRecord | undefined>;
  /** Messages in `status`, oldest first up to `until` (by their due time, or lease end while sending). */
  withStatus(
    status: OutboxStatus,
    opts?: { until?: string; newestFirst?: boolean; limit?: number },
  ): Promise<OutboxRecord[]>;
  /** Pending or retrying and due at `at`: now `sending` until `leaseUntil`, one more attempt. Undefined otherwise. */
  claim(id: string, at: string, leaseUntil: string): Promise<OutboxRecord | undefined>;
  /**
   * The claim `claimed` (still sending, same attempt) ends as sent, or as retrying or failed; `since` is when the
   * failed attempt began (a failed message is listed by it, a retrying one by its next attempt). False when the claim
   * was no longer the message's (parked, or claimed again).
   */
  settle(
    claimed: OutboxRecord,
    outcome:
      | { status: 'sent'; sentAt: string; sesMessageId: string }
      | { status: 'retrying' | 'failed'; lastError: string; nextAttemptAt: string; since: string },
  ): Promise<boolean>;
  /** A claim whose lease ended by `at` is parked as unconfirmed (never resent blindly). */
  park(id: string, at: string): Promise<boolean>;
  /** A failed or unconfirmed message back to pending, due at `at`; false when it is not one. */
  requeue(id: string, at: string): Promise<boolean>;
  /** Every message to, copied to or about this address (in its data), whatever its status (a privacy request). */
  mentioning(email: string): Promise<OutboxRecord[]>;
  /** Cancels a message not sent yet: it goes, provided it is still pending or retrying. */
  cancel(message: OutboxRecord): Write;
  /** A message past its retention goes (sent, or failed long ago): nothing of it is kept. */
  forget(message: OutboxRecord): Write;
  /** A message's recipients and data rewritten (an erased person's address and name taken out). */
  rewrite(message: OutboxRecord, as: Pick<OutboxRecord, 'to' | 'cc' | 'data' | 'calendar'>): Write;
}

// ─── end of Outbox ────────────────────────────────────────────────────────────────────────────────

// ─── Guards ───────────────────────────────────────────────────────────────────────────────────────

/** A generic Idempotency-Key claim (shared/usecases/idempotency.ts). */
export type KeyClaim = {
  state: 'in-progress' | 'completed';
  fingerprint: string;
  claimId: string;
  leaseUntil: string;
  status?: number;
  answerJson?: string;
  ttl?: number;
};

/** Idempotency records and abuse-limit counters. */
export interface GuardsRepository {
  /** Keeps what an idempotency key answered, in the transaction of what it guards; refused if the key is taken. */
  rememberKey(scope: string, key: string, record: Record<string, unknown>): Write;
  recalled<T extends Record<string, unknown>>(scope: string, key: string): Promise<T | undefined>;
  /** Claims a key for a run: a new key, or an in-progress one whose lease ended before `now`, same fingerprint. */
  claimKey(scope: string, key: string, claim: KeyClaim & { state: 'in-progress' }, now: string): Promise<boolean>;
  completeKey(
    scope: string,
    key: string,
    claimId: string,
    answer: { status: number; answerJson?: string },
  ): Promise<void>;
  /** Frees a key held by `claimId`. */
  releaseKey(scope: string, key: string, claimId: string): Promise<void>;
  /**
   * One more email of `kind` to `email` in the window `hour` (yyyy-mm-ddThh), refused once `limit` were counted;
   * the counter expires at `expiresAt` (epoch seconds).
   */
  countMail(kind: string, email: string, hour: string, limit: number, expiresAt: number): Write;
  /** One more public POST of `client` in its hour and minute; the window's counts after it. */
  countClientPost(
    client: string,
    window: { hour: string; minute: string },
    expiresAt: number,
  ): Promise<{ hour: number; minute: number }>;
  /**
   * The same count as an item of a transaction: refused (and the transaction with it) once the window already
   * holds `limits.perHour` posts in the hour or `limits.perMinute` in the minute.
   */
  countClientPostIn(
    client: string,
    window: { hour: string; minute: string },
    limits: { perMinute: number; perHour: number },
    expiresAt: number,
  ): Write;
  /**
   * Deletes what holds this address: its mail-quota counters and the idempotency records whose answer names it
   * (both expire on their own within a day; an erasure does not wait).
   */
  forgetAddress(email: string): Promise<Write[]>;
}

// ─── end of Guards ────────────────────────────────────────────────────────────────────────────────

// ─── Settings ───────────────────────────────────────────────────────────────────────────────────────

/** Who changed the settings, and when. */
export type SettingsChange = { at: string; by: string };

/** The program's settings: one document, replaced whole. */
export interface SettingsRepository {
  /** The stored settings, or undefined when none are stored or what is stored no longer reads as settings. */
  read(): Promise<ProgramSettings | undefined>;
  /** Replaces the settings, whatever was there: the coordination team's edit. */
  replace(settings: ProgramSettings, change: SettingsChange): Write;
  /** The first settings of a new table; leaves any stored ones (edited since) as they are. */
  seed(settings: ProgramSettings, at: string): Write;
}

// ─── end of Settings ────────────────────────────────────────────────────────────────────────────────

// ─── Harvest ───────────────────────────────────────────────────────────────────────────────────────

/** How a journal entry or an outcome changes: the fields it sets, the values it must still hold. */
export type HarvestChange = { set: Record<string, unknown>; while?: Record<string, string | number | boolean> };

/** The learning harvest: journals, outcome statements; read per request, per year, per quartier. */
export interface HarvestRepository {
  journalOf(requestId: string): Promise<JournalEntry[]>;
  entry(requestId: string, id: string): Promise<JournalEntry | undefined>;
  /** A new entry; an after-action review is also findable in its year's harvest and its quartier's learnings. */
  addEntry(entry: JournalEntry): Write;
  /** Refused when the entry does not exist or no longer holds `while`. */
  editEntry(entry: Pick<JournalEntry, 'requestId' | 'id'>, change: HarvestChange): Write;
  outcomesOf(requestId: string): Promise<OutcomeStatement[]>;
  outcome(requestId: string, id: string): Promise<OutcomeStatement | undefined>;
  addOutcome(outcome: OutcomeStatement): Write;
  editOutcome(outcome: Pick<OutcomeStatement, 'requestId' | 'id'>, change: HarvestChange): Write;
  /** Every outcome and after-action review of a program year, oldest first. */
  ofYear(year: string): Promise<{ outcomes: OutcomeStatement[]; reviews: JournalEntry[] }>;
  /** A quartier's outcomes and after-action reviews across years, newest first. */
  ofQuartier(quartierId: string): Promise<{ outcomes: OutcomeStatement[]; reviews: JournalEntry[] }>;
}

// ─── end of Harvest ────────────────────────────────────────────────────────────────────────────────

// ─── Privacy ───────────────────────────────────────────────────────────────────────────────────────

/** What an erasure keeps: who erased, when and why, and how many records changed; never the address. */
export type ErasureRecord = {
  id: string;
  at: string;
  by: string;
  reason: string;
  /** `erase` on request, `retention` by the daily job. */
  cause: 'erase' | 'retention';
  records: number;
};

/** Privacy requests' own record (issue 19). */
export interface PrivacyRepository {
  recordErasure(record: ErasureRecord): Write;
  /** Newest first. */
  erasures(): Promise<ErasureRecord[]>;
}

// ─── end of Privacy ────────────────────────────────────────────────────────────────────────────────
