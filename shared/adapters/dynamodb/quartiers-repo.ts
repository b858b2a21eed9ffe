/** QuartiersRepository (shared/ports.ts) on the one table. */
import type { QuartiersRepository } from '#shared/ports';
import type { Store } from './store.ts';

export function quartiersRepository(_store: Store): QuartiersRepository {
  return {};
}
