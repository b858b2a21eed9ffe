/**
 * The hour ledger's arithmetic, in whole minutes. A year's balance is three sums kept by the store;
 * everything else (billable, available, carry-out, expiry) is derived here so it can never drift.
 */

export type Axis = 'learning' | 'additional';

export type YearSums = {
  /** The year's own allocation (31 h, or 30 h for a granted additional-support slot), plus allocation adjustments. */
  allocatedMinutes: number;
  /** Hours carried in from the previous year's own allocation. */
  carriedInMinutes: number;
  /** Every minute logged in the year, plus usage adjustments. */
  usedMinutes: number;
};

export type LedgerRules = { annualMinutes: number; availableCapMinutes: number };

export type BalanceView = YearSums & {
  consumedFromCarryMinutes: number;
  consumedOwnMinutes: number;
  billableMinutes: number;
  availableMinutes: number;
  /** Carried minutes not used: they expire at the end of this year. */
  expiringCarryMinutes: number;
  unusedOwnMinutes: number;
};

export function summarize(sums: YearSums): BalanceView {
  const used = Math.max(0, sums.usedMinutes);
  // Carried hours expire first, so they are consumed first.
  const consumedFromCarry = Math.min(used, sums.carriedInMinutes);
  const consumedOwn = Math.min(used - consumedFromCarry, sums.allocatedMinutes);
  const billable = used - consumedFromCarry - consumedOwn;
  return {
    ...sums,
    consumedFromCarryMinutes: consumedFromCarry,
    consumedOwnMinutes: consumedOwn,
    billableMinutes: billable,
    availableMinutes: sums.allocatedMinutes + sums.carriedInMinutes - (used - billable),
    expiringCarryMinutes: sums.carriedInMinutes - consumedFromCarry,
    unusedOwnMinutes: sums.allocatedMinutes - consumedOwn,
  };
}

/** What the next year receives from this one: only this year's own unused hours, capped; carried hours never carry twice. */
export function carryOut(sums: YearSums, rules: LedgerRules, axis: Axis): number {
  if (axis === 'additional') return 0;
  const maxCarry = Math.max(0, rules.availableCapMinutes - rules.annualMinutes);
  return Math.min(summarize(sums).unusedOwnMinutes, maxCarry);
}

/** The billable minutes a change adds (an entry beyond what was available); a change that frees hours adds none. */
export function billableAdded(before: YearSums, after: YearSums): number {
  return Math.max(0, summarize(after).billableMinutes - summarize(before).billableMinutes);
}

/** Percent thresholds newly reached by going from `before` to `after`, minus those already notified. */
export function thresholdsCrossed(
  before: YearSums,
  after: YearSums,
  thresholds: number[],
  notified: string[],
): number[] {
  const pct = (s: YearSums) => {
    const total = s.allocatedMinutes + s.carriedInMinutes;
    if (total <= 0) return 0;
    const v = summarize(s);
    return ((v.consumedFromCarryMinutes + v.consumedOwnMinutes) * 100) / total;
  };
  const [a, b] = [pct(before), pct(after)];
  return thresholds.filter((t) => b >= t && a < t && !notified.includes(String(t)));
}

/**
 * The effect of a change to a closed year on the years after it: each later year's carry-in follows from the
 * year before it. Returns the new carry-in for each later year whose carry-in changes.
 */
export function recomputeCarries(
  chain: Array<{ year: string; sums: YearSums }>,
  rules: LedgerRules,
  axis: Axis,
): Array<{ year: string; carriedInMinutes: number; delta: number }> {
  const changes: Array<{ year: string; carriedInMinutes: number; delta: number }> = [];
  for (let i = 1; i < chain.length; i++) {
    const carried = carryOut(chain[i - 1].sums, rules, axis);
    const current = chain[i].sums.carriedInMinutes;
    if (carried !== current) {
      changes.push({ year: chain[i].year, carriedInMinutes: carried, delta: carried - current });
      chain[i] = { ...chain[i], sums: { ...chain[i].sums, carriedInMinutes: carried } };
    }
  }
  return changes;
}

/**
 * A later year's billable minutes moved by `delta` (its carry-in changed after a late entry): move the billable
 * flags on its entries, given oldest first, so that they keep naming the minutes beyond what was available —
 * the latest ones. More billable flags the latest unflagged minutes; less unflags the earliest flagged ones.
 * Returns the entries whose flag changes, with their new billable minutes.
 */
export function shiftBillable<E extends { minutes: number; billableMinutes?: number }>(
  entries: E[],
  delta: number,
): Array<E & { billableMinutes: number }> {
  const changed: Array<E & { billableMinutes: number }> = [];
  let left = Math.abs(delta);
  const order = delta > 0 ? [...entries].reverse() : entries;
  for (const e of order) {
    if (left <= 0) break;
    const flagged = e.billableMinutes ?? 0;
    const take = delta > 0 ? Math.min(Math.max(0, e.minutes - flagged), left) : Math.min(flagged, left);
    if (take <= 0) continue;
    left -= take;
    changed.push({ ...e, billableMinutes: flagged + (delta > 0 ? take : -take) });
  }
  return changed;
}

/** One quartier's year on one axis, as the ledger keeps it (shared/adapters/dynamodb/ledger-repo.ts stores it). */
export type Balance = YearSums & {
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
  /** Bumped by every write: a write applies only to the version it read. */
  version: number;
  /** The notices already sent for this year (thresholds, `billable`, `expiry-reminder`). */
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

/** One line of the append-only ledger. */
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

/** A balance that does not exist yet, created by the same transaction that needs it. */
export const emptyBalance = (quartierId: string, axis: Axis, year: string): Balance => ({
  quartierId,
  axis,
  year,
  opened: false,
  version: 0,
  notified: [],
  allocatedMinutes: 0,
  carriedInMinutes: 0,
  usedMinutes: 0,
});
