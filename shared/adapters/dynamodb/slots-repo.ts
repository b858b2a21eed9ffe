/**
 * SlotsRepository (shared/ports.ts) on the one table. A year of axis 2 lives under `SUPPORT#year`: its COUNTER
 * (atomic ranks, which are also the waiting tickets), one CLAIM#quartier per quartier, one SLOT#nnn per numbered
 * slot. The waiting line is the requests' gsi2 (`WAITLIST#year`, by ticket); slots under offer are on gsi2 too
 * (`OFFERS`, by deadline).
 */
import type { RequestBase } from '#domain/request-states';
import type { SlotHold, SlotHolder, SlotsRepository, Write, YearCounter } from '#shared/ports';
import { keys } from './keys.ts';
import { cond } from './expressions.ts';
import { withoutKeys } from './requests-repo.ts';
import type { Store } from './store.ts';

const counterOf = (item: Record<string, unknown> | undefined) => (item ? withoutKeys<YearCounter>(item) : undefined);

export function slotsRepository(store: Store): SlotsRepository {
  const claim = (r: SlotHolder, at: string): Write => ({
    name: 'claim',
    put: { ...keys.supportClaim(r.year, r.quartierId), requestId: r.id, at },
    when: cond.notExists(),
  });
  /** A slot's condition: still as read (same holder and version). */
  const unmoved = (s: SlotHold) => cond.and(cond.eq('requestId', s.requestId ?? ''), cond.eq('version', s.version));

  return {
    async counter(year) {
      return counterOf(await store.get(keys.supportCounter(year)));
    },

    async rankArrival(year, { capacity, at }) {
      // No condition: the first arrival of the year opens the counter, later ones find it (one write either way).
      const item = await store.update(keys.supportCounter(year), {
        set: { lastRankAt: at },
        setIfAbsent: { year, capacity, waitOut: 0, openedAt: at },
        add: { grantSeq: 1 },
      });
      return counterOf(item)!;
    },

    async slot(year, slot) {
      const item = await store.get<Record<string, unknown>>(keys.supportSlot(year, slot));
      return item ? withoutKeys<SlotHold>(item) : undefined;
    },

    async slots(year) {
      return (await store.query<Record<string, unknown>>(keys.supportSlots(year))).map((i) => withoutKeys<SlotHold>(i));
    },

    async line<T extends RequestBase>(year: string, limit?: number) {
      const items = await store.query<Record<string, unknown>>({ ...keys.waitlistOf(year), limit });
      return items.map((i) => withoutKeys<T>(i));
    },

    async openOffers() {
      return (await store.query<Record<string, unknown>>(keys.openOffers())).map((i) => withoutKeys<SlotHold>(i));
    },

    async unplacedSince<T extends RequestBase>(before: string) {
      const items = await store.query<Record<string, unknown>>({
        ...keys.requestsOfKindAndStatus('additional', 'received'),
        skTo: before,
      });
      return items.map((i) => withoutKeys<T>(i));
    },

    claim,

    claimOnFile(r: SlotHolder, email: string, at: string): Write[] {
      return [
        { name: 'quartier', check: keys.quartier(r.quartierId), when: cond.exists() },
        { name: 'on-file', check: keys.quartierContact(r.quartierId, email), when: cond.exists() },
        claim(r, at),
      ];
    },

    unclaim(r: SlotHolder): Write {
      return {
        delete: keys.supportClaim(r.year, r.quartierId),
        when: cond.or(cond.notExists(), cond.eq('requestId', r.id)),
      };
    },

    takeOwn(r: SlotHolder, slot: number): Write {
      return {
        put: {
          ...keys.supportSlot(r.year, slot),
          year: r.year,
          slot,
          requestId: r.id,
          quartierId: r.quartierId,
          status: 'granted',
          version: 1,
        },
        when: cond.notExists(),
      };
    },

    takeFreed(r: SlotHolder, freed: SlotHold): Write[] {
      return [
        {
          update: keys.supportSlot(r.year, freed.slot),
          spec: { set: { requestId: r.id, quartierId: r.quartierId, status: 'granted', version: freed.version + 1 } },
          when: cond.and(cond.eq('status', 'free'), cond.eq('version', freed.version)),
        },
        { update: keys.supportCounter(r.year), spec: { add: { freeSlots: -1, waitOut: 1 } } },
      ];
    },

    offer(held: SlotHold, to: SlotHolder, expiresAt: string): Write {
      return {
        update: keys.supportSlot(held.year, held.slot),
        spec: {
          set: {
            requestId: to.id,
            quartierId: to.quartierId,
            status: 'offered',
            offerExpiresAt: expiresAt,
            version: held.version + 1,
            ...keys.offerIndex(expiresAt),
          },
        },
        when: unmoved(held),
      };
    },

    acceptOffer(offered: SlotHold, requestId: string): Write {
      return {
        update: keys.supportSlot(offered.year, offered.slot),
        spec: {
          set: { status: 'granted', version: offered.version + 1 },
          remove: ['offerExpiresAt', 'gsi2pk', 'gsi2sk'],
        },
        when: cond.and(
          cond.eq('requestId', requestId),
          cond.eq('status', 'offered'),
          cond.eq('version', offered.version),
        ),
      };
    },

    free(held: SlotHold): Write[] {
      return [
        {
          update: keys.supportSlot(held.year, held.slot),
          spec: {
            set: { status: 'free', version: held.version + 1 },
            remove: ['requestId', 'quartierId', 'offerExpiresAt', 'gsi2pk', 'gsi2sk'],
          },
          when: unmoved(held),
        },
        { update: keys.supportCounter(held.year), spec: { add: { freeSlots: 1 } } },
      ];
    },

    reclaim(year: string, slot: number, offer?: { to: SlotHolder; expiresAt: string }): Write[] {
      const fresh = { ...keys.supportSlot(year, slot), year, slot, version: 1 };
      if (offer)
        return [
          {
            name: 'slot',
            put: {
              ...fresh,
              requestId: offer.to.id,
              quartierId: offer.to.quartierId,
              status: 'offered',
              offerExpiresAt: offer.expiresAt,
              ...keys.offerIndex(offer.expiresAt),
            },
            when: cond.notExists(),
          },
        ];
      return [
        { name: 'slot', put: { ...fresh, status: 'free' }, when: cond.notExists() },
        { update: keys.supportCounter(year), spec: { add: { freeSlots: 1 } } },
      ];
    },

    leftLine(year: string): Write {
      return { update: keys.supportCounter(year), spec: { add: { waitOut: 1 } } };
    },
  };
}
