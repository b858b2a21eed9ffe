/**
 * The carry-over rules written plainly, from the whole history at once, to check the ledger (which updates
 * incrementally, entry by entry, with late entries recomputing later years).
 */
export type ModelYear = { allocated: number; used: number };
export type ModelBalance = {
  carriedIn: number;
  used: number;
  billable: number;
  available: number;
  expiring: number;
  carryOut: number;
};

export function referenceLedger(years: ModelYear[], annual: number, cap: number): ModelBalance[] {
  const result: ModelBalance[] = [];
  let carriedIn = 0;
  for (const y of years) {
    const used = Math.max(0, y.used);
    const fromCarry = Math.min(used, carriedIn);
    const fromOwn = Math.min(used - fromCarry, y.allocated);
    const billable = used - fromCarry - fromOwn;
    const carryOut = Math.min(y.allocated - fromOwn, cap - annual);
    result.push({
      carriedIn,
      used: y.used,
      billable,
      available: y.allocated + carriedIn - fromCarry - fromOwn,
      expiring: carriedIn - fromCarry,
      carryOut,
    });
    carriedIn = carryOut;
  }
  return result;
}
