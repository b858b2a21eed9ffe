/** The quartier offered a freed slot accepts it (its hours open on its balance), or declines it, which passes it on. */
import { offerOver, type SupportRequest } from '#domain/slots';
import type { Deps } from '#shared/ports';
import { getQuartier } from './quartiers.ts';
import { grantLedger } from './place-request.ts';
import { releaseSlot } from './release-slot.ts';
import { outcomeEmails } from './support-emails.ts';

export async function answerOffer(deps: Deps, requestId: string, accept: boolean, by: string) {
  const { requests, slots } = deps.repos;
  const r = await requests.get<SupportRequest>(requestId);
  if (r?.kind !== 'additional') return { kind: 'not-found' as const };
  const settings = await deps.settings();
  const now = deps.clock.now();
  const at = now.toISOString();
  // Past its deadline an offer is over even before the expiry job (every 15 minutes) has passed it on.
  if (r.status !== 'offered' || !r.slot || offerOver(r, now, settings.yearStart)) return { kind: 'no-offer' as const };
  if (!accept) return releaseSlot(deps, requestId, by, undefined, 'offer-declined');
  const slotItem = (await slots.slot(r.year, r.slot))!;
  const q = (await getQuartier(deps, r.quartierId))!;
  const granted: SupportRequest = { ...r, status: 'granted', updatedAt: at };
  const counter = (await slots.counter(r.year))!;
  const done = await deps.tx.commit([
    slots.acceptOffer(slotItem, r.id),
    requests.change(r, {
      set: { status: 'granted', updatedAt: at },
      remove: ['offerExpiresAt'],
      while: { status: 'offered' },
    }),
    deps.repos.requests.audit(r.id, { at, event: 'offer-accepted', by, detail: { slot: r.slot } }),
    ...grantLedger(deps, granted, settings.additional.minutesPerSlot, at),
    ...outcomeEmails(deps, granted, q, undefined, counter.capacity, 'granted', now),
  ]);
  return done.ok ? { kind: 'granted' as const, slot: r.slot } : { kind: 'no-offer' as const };
}
