/** GuardsRepository (shared/ports.ts) on the one table. */
import type { GuardsRepository } from '#shared/ports';
import type { Store } from './store.ts';

export function guardsRepository(_store: Store): GuardsRepository {
  return {};
}
