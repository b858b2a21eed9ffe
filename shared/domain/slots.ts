/**
 * Axis 2's rules, pure: nine slots a year (the settings say how many), first come first served, a waiting list, and
 * offers of a freed slot that end after a few days and in any case with the slot's program year. The store applies
 * them (shared/usecases/claim-slot.ts, place-request.ts, release-slot.ts…): an atomic counter gives each arrival its
 * rank, conditional writes make each slot one request's.
 */
import { montrealInstant } from './calendar.ts';
import { addDays, localDateAt, yearEndDate, type YearStart } from './program-year.ts';
import type { RequestBase, SupportState } from './request-states.ts';

/** An additional-support request: a claim on one of the year's slots for a quartier. */
export type SupportRequest = RequestBase & {
  kind: 'additional';
  status: SupportState;
  topic: string;
  /** The advisor named in the form: a note for coordination, never emailed (the advisor on file is). */
  advisorNote?: { name: string; email: string };
  estimatedMinutes?: number;
  slot?: number;
  ticket?: number;
  initialPosition?: number;
  offerExpiresAt?: string;
};

/**
 * The year's counter: arrivals ranked (the n-th arrival's rank is n, and it is also its waiting ticket should it
 * wait), arrivals ranked beyond the capacity who are not in line (they took a freed slot, or left the line:
 * promoted, withdrawn), slots freed with nobody waiting.
 */
export type SlotCounter = { capacity: number; grantSeq: number; waitOut: number; freeSlots?: number };

/**
 * Where the n-th arrival of the year goes: the n-th slot while n is within capacity (that slot cannot be anyone
 * else's), else a slot freed with nobody waiting, else the waiting list.
 */
export function placementOf(counter: SlotCounter): { kind: 'own-slot'; slot: number } | { kind: 'freed-or-wait' } {
  return counter.grantSeq <= counter.capacity
    ? { kind: 'own-slot', slot: counter.grantSeq }
    : { kind: 'freed-or-wait' };
}

/**
 * The place in line of the arrival the counter was just ranked for: the arrivals ranked up to it, less the
 * capacity's own slots and the arrivals beyond it who are not in line.
 */
export const waitingPosition = (counter: SlotCounter) => counter.grantSeq - counter.capacity - counter.waitOut;

/**
 * When an offer made on `today` ends: midnight (Montreal) after `offerDays` full days, but never after the end of
 * the slot's program year, since the slot (and its 30 h) belong to that year only.
 */
export function offerDeadline(today: string, offerDays: number, year: string, yearStart: YearStart): Date {
  const byDays = montrealInstant(addDays(today, offerDays + 1), '00:00');
  const yearOver = montrealInstant(addDays(yearEndDate(year, yearStart), 1), '00:00');
  return new Date(Math.min(byDays.getTime(), yearOver.getTime()));
}

/** The last local day an offer can be accepted (it ends at midnight, Montreal time). */
export const offerLastDay = (r: { offerExpiresAt?: string }) =>
  r.offerExpiresAt ? localDateAt(new Date(Date.parse(r.offerExpiresAt) - 1)) : undefined;

/** An offer is over at its deadline, and in any case once its program year has ended. */
export const offerOver = (o: { offerExpiresAt?: string; year: string }, now: Date, yearStart: YearStart) =>
  (!!o.offerExpiresAt && o.offerExpiresAt <= now.toISOString()) || localDateAt(now) > yearEndDate(o.year, yearStart);

/** Once a slot's year is over there is nothing left to offer: a released slot stays free. */
export const yearOver = (year: string, now: Date, yearStart: YearStart) =>
  localDateAt(now) > yearEndDate(year, yearStart);
