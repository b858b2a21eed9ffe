/** What the coordination team does with emails: list them by status, re-drive the failed or unconfirmed. */
import type { Deps } from '#shared/ports';
import type { OutboxStatus } from '#domain/outbox';

/** Re-drive a failed or unconfirmed message (coordination team). */
export async function retryNotification(deps: Deps, id: string): Promise<'queued' | 'not-found' | 'not-retryable'> {
  const at = deps.clock.now().toISOString();
  if (await deps.repos.outbox.requeue(id, at)) return 'queued';
  return (await deps.repos.outbox.get(id)) ? 'not-retryable' : 'not-found';
}

export async function listNotifications(deps: Deps, status: OutboxStatus, limit = 200) {
  const items = await deps.repos.outbox.withStatus(status, { newestFirst: true, limit });
  return items.map((m) => ({
    id: m.id,
    template: m.template,
    status: m.status,
    attempts: m.attempts,
    createdAt: m.createdAt,
    nextAttemptAt: m.nextAttemptAt,
    lastError: m.lastError,
    subjectRef: m.subjectRef,
    recipients: m.to.length + m.cc.length,
    /** Who it was for, so the team sees whom to reach another way. */
    to: m.to,
    locale: m.locale,
  }));
}
