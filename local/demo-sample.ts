/**
 * The local demo's sample ("exemple"): upcoming sessions dated from today, registrations and a waiting list,
 * learning requests in each state, additional-support slots up to a waiting list, hours logged, and one request
 * from an address not on file awaiting confirmation — so that every page of a fresh `npm start` shows something.
 *
 * Written through the use cases, as people would have (the data stays consistent, and the emails they send reach
 * the SES emulator: a few dozen). Once per table: a marker item says it is there. Only local/start.ts imports this
 * file, so nothing of the sample can reach AWS; `PIC_SEED=program` seeds the program's document alone.
 */
import { keys } from '#adapters/dynamodb/keys';
import { cond } from '#adapters/dynamodb/expressions';
import { addDays, localDateAt } from '#domain/program-year';
import type { Principal } from '#shared/auth';
import type { Deps } from '#shared/ports';
import { signAction } from '#shared/ids';
import type { LearningRequestInput } from '#shared/schemas';
import { createSession } from '#usecases/create-session';
import { register } from '#usecases/register-to-session';
import type { ActivityItem } from '#domain/sessions';
import { submitAdditionalSupport } from '#usecases/claim-slot';
import { listContacts } from '#usecases/contacts';
import { answerAsPartner } from '#usecases/answer-assignment';
import { submitLearningRequest } from '#usecases/submit-learning-request';
import { updateProgress } from '#usecases/advance-learning-loop';
import { logHours } from '#usecases/log-hours';
import { listQuartiers } from '#usecases/quartiers';
import { verifyEmail } from '#usecases/trust';

export type SampleCounts = {
  sessions: number;
  registered: number;
  waitlisted: number;
  learningRequests: number;
  supportRequests: number;
  supportWaitlisted: number;
  loggedMinutes: number;
};
export type SampleOutcome =
  | { kind: 'seeded'; counts: SampleCounts }
  /** `complete: false`: an earlier start stopped half-way (an error); the sample stays as it was left. */
  | { kind: 'already-seeded'; seededAt: string; complete: boolean }
  | { kind: 'not-wanted' };

/** `PIC_SEED=program`: the program's document only. Unset (or `sample`): the document and the sample. */
export function sampleWanted(env: Record<string, string | undefined>): boolean {
  const choice = env.PIC_SEED ?? '';
  if (choice === '' || choice === 'sample') return true;
  if (choice === 'program') return false;
  throw new Error(`PIC_SEED=${choice}: expected "program" (the document's data only) or nothing (with the sample)`);
}

const COORDINATION: Principal = { role: 'coordination', sub: 'exemple' };
const asPartner = (partnerId: string): Principal => ({ role: 'partner', partnerId, sub: `exemple-${partnerId}` });

const ACTIVITIES: ActivityItem[] = [
  {
    id: 'exemple-atelier-evaluation',
    coordinator: 'Équipe PIC',
    title: { fr: "Atelier d'évaluation participative (exemple)", en: 'Participatory evaluation workshop (sample)' },
    summary: {
      fr: "Une activité d'exemple pour voir le catalogue, les inscriptions et la liste d'attente.",
      en: 'A sample activity to show the catalogue, registrations and the waiting list.',
    },
  },
  {
    id: 'exemple-communaute-pratique',
    coordinator: 'Équipe PIC',
    title: { fr: 'Communauté de pratique des tables (exemple)', en: 'Round tables community of practice (sample)' },
    summary: {
      fr: "Une activité d'exemple, en personne et en ligne.",
      en: 'A sample activity, in person and online.',
    },
  },
];

const person = (n: number, quartierId?: string) => ({
  name: `Personne ${n} (exemple)`,
  email: `personne${n}.exemple@example.org`,
  quartierId,
  locale: 'fr' as const,
});

function expectKind<T extends { kind: string }, K extends T['kind']>(out: T, ...kinds: K[]): Extract<T, { kind: K }> {
  if (!kinds.includes(out.kind as K)) throw new Error(`sample: expected ${kinds.join(' or ')}, got ${out.kind}`);
  return out as Extract<T, { kind: K }>;
}

