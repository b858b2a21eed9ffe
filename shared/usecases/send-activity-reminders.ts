/** Daily: reminders 7 and 1 days before (configurable), once each per registration; unfinished fan-outs; free seats. */
import { dueReminder } from '#domain/calendar';
import { daysBetween, localDateAt } from '#domain/program-year';
import type { Deps } from '#shared/ports';
import { fanOutSessionChange } from './fan-out-session-change.ts';
import { fillFromWaitlist } from './fill-from-waitlist.ts';
import { listRegistrations } from './list-registrations.ts';
import { registrationMessage } from './notify-registrant.ts';

export async function sendActivityReminders(deps: Deps): Promise<{ reminders: number }> {
  const settings = await deps.settings();
  const today = localDateAt(deps.clock.now());
  const horizon = Math.max(...settings.activities.reminderDaysBefore);
  const sessions = await deps.repos.sessions.list(today);
  let reminders = 0;
  for (const s of sessions) {
    if (s.fanoutSequence < s.sequence) await fanOutSessionChange(deps, s);
    if (s.status !== 'scheduled') continue;
    await fillFromWaitlist(deps, s.id);
    const daysUntil = daysBetween(today, s.date);
    if (daysUntil > horizon) continue;
    const due = dueReminder(daysUntil, settings.activities.reminderDaysBefore);
    if (due === undefined) continue;
    const activity = (await deps.repos.sessions.activity(s.activityId))!;
    for (const r of (await listRegistrations(deps, s.id)).filter(
      (x) => x.status === 'registered' && !(x.reminders ?? []).includes(due),
    )) {
      const done = await deps.tx.commit([
        deps.repos.sessions.remindedOf(r, due),
        registrationMessage(deps, activity, s, r, 'reminder', { id: `reminder-${r.id}-${due}`, daysBefore: daysUntil }),
      ]);
      if (done.ok) reminders++;
    }
  }
  return { reminders };
}
