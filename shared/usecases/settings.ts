/** The program's settings: read, changed by the coordination team, and the few numbers the public pages quote. */
import { DEFAULT_SETTINGS, type ProgramSettings } from '#domain/settings';
import type { Deps, Repositories } from '#shared/ports';

type Reads = { repos: Pick<Repositories, 'settings'> };

/** What is stored, or the defaults until the coordination team sets them (or while what is stored cannot be read). */
export async function readSettings(deps: Reads): Promise<ProgramSettings> {
  return (await deps.repos.settings.read()) ?? DEFAULT_SETTINGS;
}

/** The whole document replaced, as validated by the route; functions pick it up within their cache's lifetime. */
export async function changeSettings(
  deps: Pick<Deps, 'repos' | 'tx' | 'clock'>,
  settings: ProgramSettings,
  by: string,
): Promise<ProgramSettings> {
  const at = deps.clock.now().toISOString();
  const result = await deps.tx.commit([deps.repos.settings.replace(settings, { at, by })]);
  // An unconditional write is refused only by a conflict that outlasted the store's retries: a fault, not an answer.
  if (!result.ok) throw new Error('settings write refused');
  return settings;
}

/** The first settings of a new table (the defaults); settings already there, edited or not, stay. */
export async function seedSettings(deps: Pick<Deps, 'repos' | 'tx' | 'clock'>) {
  await deps.tx.commit([deps.repos.settings.seed(DEFAULT_SETTINGS, deps.clock.now().toISOString())]);
}

/** The program's numbers as the pages quote them: hours a year, the carry cap, the additional slots and their hours. */
export async function programNumbers(deps: Pick<Deps, 'settings'>) {
  const s = await deps.settings();
  return {
    learning: { annualMinutes: s.learning.annualMinutes, availableCapMinutes: s.learning.availableCapMinutes },
    additional: { slotsPerYear: s.additional.slotsPerYear, minutesPerSlot: s.additional.minutesPerSlot },
  };
}
