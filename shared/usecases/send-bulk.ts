/** A bulk message through the outbox (the notifier applies the SES send rate). Unsubscribed addresses are skipped. */
import type { Locale } from '#email/render';
import type { Deps, Write } from '#shared/ports';
import { newId } from '#shared/ids';
import { listRegistrations } from './list-registrations.ts';
import { unsubscribeUrl } from './unsubscribe-from-mailing-list.ts';

export async function sendBulk(
  deps: Deps,
  input: {
    audience: 'session-registrants' | 'session-waitlist' | 'mailing-list';
    sessionId?: string;
    subject: string;
    body: string;
  },
  operationId?: string,
) {
  let recipients: Array<{ email: string; locale: Locale }>;
  if (input.audience === 'mailing-list') {
    recipients = (await deps.repos.community.subscribersWithStatus('confirmed')).map((s) => ({
      email: s.email,
      locale: s.locale,
    }));
  } else {
    if (!input.sessionId) return { kind: 'not-found' as const };
    const want = input.audience === 'session-registrants' ? 'registered' : 'waitlisted';
    recipients = (await listRegistrations(deps, input.sessionId))
      .filter((r) => r.status === want)
      .map((r) => ({ email: r.email, locale: r.locale }));
  }
  const suppressed = new Set((await deps.repos.community.subscribersWithStatus('unsubscribed')).map((s) => s.email));
  const now = deps.clock.now();
  // With an operation id, message ids repeat when a run is repeated after a crash, and the outbox refuses copies.
  const batchId = operationId ?? newId(now.getTime());
  const messages: Write[] = recipients
    .filter((r) => !suppressed.has(r.email))
    .map((r, i) =>
      deps.repos.outbox.enqueue(
        {
          id: `bulk-${batchId}-${i}`,
          template: 'bulk',
          bulk: true,
          to: [r.email],
          locale: r.locale,
          subjectRef: batchId,
          data: { subject: input.subject, body: input.body, unsubscribeUrl: unsubscribeUrl(deps, r.email) },
        },
        now,
      ),
    );
  for (let i = 0; i < messages.length; i += 50) await deps.tx.commit(messages.slice(i, i + 50));
  return { kind: 'queued' as const, batchId, recipients: messages.length };
}
