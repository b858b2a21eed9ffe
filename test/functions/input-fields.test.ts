/**
 * Every field's own rules: times of day, a sane window for dates, https links, text that is text (no control
 * characters, no lone surrogates, not only invisible characters), settings that hold together, and ids that
 * name something. Each refusal is a 400 naming the field in the caller's language, and nothing is written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ManualClock, tableItems, testDeps } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { DEFAULT_SETTINGS } from '#domain/settings';
import type { Deps } from '#shared/ports';
import { isLimitCounter } from '#adapters/dynamodb/keys';

const TEAM = 'test-coordination-token';

async function fingerprint(deps: Deps): Promise<string> {
  // Abuse-limit counters count every public POST, refused ones too: they are no record.
  const items = (await tableItems(deps))
    .filter((i) => !isLimitCounter(i))
    .map((i) => JSON.stringify(i, Object.keys(i).sort()));
  return items.sort().join('\n');
}

describe('times, dates and links', () => {
  let deps: Deps;
  let api: ReturnType<typeof apiClient>;
  let activityId: string;
  const clock = new ManualClock(new Date('2026-11-27T15:00:00Z'));
  beforeAll(async () => {
    deps = await testDeps({ clock, contacts: ['zoe@example.org'] });
    api = apiClient(deps);
    activityId = (await api({ path: '/api/activities' })).body[0].id;
  });
  const session = (extra: Record<string, unknown>) => ({
    activityId,
    date: '2027-02-10',
    duration: 'half-day',
    ...extra,
  });

  it('takes only real times of day, dates between 2000 and ten years ahead, and https links; nothing written', async () => {
    const before = await fingerprint(deps);
    const refusals: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ startTime: '99:99' }, 'startTime', /^Heure de début : une heure entre 00:00 et 23:59 est attendue$/],
      [{ startTime: '24:00' }, 'startTime', /^Heure de début : /],
      [{ startTime: '12:60' }, 'startTime', /^Heure de début : /],
      [{ startTime: '7:30' }, 'startTime', /^Heure de début : /],
      [{ date: '9999-12-31' }, 'date', /^Date : une date entre 2000-01-01 et 2099-12-31 est attendue$/],
      [{ date: '0001-01-01' }, 'date', /^Date : une date entre/],
      [{ date: '2036-11-28' }, 'date', /^Date : une date d'au plus dix ans à venir est attendue$/],
      [{ virtualUrl: 'http://meet.example.org/pic' }, 'virtualUrl', /^Lien de la rencontre virtuelle : .*https/],
      [{ virtualUrl: 'javascript:alert(1)' }, 'virtualUrl', /^Lien de la rencontre virtuelle : /],
      [{ virtualUrl: 'https://localhost/x' }, 'virtualUrl', /^Lien de la rencontre virtuelle : /],
      [{ virtualUrl: `https://meet.example.org/${'a'.repeat(2100)}` }, 'virtualUrl', /^Lien de la rencontre virtuelle/],
    ];
    for (const [extra, path, msg] of refusals) {
      const res = await api({ path: '/api/sessions', token: TEAM, body: session(extra) });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
      expect(res.body.issues.find((i: { path: string }) => i.path === path).message).toMatch(msg);
    }
    const en = await api({
      path: '/api/sessions',
      token: TEAM,
      headers: { 'accept-language': 'en' },
      body: session({ startTime: '25:00', virtualUrl: 'ftp://x.example.org' }),
    });
    expect(en.body.issues).toEqual([
      { path: 'startTime', message: 'Start time: expected a time between 00:00 and 23:59' },
      { path: 'virtualUrl', message: 'Virtual meeting link: expected a full https:// web address' },
    ]);
    const js = await api({ path: '/api/sessions', token: TEAM, body: session({ virtualUrl: 'javascript:alert(1)' }) });
    expect(js.body.issues).toEqual([
      {
        path: 'virtualUrl',
        message: 'Lien de la rencontre virtuelle : une adresse web complète en https:// est attendue',
      },
    ]);
    const patch = await api({
      method: 'PATCH',
      path: '/api/sessions/nowhere',
      token: TEAM,
      body: { startTime: '99:99' },
    });
    expect(patch.body.issues[0].path).toBe('startTime');
    const far = await api({
      method: 'PATCH',
      path: '/api/sessions/nowhere',
      token: TEAM,
      body: { date: '2040-01-01' },
    });
    expect(far.body.issues[0].path).toBe('date');
    for (const body of [
      { quartierId: 'verdun', axis: 'learning', date: '1999-12-31', minutes: 30, step: 'plan' },
      { quartierId: 'verdun', axis: 'learning', date: '0001-01-01', minutes: 30, step: 'plan' },
    ])
      expect((await api({ path: '/api/hour-logs', token: TEAM, body })).body.issues[0].path).toBe('date');
    const year = await api({
      path: '/api/ledger-adjustments',
      token: TEAM,
      body: {
        quartierId: 'verdun',
        axis: 'learning',
        year: '0001-0002',
        target: 'allocation',
        minutes: 60,
        reason: 'r',
      },
    });
    expect(year.body.issues[0].path).toBe('year');
    expect(await fingerprint(deps)).toBe(before);
  });

  it('accepts the edges of each window: 00:00 and 23:59, a session ten years ahead less a day, an https link', async () => {
    for (const extra of [
      { startTime: '00:00' },
      { startTime: '23:59', virtualUrl: 'https://meet.example.org/pic?x=1' },
      { date: '2036-11-27' },
    ]) {
      const res = await api({ path: '/api/sessions', token: TEAM, body: session(extra) });
      expect(res.status, JSON.stringify(extra)).toBe(201);
    }
  });
});

/** Each text field of the API, with a valid body around it. Ids in paths need not exist: validation comes first. */
const VALID_LEARNING = {
  quartierId: 'verdun',
  contact: { name: 'Zoé Tremblay', email: 'zoe@example.org' },
  question: 'Comment savoir si notre plan change quelque chose ?',
  focus: 'evaluation',
};
const VALID_SUPPORT = {
  quartierId: 'verdun',
  contact: { name: 'Zoé Tremblay', email: 'zoe@example.org' },
  topic: 'Gouvernance',
  advisor: { name: 'Alex Conseil', email: 'alex@example.org' },
  advisorConsulted: true,
};
type Field = { method?: string; path: string; body: Record<string, unknown>; field: string; oneLine: boolean };
const FIELDS: Field[] = [
  { path: '/api/learning-requests', body: VALID_LEARNING, field: 'contact.name', oneLine: true },
  { path: '/api/learning-requests', body: VALID_LEARNING, field: 'question', oneLine: false },
  {
    path: '/api/learning-requests',
    body: { ...VALID_LEARNING, mode: 'in-person', modeReason: 'x' },
    field: 'modeReason',
    oneLine: false,
  },
  { path: '/api/additional-support-requests', body: VALID_SUPPORT, field: 'contact.name', oneLine: true },
  { path: '/api/additional-support-requests', body: VALID_SUPPORT, field: 'advisor.name', oneLine: true },
  { path: '/api/additional-support-requests', body: VALID_SUPPORT, field: 'topic', oneLine: false },
  {
    path: '/api/sessions/nowhere/registrations',
    body: { name: 'A', email: 'a@example.org' },
    field: 'name',
    oneLine: true,
  },
  {
    path: '/api/topic-proposals',
    body: { name: 'A', email: 'a@example.org', topic: 'T', details: 'd' },
    field: 'name',
    oneLine: true,
  },
  {
    path: '/api/topic-proposals',
    body: { name: 'A', email: 'a@example.org', topic: 'T' },
    field: 'topic',
    oneLine: true,
  },
  {
    path: '/api/topic-proposals',
    body: { name: 'A', email: 'a@example.org', topic: 'T', details: 'd' },
    field: 'details',
    oneLine: false,
  },
  {
    path: '/api/bulk-messages',
    body: { audience: 'mailing-list', subject: 'S', body: 'B' },
    field: 'subject',
    oneLine: true,
  },
  {
    path: '/api/bulk-messages',
    body: { audience: 'mailing-list', subject: 'S', body: 'B' },
    field: 'body',
    oneLine: false,
  },
  {
    path: '/api/sessions',
    body: { activityId: 'nowhere', date: '2027-01-10', duration: 'full-day', place: 'p' },
    field: 'place',
    oneLine: true,
  },
  { method: 'PATCH', path: '/api/sessions/nowhere', body: { place: 'p' }, field: 'place', oneLine: true },
  {
    path: '/api/quartiers',
    body: { id: 'q-nouveau', name: 'N', advisor: { name: 'A', email: 'a@example.org' } },
    field: 'name',
    oneLine: true,
  },
  {
    path: '/api/quartiers',
    body: { id: 'q-nouveau', name: 'N', advisor: { name: 'A', email: 'a@example.org' } },
    field: 'advisor.name',
    oneLine: true,
  },
  {
    path: '/api/hour-logs',
    body: { quartierId: 'verdun', axis: 'learning', date: '2026-11-02', minutes: 30, step: 'plan', note: 'n' },
    field: 'note',
    oneLine: false,
  },
  {
    path: '/api/ledger-adjustments',
    body: { quartierId: 'verdun', axis: 'learning', year: '2026-2027', target: 'allocation', minutes: 30, reason: 'r' },
    field: 'reason',
    oneLine: false,
  },
  {
    path: '/api/learning-requests/nowhere/assign',
    body: { partnerId: 'niska', reason: 'r' },
    field: 'reason',
    oneLine: false,
  },
  { path: '/api/learning-requests/nowhere/cancel', body: { reason: 'r' }, field: 'reason', oneLine: false },
  { path: '/api/learning-requests/nowhere/decline', body: { reason: 'r' }, field: 'reason', oneLine: false },
  { path: '/api/additional-support-requests/nowhere/release', body: { reason: 'r' }, field: 'reason', oneLine: false },
  {
    path: '/api/additional-support/2026-2027/override',
    body: { requestId: 'nowhere', reason: 'r' },
    field: 'reason',
    oneLine: false,
  },
];

