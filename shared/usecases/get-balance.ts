import { carryOut, summarize, type Axis } from '#domain/ledger';
import { previousYear, yearEndDate, localDateAt, programYearOf } from '#domain/program-year';
import { readBalance, sumsOf, entriesOfYear, type BalanceItem, type LedgerEntry } from '#adapters/dynamodb/ledger-repo';
import type { ProgramSettings } from '#domain/settings';
import type { Deps } from '#shared/ports';

export type BalanceAnswer = {
  quartierId: string;
  axis: Axis;
  year: string;
  opened: boolean;
  allocatedMinutes: number;
  carriedInMinutes: number;
  usedMinutes: number;
  availableMinutes: number;
  billableMinutes: number;
  expiringCarryMinutes: number;
  carryExpiresOn: string | null;
};

/**
 * A year's balance: one GetItem when the year is open. A year not opened yet is shown as it will open
 * (its allocation and the carry from the year before), without writing anything.
 */
export async function getBalance(deps: Deps, quartierId: string, axis: Axis, year?: string): Promise<BalanceAnswer> {
  const settings = await deps.settings();
  const y = year ?? programYearOf(localDateAt(deps.clock.now()), settings.yearStart);
  // Both years at once: the previous one is needed when this one is not opened yet.
  const [b, prev] = await Promise.all([
    readBalance(deps.store, quartierId, axis, y),
    axis === 'learning' ? readBalance(deps.store, quartierId, axis, previousYear(y)) : undefined,
  ]);
  return balanceAnswer(settings, quartierId, axis, y, b, prev);
}

/** The answer from the two balance items, however they were read. */
export function balanceAnswer(settings: ProgramSettings, quartierId: string, axis: Axis, y: string, b: BalanceItem | undefined, prev: BalanceItem | undefined): BalanceAnswer {
  let sums = sumsOf(b);
  if (axis === 'learning' && !b?.opened) {
    const rules = { annualMinutes: settings.learning.annualMinutes, availableCapMinutes: settings.learning.availableCapMinutes };
    sums = { ...sums, allocatedMinutes: sums.allocatedMinutes + settings.learning.annualMinutes, carriedInMinutes: prev?.opened ? carryOut(sumsOf(prev), rules, axis) : 0 };
  }
  const v = summarize(sums);
  return {
    quartierId, axis, year: y, opened: !!b?.opened,
    allocatedMinutes: v.allocatedMinutes, carriedInMinutes: v.carriedInMinutes, usedMinutes: v.usedMinutes,
    availableMinutes: v.availableMinutes, billableMinutes: v.billableMinutes, expiringCarryMinutes: v.expiringCarryMinutes,
    carryExpiresOn: v.carriedInMinutes > 0 ? yearEndDate(y, settings.yearStart) : null,
  };
}

export async function getLedger(deps: Deps, quartierId: string, axis: Axis, year: string) {
  const entries = await entriesOfYear(deps.store, quartierId, axis, year);
  return (entries as Array<LedgerEntry & { pk: string; sk: string }>).map(({ pk, sk, ...e }) => e).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Minutes logged per partner and month in a year, for the coordination dashboard's chart. */
export async function hoursByPartnerAndMonth(deps: Deps, quartierIds: string[], year: string) {
  const totals = new Map<string, number>();
  for (const q of quartierIds) {
    for (const axis of ['learning', 'additional'] as const) {
      for (const e of await entriesOfYear(deps.store, q, axis, year)) {
        if (e.kind !== 'consumption' || !e.date) continue;
        const key = `${e.partnerId ?? (axis === 'additional' ? 'dynamo' : 'coordination')}|${e.date.slice(0, 7)}`;
        totals.set(key, (totals.get(key) ?? 0) + e.minutes);
      }
    }
  }
  return [...totals].map(([k, minutes]) => ({ partnerId: k.split('|')[0], month: k.split('|')[1], minutes })).sort((a, b) => a.month.localeCompare(b.month) || a.partnerId.localeCompare(b.partnerId));
}
