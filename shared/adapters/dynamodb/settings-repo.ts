/** SettingsRepository (shared/ports.ts) on the one table: the settings are one item, `CONFIG / PROGRAM`. */
import type { SettingsRepository, Write } from '#shared/ports';
import { ProgramSettingsSchema } from '#domain/settings';
import { keys } from './keys.ts';
import { cond } from './expressions.ts';
import type { Store } from './store.ts';

export function settingsRepository(store: Store): SettingsRepository {
  return {
    async read() {
      const item = await store.get<{ settings: unknown }>(keys.settings());
      const parsed = item ? ProgramSettingsSchema.safeParse(item.settings) : undefined;
      return parsed?.success ? parsed.data : undefined;
    },

    replace(settings, change): Write {
      return {
        name: 'settings',
        put: { ...keys.settings(), settings, updatedAt: change.at, updatedBy: change.by },
      };
    },

    seed(settings, at): Write {
      return { name: 'settings', put: { ...keys.settings(), settings, updatedAt: at }, when: cond.notExists() };
    },
  };
}
