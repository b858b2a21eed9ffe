/**
 * The states a request goes through, and which ones allow what, in one place. Both kinds start by waiting for trust
 * when their address is not on file (shared/usecases/trust.ts); a contact on file's request skips those states.
 *
 *   learning:   unverified → awaiting-confirmation → routed ⇄ needs-decision → accepted → in-progress → completed
 *               (not-confirmed, cancelled: ends)
 *   additional: unverified → awaiting-confirmation → received → granted | waitlisted → offered → granted
 *               (not-confirmed, released, withdrawn, offer-declined, offer-expired: ends)
 */
import type { Locale } from '#email/render';

/** One line of a request's history: who did what, when, and why. */
export type AuditEvent = { at: string; event: string; by: string; reason?: string; detail?: Record<string, unknown> };

/** What both kinds of request hold. */
export type RequestBase = {
  id: string;
  kind: 'learning' | 'additional';
  year: string;
  quartierId: string;
  contact: { name: string; email: string; phone?: string };
  locale: Locale;
  status: string;
  /** How the requester came to speak for the quartier: on file when they wrote, or vouched for since. */
  trust?: 'on-file' | 'confirmed';
  statusTokenHash: string;
  createdAt: string;
  updatedAt: string;
};

export const TRUST_STATES = ['unverified', 'awaiting-confirmation'] as const;

export const LEARNING_STATES = [
  ...TRUST_STATES,
  'not-confirmed',
  'routed',
  'needs-decision',
  'accepted',
  'in-progress',
  'completed',
  'cancelled',
] as const;
export type LearningState = (typeof LEARNING_STATES)[number];

export const SUPPORT_STATES = [
  ...TRUST_STATES,
  'not-confirmed',
  'received',
  'granted',
  'waitlisted',
  'offered',
  'released',
  'withdrawn',
  'offer-declined',
  'offer-expired',
] as const;
export type SupportState = (typeof SUPPORT_STATES)[number];

/** Waiting for its address to be proven, then for someone to vouch: nothing has left the system but one email. */
export const awaitsTrust = (r: { status: string }) => (TRUST_STATES as readonly string[]).includes(r.status);

/** Served: past trust and not refused. Only then does the requester see the quartier's hours. */
export const served = (r: { status: string }) => !awaitsTrust(r) && r.status !== 'not-confirmed';

/** A learning request the requester may still cancel (or coordination, with a reason). */
export const learningCancellable = (status: string) =>
  ['unverified', 'awaiting-confirmation', 'routed', 'accepted', 'in-progress', 'needs-decision'].includes(status);

/**
 * The one table of allowed moves: for each state, the states a request may reach from it (staying in a state, such
 * as a learning-loop step within `in-progress`, is always allowed). Every status change the store writes is checked
 * against it (`requests.change`, shared/adapters/dynamodb/requests-repo.ts).
 */
export const LEARNING_MOVES: Record<LearningState, readonly LearningState[]> = {
  unverified: ['awaiting-confirmation', 'cancelled'],
  'awaiting-confirmation': ['routed', 'needs-decision', 'not-confirmed', 'cancelled'],
  'not-confirmed': [],
  routed: ['accepted', 'needs-decision', 'cancelled'],
  'needs-decision': ['routed', 'cancelled'],
  accepted: ['in-progress', 'completed', 'cancelled'],
  'in-progress': ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};
export const SUPPORT_MOVES: Record<SupportState, readonly SupportState[]> = {
  unverified: ['awaiting-confirmation', 'withdrawn'],
  'awaiting-confirmation': ['received', 'not-confirmed', 'withdrawn'],
  'not-confirmed': [],
  received: ['granted', 'waitlisted'],
  granted: ['released'],
  waitlisted: ['offered', 'withdrawn'],
  offered: ['granted', 'offer-declined', 'offer-expired'],
  released: [],
  withdrawn: [],
  'offer-declined': [],
  'offer-expired': [],
};

/** Whether a request of `kind` may move from `from` to `to`. */
export function mayMove(kind: RequestBase['kind'], from: string, to: string): boolean {
  if (from === to) return true;
  const moves = (kind === 'learning' ? LEARNING_MOVES : SUPPORT_MOVES) as Record<string, readonly string[]>;
  return moves[from]?.includes(to) ?? false;
}