const setAt = (body: Record<string, unknown>, path: string, value: string): Record<string, unknown> => {
  const [head, ...rest] = path.split('.');
  return {
    ...body,
    [head]: rest.length ? setAt(body[head] as Record<string, unknown>, rest.join('.'), value) : value,
  };
};

const char = (from: number, to: number) => fc.integer({ min: from, max: to }).map((c) => String.fromCharCode(c));
/** Characters no text field takes, wherever they stand in the text. */
const forbiddenChar = fc.oneof(
  char(0x00, 0x08),
  char(0x0b, 0x0c),
  char(0x0e, 0x1f),
  char(0x7f, 0x9f),
  char(0x202a, 0x202e),
  char(0x2066, 0x2069),
  char(0xd800, 0xdbff), // a high surrogate with no low one after it
  char(0xdc00, 0xdfff), // a low surrogate with no high one before it
);
const lineBreak = fc.constantFrom('\n', '\r\n', '\t', '\u2028');
/** Strings that show nothing: zero-width spaces, BOMs, word joiners, bidi marks, soft hyphens, fillers. */
const invisibleOnly = fc
  .array(
    fc.constantFrom(
      '\u200b',
      '\ufeff',
      '\u2060',
      '\u200c',
      '\u200d',
      '\u200e',
      '\u200f',
      '\u00ad',
      '\u3164',
      '\u034f',
      ' ',
    ),
    {
      minLength: 1,
      maxLength: 8,
    },
  )
  // JavaScript's trim takes the BOM and spaces away, leaving an empty (missing) value: at least one that stays.
  .filter((cs) => cs.some((c) => c.trim() !== ''))
  .map((cs) => cs.join(''));
