/**
 * `npm run bench`: the figures of docs/benchmarks.md, measured on this machine.
 *   npm run bench [-- latency claims round-trips opening bundles slow-phone harvest]   (default: all)
 */
import { writeFileSync, mkdtempSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { build, type BuildOptions } from 'esbuild';
import { DynamoDBDocumentClient, TransactWriteCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '../local/emulators.ts';
import { emulators, freshDeps, gateway, machine, percentile, pool, dynamoClient, type Emulators } from './env.ts';
import { keys } from '#adapters/dynamodb/keys';
import { newBalance } from '#adapters/dynamodb/ledger-repo';
import { openYear } from '#usecases/open-year';
import { JOBS } from '#shared/jobs';
import { BUNDLE } from '../infra/bundling.ts';
import { slowPhone } from './slow-phone.ts';
import { roundTrips } from './round-trips.ts';
import { harvest } from './harvest.ts';

/** As the CDK construct bundles, for the Node that runs the benchmark. */
const AS_DEPLOYED: BuildOptions = {
  ...BUNDLE,
  mainFields: [...BUNDLE.mainFields],
  bundle: true,
  platform: 'node',
  target: `node${process.versions.node.split('.')[0]}`,
  logLevel: 'silent',
};

const ALL = ['latency', 'claims', 'round-trips', 'opening', 'bundles', 'slow-phone', 'harvest'];
const wanted = new Set(process.argv.slice(2).length ? process.argv.slice(2) : ALL);
const lines: string[] = [];
const out = (s = '') => {
  lines.push(s);
  console.log(s);
};

async function latency(em: Emulators) {
  const deps = await freshDeps(em);
  const { base, server } = await gateway(deps);
  const body = (i: number) =>
    JSON.stringify({
      quartierId: 'verdun',
      contact: { name: 'Bench', email: `bench-${i}@example.org` },
      question: `Question ${i} ?`,
      focus: 'evaluation',
      estimatedMinutes: 60,
      billableAcknowledged: true,
    });
  // The very items one submission writes, captured once, then replayed bare (new keys for the created items)
  // with the SDK alone. Submissions and bare transactions alternate, so both see the same machine load.
  let captured: any;
  const send = deps.store.doc.send.bind(deps.store.doc);
  deps.store.doc.send = ((cmd: any, ...rest: any[]) => {
    if (cmd instanceof TransactWriteCommand) captured ??= structuredClone(cmd.input);
    return send(cmd, ...rest);
  }) as typeof deps.store.doc.send;
  await fetch(`${base}/api/learning-requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body(9999),
  }).then((r) => r.arrayBuffer());
  const doc = DynamoDBDocumentClient.from(dynamoClient(em.dynamo.endpoint), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const api: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 330; i++) {
    let t = performance.now();
    const res = await fetch(`${base}/api/learning-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(i),
    });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`status ${res.status}`);
    if (i >= 30) api.push(performance.now() - t);
    const input = structuredClone(captured);
    for (const item of input.TransactItems) if (item.Put) item.Put.Item.pk = `${item.Put.Item.pk}-bare${i}`;
    t = performance.now();
    await doc.send(new TransactWriteCommand(input));
    if (i >= 30) bare.push(performance.now() - t);
  }
  server.close();
  const [am, ap, bm, bp] = [percentile(api, 50), percentile(api, 99), percentile(bare, 50), percentile(bare, 99)];
  out('## Submission latency (learning request through the local API)');
  out();
  out(
    '300 submissions after 30 warm-up ones, one at a time over HTTP to the local gateway, alternating with 300 bare `TransactWriteItems` of the very items one submission writes (captured, then replayed with new keys by the SDK alone) on the same DynamoDB Local, in the same run.',
  );
  out();
  out('| | median | p99 |');
  out('|---|---|---|');
  out(`| \`POST /api/learning-requests\` | ${am.toFixed(1)} ms | ${ap.toFixed(1)} ms |`);
  out(
    `| bare \`TransactWriteItems\` (${captured.TransactItems.length} items) | ${bm.toFixed(1)} ms | ${bp.toFixed(1)} ms |`,
  );
  out(`| ratio | **${(am / bm).toFixed(2)}×** | ${(ap / bp).toFixed(2)}× |`);
  out();
  out(`Goal: at most 2× — ${am / bm <= 2 ? 'met' : 'not met'} at the median.`);
  out();
}

