/**
 * The transactional outbox: a use case that must tell someone writes the message record in the same
 * transaction as its state change. The notifier delivers it later (see deliver-notification.ts).
 */
import type { Write } from '#shared/ports';
import type { TemplateName } from '#email/templates';
import type { NewMessage } from '#domain/outbox';
import { enqueueWrite } from '#adapters/dynamodb/outbox-repo';

export type { NewMessage, OutboxRecord, OutboxStatus } from '#domain/outbox';

/** The same write as `deps.repos.outbox.enqueue`, for callers without deps at hand. */
export function outboxPut<N extends TemplateName>(msg: NewMessage<N>, now: Date): Write {
  return enqueueWrite(msg, now);
}
