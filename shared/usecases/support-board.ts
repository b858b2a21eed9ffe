/** The coordination team's view of a year of axis 2: slots held, freed, offered, and the waiting line in order. */
import type { SupportRequest } from '#domain/slots';
import type { Deps } from '#shared/ports';

export async function supportBoard(deps: Deps, year: string) {
  const settings = await deps.settings();
  const counter = await deps.repos.slots.counter(year);
  const slots = await deps.repos.slots.slots(year);
  const waiting = await deps.repos.slots.line<SupportRequest>(year);
  return {
    year,
    capacity: counter?.capacity ?? settings.additional.slotsPerYear,
    granted: slots
      .filter((s) => s.status === 'granted')
      .map((s) => ({ quartierId: s.quartierId, slot: s.slot, requestId: s.requestId })),
    free: slots.filter((s) => s.status === 'free').map((s) => s.slot),
    offers: slots
      .filter((s) => s.status === 'offered')
      .map((s) => ({ quartierId: s.quartierId, slot: s.slot, requestId: s.requestId, expiresAt: s.offerExpiresAt })),
    waitlist: waiting.map((w, i) => ({ quartierId: w.quartierId, position: i + 1, requestId: w.id })),
  };
}

/** A waiting request's place in line now (its initial position less those who left, or moved ahead by override). */
export async function waitlistPosition(deps: Deps, r: SupportRequest): Promise<number | undefined> {
  if (r.status !== 'waitlisted') return undefined;
  const waiting = await deps.repos.slots.line<SupportRequest>(r.year);
  const i = waiting.findIndex((w) => w.id === r.id);
  return i < 0 ? undefined : i + 1;
}
