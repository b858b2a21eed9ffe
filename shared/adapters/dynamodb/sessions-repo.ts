/** SessionsRepository (shared/ports.ts) on the one table. */
import type { SessionsRepository } from '#shared/ports';
import type { Store } from './store.ts';

export function sessionsRepository(_store: Store): SessionsRepository {
  return {};
}
