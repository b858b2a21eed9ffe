/** What the use cases need from the outside world. Adapters under shared/adapters implement these. */
import type { Config } from './config.ts';
import type { ProgramSettings } from '#domain/settings';
import type { Store, TxItem, TxResult } from '#adapters/dynamodb/store';
import type { Logger } from './logger.ts';
import type { AuditEvent, RequestBase } from '#domain/request-states';
import type { JournalEntry, OutcomeStatement } from '#domain/harvest';

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

/** Activities, sessions, registrations and their waiting lines. */
// biome-ignore lint/suspicious/noEmptyInterface: filled as the use cases move onto the port
export interface SessionsRepository {}

// ─── end of Sessions ────────────────────────────────────────────────────────────────────────────────

// ─── Community ───────────────────────────────────────────────────────────────────────────────────────

/** Proposals and the mailing list. */
// biome-ignore lint/suspicious/noEmptyInterface: filled as the use cases move onto the port
export interface CommunityRepository {}

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
