/**
 * Places a claimed request: arrival order is the order of an atomic counter, so the n-th request of the year holds
 * slot n while n is within capacity (its conditional put cannot collide). Later arrivals take a slot only if one was
 * explicitly freed (released with nobody waiting), else they join the waiting line: their rank is their ticket.
 */
import { currentOf, refusedBy } from '#shared/ports';
import { placementOf, waitingPosition, type SupportRequest } from '#domain/slots';
import type { Deps, SlotHold, Write, YearCounter } from '#shared/ports';
import { getQuartier, type QuartierItem } from './quartiers.ts';
import { outcomeEmails } from './support-emails.ts';

/** The slot's hours on the quartier's axis-2 balance, which opens with them. */
export function grantLedger(deps: Deps, r: SupportRequest, minutes: number, at: string): Write[] {
  const ref = { quartierId: r.quartierId, axis: 'additional' as const, year: r.year };
  return [
    deps.repos.ledger.record(
      {
        id: `grant-${r.id}`,
        ...ref,
        kind: 'allocation',
        minutes,
        requestId: r.id,
        author: 'additional-support',
        createdAt: at,
      },
      { unique: true },
    ),
    deps.repos.ledger.allocate(ref, minutes),
  ];
}

export async function placeRequest(
  deps: Deps,
  r: SupportRequest,
  token: string,
  quartier?: QuartierItem,
): Promise<SupportRequest> {
  const settings = await deps.settings();
  const { slots, requests } = deps.repos;
  // The rank (which is also the ticket, should the request wait) and the quartier the emails name: one round trip.
  const [q, ranked] = await Promise.all([
    quartier ?? getQuartier(deps, r.quartierId).then((found) => found!),
    slots.rankArrival(r.year, { capacity: settings.additional.slotsPerYear, at: deps.clock.now().toISOString() }),
  ]);
  // Each candidate slot with what taking it writes: the n-th arrival's own slot, else a freed one.
  const candidates: Array<{ slot: number; writes: Write[] }> = [];
  const placement = placementOf(ranked);
  if (placement.kind === 'own-slot') {
    candidates.push({ slot: placement.slot, writes: [slots.takeOwn(r, placement.slot)] });
  } else if ((ranked.freeSlots ?? 0) > 0) {
    const free = (await slots.slots(r.year)).filter((s: SlotHold) => s.status === 'free');
    for (const s of free) candidates.push({ slot: s.slot, writes: slots.takeFreed(r, s) });
  }
  for (const c of candidates) {
    const now = deps.clock.now();
    const at = now.toISOString();
    const granted: SupportRequest = { ...r, status: 'granted', slot: c.slot, updatedAt: at };
    const [slotWrite, ...counterWrites] = c.writes;
    const result = await deps.tx.commit([
      { ...slotWrite, name: 'slot' },
      {
        ...requests.change(r, {
          set: { status: 'granted', slot: c.slot, updatedAt: at },
          while: { status: 'received' },
        }),
        name: 'request',
      },
      deps.repos.requests.audit(r.id, { at, event: 'granted', by: 'system', detail: { slot: c.slot } }),
      ...grantLedger(deps, granted, settings.additional.minutesPerSlot, at),
      ...outcomeEmails(deps, granted, q, token, ranked.capacity, 'granted', now),
      ...counterWrites,
    ]);
    if (result.ok) return granted;
    // Another path placed this request already: it comes back as it stands. The slot taken: next candidate.
    if (refusedBy(result, 'request'))
      return currentOf<SupportRequest>(result, 'request') ?? (await requests.get<SupportRequest>(r.id))!;
    if (!refusedBy(result, 'slot')) throw new Error('additional support: grant refused');
  }
  // Full: the rank is the ticket, and the place in line leaves out those ranked before who are not in it.
  return waitInLine(deps, r, q, token, ranked);
}

async function waitInLine(
  deps: Deps,
  r: SupportRequest,
  q: QuartierItem,
  token: string,
  ticketed: YearCounter,
): Promise<SupportRequest> {
  const { requests } = deps.repos;
  const now = deps.clock.now();
  const at = now.toISOString();
  const waiting: SupportRequest = {
    ...r,
    status: 'waitlisted',
    ticket: ticketed.grantSeq,
    initialPosition: waitingPosition(ticketed),
    updatedAt: at,
  };
  const result = await deps.tx.commit([
    requests.change(r, {
      set: { status: 'waitlisted', ticket: waiting.ticket, initialPosition: waiting.initialPosition, updatedAt: at },
      while: { status: 'received' },
      line: { year: r.year, ticket: ticketed.grantSeq },
    }),
    deps.repos.requests.audit(r.id, {
      at,
      event: 'waitlisted',
      by: 'system',
      detail: { position: waiting.initialPosition },
    }),
    ...outcomeEmails(deps, waiting, q, token, ticketed.capacity, 'waitlisted', now),
  ]);
  return result.ok ? waiting : (await requests.get<SupportRequest>(r.id))!;
}

/** Daily: finish requests a crash left between the claim and the placement. */
export async function resumeReceivedSupportRequests(deps: Deps) {
  const stale = new Date(deps.clock.now().getTime() - 60_000).toISOString();
  const received = await deps.repos.slots.unplacedSince<SupportRequest>(stale);
  for (const r of received) await placeRequest(deps, r, '');
  return { resumed: received.length };
}
