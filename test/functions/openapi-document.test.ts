/**
 * The OpenAPI document says what the API really does: a parser validates it whole, every operation has its own
 * operationId, and the statuses and answer schemas it declares are what the handlers answer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compileErrors, validate } from '@readme/openapi-parser';
import { testDeps, uniq } from '../support/harness.ts';
import { signAction } from '#shared/ids';
import { apiClient, type Call } from '../support/api.ts';
import { signLocalToken } from '#shared/auth';
import { routes } from '#functions/api/handler';
import { RefusalSchema, ValidationErrorSchema } from '#shared/schemas';
import type { Route } from '#shared/http';
import type { Deps } from '#shared/ports';

const TEAM = 'test-coordination-token';

type Operation = {
  operationId: string;
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }>;
};
type Document = { paths: Record<string, Record<string, Operation>> };

/** Contacts on file (testDeps below): their requests are served at once; one address per request, so that no
 * address gets a fourth acknowledgement within the hour (429). */
const ON_FILE = Array.from({ length: 12 }, (_, i) => `zoe-${i}@example.org`);
let contacts = 0;
const contact = () => ({ name: 'Zoé Tremblay', email: ON_FILE[contacts++ % ON_FILE.length] });
const routeKey = (r: Pick<Route, 'method' | 'path'>) => `${r.method} ${r.path}`;
const routeOf = (key: string) => {
  const r = routes.find((x) => routeKey(x) === key);
  if (!r) throw new Error(`no route ${key}`);
  return r;
};
/** A path with each parameter filled in, for the checks that stop before any lookup. */
const concrete = (r: Route, value = 'verdun') => r.path.replace(/\{\w+\}/g, value);

let deps: Deps;
let api: ReturnType<typeof apiClient>;
let doc: Document;
let partnerToken: string;

