/**
 * The transactional outbox: a use case that must tell someone writes the message record in the same
 * transaction as its state change. The notifier delivers it later (see deliver-notification.ts).
 */
export type { NewMessage, OutboxRecord, OutboxStatus } from '#domain/outbox';
