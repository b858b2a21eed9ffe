/** EventBridge Scheduler, at the program-year start (America/Montreal): open the year that starts today. */
import * as z from 'zod/mini';
import { getDeps } from '#shared/wiring';
import { makeInvocationHandler, type DepsSource } from '#shared/invocation';
import { openYear, yearNotStarted } from '#usecases/open-year';
import { localDateAt, programYearOf } from '#domain/program-year';
import type { Deps } from '#shared/ports';

const EventSchema = z.catch(
  z.object({ year: z.optional(z.string().check(z.regex(/^\d{4}-\d{4}$/))), dryRun: z._default(z.boolean(), false) }),
  { dryRun: false },
);

async function openTodaysYear(deps: Deps, event: unknown) {
  const settings = await deps.settings();
  const input = EventSchema.parse(event ?? {});
  const year = input.year ?? programYearOf(localDateAt(deps.clock.now()), settings.yearStart);
  // A schedule or a hand-written event naming a year to come opens nothing; retrying would not help either.
  const startsOn = input.dryRun ? null : await yearNotStarted(deps, year);
  if (startsOn) {
    deps.log.warn('year opening refused: the year has not started', { year, startsOn });
    return { year, refused: 'year-not-started', startsOn };
  }
  return openYear(deps, year, { dryRun: input.dryRun });
}

export const makeHandler = (source: DepsSource = getDeps) => makeInvocationHandler('open-year', openTodaysYear, source);

export const handler = makeHandler();
