/** Daily: tell each quartier whose carried hours expire within the configured days (default 60), once a year. */
import { summarize, sumsOf } from '#domain/ledger';
import { daysBetween, localDateAt, programYearOf, yearEndDate } from '#domain/program-year';
import type { Deps } from '#shared/ports';
import { getQuartier } from './quartiers.ts';
import { noticeRecipients } from './contacts.ts';

export async function remindExpiringCarry(deps: Deps): Promise<{ reminded: number }> {
  const settings = await deps.settings();
  const today = localDateAt(deps.clock.now());
  const year = programYearOf(today, settings.yearStart);
  const expiresOn = yearEndDate(year, settings.yearStart);
  if (daysBetween(today, expiresOn) > settings.learning.expiryReminderDays) return { reminded: 0 };
  let reminded = 0;
  for (const b of await deps.repos.ledger.balancesOfYear('learning', year)) {
    const expiring = summarize(sumsOf(b)).expiringCarryMinutes;
    if (expiring <= 0 || (b.notified ?? []).includes('expiry-reminder')) continue;
    const q = await getQuartier(deps, b.quartierId);
    if (!q) continue;
    const emails = (await noticeRecipients(deps, q)).map(({ to, cc, locale }) =>
      deps.repos.outbox.enqueue(
        {
          template: 'carry-expiry-reminder',
          to,
          cc: [...(cc ?? []), deps.config.mail.team],
          locale,
          data: { quartierName: q.name, expiringMinutes: expiring, expiresOn },
          subjectRef: q.id,
        },
        deps.clock.now(),
      ),
    );
    const result = await deps.tx.commit([deps.repos.ledger.change(b, {}, ['expiry-reminder']), ...emails]);
    // A concurrent hour log moved the version: tomorrow's run sees the fresh balance.
    if (result.ok) reminded++;
  }
  return { reminded };
}
