/**
 * The year's learning harvest (issue 18) with many outcomes: how long the coordination's harvest takes to read
 * (JSON and CSV, through the API) and the public shared part, with the store's reads, for N outcome statements in
 * one year (10,000 by default) plus one after-action review for every ten, spread over 30 quartiers.
 *   npx tsx bench/harvest.ts [N]     (one section of docs/benchmarks.md, printed)
 *   npm run bench -- harvest         (the same, as one section of the whole file when all sections run)
 */
import { signLocalToken } from '#shared/auth';
import type { JournalEntry, OutcomeStatement } from '#domain/harvest';
import { harvestYear, sharedHarvestOfYear } from '#usecases/harvest-year';
import { newId } from '#shared/ids';
import { emulators, freshDeps, gateway, percentile, pool, type Emulators } from './env.ts';

const YEAR = '2026-2027';
const RUNS = 5;
const THEMES = ['impact collectif', 'gouvernance collective', 'évaluation et apprentissage'];
const PARTNERS = ['dynamo', 'niska', 'yann-pezzini'];
const text = (n: number) =>
  `Effet ${n} : la table de quartier suit maintenant ses indicateurs avec ses membres. `.repeat(3);

export async function harvest(em: Emulators, out: (s?: string) => void, n = 10_000) {
  const deps = await freshDeps(em);
  const at = '2026-11-27T15:00:00.000Z';
  // Four outcomes per request, one request in five shared by its quartier.
  const outcomes: OutcomeStatement[] = Array.from({ length: n }, (_, i) => {
    const r = Math.floor(i / 4);
    return {
      id: newId(Date.parse(at) + i),
      requestId: `bench-${r}`,
      year: YEAR,
      quartierId: `q-${r % 30}`,
      partnerId: PARTNERS[r % 3],
      focus: r % 2 ? 'evaluation' : 'strategic-clarity',
      actor: 'La table de quartier',
      change: text(i),
      contribution: "L'accompagnement a aidé à choisir les indicateurs.",
      evidence: 'Procès-verbal',
      themes: [THEMES[i % 3], ...(i % 2 ? [THEMES[(i + 1) % 3]] : [])],
      shared: r % 5 === 0,
      author: { role: 'partner', partnerId: PARTNERS[r % 3], sub: 'bench' },
      at,
    };
  });
  const reviews: JournalEntry[] = Array.from({ length: Math.ceil(n / 10) }, (_, i) => ({
    id: newId(Date.parse(at) + i),
    requestId: `bench-${i}`,
    year: YEAR,
    quartierId: `q-${i % 30}`,
    partnerId: PARTNERS[i % 3],
    focus: 'evaluation',
    kind: 'after-action',
    text: text(i),
    author: { role: 'partner', partnerId: PARTNERS[i % 3], sub: 'bench' },
    at,
  }));
  const writes = [
    ...outcomes.map((o) => deps.repos.harvest.addOutcome(o)),
    ...reviews.map((r) => deps.repos.harvest.addEntry(r)),
  ];
  const batches = Array.from({ length: Math.ceil(writes.length / 100) }, (_, i) =>
    writes.slice(i * 100, i * 100 + 100),
  );
  await pool(batches, 4, async (b) => {
    const r = await deps.tx.commit(b);
    if (!r.ok) throw new Error('bench load refused');
  });

  const { base, server } = await gateway(deps);
  const token = await signLocalToken(deps.config.auth.localSigningKey!, 'coordination');
  const timed = async (what: () => Promise<unknown>) => {
    const ms: number[] = [];
    let reads = 0;
    for (let i = 0; i < RUNS; i++) {
      const before = deps.store.stats.reads;
      const t = performance.now();
      await what();
      ms.push(performance.now() - t);
      reads = deps.store.stats.reads - before;
    }
    return { median: percentile(ms, 50), max: Math.max(...ms), reads };
  };
  const get = (path: string) => async () => {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return res.arrayBuffer();
  };
  try {
    const checked = await harvestYear(deps, YEAR);
    if (checked.outcomes.length !== n) throw new Error(`read ${checked.outcomes.length} outcomes, wrote ${n}`);
    const shared = (await sharedHarvestOfYear(deps, YEAR)).outcomes.length;
    const rows: Array<[string, Awaited<ReturnType<typeof timed>>]> = [
      ['use case `harvestYear` (JSON, with counts)', await timed(() => harvestYear(deps, YEAR))],
      ['`GET /api/harvest/{year}`', await timed(get(`/api/harvest/${YEAR}`))],
      ['`GET /api/harvest/{year}?format=csv`', await timed(get(`/api/harvest/${YEAR}?format=csv`))],
      ['`GET /api/harvest/{year}/shared` (public)', await timed(get(`/api/harvest/${YEAR}/shared`))],
    ];
    out(`## The learning harvest: ${n.toLocaleString('en')} outcomes in a year`);
    out();
    out(
      `${n} outcome statements and ${reviews.length} after-action reviews in ${YEAR} (30 quartiers, ${shared} ` +
        `outcomes shared), read ${RUNS} times each; the year is one query per kind on gsi1 (\`HARVEST#year\`), ` +
        'paged by DynamoDB at 1 MB; the shared part also reads the request of each shared outcome for its contact.',
    );
    out();
    out('| read | median | max | DynamoDB requests |');
    out('|---|---:|---:|---:|');
    for (const [name, r] of rows) out(`| ${name} | ${r.median.toFixed(0)} ms | ${r.max.toFixed(0)} ms | ${r.reads} |`);
    out();
  } finally {
    await new Promise((r) => server.close(r));
  }
}

if (process.argv[1] === import.meta.filename) {
  const n = Number(process.argv[2] ?? 10_000);
  const em = await emulators();
  try {
    await harvest(em, console.log, n);
  } finally {
    await em.stop();
  }
  process.exit(0);
}
