/** HarvestRepository (shared/ports.ts) on the one table. */
import type { HarvestRepository } from '#shared/ports';
import type { Store } from './store.ts';

export function harvestRepository(_store: Store): HarvestRepository {
  return {};
}
