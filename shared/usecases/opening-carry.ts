/**
 * What a quartier carries into the current program year from before the switch (the spreadsheet's
 * `openingCarryMinutes`), recorded as a real carry-in: it is consumed first and expires at the end of the year like
 * any carried hour, and never carries a second time (shared/domain/ledger.ts). The balance keeps the imported part
 * apart (`importedCarryMinutes`) so that a second import of the same value writes nothing and a changed value moves
 * the carry-in by the difference, each change an entry with its author and reason.
 */
import { shiftBillable, summarize, sumsOf, type LedgerEntry, type YearSums } from '#domain/ledger';
import { localDateAt, programYearOf } from '#domain/program-year';
import type { Deps, Write } from '#shared/ports';
import type { ProgramSettings } from '#domain/settings';
import { openQuartierYear } from './open-year.ts';
import type { QuartierItem } from './quartiers.ts';

export const OPENING_CARRY_REASON = "Report d'ouverture importé";

/** The most a year can receive from the one before it: the carry rule of the settings. */
export const maxCarryMinutes = (s: ProgramSettings) =>
  Math.max(0, s.learning.availableCapMinutes - s.learning.annualMinutes);

export const currentYear = (deps: Deps, s: ProgramSettings) =>
  programYearOf(localDateAt(deps.clock.now()), s.yearStart);

/** The imported carry now on record for the quartier's current year (0 when none). */
export async function importedCarry(deps: Deps, quartierId: string, year: string): Promise<number> {
  return (await deps.repos.ledger.balance(quartierId, 'learning', year))?.importedCarryMinutes ?? 0;
}

export async function setOpeningCarry(
  deps: Deps,
  quartier: Pick<QuartierItem, 'id'>,
  minutes: number,
  by: string,
): Promise<{ kind: 'unchanged' } | { kind: 'recorded'; deltaMinutes: number; carriedInMinutes: number }> {
  const settings = await deps.settings();
  const year = currentYear(deps, settings);
  const target = Math.min(minutes, maxCarryMinutes(settings));
  const ledger = deps.repos.ledger;
  for (let attempt = 0; attempt < 25; attempt++) {
    const b = await ledger.balance(quartier.id, 'learning', year);
    if ((b?.importedCarryMinutes ?? 0) === target) return { kind: 'unchanged' };
    if (!b?.opened) {
      // The carry lands in an opened year, beside its allocation: open it as an hour log would.
      await openQuartierYear(deps, quartier, year);
      continue;
    }
    const delta = target - (b.importedCarryMinutes ?? 0);
    const before = sumsOf(b);
    const after: YearSums = { ...before, carriedInMinutes: Math.max(0, before.carriedInMinutes + delta) };
    const now = deps.clock.now().toISOString();
    const first = b.importedCarryMinutes === undefined;
    const entry: LedgerEntry = {
      // Stable ids: the first import's entry is the carry-in; each later change is named by the balance it moved.
      id: first ? `import-carry-${quartier.id}-${year}` : `import-carry-${quartier.id}-${year}-v${b.version}`,
      quartierId: quartier.id,
      axis: 'learning',
      year,
      kind: first ? 'carry-in' : 'carry-adjustment',
      minutes: delta,
      author: by,
      reason: OPENING_CARRY_REASON,
      createdAt: now,
    };
    const tx: Write[] = [
      ledger.record(entry, { unique: true }),
      ledger.change(b, { carriedInMinutes: after.carriedInMinutes, importedCarryMinutes: target }),
    ];
    // Hours already logged this year: less carry makes some of them billable, more makes some of them not.
    const moved = summarize(after).billableMinutes - summarize(before).billableMinutes;
    if (moved !== 0) {
      const own = (await ledger.entries(quartier.id, 'learning', year))
        .filter((e) => e.kind === 'consumption')
        .sort((x, y) => (x.date ?? '').localeCompare(y.date ?? '') || x.createdAt.localeCompare(y.createdAt));
      for (const e of shiftBillable(own, moved)) tx.push(ledger.record(e));
    }
    if ((await deps.tx.commit(tx)).ok)
      return { kind: 'recorded', deltaMinutes: delta, carriedInMinutes: after.carriedInMinutes };
    await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
  }
  throw new Error('opening carry: the balance keeps changing');
}
