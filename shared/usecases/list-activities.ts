/** The public catalogue: activities and their sessions, upcoming first. */
import { localDateAt } from '#domain/program-year';
import { publicSession, type SessionItem } from '#domain/sessions';
import type { Deps } from '#shared/ports';

export async function listActivities(deps: Deps) {
  const today = localDateAt(deps.clock.now());
  const [activities, sessions] = await Promise.all([deps.repos.sessions.activities(), deps.repos.sessions.list()]);
  // Upcoming sessions first (soonest first), then past ones (most recent first).
  const order = (a: SessionItem, b: SessionItem) => {
    const ua = a.date >= today,
      ub = b.date >= today;
    if (ua !== ub) return ua ? -1 : 1;
    return ua ? a.date.localeCompare(b.date) : b.date.localeCompare(a.date);
  };
  const out = activities.map((a) => ({
    ...a,
    sessions: sessions
      .filter((s) => s.activityId === a.id)
      .sort(order)
      .map((s) => ({ ...publicSession(s), upcoming: s.date >= today })),
  }));
  const next = (a: (typeof out)[number]) => a.sessions.find((s) => s.upcoming)?.date ?? '9999';
  return out.sort((a, b) => next(a).localeCompare(next(b)));
}
