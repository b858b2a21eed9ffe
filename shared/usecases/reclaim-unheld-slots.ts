/**
 * Daily: a slot whose rank went to an arrival that never took it goes to the first person waiting, or is freed for
 * the next arrival. A claim is ranked on the year's counter, then placed; a crash between the two, or a retry of the
 * same claim racing its first attempt (each takes a rank, one places the request), leaves a rank within the
 * capacity that no request holds. Without this, the year would have a slot fewer.
 */
import { localDateAt, programYearOf } from '#domain/program-year';
import { offerDeadline, type SupportRequest } from '#domain/slots';
import type { Deps, TxResult } from '#shared/ports';
import { refusedBy } from '#shared/ports';
import { getQuartier } from './quartiers.ts';
import { outcomeEmails } from './support-emails.ts';

/**
 * How long after the last rank a slot nobody holds can be taken for abandoned: a claim is placed within its
 * request's time (the API answers within 30 s), so ten minutes leave no claim still on its way to its slot.
 */
export const RANKS_SETTLE_MS = 10 * 60_000;

export async function reclaimUnheldSlots(deps: Deps): Promise<{ reclaimed: number[] }> {
  const { slots, requests } = deps.repos;
  const settings = await deps.settings();
  const now = deps.clock.now();
  const at = now.toISOString();
  const year = programYearOf(localDateAt(now), settings.yearStart);
  const counter = await slots.counter(year);
  // A year ranked recently may have a claim between its rank and its slot: the next run looks again.
  if (!counter?.lastRankAt || now.getTime() - Date.parse(counter.lastRankAt) < RANKS_SETTLE_MS)
    return { reclaimed: [] };
  const held = new Set((await slots.slots(year)).map((s) => s.slot));
  const reclaimed: number[] = [];
  for (let slot = 1; slot <= Math.min(counter.grantSeq, counter.capacity); slot++) {
    if (held.has(slot)) continue;
    const [next] = await slots.line<SupportRequest>(year, 1);
    let done: TxResult;
    if (next) {
      const expiresAt = offerDeadline(
        localDateAt(now),
        settings.additional.offerDays,
        year,
        settings.yearStart,
      ).toISOString();
      const offered: SupportRequest = { ...next, status: 'offered', slot, offerExpiresAt: expiresAt, updatedAt: at };
      const quartier = (await getQuartier(deps, next.quartierId))!;
      done = await deps.tx.commit([
        ...slots.reclaim(year, slot, { to: next, expiresAt }),
        requests.change(next, {
          set: { status: 'offered', slot, offerExpiresAt: expiresAt, updatedAt: at },
          while: { status: 'waitlisted' },
          line: null,
        }),
        slots.leftLine(year),
        requests.audit(next.id, {
          at,
          event: 'offered',
          by: 'system',
          detail: { slot, expiresAt, reclaimed: true },
        }),
        ...outcomeEmails(deps, offered, quartier, undefined, counter.capacity, 'offered', now),
      ]);
    } else {
      done = await deps.tx.commit(slots.reclaim(year, slot));
    }
    // Taken meanwhile (by a late claim, or another run): nothing to reclaim. Anything else: the next run.
    if (done.ok) reclaimed.push(slot);
    else if (!refusedBy(done, 'slot')) deps.log.warn('unheld slot not reclaimed this time', { year, slot });
  }
  if (reclaimed.length) deps.log.warn('slots nobody held reclaimed', { year, slots: reclaimed });
  return { reclaimed };
}
