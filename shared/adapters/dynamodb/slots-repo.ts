/** SlotsRepository (shared/ports.ts) on the one table. */
import type { SlotsRepository } from '#shared/ports';
import type { Store } from './store.ts';

export function slotsRepository(_store: Store): SlotsRepository {
  return {};
}
