/**
 * Every morning (America/Montreal): chase partners who have not answered, remind quartiers whose carried
 * hours expire soon, activity reminders and unfinished invite fan-outs, slots and requests a crash left
 * half-placed, and personal data past its retention anonymised (issue 19).
 * Each step is idempotent: a second run the same day sends nothing new.
 */
import { getDeps } from '#shared/wiring';
import { makeInvocationHandler, type DepsSource } from '#shared/invocation';
import { chaseUnansweredRequests } from '#usecases/chase-unanswered-requests';
import { remindExpiringCarry } from '#usecases/remind-expiring-carry';
import { sendActivityReminders } from '#usecases/send-activity-reminders';
import { resumeReceivedSupportRequests } from '#usecases/place-request';
import { reclaimUnheldSlots } from '#usecases/reclaim-unheld-slots';
import { applyRetention } from '#usecases/apply-retention';
import type { Deps } from '#shared/ports';

export async function runDaily(deps: Deps) {
  const partners = await chaseUnansweredRequests(deps);
  const carry = await remindExpiringCarry(deps);
  const activities = await sendActivityReminders(deps);
  // Slots first: resuming a request ranks it anew, and a fresh rank holds the reclaiming off for a while.
  const slots = await reclaimUnheldSlots(deps);
  const support = await resumeReceivedSupportRequests(deps);
  const retention = await applyRetention(deps);
  const summary = {
    ...partners,
    carryReminders: carry.reminded,
    activityReminders: activities.reminders,
    supportSlotsReclaimed: slots.reclaimed.length,
    supportResumed: support.resumed,
    retentionAnonymised: retention.anonymised,
  };
  deps.log.info('daily job done', summary);
  return summary;
}

export const makeHandler = (source: DepsSource = getDeps) =>
  makeInvocationHandler('daily', (deps, _event?: unknown) => runDaily(deps), source);

export const handler = makeHandler();
