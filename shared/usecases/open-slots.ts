/**
 * What anyone may know before asking (the public form): how many of the year's places are held (granted or offered)
 * and how many requests wait. Counts only: no quartier, no request id.
 */
import { localDateAt, programYearOf } from '#domain/program-year';
import type { Deps } from '#shared/ports';

export async function supportAvailability(deps: Deps) {
  const settings = await deps.settings();
  const year = programYearOf(localDateAt(deps.clock.now()), settings.yearStart);
  const [counter, slots, waiting] = await Promise.all([
    deps.repos.slots.counter(year),
    deps.repos.slots.slots(year),
    deps.repos.slots.line(year),
  ]);
  return {
    year,
    capacity: counter?.capacity ?? settings.additional.slotsPerYear,
    taken: slots.filter((s) => s.status === 'granted' || s.status === 'offered').length,
    waiting: waiting.length,
  };
}
