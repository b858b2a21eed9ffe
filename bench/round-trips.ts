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
import { dynamoClient, freshDeps, percentile, type Emulators } from './env.ts';
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
  bareFirst: boolean;
};

/**
 * `claims` claims at once from as many quartiers (a fresh table, so the first nine are granted and the rest wait),
 * against as many bare transactions of a claim's first step (captured from a claim, replayed with new keys by the
 * SDK alone), at once, on the same DynamoDB Local. Each round runs on an emulator of its own and on tables without
 * their stream. DynamoDB Local reads the stream's description before it writes each stream record, and that read
 * costs more as the stream grows: thread dumps of the emulator during a burst show its one SQLite thread in
 * `SQLiteDBAccessJob.getStreamDescription`. A burst of claims so slows down whatever follows it on the emulator, on
 * any table, by up to five times; in DynamoDB a stream does not slow down the table's writes. One more round on the
 * table as deployed, with its stream and without warming up, is reported beside them.
 */
async function simultaneous(
  em: Emulators,
  out: Out,
  claims: number,
  rounds = Number(process.env.PIC_BENCH_ROUNDS ?? 5),
) {
  const results: Round[] = [];
  // Each round on a DynamoDB Local of its own: one that already served a few thousand writes with a stream on
  // slows down by several times, and the rounds would not compare.
  const onItsOwn = async (run: (e: Emulators) => Promise<Round>) => {
    const dynamo = await startDynamoDbLocal({ heap: '8g' });
    try {
      return await run({ ...em, dynamo });
    } finally {
      await dynamo.stop();
    }
  };
  const log = (label: string, r: Round) =>
    console.error(`${label}: claims ${(r.wall / 1000).toFixed(1)} s, bare ${(r.bare / 1000).toFixed(1)} s`);
  let single: Array<[string, number]> = [];
  for (let i = 0; i < rounds; i++) {
    results.push(
      await onItsOwn(async (e) => {
        const round = await simultaneousRound(e, claims, i % 2 === 1);
        if (i === 0) single = await oneAtATime(e, Math.min(claims, 500));
        return round;
      }),
    );
    log(`round ${i + 1}`, results[i]);
  }
  const withStream = await onItsOwn((e) => streamRound(e, claims));
  log('with the stream', withStream);
  const cpu = (us: number) => `${(us / 1e6).toFixed(2)} s`;
  const n = claims.toLocaleString('en');
  out(`## ${n} simultaneous additional-support claims against bare claim transactions`);
  out();
  paragraph(
    out,
    `${n} claims at once through the API handler (in process) from as many quartiers, and ${n} bare`,
    "`TransactWriteItems` at once of a claim's first step (the claim with its checks, request, audit line, mail",
    `quota and client count, ${results[0].items} items as captured; replayed with new keys by the SDK alone), on the`,
    `same table of the same DynamoDB Local. ${rounds} rounds, each on a DynamoDB Local of its own: the emulator`,
    'first runs both bursts unmeasured on a table of its own (a JVM compiles its code as it runs: its first burst of',
    'claims takes nearly twice as long as the next ones), then both are measured on another table, claims first in',
    'odd rounds and bare transactions first in even ones (the second burst meets a larger table). These tables',
    'have no stream: DynamoDB Local reads',
    "the stream's description before writing each stream record, which costs more as the stream grows, so that a",
    'burst slows down the next ones on the emulator by up to five times (see the last row, on the table as',
    'deployed, with its stream, claims first, without warming up); in DynamoDB a stream does not slow down writes.',
    '"CPU" is this process\'s (the API handler and the SDK); DynamoDB Local, a process of its own, takes the rest.',
  );
  out();
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  table(out, [
    'round',
    'measured first',
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
  const line = (label: string | number, r: Round) =>
    row(out, [
      label,
      r.bareFirst ? 'bare transactions' : 'claims',
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
  for (const [i, r] of results.entries()) line(i + 1, r);
  line('with the stream, not warmed up', withStream);
  const ratios = results.map((r) => r.wall / r.bare).sort((x, y) => x - y);
  const median = ratios[Math.floor(ratios.length / 2)];
  out();
  const met = median <= 2 ? 'met' : 'not met';
  paragraph(
    out,
    `Median ratio of the ${rounds} rounds **${median.toFixed(2)}×** (from ${ratios[0].toFixed(2)}× to`,
    `${ratios[ratios.length - 1].toFixed(2)}×). Goal: within 2× the bare floor — ${met}.`,
  );
  out();
  paragraph(
    out,
    `Why: one claim at a time on the first round's warmed emulator, a claim that waits in line sends these requests`,
    `(in this order; 2 and 3 together), each taking, from the SDK call to its answer (the median of`,
    `${Math.min(claims, 500) - 9} claims):`,
  );
  out();
  table(out, ['request', 'median']);
  for (const [kind, ms] of single) row(out, [kind, `${ms.toFixed(2)} ms`]);
  out();
  paragraph(
    out,
    "A request's own cost outweighs its items' (compare the two transactions), so the ratio follows the number of",
    "writes: a claim writes three times (the claim with its request; its rank on the year's counter; its place,",
    'with its audit line and two emails), where the bare floor writes once; the quartier is read beside the rank.',
    'Getting under 2× on this emulator takes one write less, and each way to it breaks a promise: ranking before',
    'the claim is stored, so that the place is written with the claim, burns a rank on every refused or duplicate',
    'claim (a slot nobody holds, or a place in line nobody takes), and the places given out are no longer 1, 2, 3…',
    'The claim keeps its three writes.',
  );
  out();
}

/** A table of its own with `claims` quartiers, each with its contact on file. */
async function claimsTable(em: Emulators, claims: number, prefix: string, stream: boolean) {
  const deps = await freshDeps(em, { seed: false, stream });
  const ids = Array.from({ length: claims }, (_, i) => `${prefix}-q${i}`);
  const t = performance.now();
  for (const id of ids) await createQuartier(deps, quartier(id));
  console.error(`${claims} quartiers created in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await deps.settings();
  return { deps, ids, table: deps.store.tableName };
}

type ClaimsTable = Awaited<ReturnType<typeof claimsTable>>;

/** All the table's quartiers claim at once through the API handler; the first transaction a claim sent. */
async function claimAll({ deps, ids }: ClaimsTable) {
  const api = caller(deps);
  let captured: TransactWriteCommandInput | undefined;
  const send = deps.store.doc.send.bind(deps.store.doc) as (...a: unknown[]) => Promise<unknown>;
  deps.store.doc.send = ((cmd: unknown, ...rest: unknown[]) => {
    if (cmd instanceof TransactWriteCommand) captured ??= structuredClone(cmd.input);
    return send(cmd, ...rest);
  }) as typeof deps.store.doc.send;
  const before = deps.store.stats.requests;
  const cpu = process.cpuUsage();
  const t = performance.now();
  const answers = await Promise.all(
    ids.map((id) => api({ path: '/api/additional-support-requests', body: claimBody(id) })),
  );
  const wall = performance.now() - t;
  const claimsCpu = process.cpuUsage(cpu);
  deps.store.doc.send = send as typeof deps.store.doc.send;
  const ok = answers.filter((a) => a.status === 201).map((a) => a.body);
  const positions = new Set(ok.map((a) => a.waitlistPosition).filter((p) => p !== undefined));
  return {
    wall,
    claimsCpu: usOf(claimsCpu),
    requests: deps.store.stats.requests - before,
    granted: ok.filter((a) => a.outcome === 'granted').length,
    distinct: positions.size === ok.length - ok.filter((a) => a.outcome === 'granted').length,
    positions: positions.size,
    others: ids.length - ok.length,
    captured: captured!,
  };
}

const usOf = (u: NodeJS.CpuUsage) => u.user + u.system;

/**
 * As many bare transactions at once as the table has quartiers: a claim's first transaction as captured (on any
 * table), sent by the SDK alone on this table with keys of their own. Its checks read the i-th quartier and its
 * contact, as the i-th claim does (a thousand checks of one item would wait on one lock, which no claim does).
 */
async function bareAll(em: Emulators, { ids, table }: ClaimsTable, captured: TransactWriteCommandInput, tag: string) {
  const doc = DynamoDBDocumentClient.from(dynamoClient(em.dynamo.endpoint), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const claimedBy = /QUARTIER#([\w-]+-q\d+)/.exec(JSON.stringify(captured))![1];
  const ofQuartier = (v: unknown, i: number) => String(v).replaceAll(claimedBy, ids[i]);
  const bareInput = (i: number) => {
    const input = structuredClone(captured);
    for (const item of input.TransactItems ?? []) {
      const op = Object.values(item)[0] as { TableName?: string };
      op.TableName = table;
      if (item.Put?.Item) item.Put.Item.pk = `${item.Put.Item.pk}-${tag}${i}`;
      const key = (item.Update ?? item.Delete)?.Key;
      if (key) key.pk = `${key.pk}-${tag}${i}`;
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
  const cpu = process.cpuUsage();
  const t = performance.now();
  await Promise.all(ids.map((_, i) => bareOne(i)));
  return { bare: performance.now() - t, bareCpu: usOf(process.cpuUsage(cpu)), resent };
}

/**
 * One round on a fresh DynamoDB Local, on tables without their stream (see `simultaneous`). The emulator is a JVM
 * that compiles its code as it runs: its first burst of a thousand claims takes nearly twice as long as the next
 * ones. So a round first runs both bursts unmeasured on a table of its own (claims, then bare transactions), then
 * measures both on another, in the order given: the second burst meets a larger table, and rounds alternate.
 */
async function simultaneousRound(em: Emulators, claims: number, bareFirst: boolean): Promise<Round> {
  const warm = await claimsTable(em, claims, 'warm', false);
  const warmed = await claimAll(warm);
  await bareAll(em, warm, warmed.captured, 'warm');
  const measured = await claimsTable(em, claims, 'sim', false);
  const bare = bareFirst ? await bareAll(em, measured, warmed.captured, 'bare') : undefined;
  const run = await claimAll(measured);
  const after = bare ?? (await bareAll(em, measured, run.captured, 'bare'));
  return { ...run, ...after, items: run.captured.TransactItems?.length ?? 0, bareFirst };
}

/**
 * What each of a claim's requests takes, one claim at a time, on the warmed emulator: the median by request, for
 * claims that wait in line (the first nine, granted, write a larger placement and are left out).
 */
async function oneAtATime(em: Emulators, claims: number): Promise<Array<[string, number]>> {
  const { deps, ids } = await claimsTable(em, claims, 'one', false);
  const api = caller(deps);
  const took = new Map<string, number[]>();
  let nth = 0;
  let recording = false;
  const send = deps.store.doc.send.bind(deps.store.doc) as (...a: unknown[]) => Promise<unknown>;
  deps.store.doc.send = (async (cmd: unknown, ...rest: unknown[]) => {
    const t = performance.now();
    const kind = `${++nth}. ${(cmd as object).constructor.name.replace(/Command$/, '')}${
      cmd instanceof TransactWriteCommand ? ` of ${cmd.input.TransactItems?.length} items` : ''
    }`;
    try {
      return await send(cmd, ...rest);
    } finally {
      if (recording) took.set(kind, [...(took.get(kind) ?? []), performance.now() - t]);
    }
  }) as typeof deps.store.doc.send;
  for (const [i, id] of ids.entries()) {
    nth = 0;
    recording = i >= 9;
    await api({ path: '/api/additional-support-requests', body: claimBody(id) });
  }
  return [...took].map(([kind, ms]) => [kind, percentile(ms, 50)]);
}

/** The same on the table as deployed, with its stream: claims first on a fresh emulator, then bare transactions. */
async function streamRound(em: Emulators, claims: number): Promise<Round> {
  const measured = await claimsTable(em, claims, 'sim', true);
  const run = await claimAll(measured);
  const bare = await bareAll(em, measured, run.captured, 'bare');
  return { ...run, ...bare, items: run.captured.TransactItems?.length ?? 0, bareFirst: false };
}
