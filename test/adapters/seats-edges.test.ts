/**
 * Seats at their edges: a freed seat goes to the first person waiting even when newcomers register at the same
 * moment, and a person who cancels their own seat is told their registration (not the session) is cancelled.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDeps, ManualClock, sesMessages, to, uniq } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { cancelRegistration } from '#usecases/cancel-registration';
import { createSession } from '#usecases/create-session';
import { listRegistrations } from '#usecases/list-registrations';
import { register } from '#usecases/register-to-session';
import { updateSession } from '#usecases/update-session';
import { sweepOutbox } from '#usecases/deliver-notification';
import { keys } from '#adapters/dynamodb/keys';
import type { Deps } from '#shared/ports';

let deps: Deps;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  deps = await testDeps({ clock: new ManualClock(new Date('2026-11-27T15:00:00Z')) });
  api = apiClient(deps);
});

async function fullSessionWithOneWaiting(capacity: number, tag: string) {
  const made = await createSession(deps, {
    activityId: 'festival-impact-collectif',
    date: '2027-01-20',
    duration: 'full-day',
    capacity,
  });
  if (made.kind !== 'created') throw new Error(made.kind);
  const sessionId = made.session.id;
  const person = (n: string) => ({ name: `Personne ${n}`, email: `${n}-${tag}@example.org`, locale: 'fr' as const });
  const seated = [];
  for (let i = 0; i < capacity; i++) {
    const r = await register(deps, sessionId, person(`seated${i}`));
    if (r.kind !== 'registered') throw new Error(r.kind);
    seated.push(r.registration);
  }
  const waiting = await register(deps, sessionId, person('waiting'));
  if (waiting.kind !== 'waitlisted') throw new Error(waiting.kind);
  return { sessionId, seated, waiting: waiting.registration, person };
}

describe('seats', () => {
  it('a freed seat goes to the first person waiting, not to newcomers registering at the same moment (12 rounds)', async () => {
    const rounds = 12;
    const newcomers = 3;
    const outcomes = await Promise.all(
      Array.from({ length: rounds }, async (_, round) => {
        const tag = `${uniq()}-${round}`;
        const { sessionId, seated, waiting, person } = await fullSessionWithOneWaiting(2, tag);
        // The cancel and the newcomers start together; the newcomers are spread over the cancel's few round trips.
        const [cancelled, ...arrivals] = await Promise.all([
          cancelRegistration(deps, sessionId, seated[0].id, undefined, true),
          ...Array.from({ length: newcomers }, async (_, i) => {
            await new Promise((r) => setTimeout(r, i * 3));
            return register(deps, sessionId, person(`new${i}`));
          }),
        ]);
        expect(cancelled.kind).toBe('cancelled');
        const regs = await listRegistrations(deps, sessionId);
        const session = await deps.store.get<{ registeredCount: number; waitingCount: number }>(
          keys.session(sessionId),
        );
        return {
          waitingGotSeat: regs.find((r) => r.id === waiting.id)?.status === 'registered',
          newcomerSeated: arrivals.filter((a) => a.kind === 'registered').length,
          registered: regs.filter((r) => r.status === 'registered').length,
          count: session?.registeredCount,
          // The session's counters stay true to its registrations.
          waitingCountTrue: session?.waitingCount === regs.filter((r) => r.status === 'waitlisted').length,
        };
      }),
    );
    expect(outcomes.filter((o) => !o.waitingGotSeat)).toEqual([]);
    expect(outcomes.filter((o) => o.newcomerSeated > 0)).toEqual([]);
    for (const o of outcomes) expect(o).toMatchObject({ registered: 2, count: 2, waitingCountTrue: true });
  });

  it('seats added to a full session go to the people waiting, not to newcomers registering at the same moment (8 rounds)', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, async (_, round) => {
        const tag = `${uniq()}-grow-${round}`;
        const { sessionId, waiting, person } = await fullSessionWithOneWaiting(2, tag);
        const second = await register(deps, sessionId, person('waiting2'));
        const [grown, ...arrivals] = await Promise.all([
          updateSession(deps, sessionId, { capacity: 4 }),
          ...Array.from({ length: 3 }, async (_, i) => {
            await new Promise((r) => setTimeout(r, i * 3));
            return register(deps, sessionId, person(`new${i}`));
          }),
        ]);
        expect(grown.kind).toBe('updated');
        const regs = await listRegistrations(deps, sessionId);
        const status = (id: string) => regs.find((r) => r.id === id)?.status;
        return {
          waitingSeated: [waiting.id, 'registration' in second ? second.registration.id : ''].map(status),
          newcomerSeated: arrivals.filter((a) => a.kind === 'registered').length,
        };
      }),
    );
    for (const o of outcomes) expect(o).toEqual({ waitingSeated: ['registered', 'registered'], newcomerSeated: 0 });
  });

  it('the counters stay true when seated and waiting people cancel at once with newcomers arriving (6 rounds)', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, async (_, round) => {
        const tag = `${uniq()}-mix-${round}`;
        const { sessionId, seated, waiting, person } = await fullSessionWithOneWaiting(2, tag);
        const second = await register(deps, sessionId, person('waiting2'));
        if (second.kind !== 'waitlisted') throw new Error(second.kind);
        await Promise.all([
          cancelRegistration(deps, sessionId, seated[0].id, undefined, true),
          cancelRegistration(deps, sessionId, waiting.id, undefined, true),
          register(deps, sessionId, person('new0')),
          register(deps, sessionId, person('new1')),
        ]);
        const regs = await listRegistrations(deps, sessionId);
        const session = await deps.store.get<{ registeredCount: number; waitingCount: number }>(
          keys.session(sessionId),
        );
        return {
          registered: session?.registeredCount === regs.filter((r) => r.status === 'registered').length,
          waiting: session?.waitingCount === regs.filter((r) => r.status === 'waitlisted').length,
          full: regs.filter((r) => r.status === 'registered').length,
          // The first in line still waiting (the other one left) holds the freed seat.
          secondSeated: regs.find((r) => r.id === second.registration.id)?.status,
        };
      }),
    );
    for (const o of outcomes)
      expect(o).toEqual({ registered: true, waiting: true, full: 2, secondSeated: 'registered' });
  });

  it('newcomers see no seat left while people wait for a freed one', async () => {
    const { sessionId, seated } = await fullSessionWithOneWaiting(2, uniq());
    // The cancellation is recorded; the promotion that follows has not run yet (a crash, or simply not yet).
    await deps.store.transact([
      { update: keys.registration(sessionId, seated[0].id), spec: { set: { status: 'cancelled' } } },
      { update: keys.session(sessionId), spec: { add: { registeredCount: -1 } } },
    ]);
    const listed = (await api({ path: '/api/activities' })).body
      .flatMap((a: { sessions: { id: string; seatsLeft: number }[] }) => a.sessions)
      .find((s: { id: string }) => s.id === sessionId);
    expect(listed.seatsLeft).toBe(0);
    const late = await register(deps, sessionId, {
      name: 'Tard',
      email: `late-${uniq()}@example.org`,
      locale: 'fr',
    });
    expect(late.kind).toBe('waitlisted');
  });
});

describe('a person cancelling their own seat', () => {
  // A table of its own: the outbox sweep then sends only this describe's emails, not the races' hundreds.
  let deps: Deps;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    deps = await testDeps({ clock: new ManualClock(new Date('2026-11-27T15:00:00Z')) });
    api = apiClient(deps);
  });

  async function cancelOwn(locale: 'fr' | 'en') {
    const made = await createSession(deps, {
      activityId: 'festival-impact-collectif',
      date: '2027-02-24',
      duration: 'half-day',
      capacity: 1,
    });
    if (made.kind !== 'created') throw new Error(made.kind);
    const sessionId = made.session.id;
    const seated = `own-${uniq()}@example.org`;
    const waiting = `own-wait-${uniq()}@example.org`;
    for (const email of [seated, waiting])
      await api({ path: `/api/sessions/${sessionId}/registrations`, body: { name: 'Zoé', email, locale } });
    await sweepOutbox(deps, { pendingGraceMs: 0 });
    const cancelLink = async (email: string) => {
      const mail = (await sesMessages(to(email)))[0];
      const url = mail.body.text!.match(/(https?:\/\/\S+#\/annuler\S+)/)![1];
      const q = new URLSearchParams(new URL(url).hash.split('?')[1]);
      return api({
        path: `/api/sessions/${sessionId}/registrations/${q.get('r')}/cancel`,
        body: { signature: q.get('sig') },
      });
    };
    expect((await cancelLink(seated)).status).toBe(200);
    await sweepOutbox(deps, { pendingGraceMs: 0 });
    // The waiting person now holds the seat; they cancel too, from their own link.
    expect((await cancelLink(waiting)).status).toBe(200);
    await sweepOutbox(deps, { pendingGraceMs: 0 });
    const last = async (email: string) => (await sesMessages(to(email))).at(-1)!;
    return { seated: await last(seated), waiting: await last(waiting) };
  }

  it('is told in French that their registration is cancelled, the session goes ahead, and the invite is withdrawn', async () => {
    const { seated } = await cancelOwn('fr');
    expect(seated.subject).toBe("Inscription annulée — Festival de l'impact collectif, 24 février 2027");
    expect(seated.body.text).toContain(
      "Votre inscription à « Festival de l'impact collectif » du 24 février 2027 est annulée.",
    );
    expect(seated.body.text).not.toMatch(/La session .* est annulée/);
    const ics = seated.attachments.find((a) => /calendar/.test(a.contentType))!;
    expect(Buffer.from(ics.content, 'base64').toString('utf8')).toMatch(/METHOD:CANCEL/);
  });

  it('is told in English, and a promoted person who cancels is told the same', async () => {
    const { seated, waiting } = await cancelOwn('en');
    for (const m of [seated, waiting]) {
      expect(m.subject).toMatch(/^Registration cancelled — /);
      expect(m.body.text).toMatch(/Your registration to “.*” on .* is cancelled\./);
      expect(m.body.text).not.toMatch(/session on .* is cancelled/);
    }
  });
});
