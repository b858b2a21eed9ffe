/**
 * Fault drills, shared by `npm run drill` (full size) and the test suite (small size): an SES outage during
 * submissions, a yearly opening killed with SIGKILL, generated bad inputs on every public route, and the
 * authorization matrix.
 */
import { addContact } from '#usecases/contacts';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { DynamoDBDocumentClient, BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { routes } from '#functions/api/handler';
import { isLimitCounter, keys } from '#adapters/dynamodb/keys';
import { newBalance } from '#adapters/dynamodb/ledger-repo';
import { sweepOutbox } from '#usecases/deliver-notification';
import { openYear } from '#usecases/open-year';
import { signLocalToken } from '#shared/auth';
import type { Deps } from '#shared/ports';
import { startSesEmulator, startDynamoDbLocal, freePort } from '../local/emulators.ts';
import { dynamoClient, freshDeps, gateway, pool, type Emulators } from './env.ts';

const post = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: await r.json().catch(() => undefined) }));

/** Every item's key and version of its content, to tell whether anything at all was written. */
export async function tableFingerprint(
  deps: Deps,
  opts: { withCounters?: boolean } = {},
): Promise<Map<string, string>> {
  // The store's own client: wrapping it in a second document client would reset its marshalling options.
  const doc = deps.store.doc;
  const seen = new Map<string, string>();
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(new ScanCommand({ TableName: deps.store.tableName, ExclusiveStartKey: start }));
    // Abuse-limit counters count requests, refused ones too; they hold nobody's data and expire.
    for (const i of out.Items ?? [])
      if (opts.withCounters || !isLimitCounter(i)) seen.set(`${i.pk}|${i.sk}`, JSON.stringify(i));
    start = out.LastEvaluatedKey;
  } while (start);
  return seen;
}

export const changedKeys = (a: Map<string, string>, b: Map<string, string>) =>
  [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));

/** SES down during n submissions, then back: every request stored, every email sent once. */
export async function sesOutageDrill(em: Emulators, n: number) {
  const port = await freePort();
  let ses = await startSesEmulator({ port });
  await ses.stop(); // the outage starts before the first submission
  const deps = await freshDeps(em, { sesEndpoint: `http://127.0.0.1:${port}`, env: { PIC_MAIL_MAX_ATTEMPTS: '100' } });
  const { base, server } = await gateway(deps);
  const tag = randomBytes(3).toString('hex');
  // The program's contacts on file: their requests are served at once, each with its acknowledgement and assignment.
  for (let i = 0; i < n; i++)
    await addContact(deps, 'verdun', { name: `Drill ${i}`, email: `drill-${tag}-${i}@example.org` }, 'drill');
  const answers = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      post(base, '/api/learning-requests', {
        quartierId: 'verdun',
        contact: { name: `Drill ${i}`, email: `drill-${tag}-${i}@example.org` },
        question: `Question ${i} ?`,
        focus: 'evaluation',
      }),
    ),
  );
  const stored = answers.filter((a) => a.status === 201).length;
  const duringOutage = await sweepOutbox(deps, { pendingGraceMs: 0 });
  ses = await startSesEmulator({ port });
  let rounds = 0;
  for (;;) {
    const r = await sweepOutbox(deps, { pendingGraceMs: 0 });
    rounds++;
    if (r.sent === 0 && r.retrying === 0) break;
  }
  const { emails } = (await (await fetch(`${ses.endpoint}/store`)).json()) as {
    emails: Array<{ subject: string; destination: { to: string[] } }>;
  };
  // The emulator is this drill's own: everything in it came from these submissions.
  const mine = emails;
  await ses.stop();
  server.close();
  const requesterEmails = mine.filter((e) => e.destination.to.some((t) => t.includes(`drill-${tag}-`)));
  return {
    submitted: n,
    stored,
    failedWhileDown: duringOutage.retrying,
    sweepRounds: rounds,
    requesterEmails: requesterEmails.length,
    partnerEmails: mine.length - requesterEmails.length,
    distinctRequesterEmails: new Set(requesterEmails.map((e) => e.destination.to.join(','))).size,
    totalEmails: mine.length,
  };
}

