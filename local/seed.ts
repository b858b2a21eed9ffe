/** Idempotent seed: adds what is missing (settings, partners, quartiers, activities and sessions), never overwrites edits. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keys } from '#adapters/dynamodb/keys';
import { cond } from '#adapters/dynamodb/expressions';
import { seedSettings } from '#usecases/settings';
import type { Deps } from '#shared/ports';
import { createQuartier } from '#usecases/quartiers';
import { createSession } from '#usecases/create-session';

const SEED_DIR = join(import.meta.dirname, '..', 'seed');
const read = (name: string) => JSON.parse(readFileSync(join(SEED_DIR, name), 'utf8'));

export async function seed(deps: Deps, opts: { enrolledYear?: string } = {}) {
  const _at = deps.clock.now().toISOString();
  await seedSettings(deps);
  for (const p of read('partners.json').partners) {
    await deps.store.put({ ...keys.partner(p.id), ...keys.partnerIndex(p.id), ...p }, cond.notExists());
    await deps.store.put(
      { ...keys.partnerLoad(p.id), partnerId: p.id, openRequests: 0, committedMinutes: 0 },
      cond.notExists(),
    );
  }
  let quartiers = 0;
  for (const q of read('quartiers.json').quartiers) {
    if ((await createQuartier(deps, { ...q, enrolledYear: opts.enrolledYear })).kind === 'created') quartiers++;
  }
  for (const a of read('activities.json').activities) {
    const { sessions, ...activity } = a;
    await deps.store.put({ ...keys.activity(a.id), ...keys.activityIndex(a.id), ...activity }, cond.notExists());
    for (const s of sessions) await createSession(deps, { activityId: a.id, ...s }, s.id);
  }
  return { quartiersAdded: quartiers };
}
