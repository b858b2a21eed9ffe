/** How the ledger lives in the table: one balance item per quartier, axis and year, and append-only entries. */
import { keys } from './keys.ts';
import { cond } from './expressions.ts';
import type { Store, TxItem } from './store.ts';
import type { Axis, YearSums } from '#domain/ledger';
import { nextYear } from '#domain/program-year';

export type BalanceItem = YearSums & {
  pk: string;
  sk: string;
  quartierId: string;
  axis: Axis;
  year: string;
  opened: boolean;
  closed?: boolean;
  /** For a closed year: what it carried out, and what of its carried-in hours expired. */
  carriedOutMinutes?: number;
  expiredMinutes?: number;
  /** Of `carriedInMinutes`, what the spreadsheet import says the quartier carried in from before the switch. */
  importedCarryMinutes?: number;
  version: number;
  notified: string[];
};

export type EntryKind =
  | 'allocation'
  | 'carry-in'
  | 'carry-adjustment'
  | 'expiry'
  | 'expiry-adjustment'
  | 'consumption'
  | 'adjustment';

export type LedgerEntry = {
  id: string;
  quartierId: string;
  axis: Axis;
  year: string;
  kind: EntryKind;
  minutes: number;
  billableMinutes?: number;
  date?: string;
  partnerId?: string;
  step?: string;
  requestId?: string;
  target?: 'allocation' | 'usage';
  author: string;
  reason?: string;
  note?: string;
  createdAt: string;
};

export const sumsOf = (b: Pick<YearSums, keyof YearSums> | undefined): YearSums => ({
  allocatedMinutes: b?.allocatedMinutes ?? 0,
  carriedInMinutes: b?.carriedInMinutes ?? 0,
  usedMinutes: b?.usedMinutes ?? 0,
});

export async function readBalance(store: Store, quartierId: string, axis: Axis, year: string) {
  return store.get<BalanceItem>(keys.balance(quartierId, axis, year));
}

/**
 * The quartier's balances on an axis from `fromYear` on, oldest first, for as long as the years follow each other.
 * Carry flows only from a year to the next: a year with no balance (never opened) received nothing and passed
 * nothing on, so a change before it cannot reach the years after it.
 */
export async function readChain(
  store: Store,
  quartierId: string,
  axis: Axis,
  fromYear: string,
): Promise<BalanceItem[]> {
  const all = await store.query<BalanceItem>({
    pk: keys.balancesOfQuartier(quartierId, axis).pk,
    skFrom: `YEAR#${fromYear}`,
    skTo: 'YEAR#~',
  });
  const sorted = all.sort((a, b) => a.year.localeCompare(b.year));
  const end = sorted.findIndex((b, i) => i > 0 && b.year !== nextYear(sorted[i - 1].year));
  return end === -1 ? sorted : sorted.slice(0, end);
}

export function entryPut(e: LedgerEntry, opts: { unique?: boolean } = {}): TxItem {
  return {
    put: { ...keys.ledgerEntry(e.quartierId, e.axis, e.year, e.id), ...e },
    when: opts.unique ? cond.notExists() : undefined,
  };
}

/** Write a balance's new state, only if nobody changed it since it was read (version guard). */
export function balanceWrite(b: BalanceItem, set: Partial<BalanceItem>, appendNotified: string[] = []): TxItem {
  return {
    update: keys.balance(b.quartierId, b.axis, b.year),
    spec: {
      set: { ...set, version: b.version + 1 },
      ...(appendNotified.length ? { append: { notified: appendNotified } } : {}),
    },
    when: cond.eq('version', b.version),
  };
}

/** A balance item that does not exist yet, created by the same transaction that needs it. */
export function newBalance(quartierId: string, axis: Axis, year: string): BalanceItem {
  return {
    ...keys.balance(quartierId, axis, year),
    ...keys.balanceIndex(quartierId, axis, year),
    quartierId,
    axis,
    year,
    opened: false,
    version: 0,
    notified: [],
    allocatedMinutes: 0,
    carriedInMinutes: 0,
    usedMinutes: 0,
  } as BalanceItem;
}

export function balanceCreate(b: BalanceItem, set: Partial<BalanceItem>): TxItem {
  return { put: { ...b, ...set, version: 1 } as BalanceItem, when: cond.notExists() };
}

export async function entriesOfYear(store: Store, quartierId: string, axis: Axis, year: string) {
  return store.query<LedgerEntry>({
    pk: keys.ledgerEntriesOfYear(quartierId, axis, year).pk,
    skPrefix: keys.ledgerEntriesOfYear(quartierId, axis, year).skPrefix,
  });
}

export function ledgerRepository(_store: Store): import('#shared/ports').LedgerRepository {
  return {};
}
