/** The team corrects a quartier's allocation or usage for a year, with a reason (an entry like any other). */
import type { Axis, LedgerEntry } from '#domain/ledger';
import { localDateAt, programYearOf } from '#domain/program-year';
import type { Deps } from '#shared/ports';
import { newId } from '#shared/ids';
import { getQuartier } from './quartiers.ts';
import type { Principal } from '#shared/auth';
import { applyOpeningIfNeeded, type LedgerChangeOutcome } from './apply-ledger-change.ts';

export async function adjustLedger(
  deps: Deps,
  input: {
    quartierId: string;
    axis: Axis;
    year: string;
    target: 'allocation' | 'usage';
    minutes: number;
    reason: string;
  },
  by: Principal,
  /** Derived from the caller's Idempotency-Key: a replay finds its entry already written and changes nothing. */
  entryId?: string,
): Promise<LedgerChangeOutcome> {
  const quartier = await getQuartier(deps, input.quartierId);
  if (!quartier) return { kind: 'unknown-quartier' };
  const settings = await deps.settings();
  const now = deps.clock.now();
  // The same bounds as hour logs: nothing before the quartier joined, nothing in a year not begun.
  if (input.year < quartier.enrolledYear) return { kind: 'before-enrolment-year' };
  if (input.year > programYearOf(localDateAt(now), settings.yearStart)) return { kind: 'future-year' };
  const entry: LedgerEntry = {
    id: entryId ?? newId(now.getTime()),
    quartierId: quartier.id,
    axis: input.axis,
    year: input.year,
    kind: 'adjustment',
    target: input.target,
    minutes: input.minutes,
    reason: input.reason,
    author: by.sub,
    createdAt: now.toISOString(),
  };
  return applyOpeningIfNeeded(
    deps,
    quartier,
    entry,
    input.target === 'allocation' ? { allocatedMinutes: input.minutes } : { usedMinutes: input.minutes },
  );
}
