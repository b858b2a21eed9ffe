/** What the use cases need from the outside world. Adapters under shared/adapters implement these. */
import type { Config } from './config.ts';
import type { ProgramSettings } from '#domain/settings';
import type { Store } from '#adapters/dynamodb/store';
import type { Logger } from './logger.ts';

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

export type Deps = {
  store: Store;
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
