/** SettingsRepository (shared/ports.ts) on the one table. */
import type { SettingsRepository } from '#shared/ports';
import type { Store } from './store.ts';

export function settingsRepository(_store: Store): SettingsRepository {
  return {};
}