async function ledgerState(deps: Deps, ids: string[]) {
  const out: unknown[] = [];
  for (const id of ids) {
    const items = await deps.store.query<Record<string, unknown> & { sk: string }>({ pk: `LEDGER#${id}#learning` });
    out.push(
      items.map((i) =>
        i.sk.startsWith('YEAR#')
          ? [
              i.sk,
              i.allocatedMinutes,
              i.carriedInMinutes,
              i.usedMinutes,
              i.opened,
              !!i.closed,
              i.carriedOutMinutes,
              i.expiredMinutes,
            ]
          : [i.sk, i.kind, i.minutes],
      ),
    );
  }
  return JSON.stringify(out);
}

async function quartiersWithAYear(em: Emulators, n: number) {
  const deps = await freshDeps(em, { seed: false });
  const doc = DynamoDBDocumentClient.from(dynamoClient(em.dynamo.endpoint));
  const ids = Array.from({ length: n }, (_, i) => `q${String(i).padStart(5, '0')}`);
  const items = ids.flatMap((id, i) => [
    {
      ...keys.quartier(id),
      ...keys.quartierIndex(id),
      id,
      name: id,
      advisor: { name: 'a', email: 'a@example.org' },
      enrolledYear: '2024-2025',
      createdAt: '',
    },
    {
      ...newBalance(id, 'learning', '2024-2025'),
      opened: true,
      version: 1,
      allocatedMinutes: 1860,
      carriedInMinutes: (i * 7) % 1860,
      usedMinutes: (i * 13) % 4000,
    },
  ]);
  await pool(
    Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25)),
    8,
    (chunk) =>
      doc.send(
        new BatchWriteCommand({
          RequestItems: { [deps.store.tableName]: chunk.map((Item) => ({ PutRequest: { Item } })) },
        }),
      ),
  );
  return { deps, ids };
}

/** The yearly opening killed with SIGKILL at a random point, then rerun: the same state as an uninterrupted run. */
export async function killedOpeningDrill(em: Emulators, n: number, opts: { maxItemsPerTransaction?: number } = {}) {
  const whole = await quartiersWithAYear(em, n);
  const t = performance.now();
  await openYear(whole.deps, '2025-2026', { dryRun: false });
  const uninterruptedMs = performance.now() - t;

  // The killed run gets a DynamoDB Local of its own: an instance that has just absorbed a large run is
  // several times slower for a while, which would only blur where the kill falls.
  const own = await startDynamoDbLocal({});
  try {
    return await killedRun({ ...em, dynamo: own }, n, whole, uninterruptedMs, opts.maxItemsPerTransaction ?? 100);
  } finally {
    await own.stop();
  }
}

async function killedRun(
  em: Emulators,
  n: number,
  whole: { deps: Deps; ids: string[] },
  uninterruptedMs: number,
  maxItems: number,
) {
  const killed = await quartiersWithAYear(em, n);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/open-year-child.ts',
      em.dynamo.endpoint,
      killed.deps.store.tableName,
      '2025-2026',
      String(maxItems),
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise((r) => child.once('exit', r));
  // Kill once part of the quartiers are open: wait for the first ones, then a random share of the run.
  const started = performance.now();
  for (;;) {
    const opened = await killed.deps.store.query({ ...keys.balancesOfYear('learning', '2025-2026'), limit: 1 });
    if (opened.length || performance.now() - started > 60_000 || child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, Math.random() * uninterruptedMs * 0.5));
  const finishedFirst = child.exitCode !== null;
  child.kill('SIGKILL');
  await exited;
  const left = (await openYear(killed.deps, '2025-2026', { dryRun: true })).changed;
  await openYear(killed.deps, '2025-2026', { dryRun: false });
  const same = (await ledgerState(killed.deps, killed.ids)) === (await ledgerState(whole.deps, whole.ids));
  return { quartiers: n, killedMidway: !finishedFirst && left > 0, leftAfterKill: left, identical: same };
}