async function claims(em: Emulators) {
  const deps = await freshDeps(em, { seed: true });
  const doc = DynamoDBDocumentClient.from(dynamoClient(em.dynamo.endpoint));
  const ids = Array.from({ length: 1000 }, (_, i) => `bench-q${i}`);
  for (let i = 0; i < ids.length; i += 25) {
    await doc.send(
      new BatchWriteCommand({
        RequestItems: {
          [deps.store.tableName]: ids.slice(i, i + 25).map((id) => ({
            PutRequest: {
              Item: {
                ...keys.quartier(id),
                ...keys.quartierIndex(id),
                id,
                name: id,
                advisor: { name: 'a', email: 'a@example.org' },
                enrolledYear: '2020-2021',
                createdAt: '',
              },
            },
          })),
        },
      }),
    );
  }
  const { base, server } = await gateway(deps);
  const t = performance.now();
  const answers = await Promise.all(
    ids.map((q) =>
      fetch(`${base}/api/additional-support-requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          quartierId: q,
          contact: { name: 'Bench', email: `${q}@example.org` },
          topic: 'Bench: un sujet',
          advisor: { name: 'A', email: 'a@example.org' },
          advisorConsulted: true,
        }),
      }).then(async (r) => ({ status: r.status, body: await r.json() })),
    ),
  );
  const wall = performance.now() - t;
  server.close();
  const count = (f: (a: (typeof answers)[number]) => boolean) => answers.filter(f).length;
  const positions = answers
    .filter((a) => a.body.outcome === 'waitlisted')
    .map((a) => a.body.waitlistPosition)
    .sort((a, b) => a - b);
  const distinct =
    new Set(positions).size === positions.length && positions[0] === 1 && positions.at(-1) === positions.length;
  out('## 1,000 simultaneous additional-support claims through the local API');
  out();
  out(`| wall time | granted | waitlisted | other | waiting-list positions |`);
  out('|---|---|---|---|---|');
  out(
    `| ${(wall / 1000).toFixed(1)} s | ${count((a) => a.body.outcome === 'granted')} | ${count((a) => a.body.outcome === 'waitlisted')} | ${count((a) => a.status !== 201)} | ${distinct ? `1…${positions.length}, each once` : 'NOT distinct'} |`,
  );
  out();
}

const openingTimes: Record<number, number> = {};

async function opening() {
  out('## Yearly opening');
  out();
  out(
    'The ended year (2024-2025) is already open with random usage on each balance; the run opens 2025-2026 (close, carry, expire, allocate, open the slots). Requests counts every DynamoDB API call the run sends. Each size runs on a fresh DynamoDB Local: in one instance, the 10,000 run after the 1,000 one took 172 s instead of 42 s (the emulator, not the system, slows down).',
  );
  out();
  out(
    '| quartiers | wall time | per quartier | DynamoDB requests per quartier | second run: writes | second run: wall time |',
  );
  out('|---|---|---|---|---|---|');
  for (const n of [1000, 10000]) await section((em) => openingRun(em, n));
  const times = openingTimes;
  out();
  out(
    `10,000 vs 1,000: ${(times[10000] / times[1000]).toFixed(1)}× (goal ≤ 12×); 10,000 in ${(times[10000] / 1000).toFixed(0)} s (goal < 120 s).`,
  );
  out();
}

async function openingRun(em: Emulators, n: number) {
  const times = openingTimes;
  {
    const deps = await freshDeps(em, { seed: false });
    const doc = DynamoDBDocumentClient.from(dynamoClient(em.dynamo.endpoint));
    const items = Array.from({ length: n }, (_, i) => `q${String(i).padStart(5, '0')}`).flatMap((id, i) => [
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
    const before = { ...deps.store.stats };
    let t = performance.now();
    const report = await openYear(deps, '2025-2026', { dryRun: false });
    times[n] = performance.now() - t;
    if (report.changed !== n + 1) throw new Error(`opened ${report.changed}`);
    const requests = deps.store.stats.requests - before.requests;
    const mid = { ...deps.store.stats };
    t = performance.now();
    const again = await openYear(deps, '2025-2026', { dryRun: false });
    const second = performance.now() - t;
    out(
      `| ${n.toLocaleString('en')} | ${(times[n] / 1000).toFixed(1)} s | ${(times[n] / n).toFixed(2)} ms | ${(requests / n).toFixed(2)} | ${deps.store.stats.writes - mid.writes} (changed: ${again.changed}) | ${(second / 1000).toFixed(1)} s |`,
    );
  }
}

/** What each function's first invocation does in the measure: the API and the notifier need no table for it. */
const FIRST_CALL: Record<string, string> = {
  api: "await m.handler({version:'2.0',rawPath:'/api/health',headers:{},requestContext:{http:{method:'GET'},requestId:'x'}},{awsRequestId:'x'});",
  notifier: 'await m.handler({Records:[]});',
  'open-year': "await m.handler({year:'2030-2031',dryRun:true});",
  daily: 'await m.handler();',
  'outbox-sweep': 'await m.handler();',
  'expire-offers': 'await m.handler();',
};
/** Median of 9 fresh Node processes: milliseconds from `require` of the bundle to the end of `code`. */
function coldStart(file: string, code: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = []) {
  const script = `(async()=>{const t=performance.now();const m=require(${JSON.stringify(file)});${code}console.log(performance.now()-t)})()`;
  return percentile(
    Array.from({ length: 9 }, () =>
      Number(
        execFileSync(process.execPath, [...nodeArgs, '-e', script], { env, encoding: 'utf8' })
          .trim()
          .split('\n')
          .pop(),
      ),
    ),
    50,
  );
}

/** The two functions that send email build the SES client too. */
const MAILING = new Set(['notifier', 'outbox-sweep']);

async function bundles(em: Emulators) {
  const dir = mkdtempSync(join(tmpdir(), 'pic-bundles-'));
  const entries = {
    api: 'functions/api/handler.ts',
    notifier: 'functions/notifier/handler.ts',
    ...Object.fromEntries(Object.entries(JOBS).map(([k, v]) => [k, v.entry])),
  };
  await ensureTable(em.dynamo.endpoint, 'bench');
  out('## Function bundles and cold start');
  out();
  out(
    "Bundled as the CDK construct does, from the same settings (`infra/bundling.ts`: esbuild, CommonJS output from the packages' ES module builds, whitespace and syntax minified, names kept, no source maps); the measured bundle also exports the function's dependency builder, so that the measure can call it. In a fresh Node process per figure:",
  );
  out('- "load": `require` of the bundle;');
  out(
    '- "load + clients" (the cold start): the same, then building what the first invocation builds: the configuration (parsed and validated), the logger, the DynamoDB client, and the SES client for the two functions that send email;',
  );
  out(
    '- "load + first invocation": the same, then one call of the handler: the API answers `GET /api/health`, the notifier an empty batch, and each scheduled job runs once against an empty table on DynamoDB Local. A job\'s figure so holds its first requests (the SDK prepares its request pipeline and Node loads its HTTP and crypto modules on the first one) and the emulator\'s answers.',
  );
  out();
  out('Median of 9 processes each.');
  out();
  out('| function | bundle | gzip | load | load + clients | load + first invocation |');
  out('|---|---|---|---|---|---|');
  const env = {
    ...process.env,
    PIC_TABLE_NAME: 'bench',
    AWS_REGION: 'ca-central-1',
    PIC_LOG_LEVEL: 'SILENT',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: em.dynamo.endpoint,
    AWS_ENDPOINT_URL_SES: em.ses.endpoint,
  };
  for (const [name, entry] of Object.entries(entries)) {
    const file = join(dir, `${name}.js`);
    const builder = MAILING.has(name)
      ? "export { getMailingDeps as buildClients } from '#adapters/ses/mailing-deps';"
      : "export { getDeps as buildClients } from '#shared/wiring';";
    await build({
      stdin: { contents: `export * from './${entry}';\n${builder}`, resolveDir: process.cwd(), loader: 'ts' },
      ...AS_DEPLOYED,
      outfile: file,
    });
    const size = statSync(file).size;
    const gz = gzipSync(readFileSync(file)).length;
    const after = { load: '', clients: 'await m.buildClients();', first: FIRST_CALL[name] };
    if (!after.first) throw new Error(`no first invocation for ${name}`);
    const median = (code: string) => coldStart(file, code, env);
    out(
      `| ${name} | ${(size / 1024).toFixed(0)} KiB | ${(gz / 1024).toFixed(0)} KiB | ${median(after.load).toFixed(0)} ms | ${median(after.clients).toFixed(0)} ms | ${median(after.first).toFixed(0)} ms |`,
    );
  }
  out();
  // The bundling choices of infra/bundling.ts, measured on the API against the alternatives.
  out(
    'The API bundled other ways (load + clients), to show what the bundling settings of `infra/bundling.ts` choose between:',
  );
  out();
  out('| API bundle | bundle | load + clients |');
  out('|---|---|---|');
  const apiEntry =
    "export * from './functions/api/handler.ts';\nexport { getDeps as buildClients } from '#shared/wiring';";
  const variants: Array<[string, BuildOptions, string[]]> = [
    ['as deployed: whitespace and syntax minified, names kept, no source map', {}, []],
    ['fully minified (names too)', { minifyIdentifiers: true }, []],
    [
      'names kept, source map loaded at start-up (`--enable-source-maps`)',
      { sourcemap: true },
      ['--enable-source-maps'],
    ],
  ];
  for (const [label, options, nodeArgs] of variants) {
    const file = join(dir, `api-variant-${variants.findIndex((v) => v[0] === label)}.js`);
    await build({
      stdin: { contents: apiEntry, resolveDir: process.cwd(), loader: 'ts' },
      ...AS_DEPLOYED,
      ...options,
      outfile: file,
    });
    out(
      `| ${label} | ${(statSync(file).size / 1024).toFixed(0)} KiB | ${coldStart(file, 'await m.buildClients();', env, nodeArgs).toFixed(0)} ms |`,
    );
  }
  out();
  // Where the load time goes: the same measure for the biggest dependencies alone.
  const parts: Array<[string, string]> = [
    [
      '`@aws-sdk/client-dynamodb` + `lib-dynamodb`',
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'; globalThis.x = [DynamoDBClient, DynamoDBDocumentClient];",
    ],
    [
      '`zod` (chainable API), a two-field object schema built and used once',
      "import * as z from 'zod'; globalThis.x = z.object({ a: z.string().email(), b: z.coerce.number().int() }).parse({ a: 'a@b.ca', b: '1' });",
    ],
    [
      '`zod/mini`, the same schema',
      "import * as z from 'zod/mini'; globalThis.x = z.object({ a: z.email(), b: z.coerce.number().check(z.int()) }).parse({ a: 'a@b.ca', b: '1' });",
    ],
    [
      '`@aws-lambda-powertools/logger`',
      "import { Logger } from '@aws-lambda-powertools/logger'; globalThis.x = Logger;",
    ],
    ['`jose`', "import * as jose from 'jose'; globalThis.x = jose;"],
  ];
  out('| dependency alone | bundle | load |');
  out('|---|---|---|');
  for (const [label, code] of parts) {
    const file = join(dir, `part-${parts.findIndex((p) => p[0] === label)}.js`);
    await build({ stdin: { contents: code, resolveDir: process.cwd(), loader: 'ts' }, ...AS_DEPLOYED, outfile: file });
    const runs = Array.from({ length: 5 }, () =>
      Number(
        execFileSync(
          process.execPath,
          ['-e', `const t=performance.now();require(${JSON.stringify(file)});console.log(performance.now()-t)`],
          { encoding: 'utf8' },
        ).trim(),
      ),
    );
    out(`| ${label} | ${(statSync(file).size / 1024).toFixed(0)} KiB | ${percentile(runs, 50).toFixed(0)} ms |`);
  }
  out();
  out(
    "Goal: load + clients under 100 ms for each function. What keeps them there: every schema is written with `zod/mini`, whose schemas cost a fraction of the chainable API's to build and whose functions tree-shake (table above); zod is imported as a namespace, so the bundler leaves out the forty-odd message locales it does not use (the two the program speaks are imported by name); the ICS library loads with an instance's first invitation rather than at start-up, so that invitation pays its setup (about 10 ms) instead of every cold start of the delivery functions; and the functions run without `--enable-source-maps`, which parses the source map at start-up (second table) — names are kept in the bundles instead, so stack traces still read, at a load-time cost within the run-to-run noise (second table: a few ms either way across runs). The remaining weight is the DynamoDB client. A job's first requests add the SDK's and Node's one-time request set-up to its first invocation (last column). Where a cold function's first answer must be faster still, provisioned concurrency removes cold starts (a CDK setting).",
  );
  out();
}

/**
 * Each section on fresh emulators: DynamoDB Local stays slower after a burst of writes to a table with a stream
 * (bench/round-trips.ts says why).
 */
async function section(run: (em: Emulators) => Promise<void>) {
  const em = await emulators();
  try {
    await run(em);
  } finally {
    await em.stop();
  }
}

async function main() {
  out('# Benchmarks');
  out();
  out(
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine()}. Each section starts its own emulators.`,
  );
  out();
  if (wanted.has('latency')) await section(latency);
  if (wanted.has('claims')) await section(claims);
  if (wanted.has('round-trips')) await section((em) => roundTrips(em, out));
  if (wanted.has('opening')) await opening();
  if (wanted.has('bundles')) await section(bundles);
  if (wanted.has('slow-phone')) await section((em) => slowPhone(em, out));
  if (wanted.has('harvest')) await section((em) => harvest(em, out));
  if (wanted.size === ALL.length) writeFileSync('docs/benchmarks.md', `${lines.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
