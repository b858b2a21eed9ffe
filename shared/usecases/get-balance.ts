import { carryOut, summarize, sumsOf, type Axis, type Balance } from '#domain/ledger';
import { previousYear, yearEndDate, localDateAt, programYearOf } from '#domain/program-year';
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
    deps.repos.ledger.balance(quartierId, axis, y),
    axis === 'learning' ? deps.repos.ledger.balance(quartierId, axis, previousYear(y)) : undefined,
  ]);
  return balanceAnswer(settings, quartierId, axis, y, b, prev);
}

/** The answer from the two balance items, however they were read. */
export function balanceAnswer(
  settings: ProgramSettings,
  quartierId: string,
  axis: Axis,
  y: string,
  b: Balance | undefined,
  prev: Balance | undefined,
): BalanceAnswer {
  let sums = sumsOf(b);
  if (axis === 'learning' && !b?.opened) {
    const rules = {
      annualMinutes: settings.learning.annualMinutes,
      availableCapMinutes: settings.learning.availableCapMinutes,
    };
    sums = {
      ...sums,
      allocatedMinutes: sums.allocatedMinutes + settings.learning.annualMinutes,
      carriedInMinutes: prev?.opened ? carryOut(sumsOf(prev), rules, axis) : 0,
    };
  }
  const v = summarize(sums);
  return {
    quartierId,
    axis,
    year: y,
    opened: !!b?.opened,
    allocatedMinutes: v.allocatedMinutes,
    carriedInMinutes: v.carriedInMinutes,
    usedMinutes: v.usedMinutes,
    availableMinutes: v.availableMinutes,
    billableMinutes: v.billableMinutes,
    expiringCarryMinutes: v.expiringCarryMinutes,
    carryExpiresOn: v.carriedInMinutes > 0 ? yearEndDate(y, settings.yearStart) : null,
  };
}

export async function getLedger(deps: Deps, quartierId: string, axis: Axis, year: string) {
  const entries = await deps.repos.ledger.entries(quartierId, axis, year);
  return entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Minutes logged per partner and month in a year, for the coordination dashboard's chart. */
export async function hoursByPartnerAndMonth(deps: Deps, quartierIds: string[], year: string) {
  // Every quartier's two ledgers at once, rather than one query after the other.
  const ledgers = await Promise.all(
    quartierIds.flatMap((q) =>
      (['learning', 'additional'] as const).map(async (axis) => ({
        axis,
        entries: await deps.repos.ledger.entries(q, axis, year),
      })),
    ),
  );
  const totals = new Map<string, { partnerId: string; month: string; minutes: number }>();
  for (const { axis, entries } of ledgers) {
    for (const e of entries) {
      if (e.kind !== 'consumption' || !e.date) continue;
      const partnerId = e.partnerId ?? (axis === 'additional' ? 'dynamo' : 'coordination');
      const month = e.date.slice(0, 7);
      const key = `${partnerId}|${month}`;
      const row = totals.get(key) ?? { partnerId, month, minutes: 0 };
      row.minutes += e.minutes;
      totals.set(key, row);
    }
  }
  return [...totals.values()].sort((a, b) => a.month.localeCompare(b.month) || a.partnerId.localeCompare(b.partnerId));
}