/** n generated bad inputs over every public route: no 5xx, nothing written. */
export async function badInputsDrill(em: Emulators, n: number) {
  // Every input comes from this one address: the per-client limit would answer most of them before validation.
  const deps = await freshDeps(em, {
    env: { PIC_PUBLIC_POSTS_PER_MINUTE: '1000000', PIC_PUBLIC_POSTS_PER_HOUR: '1000000' },
  });
  const { base, server } = await gateway(deps);
  const before = await tableFingerprint(deps);
  const publicRoutes = routes.filter((r) => r.auth === 'public');
  const valid: Record<string, unknown> = {
    '/api/learning-requests': {
      quartierId: 'verdun',
      contact: { name: 'A', email: 'a@example.org' },
      question: 'Une question de mesure',
      focus: 'other',
    },
    '/api/additional-support-requests': {
      quartierId: 'verdun',
      contact: { name: 'A', email: 'a@example.org' },
      topic: 'Un sujet de démarche',
      advisorConsulted: true,
    },
    '/api/topic-proposals': { name: 'A', email: 'a@example.org', topic: 'T' },
    '/api/mailing-list/subscriptions': { email: 'a@example.org', consent: true },
  };
  // Breaking one required thing of a valid body (or sending junk) makes an input that must be refused.
  const mutate = (body: Record<string, unknown>) =>
    fc.oneof(
      fc.constantFrom(...Object.keys(body)).map((k) => {
        const { [k]: _, ...rest } = body;
        return rest;
      }),
      fc
        .tuple(
          fc.constantFrom(...Object.keys(body)),
          fc.oneof(
            fc.integer(),
            fc.boolean(),
            fc.constant(null),
            fc.array(fc.string()),
            fc.string({ maxLength: 3 }).map((s) => `\u0000${s}`),
          ),
        )
        .filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(body[k]))
        .map(([k, v]) => ({ ...body, [k]: v })),
      fc
        .string({ minLength: 1, maxLength: 12 })
        .filter((k) => !(k in body))
        .map((k) => ({ ...body, [`x${k}`]: 1 })),
    );
  const junk = fc.oneof(
    fc.json(),
    fc.string(),
    fc.constant('{"a":'),
    fc.constant('[]'),
    fc.constant('null'),
    fc.string({ minLength: 40_000, maxLength: 40_001 }),
  );
  const samples: Array<{ method: string; path: string; body?: unknown }> = [];
  const routeArb = fc.constantFrom(...publicRoutes);
  const junkParam = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constant('..%2F..'),
    fc.constant('%00'),
    fc.constant('verdun'),
  );
  for (const [route, param, mutated, j, useJunk] of fc.sample(
    fc.tuple(routeArb, junkParam, fc.constant(null), junk, fc.boolean()),
    n,
  )) {
    const path = route.path.replace(/\{\w+\}/g, () => encodeURIComponent(param || 'x'));
    if (route.method === 'GET') {
      samples.push({
        method: 'GET',
        path: `${path}?token=${encodeURIComponent(param)}&status=${encodeURIComponent(param)}`,
      });
      continue;
    }
    const base = valid[route.path];
    const body =
      base && !useJunk
        ? fc.sample(mutate(base as Record<string, unknown>), 1)[0]
        : typeof j === 'string'
          ? j
          : JSON.stringify(j);
    samples.push({ method: route.method, path, body: mutated ?? body });
  }
  const statuses: Record<string, number> = {};
  let fiveHundreds = 0;
  await pool(samples, 16, async (s) => {
    const res = await fetch(`${base}${s.path}`, {
      method: s.method,
      headers: { 'content-type': 'application/json' },
      body: s.body === undefined ? undefined : typeof s.body === 'string' ? s.body : JSON.stringify(s.body),
    });
    await res.arrayBuffer();
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (res.status >= 500) fiveHundreds++;
  });
  const written = changedKeys(before, await tableFingerprint(deps));
  server.close();
  return { inputs: samples.length, fiveHundreds, written: written.length, writtenKeys: written.slice(0, 5), statuses };
}

