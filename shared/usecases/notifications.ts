/** What the coordination team does with emails: list them by status, re-drive the failed or unconfirmed. */
import { keys } from '#adapters/dynamodb/keys';
import { cond } from '#adapters/dynamodb/expressions';
import type { Deps } from '#shared/ports';
import type { OutboxRecord } from './outbox.ts';

/** Re-drive a failed or unconfirmed message (coordination team). */
export async function retryNotification(deps: Deps, id: string): Promise<'queued' | 'not-found' | 'not-retryable'> {
  const at = deps.clock.now().toISOString();
  const done = await deps.store.update(
    keys.outbox(id),
    {
      set: { status: 'pending', attempts: 0, nextAttemptAt: at, ...keys.outboxIndex('pending', at) },
      remove: ['lastError'],
    },
    cond.and(cond.exists(), cond.in('status', ['failed', 'unconfirmed'])),
  );
  if (done) return 'queued';
  return (await deps.store.get(keys.outbox(id))) ? 'not-retryable' : 'not-found';
}

export async function listNotifications(deps: Deps, status: string, limit = 200) {
  const items = await deps.store.query<OutboxRecord>({ ...keys.outboxByStatus(status), forward: false, limit });
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