export async function seedDemoSample(
  deps: Deps,
  env: Record<string, string | undefined> = process.env,
): Promise<SampleOutcome> {
  if (!sampleWanted(env)) return { kind: 'not-wanted' };
  const now = deps.clock.now();
  const at = now.toISOString();
  // Claimed before anything is written: a second start (or two at once) adds nothing.
  if (!(await deps.store.put({ ...keys.demoSample(), status: 'seeding', startedAt: at }, cond.notExists()))) {
    const marker = await deps.store.get<{ startedAt: string; status: string }>(keys.demoSample());
    return { kind: 'already-seeded', seededAt: marker?.startedAt ?? at, complete: marker?.status === 'seeded' };
  }
  const today = localDateAt(now);
  const counts: SampleCounts = {
    sessions: 0,
    registered: 0,
    waitlisted: 0,
    learningRequests: 0,
    supportRequests: 0,
    supportWaitlisted: 0,
    loggedMinutes: 0,
  };

  // Quartiers as the table has them (the seed's, or the team's edits), each with a contact on file to speak for it.
  const quartiers = (
    await Promise.all(
      (await listQuartiers(deps)).map(async (q) => ({ q, contact: (await listContacts(deps, q.id))[0] })),
    )
  )
    .filter((x) => x.contact)
    .sort((a, b) => a.q.id.localeCompare(b.q.id));
  const contactOf = (i: number) => {
    const { q, contact } = quartiers[i % quartiers.length];
    return { quartierId: q.id, contact: { name: contact.name, email: contact.email } };
  };

  await sessionsAndRegistrations(deps, today, counts, quartiers[0]?.q.id);
  if (quartiers.length) {
    await learningRequests(deps, today, counts, contactOf);
    await supportRequests(deps, counts, contactOf, quartiers.length);
  }
  await deps.store.update(keys.demoSample(), { set: { status: 'seeded', seededAt: at, counts } });
  return { kind: 'seeded', counts };
}

async function sessionsAndRegistrations(deps: Deps, today: string, counts: SampleCounts, quartierId?: string) {
  for (const a of ACTIVITIES)
    await deps.store.put({ ...keys.activity(a.id), ...keys.activityIndex(a.id), ...a }, cond.notExists());
  const [workshop, practice] = ACTIVITIES.map((a) => a.id);
  const sessions = [
    // Three seats for five people: a full session with two on its waiting list.
    { activityId: workshop, days: 7, startTime: '09:00', duration: 'half-day', capacity: 3, people: 5 },
    { activityId: practice, days: 14, startTime: '13:00', duration: 'half-day', capacity: 25, people: 2, online: true },
    { activityId: workshop, days: 28, startTime: '09:00', duration: 'full-day', capacity: 20, people: 1 },
    { activityId: practice, days: 42, startTime: '09:00', duration: 'two-days', people: 0 },
  ] as const;
  let n = 0;
  for (const s of sessions) {
    const date = addDays(today, s.days);
    const created = await createSession(
      deps,
      {
        activityId: s.activityId,
        date,
        startTime: s.startTime,
        duration: s.duration,
        capacity: 'capacity' in s ? s.capacity : undefined,
        ...('online' in s
          ? { virtualUrl: 'https://example.org/rencontre-exemple' }
          : { place: 'Maison de quartier (exemple), 1234 rue Exemple, Montréal' }),
      },
      `${s.activityId}-${date}`,
    );
    if (created.kind === 'created') counts.sessions++;
    for (let i = 0; i < s.people; i++) {
      const out = await register(deps, `${s.activityId}-${date}`, person(++n, i % 2 ? undefined : quartierId));
      if (out.kind === 'registered') counts.registered++;
      else if (out.kind === 'waitlisted') counts.waitlisted++;
    }
  }
}