const visible = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 }).filter((s) => s.trim().length > 0);

describe('text fields', () => {
  let deps: Deps;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    deps = await testDeps();
    api = apiClient(deps);
  });

  it('refuse control characters, lone surrogates and invisible-only text in every field, naming it; nothing written', async () => {
    const before = await fingerprint(deps);
    const hostile = (oneLine: boolean) =>
      fc.oneof(
        fc.tuple(visible, oneLine ? fc.oneof(forbiddenChar, lineBreak) : forbiddenChar, visible).map((p) => p.join('')),
        invisibleOnly,
      );
    for (const f of FIELDS) {
      await fc.assert(
        fc.asyncProperty(hostile(f.oneLine), fc.boolean(), async (value, english) => {
          const res = await api({
            method: f.method ?? 'POST',
            path: f.path,
            token: TEAM,
            body: setAt(f.body, f.field, value),
            headers: english ? { 'accept-language': 'en' } : {},
          });
          expect(res.status, `${f.path} ${f.field} ${JSON.stringify(value)}`).toBe(400);
          const issue = res.body.issues.find((i: { path: string }) => i.path === f.field);
          expect(issue, `${f.path} ${f.field} ${JSON.stringify(value)}`).toBeDefined();
          expect(issue.message).toMatch(
            english
              ? /: (contains characters that are not allowed|has no visible character|required)$/
              : /: (contient des caractères non permis|ne contient aucun caractère visible|obligatoire)$/,
          );
        }),
        { numRuns: 25 },
      );
    }
    expect(await fingerprint(deps)).toBe(before);
  }, 120_000);

  it('name the field in its own words', async () => {
    const res = await api({
      path: '/api/learning-requests',
      body: setAt(VALID_LEARNING, 'contact.name', '\u200b\u2060'),
    });
    expect(res.body.issues).toEqual([
      { path: 'contact.name', message: 'Nom de la personne-ressource : ne contient aucun caractère visible' },
    ]);
    const en = await api({
      path: '/api/bulk-messages',
      token: TEAM,
      headers: { 'accept-language': 'en' },
      body: { audience: 'mailing-list', subject: 'Hi\u0007', body: 'B' },
    });
    expect(en.body.issues).toEqual([{ path: 'subject', message: 'Subject: contains characters that are not allowed' }]);
  });

  it('still take names with accents, apostrophes, joiners inside words, and multi-line questions', async () => {
    // One address per name: a fourth acknowledgement to one address within the hour would be refused (429).
    for (const [i, name] of ["Zoé O'Brien-Lévesque", 'नमस्ते\u200dजी', 'سارة', '👩\u200d👩\u200d👧 Famille'].entries()) {
      const res = await api({
        path: '/api/learning-requests',
        body: {
          ...VALID_LEARNING,
          contact: { name, email: `name-${i}@example.org` },
          question: 'Ligne 1\nLigne 2\tfin',
        },
      });
      expect(res.status, name).toBe(201);
    }
  });
});

