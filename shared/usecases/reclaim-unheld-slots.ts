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
 * How long after the last rank a slot nobody holds can be taken for abandoned. A claim is ranked and placed by the
 * API function (its timeout: 29 s, infra/constructs/app-function.ts) or by this daily job after this step, so ten
 * minutes leave no claim on its way to its slot. Placing claims from a longer-running function would need more.
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
  const unheld: number[] = [];
  for (let slot = 1; slot <= Math.min(counter.grantSeq, counter.capacity); slot++)
    if (!held.has(slot)) unheld.push(slot);
  if (!unheld.length) return { reclaimed: [] };
  // The line read once, first first: an index read just after an offer might still show the one just offered.
  const line = await slots.line<SupportRequest>(year, unheld.length);
  const reclaimed: number[] = [];
  for (const slot of unheld) {
    const next = line.shift();
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
        // The team hears of it as of a release passed on: the slot and who it is offered to.
        deps.repos.outbox.enqueue(
          {
            template: 'additional-support-change',
            to: [deps.config.mail.dynamoContact.email, deps.config.mail.team],
            cc: [quartier.advisor.email],
            subjectRef: next.id,
            data: { quartierName: quartier.name, change: 'offered', slot, capacity: counter.capacity, by: 'system' },
          },
          now,
        ),
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
