/** OutboxRepository (shared/ports.ts) on the one table. */
import type { OutboxRepository } from '#shared/ports';
import type { Store } from './store.ts';

export function outboxRepository(_store: Store): OutboxRepository {
  return {};
}
