/** The access page in real Chromium, against the real API and the local staff directory: list, invite, revoke. */
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

const NOW = new Date('2027-01-15T14:00:00Z');
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

describe('the access page', () => {
  it('invites a partner, names a bad field in French, and revokes access', async () => {
    const context = await browser.newContext({ locale: 'fr-CA', timezoneId: 'America/Montreal' });
    await watchCsp(context, cspViolations);
    await context.clock.setFixedTime(NOW);
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${base}/#/connexion`);
    await page.selectOption('#signin-role', '');
    await page.getByRole('button', { name: 'Connexion' }).click();
    await page.getByRole('link', { name: "Qui a accès à l'espace équipe" }).click();
    await page.waitForSelector('main h1:has-text("Qui a accès")');
    await page.waitForSelector('text=Aucun élément.');

    await page.getByLabel('Courriel').fill('marie@example.org');
    await page.getByRole('button', { name: 'Inviter une personne' }).click();
    const error = page.locator('.error-summary li');
    await error.first().waitFor();
    expect(await error.allTextContents()).toEqual(['Partenaire : obligatoire']);

    await page.getByLabel('Nom', { exact: true }).fill('Marie Gagnon');
    await page.locator('select[name="partnerId"]').selectOption('niska');
    await page.getByRole('button', { name: 'Inviter une personne' }).click();
    const row = page.locator('tbody tr', { hasText: 'marie@example.org' });
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual([
      'marie@example.org',
      'Marie Gagnon',
      'Partenaire — Niska',
      'En attente de la première connexion',
      '15 janvier 2027',
      "Retirer l'accès",
    ]);
    await accessible(page, 'acces');

    await row.getByRole('button', { name: "Retirer l'accès : marie@example.org" }).click();
    await page.waitForSelector('td:has-text("Accès retiré")');
    expect(await page.locator('tbody tr', { hasText: 'marie@example.org' }).locator('td').allTextContents()).toEqual([
      'marie@example.org',
      'Marie Gagnon',
      '—',
      'Accès retiré',
      '15 janvier 2027',
      '',
    ]);
    await context.close();
  });
});
