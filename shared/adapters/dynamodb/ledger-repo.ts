/**
 * LedgerRepository (shared/ports.ts) on the one table: a balance is `LEDGER#quartier#axis / YEAR#year`, findable by
 * axis and year (gsi1); its entries are `LEDGER#quartier#axis / ENTRY#year#id`, append-only. Every balance write
 * carries the version it read, but an allocation, which only adds. The yearly opening's record is
 * `YEAR#year / OPENING`.
 */
import { keys } from './keys.ts';
import { cond } from './expressions.ts';
import type { Store } from './store.ts';
import { withoutKeys } from './requests-repo.ts';
import { emptyBalance, type Axis, type Balance, type LedgerEntry } from '#domain/ledger';
import { nextYear } from '#domain/program-year';
import type { LedgerRepository, Write } from '#shared/ports';

/** A balance as stored: with its key. */
export type BalanceItem = Balance & { pk: string; sk: string };

const byYear = (items: Balance[]) => items.sort((a, b) => a.year.localeCompare(b.year));

/** Keeps the chain while each year follows the one before it (see LedgerRepository.chain). */
function consecutive<B extends Balance>(sorted: B[]): B[] {
  const end = sorted.findIndex((b, i) => i > 0 && b.year !== nextYear(sorted[i - 1].year));
  return end === -1 ? sorted : sorted.slice(0, end);
}

const queryChain = <T>(store: Store, quartierId: string, axis: Axis, fromYear: string) =>
  store.query<T>({
    pk: keys.balancesOfQuartier(quartierId, axis).pk,
    skFrom: `YEAR#${fromYear}`,
    skTo: 'YEAR#~',
  });

const queryEntries = <T>(store: Store, quartierId: string, axis: Axis, year: string) => {
  const { pk, skPrefix } = keys.ledgerEntriesOfYear(quartierId, axis, year);
  return store.query<T>({ pk, skPrefix });
};

const entryWrite = (e: LedgerEntry, opts: { unique?: boolean } = {}): Write => ({
  put: { ...keys.ledgerEntry(e.quartierId, e.axis, e.year, e.id), ...e },
  when: opts.unique ? cond.notExists() : undefined,
});

export const balanceChange = (
  b: Pick<Balance, 'quartierId' | 'axis' | 'year' | 'version'>,
  set: Partial<Balance>,
  notify: string[] = [],
): Write => ({
  update: keys.balance(b.quartierId, b.axis, b.year),
  spec: {
    set: { ...set, version: b.version + 1 },
    ...(notify.length ? { append: { notified: notify } } : {}),
  },
  when: cond.eq('version', b.version),
});

const balanceNew = (b: Balance, set: Partial<Balance>): Write => ({
  put: {
    ...b,
    ...set,
    ...keys.balance(b.quartierId, b.axis, b.year),
    ...keys.balanceIndex(b.quartierId, b.axis, b.year),
    version: 1,
  },
  when: cond.notExists(),
});

export function ledgerRepository(store: Store): LedgerRepository {
  return {
    async balance(quartierId, axis, year) {
      const item = await store.get<Record<string, unknown>>(keys.balance(quartierId, axis, year));
      return item ? withoutKeys<Balance>(item) : undefined;
    },

    async balances(refs) {
      const items = await store.batchGet<Record<string, unknown>>(
        refs.map((r) => keys.balance(r.quartierId, r.axis, r.year)),
      );
      return items.map((i) => withoutKeys<Balance>(i));
    },

    async balancesOfYear(axis, year) {
      const items = await store.query<Record<string, unknown>>(keys.balancesOfYear(axis, year));
      return items.map((i) => withoutKeys<Balance>(i));
    },

    async chain(quartierId, axis, fromYear) {
      const items = await queryChain<Record<string, unknown>>(store, quartierId, axis, fromYear);
      return consecutive(byYear(items.map((i) => withoutKeys<Balance>(i))));
    },

    async entry(ref, id) {
      const item = await store.get<Record<string, unknown>>(keys.ledgerEntry(ref.quartierId, ref.axis, ref.year, id));
      return item ? withoutKeys<LedgerEntry>(item) : undefined;
    },

    async entries(quartierId, axis, year) {
      const items = await queryEntries<Record<string, unknown>>(store, quartierId, axis, year);
      return items.map((i) => withoutKeys<LedgerEntry>(i));
    },

    record: entryWrite,
    change: balanceChange,
    create: balanceNew,

    returnAllocation(balance, minutes) {
      return {
        ...balanceChange(balance, { allocatedMinutes: balance.allocatedMinutes - minutes, opened: false }),
        when: cond.and(cond.eq('version', balance.version), cond.eq('usedMinutes', 0)),
      };
    },

    allocate({ quartierId, axis, year }, minutes) {
      const { allocatedMinutes, version, opened, ...absent } = emptyBalance(quartierId, axis, year);
      return {
        update: keys.balance(quartierId, axis, year),
        spec: {
          set: { opened: true },
          setIfAbsent: { ...absent, ...keys.balanceIndex(quartierId, axis, year) },
          add: { allocatedMinutes: minutes, version: 1 },
        },
      };
    },

    recordOpening(record) {
      return { put: { ...keys.yearOpening(record.year), ...record } };
    },

    async slotsOpened(year) {
      return !!(await store.get(keys.supportCounter(year)));
    },

    openSlots(year, capacity, at) {
      return store.put(
        { ...keys.supportCounter(year), year, capacity, grantSeq: 0, waitOut: 0, openedAt: at },
        cond.notExists(),
      );
    },
  };
}

/** A balance as a raw table item, keys included: for seeding a table directly (benchmarks, drills). */
export function newBalance(quartierId: string, axis: Axis, year: string): BalanceItem {
  return {
    ...keys.balance(quartierId, axis, year),
    ...keys.balanceIndex(quartierId, axis, year),
    ...emptyBalance(quartierId, axis, year),
  } as BalanceItem;
}