beforeAll(async () => {
  deps = await testDeps({ contacts: ON_FILE });
  api = apiClient(deps);
  doc = (await api({ path: '/api/openapi.json' })).body;
  partnerToken = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', 'niska');
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  );
const declared = (key: string) => operations().find((o) => o.key === key)!.op.responses;
const successOf = (key: string) => Number(Object.keys(declared(key)).find((s) => s.startsWith('2')));

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document, references resolved', async () => {
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('gives every operation a unique camelCase operationId made from its method and path', () => {
    const ids = operations().map((o) => o.op.operationId);
    expect(ids).toHaveLength(routes.length);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(get|post|put|patch|delete)[A-Z][A-Za-z0-9]*$/);
    expect(doc.paths['/api/learning-requests/{id}/accept'].post.operationId).toBe('postLearningRequestsByIdAccept');
  });

  it('declares exactly one success status per operation, and the error statuses the route can answer', () => {
    for (const r of routes) {
      const responses = declared(routeKey(r));
      expect(
        Object.keys(responses).filter((s) => s.startsWith('2')),
        routeKey(r),
      ).toEqual([String(r.status ?? 200)]);
      const has = (s: number) => String(s) in responses;
      expect(has(401), routeKey(r)).toBe(r.auth !== 'public');
      expect(has(413) && has(415), routeKey(r)).toBe(!!r.body || !!r.accepts);
      expect(has(404), routeKey(r)).toBe(r.path.includes('{') || !!r.refuses?.includes(404));
      expect(has(409), routeKey(r)).toBe(!!r.idempotency || !!r.refuses?.includes(409));
      // Every route can meet the gateway's throttle; a public POST also the handler's own limits, with a body.
      const publicPost = r.auth === 'public' && r.method === 'POST';
      expect(responses['429']?.$ref, routeKey(r)).toBe(
        `#/components/responses/${publicPost ? 'TooManyRequests' : 'Throttled'}`,
      );
      if (r.response)
        expect(responses[String(r.status ?? 200)].content?.['application/json'], routeKey(r)).toBeDefined();
    }
  });

  it('every route with a body answers 413 past the size limit and 415 to a body not declared JSON', async () => {
    for (const r of routes.filter((x) => x.body || x.accepts)) {
      const path = concrete(r);
      const big = await api({
        method: r.method,
        path,
        token: TEAM,
        rawBody: `"${'x'.repeat(40_000)}"`,
        headers: r.accepts ? { 'content-type': r.accepts } : {},
      });
      expect(big.status, routeKey(r)).toBe(413);
      expect(RefusalSchema().safeParse(big.body).success).toBe(true);
      const form = await api({
        method: r.method,
        path,
        token: TEAM,
        rawBody: 'a=b',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(form.status, routeKey(r)).toBe(415);
      for (const type of ['text/plain', undefined]) {
        const res = await api({ method: r.method, path, token: TEAM, body: {}, headers: { 'content-type': type } });
        expect(res.status, `${routeKey(r)} ${type}`).toBe(415);
      }
    }
  });

  it('every staff route answers 401 without sign-in; every coordination route answers 403 to a partner', async () => {
    for (const r of routes.filter((x) => x.auth !== 'public')) {
      expect((await api({ method: r.method, path: concrete(r) })).status, routeKey(r)).toBe(401);
      if (r.auth === 'coordination')
        expect((await api({ method: r.method, path: concrete(r), token: partnerToken })).status, routeKey(r)).toBe(403);
    }
  });

  it('every route with a path parameter answers 404 to a segment that cannot name anything', async () => {
    for (const r of routes.filter((x) => x.path.includes('{'))) {
      const res = await api({ method: r.method, path: concrete(r, 'x'.repeat(201)), token: TEAM, body: {} });
      expect(res.status, routeKey(r)).toBe(404);
    }
  });

  it('the 400 and 409 answers have the schemas the document names', async () => {
    const bad = await api({ path: '/api/learning-requests', body: { quartierId: 'verdun' } });
    expect(bad.status).toBe(400);
    expect(ValidationErrorSchema().parse(bad.body)).toEqual(bad.body);
    const first = await api({
      path: '/api/additional-support-requests',
      body: {
        quartierId: 'rosemont',
        contact: contact(),
        topic: 'Évaluer notre démarche',
        advisor: { name: 'Luc', email: 'luc@example.org' },
        advisorConsulted: true,
      },
    });
    expect(first.status).toBe(201);
    const again = await api({
      path: '/api/additional-support-requests',
      body: {
        quartierId: 'rosemont',
        contact: contact(),
        topic: 'Une autre demande',
        advisor: { name: 'Luc', email: 'luc@example.org' },
        advisorConsulted: true,
      },
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('already-requested');
    expect(RefusalSchema().safeParse(again.body).success).toBe(true);
  });

  it('answers the declared success status and the declared answer schema, no field more, on a sample of routes', async () => {
    const seen: string[] = [];
    /** Calls a route, checks its status and answer against the document, and returns the answer. */
    const check = async (key: string, call: Call) => {
      const route = routeOf(key);
      const res = await api({ method: route.method, ...call });
      expect(res.status, `${key}: ${JSON.stringify(res.body)}`).toBe(successOf(key));
      // Parsing strips what the schema does not name: equal means the document names every field sent.
      if (route.response) expect(route.response().parse(res.body), key).toEqual(res.body);
      seen.push(key);
      return res.body;
    };

    await check('GET /api/health', { path: '/api/health' });
    await check('GET /api/quartiers', { path: '/api/quartiers' });
    await check('GET /api/partners', { path: '/api/partners' });
    await check('GET /api/program', { path: '/api/program' });
    await check('GET /api/additional-support-availability', { path: '/api/additional-support-availability' });
    const neuf = `q-${uniq()}`;
    await check('POST /api/quartiers', {
      path: '/api/quartiers',
      token: TEAM,
      body: { id: neuf, name: 'Quartier neuf', advisor: { name: 'Ana', email: 'ana@example.org' } },
    });
    await check('PATCH /api/quartiers/{id}', {
      path: `/api/quartiers/${neuf}`,
      token: TEAM,
      body: { name: 'Quartier renommé', enrolledYear: '2024-2025' },
    });
    await check('POST /api/imports/quartiers', {
      path: '/api/imports/quartiers',
      token: TEAM,
      query: { dryRun: 'true' },
      headers: { 'content-type': 'text/csv' },
      rawBody: [
        'id;name;advisorName;advisorEmail;contactName;contactEmail;enrolledYear',
        `${neuf};N;A;a@example.org;;;2024-2025`,
      ].join('\r\n'),
    });

    const learning = await check('POST /api/learning-requests', {
      path: '/api/learning-requests',
      body: { quartierId: 'verdun', contact: contact(), question: 'Comment mesurer nos effets ?', focus: 'evaluation' },
    });
    await check('GET /api/requests/{id}', {
      path: `/api/requests/${learning.id}`,
      headers: { 'x-status-token': learning.statusToken },
    });
    await check('GET /api/requests/{id}', { path: `/api/requests/${learning.id}`, token: TEAM });
    const holder = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', learning.partnerId);
    await check('POST /api/learning-requests/{id}/accept', {
      path: `/api/learning-requests/${learning.id}/accept`,
      token: holder,
      body: {},
    });

    const other = await check('POST /api/learning-requests', {
      path: '/api/learning-requests',
      body: { quartierId: 'verdun', contact: contact(), question: 'Que retenir de notre année ?', focus: 'other' },
    });
    await check('POST /api/learning-requests/{id}/assign', {
      path: `/api/learning-requests/${other.id}/assign`,
      token: TEAM,
      body: { partnerId: other.partnerId === 'niska' ? 'dynamo' : 'niska', reason: 'Disponibilité' },
    });
    await check('POST /api/learning-requests/{id}/cancel', {
      path: `/api/learning-requests/${other.id}/cancel`,
      headers: { 'x-status-token': other.statusToken },
      body: {},
    });

    const support = await check('POST /api/additional-support-requests', {
      path: '/api/additional-support-requests',
      body: {
        quartierId: 'verdun',
        contact: contact(),
        topic: 'Structurer notre évaluation',
        advisor: { name: 'Luc', email: 'luc@example.org' },
        advisorConsulted: true,
      },
    });
    await check('GET /api/requests/{id}', {
      path: `/api/requests/${support.id}`,
      headers: { 'x-status-token': support.statusToken },
    });
    await check('GET /api/requests/{id}', { path: `/api/requests/${support.id}`, token: TEAM });
    await check('GET /api/additional-support/{year}', { path: `/api/additional-support/${support.year}`, token: TEAM });

    await check('POST /api/additional-support-requests/{id}/release', {
      path: `/api/additional-support-requests/${support.id}/release`,
      headers: { 'x-status-token': support.statusToken },
      body: {},
    });

    // A stranger's request waits for trust: the address proven, coordination vouches, then it is withdrawn.
    const stranger = await check('POST /api/additional-support-requests', {
      path: '/api/additional-support-requests',
      body: {
        quartierId: 'verdun',
        contact: { name: 'Inconnue', email: `inconnue-${uniq()}@example.org` },
        topic: 'Structurer notre évaluation',
        advisorConsulted: true,
      },
    });
    await check('POST /api/requests/{id}/verify-email', {
      path: `/api/requests/${stranger.id}/verify-email`,
      body: { signature: signAction(deps.config.linkSecret, ['verify-email', stranger.id]) },
    });
    await check('GET /api/trust-requests', { path: '/api/trust-requests', token: TEAM });
    await check('GET /api/requests/{id}/trust', { path: `/api/requests/${stranger.id}/trust`, token: TEAM });
    await check('POST /api/requests/{id}/trust', {
      path: `/api/requests/${stranger.id}/trust`,
      token: TEAM,
      body: { decision: 'confirm' },
    });
    await check('POST /api/requests/{id}/withdraw', {
      path: `/api/requests/${stranger.id}/withdraw`,
      headers: { 'x-status-token': stranger.statusToken },
      body: {},
    });
    await check('POST /api/quartiers/{id}/contacts', {
      path: '/api/quartiers/verdun/contacts',
      token: TEAM,
      body: { name: 'Marc', email: 'marc@example.org', locale: 'en' },
    });
    await check('GET /api/quartiers/{id}/contacts', { path: '/api/quartiers/verdun/contacts', token: TEAM });
    await check('DELETE /api/quartiers/{id}/contacts/{email}', {
      path: '/api/quartiers/verdun/contacts/marc%40example.org',
      token: TEAM,
    });

    await check('POST /api/hour-logs', {
      path: '/api/hour-logs',
      token: TEAM,
      body: { quartierId: 'verdun', axis: 'learning', date: '2026-11-02', minutes: 90, step: 'plan' },
    });
    await check('POST /api/ledger-adjustments', {
      path: '/api/ledger-adjustments',
      token: TEAM,
      body: {
        quartierId: 'verdun',
        axis: 'learning',
        year: '2026-2027',
        target: 'allocation',
        minutes: 60,
        reason: 'Correction',
      },
    });
    await check('GET /api/quartiers/{id}/balance', { path: '/api/quartiers/verdun/balance', token: TEAM });
    await check('GET /api/balances', { path: '/api/balances', token: TEAM });
    await check('POST /api/years/{year}/open', {
      path: '/api/years/2027-2028/open',
      query: { dryRun: 'true' },
      token: TEAM,
    });

    const session = await check('POST /api/sessions', {
      path: '/api/sessions',
      token: TEAM,
      body: { activityId: 'festival-impact-collectif', date: '2027-05-05', duration: 'full-day', capacity: 10 },
    });
    await check('POST /api/sessions/{sessionId}/registrations', {
      path: `/api/sessions/${session.id}/registrations`,
      body: { name: 'Léa', email: `lea-${uniq()}@example.org` },
    });
    const registration = await check('POST /api/sessions/{sessionId}/registrations', {
      path: `/api/sessions/${session.id}/registrations`,
      body: { name: 'Marc', email: `marc-${uniq()}@example.org` },
    });
    await check('POST /api/sessions/{sessionId}/registrations/{id}/cancel', {
      path: `/api/sessions/${session.id}/registrations/${registration.id}/cancel`,
      token: TEAM,
      body: {},
    });
    await check('GET /api/settings', { path: '/api/settings', token: TEAM });
    await check('GET /api/mailing-list/consent', { path: '/api/mailing-list/consent' });
    await check('POST /api/topic-proposals', {
      path: '/api/topic-proposals',
      body: { name: 'Léa', email: `lea-${uniq()}@example.org`, topic: 'La captation des apprentissages' },
    });
    await check('POST /api/mailing-list/subscriptions', {
      path: '/api/mailing-list/subscriptions',
      body: { email: `abo-${uniq()}@example.org`, consent: true },
    });
    await check('POST /api/bulk-messages', {
      path: '/api/bulk-messages',
      token: TEAM,
      body: { audience: 'session-registrants', sessionId: session.id, subject: 'Rappel', body: 'À bientôt.' },
    });

    const staff = `staff-${uniq()}@example.org`;
    await check('POST /api/staff', {
      path: '/api/staff',
      token: TEAM,
      body: { email: staff, role: 'partner', partnerId: 'niska', name: 'Marie Gagnon' },
    });
    await check('GET /api/staff', { path: '/api/staff', token: TEAM });
    await check('DELETE /api/staff/{email}', { path: `/api/staff/${encodeURIComponent(staff)}`, token: TEAM });
    await check('GET /api/privacy/retention-preview', { path: '/api/privacy/retention-preview', token: TEAM });
    await check('POST /api/privacy/erase', {
      path: '/api/privacy/erase',
      token: TEAM,
      body: { email: `gone-${uniq()}@example.org`, reason: 'Demande écrite' },
    });

    expect([...new Set(seen.map(successOf))].sort()).toEqual([200, 201, 202]);
    // Answer schemas the sample does not reach: the same schema on a sibling route, or a state hard to reach here.
    const unsampled = routes.filter((r) => r.response && !seen.includes(routeKey(r))).map(routeKey);
    expect(unsampled.sort()).toEqual([
      'POST /api/additional-support-requests/{id}/offer',
      'POST /api/additional-support/{year}/override',
      'POST /api/learning-requests/{id}/answer',
      'POST /api/learning-requests/{id}/decline',
      'POST /api/notifications/{id}/retry',
      'PUT /api/settings',
    ]);
  });
});
