/** Scheduled: offers past their deadline, or outliving their year, pass to the next person waiting (if any). */
import { offerOver } from '#domain/slots';
import type { Deps } from '#shared/ports';
import { releaseSlot } from './release-slot.ts';

export async function expireOffers(deps: Deps) {
  const settings = await deps.settings();
  const now = deps.clock.now();
  // All open offers (a handful): one made before offers were cut at the end of the year may have a later deadline.
  const due = (await deps.repos.slots.openOffers()).filter((s) => offerOver(s, now, settings.yearStart));
  let expired = 0;
  for (const s of due)
    if (
      s.requestId &&
      (await releaseSlot(deps, s.requestId, 'system', 'offer expired', 'offer-expired')).kind === 'released'
    )
      expired++;
  return { expired };
}