describe('settings, validated as a whole', () => {
  let deps: Deps;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    deps = await testDeps();
    api = apiClient(deps);
  });
  const put = (body: unknown, headers: Record<string, string> = {}) =>
    api({
      method: 'PUT',
      path: '/api/settings',
      token: TEAM,
      headers,
      ...(typeof body === 'string' ? { rawBody: body } : { body }),
    });
  const S = DEFAULT_SETTINGS;

  it('refuse a cap below the allocation, unknown or repeated partners, a missing focus, thresholds out of order', async () => {
    const before = await fingerprint(deps);
    const cases: Array<[unknown, string, RegExp]> = [
      [
        { ...S, learning: { ...S.learning, annualMinutes: 3000, availableCapMinutes: 2999 } },
        'learning.availableCapMinutes',
        /le plafond d'heures disponibles doit être au moins l'allocation annuelle/,
      ],
      [
        { ...S, routing: { ...S.routing, candidatesByFocus: { ...S.routing.candidatesByFocus, other: ['inconnu'] } } },
        'routing.candidatesByFocus.other.0',
        /./,
      ],
      [
        {
          ...S,
          routing: { ...S.routing, candidatesByFocus: { ...S.routing.candidatesByFocus, other: ['niska', 'niska'] } },
        },
        'routing.candidatesByFocus.other',
        /une même valeur apparaît deux fois/,
      ],
      [
        { ...S, routing: { ...S.routing, candidatesByFocus: { ...S.routing.candidatesByFocus, other: [] } } },
        'routing.candidatesByFocus.other',
        /./,
      ],
      [
        {
          ...S,
          routing: {
            ...S.routing,
            candidatesByFocus: { evaluation: ['dynamo'], 'strategic-clarity': ['niska'] },
          },
        },
        'routing.candidatesByFocus.other',
        /./,
      ],
      [
        { ...S, learning: { ...S.learning, thresholdsPercent: [80, 50, 100] } },
        'learning.thresholdsPercent',
        /les valeurs doivent être croissantes/,
      ],
      [
        { ...S, learning: { ...S.learning, thresholdsPercent: [50, 50, 100] } },
        'learning.thresholdsPercent',
        /croissantes/,
      ],
      [
        { ...S, activities: { reminderDaysBefore: [7, 7] } },
        'activities.reminderDaysBefore',
        /une même valeur apparaît deux fois/,
      ],
      [{ ...S, additional: { ...S.additional, offerDays: 100_000 } }, 'additional.offerDays', /./],
    ];
    for (const [body, path, msg] of cases) {
      const res = await put(body);
      expect(res.status, path).toBe(400);
      const issue = res.body.issues.find((i: { path: string }) => i.path === path);
      expect(issue, `${path}: ${JSON.stringify(res.body.issues)}`).toBeDefined();
      expect(issue.message).toMatch(msg);
    }
    const en = await put(
      { ...S, learning: { ...S.learning, annualMinutes: 3000, availableCapMinutes: 60 } },
      { 'accept-language': 'en' },
    );
    expect(en.body.issues).toEqual([
      {
        path: 'learning.availableCapMinutes',
        message: 'Cap on available hours (axis 1): the cap on available hours must be at least the annual allocation',
      },
    ]);
    expect(await fingerprint(deps)).toBe(before);
  });

  it('refuse __proto__ and constructor keys anywhere, pollute nothing and write nothing', async () => {
    const before = await fingerprint(deps);
    const valid = JSON.stringify(S);
    for (const body of [
      `{"__proto__":{"polluted":true},${valid.slice(1)}`,
      `{"constructor":{"prototype":{"polluted":true}},${valid.slice(1)}`,
      valid.replace('"candidatesByFocus":{', '"candidatesByFocus":{"__proto__":["niska"],'),
      valid.replace('"learning":{', '"learning":{"__proto__":{"annualMinutes":1},'),
      valid.replace('"candidatesByFocus":{', '"candidatesByFocus":{"constructor":["niska"],'),
    ]) {
      const res = await put(body);
      expect(res.status, body.slice(0, 80)).toBe(400);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await fingerprint(deps)).toBe(before);
    expect((await put(S)).status).toBe(200);
  });

  it('accept a cap equal to the allocation', async () => {
    const res = await put({ ...S, learning: { ...S.learning, availableCapMinutes: S.learning.annualMinutes } });
    expect(res.status).toBe(200);
    await put(S);
  });
});

