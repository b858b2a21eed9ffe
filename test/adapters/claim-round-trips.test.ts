/**
 * What a claim costs the store (issue 16, item 9): a contact on file's claim, through the API (its client's count of
 * public posts included) and with or without an Idempotency-Key, is granted a slot or a place in line in 3 round
 * trips. A round trip is a wave of requests: those sent together count once.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock, quartierWithContact, testDeps, uniq } from '../support/harness.ts';
import type { Deps } from '#shared/ports';
import { apiClient } from '../support/api.ts';

/** Counts the requests the store sends, and their waves, while `run` runs. */
function meter(deps: Deps) {
  const doc = deps.store.doc;
  const send = doc.send.bind(doc) as (...a: unknown[]) => Promise<unknown>;
  const n = { inFlight: 0, waves: 0, requests: 0 };
  doc.send = ((...args: unknown[]) => {
    if (n.inFlight++ === 0) n.waves++;
    n.requests++;
    return send(...args).finally(() => n.inFlight--);
  }) as typeof doc.send;
  return async <T>(run: () => Promise<T>) => {
    const before = { ...n };
    const value = await run();
    return { value, roundTrips: n.waves - before.waves, requests: n.requests - before.requests };
  };
}

describe('a claim in few round trips', () => {
  it('claim, checks and client count; then rank and quartier; then the grant or the place in line', async () => {
    const table = await testDeps({ clock: new ManualClock(new Date('2027-06-01T15:00:00Z')), seed: false });
    // Read once: the settings cache's lifetime is wall-clock time, which a slow machine could outlast mid-test.
    const settings = await table.settings();
    const deps: Deps = { ...table, settings: async () => settings };
    const api = apiClient(deps);
    const measure = meter(deps);
    const ids = Array.from({ length: 12 }, (_, i) => `rt${i}-${uniq()}`);
    for (const id of ids) await quartierWithContact(deps, id);
    const claim = (id: string, i: number) =>
      measure(() =>
        api({
          path: '/api/additional-support-requests',
          // Every other claim as the form sends it, with a key; the others without.
          headers: i % 2 ? { 'idempotency-key': `key-${id}` } : {},
          body: {
            quartierId: id,
            contact: { name: 'Personne-ressource', email: `Contact-${id}@example.org` },
            topic: 'Codesign de notre stratégie de changement',
            advisor: { name: 'Conseil', email: 'advisor@example.org' },
            advisorConsulted: true,
          },
        }),
      );
    const runs = [];
    for (const [i, id] of ids.entries()) runs.push(await claim(id, i));
    expect(runs.map((r) => r.value.status)).toEqual(ids.map(() => 201));
    const granted = runs.filter((r) => r.value.body.outcome === 'granted');
    const waiting = runs.filter((r) => r.value.body.outcome === 'waitlisted');
    expect([granted.length, waiting.length]).toEqual([9, 3]);
    for (const r of [...granted, ...waiting])
      expect({ roundTrips: r.roundTrips, requests: r.requests }).toEqual({ roundTrips: 3, requests: 4 });
    expect(waiting.map((r) => r.value.body.waitlistPosition)).toEqual([1, 2, 3]);
  }, 120_000);
});