/** Every staff route without a token, with the wrong role; tokens used on someone else's request. */
export async function authMatrixDrill(em: Emulators) {
  const deps = await freshDeps(em);
  const { base, server } = await gateway(deps);
  const failures: string[] = [];
  const expect = (what: string, status: number, allowed: number[]) => {
    if (!allowed.includes(status)) failures.push(`${what}: ${status}`);
  };
  const call = async (
    method: string,
    path: string,
    token?: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    await res.arrayBuffer();
    return res.status;
  };
  const niska = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', 'niska');
  const dynamo = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', 'dynamo');
  const fill = (p: string) => p.replace(/\{year\}/g, '2026-2027').replace(/\{\w+\}/g, 'x');
  let checked = 0;
  for (const r of routes.filter((x) => x.auth !== 'public')) {
    const body = r.method === 'GET' ? undefined : {};
    expect(`${r.method} ${r.path} without a token`, await call(r.method, fill(r.path), undefined, body), [401]);
    expect(
      `${r.method} ${r.path} with a forged token`,
      await call(r.method, fill(r.path), `${niska.slice(0, -4)}AAAA`, body),
      [401],
    );
    if (r.auth === 'coordination')
      expect(`${r.method} ${r.path} as a partner`, await call(r.method, fill(r.path), niska, body), [403]);
    checked++;
  }
  // Two requests, each with its requester and partner.
  const mk = (partner: string) =>
    post(base, '/api/learning-requests', {
      quartierId: 'verdun',
      contact: { name: 'A', email: 'a@example.org' },
      question: `Question pour ${partner}`,
      focus: 'evaluation',
      preferredPartnerId: partner,
    });
  const [a, b] = [(await mk('niska')).body, (await mk('dynamo')).body];
  expect("partner reads another partner's request", await call('GET', `/api/requests/${b.id}`, niska), [403]);
  expect(
    "partner accepts another partner's request",
    await call('POST', `/api/learning-requests/${b.id}/accept`, niska, {}),
    [403],
  );
  expect(
    "partner declines another partner's request",
    await call('POST', `/api/learning-requests/${b.id}/decline`, niska, {}),
    [403],
  );
  expect(
    "partner moves another partner's request",
    await call('POST', `/api/learning-requests/${b.id}/progress`, niska, { step: 'plan' }),
    [403],
  );
  expect(
    "partner logs hours on another partner's request",
    await call('POST', '/api/hour-logs', niska, {
      quartierId: 'verdun',
      axis: 'learning',
      date: '2026-01-05',
      minutes: 60,
      step: 'plan',
      requestId: b.id,
    }),
    [403],
  );
  expect(
    'partner logs additional-support hours (not Dynamo)',
    await call('POST', '/api/hour-logs', niska, {
      quartierId: 'verdun',
      axis: 'additional',
      date: '2026-01-05',
      minutes: 60,
    }),
    [403],
  );
  expect(
    'partner reads a balance of a quartier it does not serve',
    await call('GET', '/api/quartiers/lachine/balance', dynamo),
    [403],
  );
  expect(
    'requester token on another request (read)',
    await call('GET', `/api/requests/${b.id}`, undefined, undefined, { 'x-status-token': a.statusToken }),
    [403],
  );
  expect(
    'requester token on another request (cancel)',
    await call('POST', `/api/learning-requests/${b.id}/cancel`, undefined, {}, { 'x-status-token': a.statusToken }),
    [403],
  );
  const s = (
    await post(base, '/api/additional-support-requests', {
      quartierId: 'lachine',
      contact: { name: 'A', email: 'a@example.org' },
      topic: 'Un sujet de démarche',
      advisor: { name: 'B', email: 'b@example.org' },
      advisorConsulted: true,
    })
  ).body;
  expect(
    'requester token on another request (release)',
    await call(
      'POST',
      `/api/additional-support-requests/${s.id}/release`,
      undefined,
      {},
      { 'x-status-token': a.statusToken },
    ),
    [403],
  );
  expect(
    'requester token on another request (offer)',
    await call(
      'POST',
      `/api/additional-support-requests/${s.id}/offer`,
      undefined,
      { accept: true },
      { 'x-status-token': a.statusToken },
    ),
    [403],
  );
  expect(
    'own token still works',
    await call('GET', `/api/requests/${a.id}`, undefined, undefined, { 'x-status-token': a.statusToken }),
    [200],
  );
  server.close();
  return { staffRoutes: checked, failures };
}
