/** The quartiers repository and the requests' history on DynamoDB Local: what the use cases get back, and in how many reads. */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDeps, uniq } from '../support/harness.ts';
import type { Deps } from '#shared/ports';
import type { QuartierItem } from '#domain/quartier';

let deps: Deps;
beforeAll(async () => {
  deps = await testDeps({ seed: false });
});

const quartier = (id: string): QuartierItem => ({
  id,
  name: `Quartier ${id}`,
  advisor: { name: 'Conseillère', email: 'conseil@example.org' },
  enrolledYear: '2025-2026',
  createdAt: '2026-11-27T15:00:00.000Z',
});

describe('quartiers repository', () => {
  it('gives back quartiers and contacts without key attributes; a second quartier of the same id is refused', async () => {
    const q = quartier(`q-${uniq()}`);
    const { quartiers } = deps.repos;
    const contact = { quartierId: q.id, name: 'Aline', email: 'Aline@Example.org', locale: 'fr' as const };
    const done = await deps.tx.commit([
      quartiers.create(q),
      quartiers.putContact({ ...contact, addedAt: q.createdAt, addedBy: 'test' }),
    ]);
    expect(done.ok).toBe(true);
    expect(await quartiers.get(q.id)).toEqual(q);
    expect((await quartiers.list()).find((x) => x.id === q.id)).toEqual(q);
    const onFile = { ...contact, email: 'aline@example.org', addedAt: q.createdAt, addedBy: 'test' };
    expect(await quartiers.contacts(q.id)).toEqual([onFile]);
    expect(await quartiers.contact(q.id, ' ALINE@example.org ')).toEqual(onFile);
    expect((await deps.tx.commit([quartiers.create({ ...q, name: 'Autre' })])).ok).toBe(false);
    expect((await quartiers.get(q.id))?.name).toBe(q.name);
  });

  it('refuses a contact on file for a quartier that does not exist, and the removal of one not on file', async () => {
    const { quartiers } = deps.repos;
    const id = `q-${uniq()}`;
    const contact = {
      quartierId: id,
      name: 'B',
      email: 'b@example.org',
      locale: 'fr' as const,
      addedAt: '',
      addedBy: '',
    };
    expect((await deps.tx.commit([quartiers.mustExist(id), quartiers.putContact(contact)])).ok).toBe(false);
    expect(await quartiers.contacts(id)).toEqual([]);
    expect((await deps.tx.commit([quartiers.removeContact(id, 'b@example.org')])).ok).toBe(false);
    expect(await quartiers.update(id, { name: 'Personne' })).toBeUndefined();
  });

  it('reads what deciding a learning request needs in one request: the quartier, the file, the round robin, loads', async () => {
    const q = quartier(`q-${uniq()}`);
    const { quartiers } = deps.repos;
    await deps.tx.commit([
      quartiers.create(q),
      quartiers.putContact({
        quartierId: q.id,
        name: 'C',
        email: 'c@example.org',
        locale: 'en',
        addedAt: q.createdAt,
        addedBy: 'test',
      }),
      quartiers.changeLoad('p-loaded', { openRequests: 2, committedMinutes: 90 }),
    ]);
    const before = deps.store.stats.requests;
    const intake = await quartiers.learningIntake(q.id, 'C@example.org', {
      year: '2026-2027',
      previousYear: '2025-2026',
      partners: ['p-loaded', 'p-never'],
    });
    expect(deps.store.stats.requests - before).toBe(1);
    expect(intake).toEqual({
      quartier: q,
      onFile: true,
      balances: { current: undefined, previous: undefined },
      cursor: intake.cursor,
      loads: {
        'p-loaded': { openRequests: 2, committedMinutes: 90 },
        'p-never': { openRequests: 0, committedMinutes: 0 },
      },
    });
    await deps.tx.commit([quartiers.routingTurn()]);
    const turn = await quartiers.takeRoutingTurn();
    expect(turn).toBe(intake.cursor + 2);
    const stranger = await quartiers.learningIntake(q.id, 'd@example.org', {
      year: 'x',
      previousYear: 'y',
      partners: [],
    });
    expect(stranger).toMatchObject({ onFile: false, cursor: turn, loads: {} });
    expect(await quartiers.loads(['p-loaded', 'p-never'])).toEqual({
      'p-loaded': { openRequests: 2, committedMinutes: 90 },
    });
  });
});

describe("a request's history", () => {
  it('keeps the order of one transaction in the order its lines were made', async () => {
    const id = `r-${uniq()}`;
    const at = '2026-11-27T15:00:00.000Z';
    // Lines written elsewhere in this process before: the order must not depend on who wrote more of them.
    for (let i = 0; i < 12; i++) deps.repos.requests.audit(`elsewhere-${i}`, { at, event: 'x', by: 'test' });
    const done = await deps.tx.commit([
      deps.repos.requests.audit(id, { at, event: 'trust-confirmed', by: 'advisor' }),
      deps.repos.requests.audit(id, { at, event: 'routed', by: 'system' }),
      deps.repos.requests.audit(id, { at, event: 'granted', by: 'system' }),
    ]);
    expect(done.ok).toBe(true);
    expect((await deps.repos.requests.history(id)).map((h) => h.event)).toEqual([
      'trust-confirmed',
      'routed',
      'granted',
    ]);
  });
});
