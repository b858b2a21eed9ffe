/**
 * Places a claimed request: arrival order is the order of an atomic counter, so the n-th request of the year holds
 * slot n while n is within capacity (its conditional put cannot collide). Later arrivals take a slot only if one was
 * explicitly freed (released with nobody waiting), else they join the waiting line with a ticket from a second
 * atomic counter.
 */
import { currentOf, refusedBy } from '#shared/ports';
import { emptyBalance, type Balance } from '#domain/ledger';
import { nextArrivalWaits, placementOf, waitingPosition, type SupportRequest } from '#domain/slots';
import type { Deps, SlotHold, Write, YearCounter } from '#shared/ports';
import { getQuartier, type QuartierItem } from './quartiers.ts';
import { outcomeEmails } from './support-emails.ts';

/** The slot's hours on the quartier's axis-2 balance, which opens with them. */
export function grantLedger(
  deps: Deps,
  r: SupportRequest,
  existing: Balance | undefined,
  minutes: number,
  at: string,
): Write[] {
  const entry = deps.repos.ledger.record(
    {
      id: `grant-${r.id}`,
      quartierId: r.quartierId,
      axis: 'additional',
      year: r.year,
      kind: 'allocation',
      minutes,
      requestId: r.id,
      author: 'additional-support',
      createdAt: at,
    },
    { unique: true },
  );
  const set = { opened: true, allocatedMinutes: (existing?.allocatedMinutes ?? 0) + minutes };
  return [
    entry,
    existing
      ? deps.repos.ledger.change(existing, set)
      : deps.repos.ledger.create(emptyBalance(r.quartierId, 'additional', r.year), set),
  ];
}

export async function placeRequest(
  deps: Deps,
  r: SupportRequest,
  token: string,
  quartier?: QuartierItem,
  /** The year's counter as read beside the claim, if it was. */
  seen?: YearCounter,
): Promise<SupportRequest> {
  const settings = await deps.settings();
  const { slots, requests } = deps.repos;
  let known = quartier;
  const quartierOf = async () => known ?? (await getQuartier(deps, r.quartierId))!;
  // A year seen full: the rank and the ticket in one write, which the store refuses if a slot was freed meanwhile.
  if (seen && nextArrivalWaits(seen)) {
    const [q, ticketed] = await Promise.all([quartierOf(), slots.rankWaiting(r.year)]);
    if (ticketed) return waitInLine(deps, r, q, token, ticketed);
    known = q;
  }
  // The balance is read beside the rank (one round trip for both); a refused grant reads it again.
  const [q, reserved, balance] = await Promise.all([
    quartierOf(),
    slots.rankArrival(r.year, { capacity: settings.additional.slotsPerYear, at: deps.clock.now().toISOString() }),
    deps.repos.ledger.balance(r.quartierId, 'additional', r.year),
  ]);
  // Each candidate slot with what taking it writes: the n-th arrival's own slot, else a freed one.
  const candidates: Array<{ slot: number; writes: Write[] }> = [];
  const placement = placementOf(reserved);
  if (placement.kind === 'own-slot') {
    candidates.push({ slot: placement.slot, writes: [slots.takeOwn(r, placement.slot)] });
  } else if ((reserved.freeSlots ?? 0) > 0) {
    const free = (await slots.slots(r.year)).filter((s: SlotHold) => s.status === 'free');
    for (const s of free) candidates.push({ slot: s.slot, writes: slots.takeFreed(r, s) });
  }
  let fresh = true;
  for (const c of candidates) {
    for (let attempt = 0; attempt < 5; attempt++) {
      // A refusal that is neither the slot's nor the request's is this balance having moved: read it again.
      const existing = fresh ? balance : await deps.repos.ledger.balance(r.quartierId, 'additional', r.year);
      fresh = false;
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
        ...grantLedger(deps, granted, existing, settings.additional.minutesPerSlot, at),
        ...outcomeEmails(deps, granted, q, token, reserved.capacity, 'granted', now),
        ...counterWrites,
      ]);
      if (result.ok) return granted;
      // Another path placed this request already: it comes back as it stands. The slot taken: next candidate.
      if (refusedBy(result, 'request'))
        return currentOf<SupportRequest>(result, 'request') ?? (await requests.get<SupportRequest>(r.id))!;
      if (refusedBy(result, 'slot')) break;
    }
  }
  // Full: the ticket is the place in line; the position subtracts those who already left the line.
  return waitInLine(deps, r, q, token, (await slots.issueTicket(r.year))!);
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
    ticket: ticketed.waitSeq,
    initialPosition: waitingPosition(ticketed),
    updatedAt: at,
  };
  const result = await deps.tx.commit([
    requests.change(r, {
      set: { status: 'waitlisted', ticket: waiting.ticket, initialPosition: waiting.initialPosition, updatedAt: at },
      while: { status: 'received' },
      line: { year: r.year, ticket: ticketed.waitSeq },
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