async function learningRequests(
  deps: Deps,
  today: string,
  counts: SampleCounts,
  contactOf: (i: number) => Pick<LearningRequestInput, 'quartierId' | 'contact'>,
) {
  const submit = async (i: number, question: string, extra: Partial<LearningRequestInput> = {}) => {
    const out = expectKind(
      await submitLearningRequest(deps, {
        ...contactOf(i),
        question: `(exemple) ${question}`,
        focus: 'evaluation',
        mode: 'virtual',
        locale: 'fr',
        estimatedMinutes: 6 * 60,
        ...extra,
      }),
      'created',
    );
    counts.learningRequests++;
    return out.response;
  };
  const accept = async (r: { id: string; partnerId?: string }) =>
    expectKind(await answerAsPartner(deps, r.id, asPartner(r.partnerId!), 'accept'), 'accepted');
  const log = async (i: number, minutes: number, by: Principal, more: { requestId?: string; step?: string } = {}) => {
    const out = await logHours(
      deps,
      { quartierId: contactOf(i).quartierId, axis: 'learning', date: today, minutes, note: '(exemple)', ...more },
      by,
    );
    expectKind(out, 'recorded');
    counts.loggedMinutes += minutes;
  };

  // Routed, waiting for the partner's answer.
  await submit(0, 'Comment mesurer les effets de notre plan de quartier?');
  // Accepted.
  await accept(
    await submit(1, 'Clarifier nos priorités pour la prochaine année.', {
      focus: 'strategic-clarity',
      preferredPartnerId: 'niska',
    }),
  );
  // In progress at a step of the learning loop, with hours logged on it.
  const inProgress = await submit(2, 'Recueillir des données auprès des résidents.', { preferredPartnerId: 'dynamo' });
  await accept(inProgress);
  const partner = asPartner(inProgress.partnerId!);
  expectKind(await updateProgress(deps, inProgress.id, partner, { step: 'collect-data' }), 'updated');
  await log(2, 3 * 60, partner, { requestId: inProgress.id, step: 'collect-data' });
  // Completed, after 16 h: the quartier has used just over half of its year (the 50 % notice).
  const completed = await submit(3, 'Bilan de notre démarche collective.', { preferredPartnerId: 'yann-pezzini' });
  await accept(completed);
  const holder = asPartner(completed.partnerId!);
  await log(3, 16 * 60, holder, { requestId: completed.id, step: 'communicate' });
  expectKind(await updateProgress(deps, completed.id, holder, { status: 'completed' }), 'updated');
  // Every candidate declines: the team decides.
  const declined = await submit(4, 'Une question hors des orientations habituelles.', { focus: 'other' });
  let partnerId = declined.partnerId;
  for (let turn = 0; partnerId && turn < 5; turn++) {
    const out = await answerAsPartner(deps, declined.id, asPartner(partnerId), 'decline', '(exemple) pas disponible');
    partnerId = out.kind === 'rerouted' ? out.request.partnerId : undefined;
  }
  // Hours logged by coordination: one quartier past 80 % of its year, one with a few hours.
  await log(5, 25 * 60, COORDINATION);
  await log(6, 4 * 60, COORDINATION);

  // An address the program has never seen: its owner proves it, then the advisor or coordination is to vouch.
  const stranger = await submit(7, 'Nouvelle personne au quartier : par où commencer?', {
    contact: { name: 'Nouvelle personne (exemple)', email: 'nouvelle.personne.exemple@example.org' },
  });
  expectKind(
    await verifyEmail(deps, stranger.id, signAction(deps.config.linkSecret, ['verify-email', stranger.id])),
    'verified',
  );
}

/** One request per quartier until the year's slots are taken and one more waits (or the quartiers run out). */
async function supportRequests(
  deps: Deps,
  counts: SampleCounts,
  contactOf: (i: number) => Pick<LearningRequestInput, 'quartierId' | 'contact'>,
  quartierCount: number,
) {
  const { additional } = await deps.settings();
  for (let i = 0; i < Math.min(quartierCount, additional.slotsPerYear + 1); i++) {
    // From the end of the list, so the learning requests' quartiers are mostly others.
    const out = await submitAdditionalSupport(deps, {
      ...contactOf(quartierCount - 1 - i),
      topic: '(exemple) Accompagnement pour un projet de changement collectif.',
      advisorConsulted: true,
      estimatedMinutes: 20 * 60,
      locale: 'fr',
    });
    if (out.kind !== 'created') continue;
    counts.supportRequests++;
    if (out.response.outcome === 'waitlisted') {
      counts.supportWaitlisted++;
      break;
    }
  }
}

/** One line for `npm start`. */
export function describeSample(out: SampleOutcome): string {
  if (out.kind === 'not-wanted') return 'non semé (PIC_SEED=program)';
  if (out.kind === 'already-seeded')
    return out.complete
      ? `déjà présent (semé le ${out.seededAt.slice(0, 10)}), rien d'ajouté`
      : `incomplet (interrompu le ${out.seededAt.slice(0, 10)}) : PIC_IN_MEMORY=1 ou effacer .data/ pour repartir`;
  const c = out.counts;
  return (
    `${c.sessions} séances à venir, ${c.registered + c.waitlisted} inscriptions (${c.waitlisted} en attente), ` +
    `${c.learningRequests} demandes d'accompagnement, ${c.supportRequests} de soutien additionnel ` +
    `(${c.supportWaitlisted} en attente), ${Math.round(c.loggedMinutes / 60)} h consignées`
  );
}
