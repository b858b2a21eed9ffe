/**
 * The local demo's sample on a fresh seeded table, read back through the API the pages call: upcoming sessions with a
 * full one and its waiting list, learning requests in every state, slots up to a waiting list, one request awaiting
 * confirmation, hours on the balances. A second start adds nothing; `PIC_SEED=program` adds none of it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '#adapters/dynamodb/keys';
import type { Deps } from '#shared/ports';
import { describeSample, sampleWanted, seedDemoSample } from '../../local/demo-sample.ts';
import { apiClient } from '../support/api.ts';
import { ManualClock, testDeps } from '../support/harness.ts';

const TEAM = 'test-coordination-token';
// 10:00 in Montreal on a Friday of the 2026-2027 program year.
const TODAY = '2026-11-27';
type Session = { id: string; date: string; upcoming: boolean; capacity?: number; seatsLeft: number | null };
type Activity = { id: string; title: { fr: string }; sessions: Session[] };

let deps: Deps;
let api: ReturnType<typeof apiClient>;
let first: Awaited<ReturnType<typeof seedDemoSample>>;

const outbox = async () => deps.store.query(keys.outboxByStatus('pending'));
const get = async (path: string, query?: Record<string, string>) => {
  const res = await api({ path, token: TEAM, query });
  expect(res.status, path).toBe(200);
  return res.body;
};

/** What a coordinator sees: the catalogue, every list of requests, the slot board, the balances. */
async function snapshot() {
  const statuses = ['routed', 'accepted', 'in-progress', 'completed', 'needs-decision'];
  return {
    activities: (await get('/api/activities')) as Activity[],
    learning: Object.fromEntries(
      await Promise.all(statuses.map(async (s) => [s, await get('/api/learning-requests', { status: s })])),
    ) as Record<string, Array<{ id: string; question: string; step?: string }>>,
    trust: (await get('/api/trust-requests')) as Array<{ id: string; status: string; contact: { email: string } }>,
    board: (await get('/api/additional-support/2026-2027')) as { granted: unknown[]; waitlist: unknown[] },
    balances: (await get('/api/balances')) as Array<{ quartierId: string; learning: { usedMinutes: number } }>,
    outbox: (await outbox()).length,
  };
}

beforeAll(async () => {
  deps = await testDeps({ seed: true, clock: new ManualClock(new Date(`${TODAY}T15:00:00Z`)) });
  api = apiClient(deps);
  first = await seedDemoSample(deps, {});
});

describe('the demo sample on a fresh table', () => {
  it('says what it seeded, in one line', () => {
    expect(first.kind).toBe('seeded');
    expect(describeSample(first)).toMatch(/^4 séances à venir, 8 inscriptions \(2 en attente\), .* h consignées$/);
  });

  it('shows upcoming sessions after today, labelled as a sample, one of them full with a waiting list', async () => {
    const sample = ((await get('/api/activities')) as Activity[]).filter((a) => a.id.startsWith('exemple-'));
    expect(sample.map((a) => a.title.fr).every((t) => t.endsWith('(exemple)'))).toBe(true);
    const sessions = sample.flatMap((a) => a.sessions);
    expect(sessions).toHaveLength(4);
    expect(sessions.every((s) => s.upcoming && s.date > TODAY)).toBe(true);
    const full = sessions.find((s) => s.capacity === 3)!;
    expect(full.seatsLeft).toBe(0);
    const regs = (await get(`/api/sessions/${full.id}/registrations`)) as Array<{ status: string; name: string }>;
    expect(regs.filter((r) => r.status === 'registered')).toHaveLength(3);
    expect(regs.filter((r) => r.status === 'waitlisted')).toHaveLength(2);
    expect(regs.every((r) => r.name.endsWith('(exemple)'))).toBe(true);
  });

  it('has learning requests in every state, an in-progress one at a step', async () => {
    const { learning } = await snapshot();
    for (const [status, list] of Object.entries(learning)) {
      expect(list.length, status).toBeGreaterThan(0);
      expect(list.every((r) => r.question.startsWith('(exemple)'))).toBe(true);
    }
    expect(learning['in-progress'][0].step).toBe('collect-data');
  });

  it('has one request from an address not on file, proven and awaiting confirmation', async () => {
    const { trust } = await snapshot();
    expect(trust).toHaveLength(1);
    expect(trust[0]).toMatchObject({ status: 'awaiting-confirmation' });
    expect(trust[0].contact.email).toBe('nouvelle.personne.exemple@example.org');
  });

  it('grants every slot of the year and puts one more quartier on the waiting list', async () => {
    const { board } = await snapshot();
    expect(board.granted).toHaveLength(9);
    expect(board.waitlist).toHaveLength(1);
  });

  it('logs hours on a few quartiers, one past half of its year and one past 80 %', async () => {
    const used = (await snapshot()).balances.map((b) => b.learning.usedMinutes).filter((m) => m > 0);
    expect(used.length).toBeGreaterThanOrEqual(3);
    const annual = (await deps.settings()).learning.annualMinutes;
    expect(used.some((m) => m > annual * 0.5 && m < annual * 0.8)).toBe(true);
    expect(used.some((m) => m > annual * 0.8 && m < annual)).toBe(true);
  });

  it('queues a few dozen emails, not hundreds', async () => {
    const queued = await outbox();
    expect(queued.length).toBeGreaterThan(10);
    expect(queued.length).toBeLessThanOrEqual(60);
  });

  it('adds nothing on a second start', async () => {
    const before = await snapshot();
    const again = await seedDemoSample(deps, {});
    expect(again).toMatchObject({ kind: 'already-seeded', complete: true });
    expect(describeSample(again)).toMatch(/^déjà présent/);
    expect(await snapshot()).toEqual(before);
  });
});

describe('PIC_SEED', () => {
  it('program: the document only, no sample', async () => {
    expect(sampleWanted({ PIC_SEED: 'program' })).toBe(false);
    expect(sampleWanted({})).toBe(true);
    expect(() => sampleWanted({ PIC_SEED: 'everything' })).toThrow(/PIC_SEED/);
    const program = await testDeps({ seed: true, clock: new ManualClock(new Date(`${TODAY}T15:00:00Z`)) });
    expect(await seedDemoSample(program, { PIC_SEED: 'program' })).toEqual({ kind: 'not-wanted' });
    expect(await program.store.get(keys.demoSample())).toBeUndefined();
    const activities = (await apiClient(program)({ path: '/api/activities' })).body as Activity[];
    expect(activities.some((a) => a.id.startsWith('exemple-'))).toBe(false);
    expect(await program.store.query(keys.outboxByStatus('pending'))).toEqual([]);
  });
});
