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
