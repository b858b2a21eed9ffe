/**
 * Delivery of outbox messages, with an exactly-once effect:
 * - a message is claimed (pending|retrying → sending) by a conditional write before SES is called, so a
 *   duplicate stream record, a second notifier or a sweep finds it claimed or sent and does nothing;
 * - after SES accepts it, the SES message id is recorded with a conditional write on the claim;
 * - a notifier killed between SES's answer and that write leaves the message "sending"; when its lease ends
 *   it is parked as "unconfirmed" for the coordination team to check and re-drive, never resent blindly.
 * SES errors (the endpoint down, throttling) are attempts: retried with exponential backoff, parked as
 * "failed" after the configured number, and re-drivable.
 */
import type { RateLimiter } from '#adapters/ses/rate-limiter';
import { renderEmail, type TemplateName } from '#email/templates';
import { calendarInvite } from '#email/calendar-invite';
import type { Deps } from '#shared/ports';

const LEASE_MS = 120_000;
const MAX_BACKOFF_MS = 3_600_000;

export type DeliveryOutcome = 'sent' | 'skipped' | 'retrying' | 'failed';

export async function deliverNotification(deps: Deps, id: string, limiter?: RateLimiter): Promise<DeliveryOutcome> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  const claimed = await deps.repos.outbox.claim(id, at, leaseUntil);
  if (!claimed) return 'skipped';

  const rendered = renderEmail(claimed.template as TemplateName, claimed.data as never, claimed.locale, {
    contact: deps.config.mail.team,
    privacyUrl: `${deps.config.publicBaseUrl}/#/confidentialite`,
  });
  try {
    await limiter?.take();
    const { messageId } = await deps.mailer.send({
      from: deps.config.mail.from,
      replyTo: deps.config.mail.replyTo,
      to: claimed.to,
      cc: claimed.cc,
      ...rendered,
      calendar: claimed.calendar
        ? { method: claimed.calendar.method, content: await calendarInvite(claimed.calendar.invite, now) }
        : undefined,
      headers: { 'X-PIC-Message-Id': claimed.id },
    });
    const sentAt = deps.clock.now().toISOString();
    await deps.repos.outbox.settle(claimed, { status: 'sent', sentAt, sesMessageId: messageId });
    deps.log.info('email sent', { outboxId: id, template: claimed.template, attempts: claimed.attempts });
    return 'sent';
  } catch (error) {
    // SES errors can quote addresses: they never reach a log line.
    const reason = (error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error')
      .replace(/[^\s@<>"']+@[^\s@<>"']+/g, '[address]')
      .slice(0, 300);
    const exhausted = claimed.attempts >= deps.config.ses.maxAttempts;
    const backoff = Math.min(deps.config.ses.backoffBaseMs * 2 ** (claimed.attempts - 1), MAX_BACKOFF_MS);
    const next = new Date(deps.clock.now().getTime() + backoff).toISOString();
    const status = exhausted ? 'failed' : 'retrying';
    await deps.repos.outbox.settle(claimed, { status, lastError: reason, nextAttemptAt: next, since: at });
    deps.log.warn('email not sent', {
      outboxId: id,
      template: claimed.template,
      attempts: claimed.attempts,
      status,
      reason,
    });
    return status;
  }
}

/**
 * The periodic pass: messages whose retry time has come, pending ones the stream path missed, and expired
 * leases (parked as unconfirmed). Safe to run concurrently with the stream consumer.
 */
export async function sweepOutbox(deps: Deps, opts: { limiter?: RateLimiter; pendingGraceMs?: number } = {}) {
  const now = deps.clock.now();
  const at = now.toISOString();
  const graceAt = new Date(now.getTime() - (opts.pendingGraceMs ?? 30_000)).toISOString();
  const counts = { sent: 0, retrying: 0, failed: 0, skipped: 0, unconfirmed: 0 };

  const due = [
    ...(await deps.repos.outbox.withStatus('retrying', { until: at })),
    ...(await deps.repos.outbox.withStatus('pending', { until: graceAt })),
  ];
  for (const m of due) counts[await deliverNotification(deps, m.id, opts.limiter)]++;

  const stale = await deps.repos.outbox.withStatus('sending', { until: at });
  for (const m of stale) if (await deps.repos.outbox.park(m.id, at)) counts.unconfirmed++;
  return counts;
}
