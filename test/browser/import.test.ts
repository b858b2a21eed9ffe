/** The import page in real Chromium, against the real API: choose a CSV, preview, apply, see the errors, export. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Server } from 'node:http';
import { ManualClock, testDeps } from '../support/harness.ts';
import { startGateway } from '../../local/http-gateway.ts';
import { freePort } from '../../local/emulators.ts';
import { makeLocalRoutes } from '../../local/system.ts';
import { makeApiHandler } from '#shared/http';
import { routes } from '#functions/api/handler';
import type { Deps } from '#shared/ports';
import { watchCsp } from './csp.ts';

const NOW = new Date('2026-11-27T15:00:00Z');
const SHOTS = resolve('test-output', 'screenshots');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** No serious or critical WCAG 2.1 A/AA violation (axe-core, as test/browser/pages.test.ts runs it); a screenshot. */
async function accessible(page: Page, name: string) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (c: unknown, o: unknown) => Promise<{ violations: Array<{ id: string; impact: string }> }> };
      }
    ).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact }));
  });
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
}
let deps: Deps;
let server: Server;
let browser: Browser;
let base: string;
const cspViolations: string[] = [];

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  deps = await testDeps({ clock: new ManualClock(NOW), env: { PIC_PUBLIC_BASE_URL: base } });
  server = await startGateway({
    port,
    api: makeApiHandler(routes, async () => deps),
    webDir: resolve('web', 'dist'),
    localRoutes: makeLocalRoutes(deps, {}),
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});
afterEach(() => {
  expect(cspViolations, 'Content-Security-Policy violations').toEqual([]);
});

const HEADER = 'id;name;advisorName;advisorEmail;contactName;contactEmail;enrolledYear;openingCarryMinutes';
const file = (...lines: string[]) => ({
  name: 'quartiers.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'),
});

describe('the import page', () => {
  it('previews a file row by row, applies it, names a bad row by line and column, downloads the export', async () => {
    const context = await browser.newContext({ locale: 'fr-CA', timezoneId: 'America/Montreal' });
    await watchCsp(context, cspViolations);
    await context.clock.setFixedTime(NOW);
    const page = await context.newPage();
    await page.goto(`${base}/#/connexion`);
    await page.selectOption('#signin-role', '');
    await page.getByRole('button', { name: 'Connexion' }).click();
    await page.getByRole('link', { name: 'Importer les quartiers (tableur)' }).click();
    await page.waitForSelector('main h1:has-text("Importer les quartiers")');

    await page
      .getByLabel('Fichier CSV')
      .setInputFiles(
        file(
          HEADER,
          'ahuntsic;Ahuntsic (renommé);Ana Roy;ana@example.org;Zoé;zoe@example.org;2020-2021;',
          'nouveau-quartier;Nouveau quartier;Luc;luc@example.org;;;2023-2024;300',
        ),
      );
    await page.getByRole('button', { name: 'Aperçu' }).click();
    const rows = page.locator('#import-result tbody tr');
    await rows.first().waitFor();
    expect(await rows.nth(0).locator('td').allTextContents()).toEqual([
      '2',
      'ahuntsic',
      'À modifier',
      'nom, conseiller·ère, personne-ressource',
    ]);
    expect(await rows.nth(1).locator('td').allTextContents()).toEqual(['3', 'nouveau-quartier', 'À créer', '—']);
    expect(await page.locator('#import-summary').textContent()).toMatch(/Créés : 1/);
    await accessible(page, 'import-apercu');

    await page.getByRole('button', { name: "Appliquer l'import" }).click();
    await page.waitForSelector('#import-result h2:has-text("Import appliqué")');
    const balance = (await deps.store.get<{ carriedInMinutes: number }>({
      pk: 'LEDGER#nouveau-quartier#learning',
      sk: 'YEAR#2026-2027',
    }))!;
    expect(balance.carriedInMinutes).toBe(300);

    await page
      .getByLabel('Fichier CSV')
      .setInputFiles(file(HEADER, 'x-1;X;Ana;ana@example.org;;;2020-2021;', 'x-2;Y;Luc;pas-un-courriel;;;2020-2021;'));
    await page.getByRole('button', { name: 'Aperçu' }).click();
    const error = page.locator('#import-result [role="alert"] li');
    await error.first().waitFor();
    expect(await error.allTextContents()).toEqual([
      expect.stringMatching(/^Ligne 3 · Courriel du conseiller ou de la conseillère \(advisorEmail\) : /),
    ]);
    expect(await page.getByRole('button', { name: "Appliquer l'import" }).isDisabled()).toBe(true);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger le fichier des quartiers (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('quartiers.csv');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith(`\uFEFF"id";"name";"advisorName"`)).toBe(true);
    expect(text).toContain(
      [
        '"nouveau-quartier"',
        '"Nouveau quartier"',
        '"Luc"',
        '"luc@example.org"',
        '""',
        '""',
        '"2023-2024"',
        '"300"\r\n',
      ].join(';'),
    );
    await context.close();
  }, 60_000);
});
