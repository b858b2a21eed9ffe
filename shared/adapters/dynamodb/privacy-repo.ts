/** PrivacyRepository (shared/ports.ts) on the one table: an erasure's record is `PRIVACY / ERASURE#at#id`. */
import type { ErasureRecord, PrivacyRepository, Write } from '#shared/ports';
import { keys } from './keys.ts';
import { cond } from './expressions.ts';
import { withoutKeys } from './requests-repo.ts';
import type { Store } from './store.ts';

export function privacyRepository(store: Store): PrivacyRepository {
  return {
    recordErasure(record): Write {
      return { put: { ...keys.erasure(record.at, record.id), ...record }, when: cond.notExists() };
    },

    async erasures() {
      const items = await store.query<Record<string, unknown>>({ ...keys.erasures(), forward: false });
      return items.map((i) => withoutKeys<ErasureRecord>(i));
    },
  };
}
