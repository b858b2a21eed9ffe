/**
 * Which partner gets a learning request. Declarative: candidates per focus come from the program settings.
 * A stated preference wins; otherwise the least-loaded candidate (open accepted requests, then minutes
 * committed to them); a tie goes round-robin; a partner who declined is never chosen again.
 */
import { FOCUS_LABELS, wordFor } from '#shared/labels';

export type PartnerLoad = { openRequests: number; committedMinutes: number };

export type RoutingInput = {
  focus: string;
  preferredPartnerId?: string;
  candidatesByFocus: Record<string, string[]>;
  declined: string[];
  loads: Record<string, PartnerLoad>;
  /** A counter that moves on every routing decision: the round-robin position. */
  cursor: number;
};

export type RoutingReason =
  | { code: 'preference' }
  | { code: 'lowest-load'; focus: string }
  | { code: 'tie-round-robin'; focus: string; tiedWith: string[] }
  | { code: 'only-candidate'; focus: string };

export type RoutingDecision = { kind: 'routed'; partnerId: string; reason: RoutingReason } | { kind: 'no-candidate' };

export function choosePartner(x: RoutingInput): RoutingDecision {
  if (x.preferredPartnerId && !x.declined.includes(x.preferredPartnerId))
    return { kind: 'routed', partnerId: x.preferredPartnerId, reason: { code: 'preference' } };
  const candidates = (x.candidatesByFocus[x.focus] ?? []).filter((p) => !x.declined.includes(p));
  if (!candidates.length) return { kind: 'no-candidate' };
  if (candidates.length === 1)
    return { kind: 'routed', partnerId: candidates[0], reason: { code: 'only-candidate', focus: x.focus } };
  const load = (p: string) => x.loads[p] ?? { openRequests: 0, committedMinutes: 0 };
  const compare = (a: string, b: string) =>
    load(a).openRequests - load(b).openRequests || load(a).committedMinutes - load(b).committedMinutes;
  const best = [...candidates].sort(compare)[0];
  const tied = candidates.filter((p) => compare(p, best) === 0);
  if (tied.length === 1) return { kind: 'routed', partnerId: best, reason: { code: 'lowest-load', focus: x.focus } };
  const partnerId = tied[((x.cursor % tied.length) + tied.length) % tied.length];
  return { kind: 'routed', partnerId, reason: { code: 'tie-round-robin', focus: x.focus, tiedWith: tied } };
}

/** "routed to Niska: focus strategic clarity, lowest load" */
export function describeRouting(partnerName: string, r: RoutingReason, locale: 'fr' | 'en' = 'fr'): string {
  const focus = 'focus' in r ? wordFor(FOCUS_LABELS, r.focus, locale) : '';
  if (locale === 'en') {
    if (r.code === 'preference') return `routed to ${partnerName}: the quartier's preference`;
    if (r.code === 'only-candidate') return `routed to ${partnerName}: focus ${focus}, only remaining candidate`;
    return `routed to ${partnerName}: focus ${focus}, lowest load${r.code === 'tie-round-robin' ? ' (tie, round-robin)' : ''}`;
  }
  if (r.code === 'preference') return `acheminée à ${partnerName} : préférence du quartier`;
  if (r.code === 'only-candidate') return `acheminée à ${partnerName} : orientation ${focus}, seul partenaire restant`;
  return `acheminée à ${partnerName} : orientation ${focus}, charge la plus faible${r.code === 'tie-round-robin' ? ' (égalité, à tour de rôle)' : ''}`;
}
