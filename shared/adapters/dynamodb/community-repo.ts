/** CommunityRepository (shared/ports.ts) on the one table. */
import type { CommunityRepository } from '#shared/ports';
import type { Store } from './store.ts';

export function communityRepository(_store: Store): CommunityRepository {
  return {};
}
