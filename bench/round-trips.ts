/**
 * DynamoDB round trips per submission path, and many simultaneous additional-support claims against as many bare
 * claim transactions on the same emulator in the same run (issue 16, item 9).
 *
 * A "round trip" is a wave of requests: a request sent while none of the same submission is in flight starts one,
 * requests sent beside it (Promise.all) ride along. "Requests" counts them all (`deps.store.stats`).
 *   npm run bench -- round-trips      (PIC_BENCH_CLAIMS=100 for a smaller run; 1,000 by default)
 */
import { DynamoDBDocumentClient, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { makeApiHandler } from '#shared/http';
import { routes } from '#functions/api/handler';
import { localDateAt, addDays } from '#domain/program-year';
import type { Deps } from '#shared/ports';
import { createQuartier } from '#usecases/quartiers';
import { createSession } from '#usecases/create-session';
import { apiEvent, type Call } from '../test/support/api.ts';
import { dynamoClient, freshDeps, type Emulators } from './env.ts';
import { startDynamoDbLocal } from '../local/emulators.ts';

type Out = (s?: string) => void;

/** A paragraph of the report, written as one line (Markdown), from source lines a reviewer can read. */
const paragraph = (out: Out, ...lines: string[]) => out(lines.join(' '));
const row = (out: Out, cells: Array<string | number>) => out(`| ${cells.join(' | ')} |`);
/** A table's header and its rule. */
const table = (out: Out, header: string[]) => {
  row(out, header);
  row(
    out,
    header.map(() => '---'),
  );
};

/** The API's own count of a client's public POSTs (shared/http.ts), sent before any use case runs. */
const isClientCounter = (cmd: unknown) =>
  String((cmd as { input?: { Key?: { pk?: unknown } } }).input?.Key?.pk ?? '').startsWith('LIMIT#CLIENT#');

/**
 * Counts the requests the store sends while `run` runs, and their waves (round trips): all of them, and the use
 * case's alone (without the API's public-POST counter).
 */
function meter(deps: Deps) {
  const doc = deps.store.doc;
  const send = doc.send.bind(doc) as (...a: unknown[]) => Promise<unknown>;
  const n = { inFlight: 0, waves: 0, requests: 0, ucInFlight: 0, ucWaves: 0 };
  doc.send = ((cmd: unknown, ...rest: unknown[]) => {
    const own = !isClientCounter(cmd);
    if (n.inFlight++ === 0) n.waves++;
    if (own && n.ucInFlight++ === 0) n.ucWaves++;
    n.requests++;
    return send(cmd, ...rest).finally(() => {
      n.inFlight--;
      if (own) n.ucInFlight--;
    });
  }) as typeof doc.send;
  return async <T>(run: () => Promise<T>) => {
    const before = { ...n };
    const value = await run();
    return {
      value,
      waves: n.waves - before.waves,
      useCaseWaves: n.ucWaves - before.ucWaves,
      requests: n.requests - before.requests,
    };
  };
}

function caller(deps: Deps) {
  const handler = makeApiHandler(routes, async () => deps);
  return async (c: Call) => {
    const res = await handler(apiEvent(c), { awsRequestId: 'bench' });
    const body = typeof res.body === 'string' && res.body ? JSON.parse(res.body) : undefined;
    return { status: res.statusCode ?? 0, body };
  };
}

const quartier = (id: string) => ({
  id,
  name: id,
  advisor: { name: 'Conseil', email: `advisor-${id}@example.org` },
  enrolledYear: '2020-2021',
  contacts: [{ name: 'Personne-ressource', email: `contact-${id}@example.org` }],
});
const claimBody = (id: string) => ({
  quartierId: id,
  contact: { name: 'Personne-ressource', email: `contact-${id}@example.org` },
  topic: 'Bench: codesign de notre stratégie',
  advisor: { name: 'Conseil', email: `advisor-${id}@example.org` },
  advisorConsulted: true,
});

export async function roundTrips(em: Emulators, out: Out, claims = Number(process.env.PIC_BENCH_CLAIMS ?? 1000)) {
  const deps = await freshDeps(em, { seed: true, env: { PIC_LOCAL_TOKEN: 'bench-coordination-token' } });
  const call = caller(deps);
  const api = async (c: Call) => {
    const res = await call(c);
    if (res.status !== 201) throw new Error(`${c.path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const measure = meter(deps);
  const today = localDateAt(deps.clock.now());
  const ids = Array.from({ length: claims + 12 }, (_, i) => `rt-q${i}`);
  for (const id of ids) await createQuartier(deps, quartier(id));
  const session = await createSession(deps, {
    activityId: 'festival-impact-collectif',
    date: addDays(today, 30),
    duration: 'full-day',
    capacity: 500,
  });
  if (session.kind !== 'created') throw new Error('bench: no session');
  await deps.settings();

  const rows: Array<[string, { waves: number; useCaseWaves: number; requests: number }]> = [];
  // Five of each, one at a time, after one warm-up: the median.
  const typical = async (label: string, make: (i: number) => Call, times = 5) => {
    await api(make(-1));
    const runs = [];
    for (let i = 0; i < times; i++) runs.push(await measure(() => api(make(i))));
    const sorted = [...runs].sort((a, b) => a.waves - b.waves || a.requests - b.requests);
    rows.push([label, sorted[Math.floor(times / 2)]]);
  };
  let n = 0;
  await typical('learning request (contact on file)', (i) => ({
    path: '/api/learning-requests',
    body: {
      quartierId: ids[claims + 1 + i],
      contact: { name: 'Personne-ressource', email: `contact-${ids[claims + 1 + i]}@example.org` },
      question: `Comment mesurer nos retombées, essai ${i} ?`,
      focus: 'evaluation',
      estimatedMinutes: 60,
      billableAcknowledged: true,
    },
  }));
  // Nine quartiers take the year's slots (the warm-up is the first), then the next ones wait in line.
  await typical('additional-support claim, granted a slot', () => ({
    path: '/api/additional-support-requests',
    body: claimBody(ids[n++]),
  }));
  while (n < 9) await api({ path: '/api/additional-support-requests', body: claimBody(ids[n++]) });
  await typical('additional-support claim, waiting line', () => ({
    path: '/api/additional-support-requests',
    body: claimBody(ids[n++]),
  }));
  await typical('registration to a session', (i) => ({
    path: `/api/sessions/${session.session.id}/registrations`,
    body: { name: 'Personne Bench', email: `bench-${i + 1}@example.org`, locale: 'fr' },
  }));
  await typical('hour log (coordination, on a granted slot)', () => ({
    path: '/api/hour-logs',
    token: 'bench-coordination-token',
    body: { quartierId: ids[0], axis: 'additional', date: today, minutes: 30 },
  }));

  out('## DynamoDB round trips per submission');
  out();
  paragraph(
    out,
    'Through the API handler (in process), one submission at a time on DynamoDB Local; the median of five.',
    'A round trip is a wave of requests: requests sent together (`Promise.all`) count once.',
    "Every public POST but the additional-support claim starts with the API's count of its client's posts",
    "(shared/http.ts), one round trip of its own before the use case, which the use case's column leaves out;",
    'the claim counts it in its own first transaction. Goal for a claim: at most 3 round trips.',
  );
  out();
  table(out, ['submission', 'round trips', 'of which the use case', 'DynamoDB requests']);
  for (const [label, r] of rows) row(out, [label, r.waves, r.useCaseWaves, r.requests]);
  out();
  await simultaneous(em, out, claims);
}

type Round = {
  wall: number;
  bare: number;
  claimsCpu: number;
  bareCpu: number;
  requests: number;
  granted: number;
  distinct: boolean;
  positions: number;
  others: number;
  resent: number;
  items: number;
};

/**
 * `claims` claims at once from as many quartiers (a fresh table, so the first nine are granted and the rest wait),
 * against as many bare transactions of a claim's first step (the claim with its request, captured from one claim and
 * replayed with new keys by the SDK alone), at once, on the same DynamoDB Local. Several rounds, each on an emulator
 * of its own: one round's ratio moves by a fifth from run to run on this machine, the median less.
 */
async function simultaneous(
  em: Emulators,
  out: Out,
  claims: number,
  rounds = Number(process.env.PIC_BENCH_ROUNDS ?? 3),
) {
  const results: Round[] = [];
  for (let i = 0; i < rounds; i++) {
    // Each round on a DynamoDB Local of its own: one that already served a thousand claims on another table slows
    // down by several times, and the rounds would not compare.
    const dynamo = await startDynamoDbLocal({ heap: '8g' });
    try {
      results.push(await simultaneousRound({ ...em, dynamo }, claims));
    } finally {
      await dynamo.stop();
    }
    const r = results[i];
    console.error(`round ${i + 1}: claims ${(r.wall / 1000).toFixed(1)} s, bare ${(r.bare / 1000).toFixed(1)} s`);
  }
  const cpu = (us: number) => `${(us / 1e6).toFixed(2)} s`;
  const n = claims.toLocaleString('en');
  out(`## ${n} simultaneous additional-support claims against bare claim transactions`);
  out();
  paragraph(
    out,
    `${n} claims at once through the API handler (in process) from as many quartiers, then ${n} bare`,
    "`TransactWriteItems` at once of a claim's first step (the claim with its checks, request, audit line, mail",
    `quota and client count, ${results[0].items} items as captured; replayed with new keys by the SDK alone), on the`,
    `same DynamoDB Local; ${rounds} rounds, each on a DynamoDB Local of its own. "CPU" is this process's (the API`,
    "handler and the SDK), the rest of the wall time is DynamoDB Local's.",
  );
  out();
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  table(out, [
    'round',
    'claims',
    'CPU',
    'bare transactions',
    'CPU',
    'ratio',
    'requests a claim',
    'granted',
    'waiting-line positions',
    'other answers',
  ]);
  for (const [i, r] of results.entries())
    row(out, [
      i + 1,
      seconds(r.wall),
      cpu(r.claimsCpu),
      `${seconds(r.bare)}${r.resent ? ` (${r.resent} sent again)` : ''}`,
      cpu(r.bareCpu),
      `${(r.wall / r.bare).toFixed(2)}×`,
      (r.requests / claims).toFixed(1),
      r.granted,
      r.distinct ? `1…${r.positions}, each once` : 'NOT distinct',
      r.others,
    ]);
  const ratios = results.map((r) => r.wall / r.bare).sort((x, y) => x - y);
  const median = ratios[Math.floor(ratios.length / 2)];
  out();
  const met = median <= 2 ? 'met' : 'not met';
  out(`Median ratio **${median.toFixed(2)}×**. Goal: within 2× the bare floor — ${met}.`);
  out();
}

async function simultaneousRound(em: Emulators, claims: number): Promise<Round> {
  const deps = await freshDeps(em, { seed: false });
  const ids = Array.from({ length: claims }, (_, i) => `sim-q${i}`);
  let t = performance.now();
  for (const id of ids) await createQuartier(deps, quartier(id));
  console.error(`${claims} quartiers created in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await deps.settings();
  const api = caller(deps);
  let captured: TransactWriteCommandInput | undefined;
  const send = deps.store.doc.send.bind(deps.store.doc) as (...a: unknown[]) => Promise<unknown>;
  deps.store.doc.send = ((cmd: unknown, ...rest: unknown[]) => {
    if (cmd instanceof TransactWriteCommand) captured ??= structuredClone(cmd.input);
    return send(cmd, ...rest);
  }) as typeof deps.store.doc.send;
  const before = deps.store.stats.requests;
  let cpu = process.cpuUsage();
  t = performance.now();
  const answers = await Promise.all(
    ids.map((id) => api({ path: '/api/additional-support-requests', body: claimBody(id) })),
  );
  const wall = performance.now() - t;
  const claimsCpu = process.cpuUsage(cpu);
  const requests = deps.store.stats.requests - before;
  const ok = answers.filter((a) => a.status === 201).map((a) => a.body);
  const granted = ok.filter((a) => a.outcome === 'granted').length;
  const positions = new Set(ok.map((a) => a.waitlistPosition).filter((p) => p !== undefined));

  const doc = DynamoDBDocumentClient.from(dynamoClient(em.dynamo.endpoint), {
    marshallOptions: { removeUndefinedValues: true },
  });
  // The claim's own items land on keys of their own; its checks read the i-th quartier and its contact, as the i-th
  // claim did (a thousand checks of one item would wait on one lock, which no claim does).
  const claimedBy = /QUARTIER#(sim-q\d+)/.exec(JSON.stringify(captured))![1];
  const ofQuartier = (v: unknown, i: number) => String(v).replaceAll(claimedBy, `sim-q${i}`);
  const bareInput = (i: number) => {
    const input = structuredClone(captured!);
    for (const item of input.TransactItems ?? []) {
      if (item.Put?.Item) item.Put.Item.pk = `${item.Put.Item.pk}-bare${i}`;
      const key = (item.Update ?? item.Delete)?.Key;
      if (key) key.pk = `${key.pk}-bare${i}`;
      const checked = item.ConditionCheck?.Key;
      if (checked) Object.assign(checked, { pk: ofQuartier(checked.pk, i), sk: ofQuartier(checked.sk, i) });
    }
    return input;
  };
  // DynamoDB Local answers a long wait for a lock with a server fault that DynamoDB itself would not: a bare
  // transaction is sent again (a claim that meets it answers 500, counted under "other answers").
  let resent = 0;
  const bareOne = async (i: number) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await doc.send(new TransactWriteCommand(bareInput(i)));
      } catch (e) {
        if ((e as { $fault?: string }).$fault !== 'server' || attempt >= 7) throw e;
        resent++;
      }
    }
  };
  cpu = process.cpuUsage();
  t = performance.now();
  await Promise.all(ids.map((_, i) => bareOne(i)));
  const bare = performance.now() - t;
  const bareCpu = process.cpuUsage(cpu);
  const usOf = (u: NodeJS.CpuUsage) => u.user + u.system;
  return {
    wall,
    bare,
    claimsCpu: usOf(claimsCpu),
    bareCpu: usOf(bareCpu),
    requests,
    granted,
    distinct: positions.size === ok.length - granted,
    positions: positions.size,
    others: claims - ok.length,
    resent,
    items: captured!.TransactItems?.length ?? 0,
  };
}
