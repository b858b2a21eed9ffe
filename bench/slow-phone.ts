/**
 * The offer page on a slow phone: Chromium with DevTools' "Fast 3G" network and the CPU slowed 4×, from an empty
 * cache. Measures when the offer's title is visible, with the offer written in index.html (as served) and with it
 * stripped from the HTML (the offer built by the script after its requests, as before issue 15).
 *   npx tsx bench/slow-phone.ts      (writes its section of docs/benchmarks.md)
 *   npm run bench -- slow-phone      (the same, as one section of the whole file when all sections run)
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startGateway } from '../local/http-gateway.ts';
import { freePort } from '../local/emulators.ts';
import { makeApiHandler } from '#shared/http';
import { routes } from '#functions/api/handler';
import { emulators, freshDeps, percentile, type Emulators } from './env.ts';

const TITLE = 'Renforcement des compétences et apprentissages';
const RUNS = 5;
/** DevTools' "Fast 3G" preset (Chromium's throttling presets), in bytes per second. */
const FAST_3G = { latency: 562.5, downloadThroughput: (1.44 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 };

type Variant = 'static' | 'script';

export async function slowPhone(em: Emulators, out: (s?: string) => void) {
  execFileSync('npx', ['vite', 'build', 'web', '--emptyOutDir', '--logLevel', 'warn'], { stdio: 'inherit' });
  const deps = await freshDeps(em);
  // The same build with the offer stripped from its HTML, served by a second gateway: the script builds the offer.
  const stripped = mkdtempSync(join(tmpdir(), 'pic-dist-'));
  cpSync(resolve('web', 'dist'), stripped, { recursive: true });
  const html = readFileSync(join(stripped, 'index.html'), 'utf8');
  const without = html.replace(/<div id="static-offer"[\s\S]*?<\/section>\s*<\/div>/, '');
  if (without === html) throw new Error('no static offer in web/dist/index.html');
  writeFileSync(join(stripped, 'index.html'), without);
  const serve = async (webDir: string) => {
    const port = await freePort();
    const server = await startGateway({ port, api: makeApiHandler(routes, async () => deps), webDir });
    return { server, base: `http://127.0.0.1:${port}` };
  };
  const served = { static: await serve(resolve('web', 'dist')), script: await serve(stripped) };
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking'],
  });
  const measure = async (variant: Variant) => {
    const context = await browser.newContext({ locale: 'fr-CA', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const { base } = served[variant];
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...FAST_3G });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(`${base}/`, { waitUntil: 'commit' });
    // Checked at each frame: the time (from navigation start) of the first frame where the title is on screen.
    // A string, not a function: tsx's name-keeping helper does not exist in the page.
    const titleMs = (await page.evaluate(`new Promise((done) => {
      const check = () => {
        const h1 = [...document.querySelectorAll('h1')].find((e) => e.textContent.trim() === ${JSON.stringify(TITLE)});
        if (h1 && h1.getBoundingClientRect().height > 0) done(performance.now());
        else requestAnimationFrame(check);
      };
      check();
    })`)) as number;
    await page.waitForSelector('main h1', { timeout: 60_000 });
    const appMs = await page.evaluate(() => performance.now());
    await context.close();
    return { titleMs, appMs };
  };
  const results: Record<Variant, Array<{ titleMs: number; appMs: number }>> = { static: [], script: [] };
  for (let i = 0; i < RUNS; i++) for (const v of ['static', 'script'] as const) results[v].push(await measure(v));
  await browser.close();
  for (const { server } of Object.values(served)) server.close();
  rmSync(stripped, { recursive: true, force: true });

  const median = (v: Variant, k: 'titleMs' | 'appMs') =>
    (
      percentile(
        results[v].map((r) => r[k]),
        50,
      ) / 1000
    ).toFixed(2);
  out('## The offer on a slow phone');
  out();
  out(
    `Chromium at 390 × 844, DevTools' Fast 3G network (562.5 ms latency, 1.44 Mbit/s down) and the CPU slowed 4×, empty cache; median of ${RUNS} loads of \`/\` from the local gateway (\`npx tsx bench/slow-phone.ts\`).`,
  );
  out();
  out('| offer | title visible | app ready (its own title in `main`) |');
  out('|---|---|---|');
  out(`| in index.html (as served) | ${median('static', 'titleMs')} s | ${median('static', 'appMs')} s |`);
  out(
    `| built by the script (offer stripped from the HTML) | ${median('script', 'titleMs')} s | ${median('script', 'appMs')} s |`,
  );
  out();
  out(
    'Goal: the title within 1.5 s. The offer written in index.html (French; the app replaces it once loaded) is on screen with the first paint of the HTML and its stylesheet, before the script and its two API requests.',
  );
  out();
}

/** Standalone: writes (or replaces) this section of docs/benchmarks.md. */
if (process.argv[1] && resolve(process.argv[1]) === resolve('bench/slow-phone.ts')) {
  const lines: string[] = [];
  const out = (s = '') => {
    lines.push(s);
    console.log(s);
  };
  const em = await emulators();
  try {
    await slowPhone(em, out);
  } finally {
    await em.stop();
  }
  const doc = readFileSync('docs/benchmarks.md', 'utf8');
  const section = `${lines.join('\n')}\n`;
  const at = doc.indexOf('## The offer on a slow phone');
  const next = at < 0 ? -1 : doc.indexOf('\n## ', at + 1);
  writeFileSync(
    'docs/benchmarks.md',
    at < 0 ? `${doc.trimEnd()}\n\n${section}` : `${doc.slice(0, at)}${section}${next < 0 ? '' : doc.slice(next + 1)}`,
  );
  process.exit(0);
}
