/** The settings go through their use case and repository: read fresh by the team, seeded once, quoted by the pages. */
import { describe, expect, it } from 'vitest';
import { testDeps } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { keys } from '#adapters/dynamodb/keys';
import { DEFAULT_SETTINGS, type ProgramSettings } from '#domain/settings';
import { readSettings, seedSettings } from '#usecases/settings';

const TEAM = 'test-coordination-token';

describe('program settings', () => {
  it('the team reads back what it just saved, not a cached copy', async () => {
    const deps = await testDeps();
    const api = apiClient(deps);
    const before = (await api({ path: '/api/settings', token: TEAM })).body as ProgramSettings;
    const changed = { ...before, additional: { ...before.additional, slotsPerYear: 12 } };
    expect((await api({ method: 'PUT', path: '/api/settings', token: TEAM, body: changed })).status).toBe(200);
    expect((await api({ path: '/api/settings', token: TEAM })).body.additional.slotsPerYear).toBe(12);
    const stored = await deps.store.get<{ updatedBy: string; updatedAt: string }>(keys.settings());
    expect(stored).toMatchObject({ updatedBy: 'local-coordination', updatedAt: deps.clock.now().toISOString() });
  });

  it('seeding leaves edited settings as they are; an unreadable document reads as the defaults', async () => {
    const deps = await testDeps({ settings: { yearStart: { month: 5, day: 2 } } });
    await seedSettings(deps);
    expect((await readSettings(deps)).yearStart).toEqual({ month: 5, day: 2 });
    await deps.store.put({ ...keys.settings(), settings: { yearStart: 'soon' } });
    expect(await readSettings(deps)).toEqual(DEFAULT_SETTINGS);
  });

  it('GET /api/program gives anyone the numbers the pages quote, from the settings', async () => {
    const deps = await testDeps({
      settings: { additional: { slotsPerYear: 7, minutesPerSlot: 25 * 60, offerDays: 10 } },
    });
    const res = await apiClient(deps)({ path: '/api/program' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      learning: { annualMinutes: 31 * 60, availableCapMinutes: 62 * 60 },
      additional: { slotsPerYear: 7, minutesPerSlot: 25 * 60 },
    });
  });
});
