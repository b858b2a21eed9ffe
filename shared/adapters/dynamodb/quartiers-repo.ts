/**
 * QuartiersRepository (shared/ports.ts) on the one table: a quartier is `QUARTIER#id / PROFILE` (listed on gsi1), its
 * contacts on file `QUARTIER#id / CONTACT#email`; a partner is `PARTNER#id / PROFILE` beside its load
 * `PARTNER#id / LOAD`; the routing round robin is one counter, `CONFIG / ROUTING_CURSOR`.
 */
import type { QuartiersRepository, Write } from '#shared/ports';
import { normalEmail, type ContactItem, type PartnerItem, type QuartierItem } from '#domain/quartier';
import type { PartnerLoad } from '#domain/routing';
import { cachedFor } from '#shared/cache';
import { keys } from './keys.ts';
import { cond } from './expressions.ts';
import type { BalanceItem } from './ledger-repo.ts';
import { withoutKeys } from './requests-repo.ts';
import type { Key, Store } from './store.ts';

const PARTNERS_TTL_MS = 30_000;

const loadOf = (i: PartnerLoad): PartnerLoad => ({
  openRequests: i.openRequests,
  committedMinutes: i.committedMinutes,
});

export function quartiersRepository(store: Store): QuartiersRepository {
  // Partners change rarely (three, seeded): read once per 30 s per process, like the settings.
  const partners = cachedFor(PARTNERS_TTL_MS, async () =>
    (await store.query<Record<string, unknown>>(keys.partnersList())).map((p) => withoutKeys<PartnerItem>(p)),
  );

  return {
    async get(id) {
      const item = await store.get<Record<string, unknown>>(keys.quartier(id));
      return item ? withoutKeys<QuartierItem>(item) : undefined;
    },

    async list() {
      return (await store.query<Record<string, unknown>>(keys.quartiersList())).map((q) =>
        withoutKeys<QuartierItem>(q),
      );
    },

    create(q): Write {
      return { put: { ...keys.quartier(q.id), ...keys.quartierIndex(q.id), ...q }, when: cond.notExists() };
    },

    change(id, set): Write {
      return { update: keys.quartier(id), spec: { set }, when: cond.exists() };
    },

    async update(id, set) {
      const item = await store.update<Record<string, unknown>>(keys.quartier(id), { set }, cond.exists());
      return item ? withoutKeys<QuartierItem>(item) : undefined;
    },

    mustExist(id): Write {
      return { check: keys.quartier(id), when: cond.exists() };
    },

    async firstLedgerYear(id) {
      const years = await Promise.all(
        (['learning', 'additional'] as const).map((axis) =>
          store.query<{ year: string }>(keys.balancesOfQuartier(id, axis)),
        ),
      );
      return years
        .flat()
        .map((b) => b.year)
        .sort()[0];
    },

    async contacts(quartierId) {
      const items = await store.query<ContactItem>(keys.contactsOf(quartierId));
      return items.map(({ quartierId: q, name, email, locale, addedAt, addedBy }) => ({
        quartierId: q,
        name,
        email,
        locale,
        addedAt,
        addedBy,
      }));
    },

    async contact(quartierId, email) {
      const item = await store.get<Record<string, unknown>>(keys.quartierContact(quartierId, normalEmail(email)));
      return item ? withoutKeys<ContactItem>(item) : undefined;
    },

    putContact(contact): Write {
      const email = normalEmail(contact.email);
      return { put: { ...keys.quartierContact(contact.quartierId, email), ...contact, email } };
    },

    removeContact(quartierId, email): Write {
      return { delete: keys.quartierContact(quartierId, normalEmail(email)), when: cond.exists() };
    },

    async contactsWithEmail(email) {
      const wanted = normalEmail(email);
      const items = await store.scan<Record<string, unknown>>(keys.quartiersScan());
      return items.filter((i) => keys.isContact(i) && i.email === wanted).map((i) => withoutKeys<ContactItem>(i));
    },

    partners,

    async loads(partnerIds) {
      const items = await store.batchGet<PartnerLoad & Key>(partnerIds.map(keys.partnerLoad));
      return Object.fromEntries(
        partnerIds.flatMap((p) => {
          const { pk, sk } = keys.partnerLoad(p);
          const load = items.find((i) => i.pk === pk && i.sk === sk);
          return load ? [[p, loadOf(load)]] : [];
        }),
      );
    },

    changeLoad(partnerId, delta): Write {
      return { update: keys.partnerLoad(partnerId), spec: { add: { ...delta } } };
    },

    async takeRoutingTurn() {
      return (await store.update<{ value: number }>(keys.routingCursor(), { add: { value: 1 } }))?.value ?? 0;
    },

    routingTurn(): Write {
      return { update: keys.routingCursor(), spec: { add: { value: 1 } } };
    },

    async learningIntake(quartierId, email, { year, previousYear, partners: partnerIds }) {
      const wanted = {
        quartier: keys.quartier(quartierId),
        contact: keys.quartierContact(quartierId, normalEmail(email)),
        current: keys.balance(quartierId, 'learning', year),
        previous: keys.balance(quartierId, 'learning', previousYear),
        cursor: keys.routingCursor(),
      };
      const items = await store.batchGet<Record<string, unknown> & Key>([
        ...Object.values(wanted),
        ...partnerIds.map(keys.partnerLoad),
      ]);
      const find = <T>(k: Key) => items.find((i) => i.pk === k.pk && i.sk === k.sk) as T | undefined;
      const quartier = find<Record<string, unknown>>(wanted.quartier);
      return {
        quartier: quartier ? withoutKeys<QuartierItem>(quartier) : undefined,
        onFile: !!find(wanted.contact),
        balances: { current: find<BalanceItem>(wanted.current), previous: find<BalanceItem>(wanted.previous) },
        cursor: find<{ value: number }>(wanted.cursor)?.value ?? 0,
        loads: Object.fromEntries(
          partnerIds.map((p) => {
            const load = find<PartnerLoad>(keys.partnerLoad(p));
            return [p, load ? loadOf(load) : { openRequests: 0, committedMinutes: 0 }];
          }),
        ),
      };
    },
  };
}