describe('ids that name nothing', () => {
  let deps: Deps;
  let api: ReturnType<typeof apiClient>;
  let sessionId: string;
  beforeAll(async () => {
    deps = await testDeps();
    api = apiClient(deps);
    const activityId = (await api({ path: '/api/activities' })).body.find(
      (a: { registrationUrl?: string }) => !a.registrationUrl,
    ).id;
    sessionId = (
      await api({ path: '/api/sessions', token: TEAM, body: { activityId, date: '2027-03-01', duration: 'half-day' } })
    ).body.id;
    await api({ path: `/api/sessions/${sessionId}/registrations`, body: { name: 'Léa', email: 'lea@example.org' } });
  });

  it('a bulk message to an unknown session is 404 and queues nothing; a session audience needs a session', async () => {
    const before = await fingerprint(deps);
    const unknown = await api({
      path: '/api/bulk-messages',
      token: TEAM,
      body: { audience: 'session-registrants', sessionId: 'nulle-part-2027-01-01', subject: 'S', body: 'B' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('not-found');
    const missing = await api({
      path: '/api/bulk-messages',
      token: TEAM,
      body: { audience: 'session-waitlist', subject: 'S', body: 'B' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.issues).toEqual([{ path: 'sessionId', message: 'Session : obligatoire' }]);
    expect(await fingerprint(deps)).toBe(before);
    const known = await api({
      path: '/api/bulk-messages',
      token: TEAM,
      body: { audience: 'session-registrants', sessionId, subject: 'S', body: 'B' },
    });
    expect(known.status).toBe(202);
  });

  it('the registrations of an unknown session are 404, in JSON and in CSV', async () => {
    expect((await api({ path: '/api/sessions/nulle-part/registrations', token: TEAM })).status).toBe(404);
    expect(
      (await api({ path: '/api/sessions/nulle-part/registrations', token: TEAM, query: { format: 'csv' } })).status,
    ).toBe(404);
    expect((await api({ path: `/api/sessions/${sessionId}/registrations`, token: TEAM })).body).toHaveLength(1);
  });

  it('a registration or a topic proposal naming an unknown quartier is 400 on quartierId; nothing written', async () => {
    const before = await fingerprint(deps);
    const reg = await api({
      path: `/api/sessions/${sessionId}/registrations`,
      body: { name: 'Léo', email: 'leo@example.org', quartierId: 'atlantide' },
    });
    expect(reg.status).toBe(400);
    expect(reg.body.issues).toEqual([{ path: 'quartierId', message: 'Quartier : Quartier inconnu.' }]);
    const topic = await api({
      path: '/api/topic-proposals',
      headers: { 'accept-language': 'en' },
      body: { name: 'Léo', email: 'leo@example.org', quartierId: 'atlantide', topic: 'Mesure' },
    });
    expect(topic.status).toBe(400);
    expect(topic.body.issues).toEqual([{ path: 'quartierId', message: 'Neighbourhood: Unknown neighbourhood.' }]);
    expect(await fingerprint(deps)).toBe(before);
  });

  it('a request the coordination team asks for that does not exist is 404; anyone else still gets 403', async () => {
    expect((await api({ path: '/api/requests/0mwz3yao0000000000000', token: TEAM })).status).toBe(404);
    expect((await api({ path: '/api/requests/0mwz3yao0000000000000', query: { token: 'x' } })).status).toBe(403);
  });

  it('ids far longer than real ones, or that cannot be decoded, are 404, never a DynamoDB error', async () => {
    for (const id of ['x'.repeat(3000), '%E0%A4%A', '%ED%A0%80', 'a%00b', 'x'.repeat(201)]) {
      expect((await api({ path: `/api/requests/${id}`, token: TEAM })).status, id.slice(0, 20)).toBe(404);
      expect((await api({ path: `/api/sessions/${id}/registrations`, token: TEAM })).status).toBe(404);
    }
    expect((await api({ path: `/api/sessions/${'x'.repeat(3000)}/registrations` })).status).toBe(401);
  });
});
