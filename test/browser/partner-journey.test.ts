/**
 * The partner's journey in real Chromium, on a phone and on a desktop: the portal lists requests by quartier name
 * with their date, contact and balance, asks before accepting or declining (decline offers a reason), and the hours
 * screen reads durations as people type them, shows what was logged and clears itself for the next entry.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Server } from 'node:http';
import { ManualClock, onFile, testDeps } from '../support/harness.ts';
import { startGateway } from '../../local/http-gateway.ts';
import { freePort } from '../../local/emulators.ts';
import { makeLocalRoutes } from '../../local/system.ts';
import { makeApiHandler } from '#shared/http';
import { routes } from '#functions/api/handler';
import type { Deps } from '#shared/ports';
import { watchCsp } from './csp.ts';

const require = createRequire(import.meta.url);
const SHOTS = resolve('test-output', 'screenshots');
/** 20:30 in Montreal on 27 November, already the 28th in UTC: the portal must say the 27th. */
const NOW = new Date('2026-11-28T01:30:00Z');
const DAY_BEFORE = '2026-11-27T01:30:00Z';
const clock = new ManualClock(NOW);
let deps: Deps;
let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  deps = await testDeps({ clock, env: { PIC_PUBLIC_BASE_URL: base } });
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

const cspViolations: string[] = [];
beforeEach(() => {
  cspViolations.length = 0;
});
afterEach(() => {
  expect(cspViolations, 'Content-Security-Policy violations').toEqual([]);
});

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

async function accessible(page: Page, name: string) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const r = await (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            o: unknown,
          ) => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }>;
        };
      }
    ).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  expect(result, name).toEqual([]);
}

/** Nothing wider than the screen: no sideways scrolling on a phone. */
const noOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

async function ask(quartierId: string, name: string, question: string, at: string) {
  clock.set(at);
  await onFile(deps, quartierId, `${quartierId}@example.org`, name);
  const out = await fetch(`${base}/api/learning-requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      quartierId,
      contact: { name, email: `${quartierId}@example.org` },
      question,
      focus: 'evaluation',
      preferredPartnerId: 'yann-pezzini',
    }),
  }).then((r) => r.json());
  clock.set(NOW.toISOString());
  return out as { id: string; statusToken: string };
}

const statusOf = (r: { id: string; statusToken: string }) =>
  fetch(`${base}/api/requests/${r.id}`, { headers: { 'x-status-token': r.statusToken } }).then((x) => x.json());

describe.each([
  { size: 'phone', viewport: { width: 390, height: 844 }, keep: 'cote-des-neiges', drop: 'saint-leonard' },
  { size: 'desktop', viewport: { width: 1280, height: 800 }, keep: 'petite-patrie', drop: 'montreal-nord' },
])('the partner on a $size', ({ size, viewport, keep, drop }) => {
  const names: Record<string, string> = {
    'cote-des-neiges': 'Côte-des-Neiges',
    'saint-leonard': 'Saint-Léonard',
    'petite-patrie': 'La Petite-Patrie',
    'montreal-nord': 'Montréal-Nord',
  };
  let page: Page;
  let kept: { id: string; statusToken: string };
  let dropped: { id: string; statusToken: string };

  beforeAll(async () => {
    dropped = await ask(drop, 'Dana', `Comment mesurer la participation (${size}) ?`, DAY_BEFORE);
    kept = await ask(keep, 'Kim', `Quels effets de nos actions (${size}) ?`, NOW.toISOString());
    const context = await browser.newContext({ locale: 'fr-CA', timezoneId: 'America/Montreal', viewport });
    await watchCsp(context, cspViolations);
    await context.clock.setFixedTime(NOW);
    page = await context.newPage();
    await page.goto(`${base}/#/connexion`);
    await page.waitForSelector('#signin-role');
    await page.selectOption('#signin-role', 'yann-pezzini');
    await page.getByRole('button', { name: 'Connexion' }).click();
    await page.waitForSelector(`text=Quels effets de nos actions (${size})`);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it('lists requests by quartier name with date, contact and balance, filtered and sorted, without overflow', async () => {
    const card = page.getByRole('listitem').filter({ hasText: `Quels effets de nos actions (${size})` });
    await expect(card.getByRole('heading').textContent()).resolves.toBe(names[keep]);
    const text = await card.textContent();
    expect(text).toContain('27 novembre 2026');
    expect(text).toContain('Kim');
    expect(text).toContain(`${keep}@example.org`);
    expect(text).toContain('31 h');
    expect(text).not.toContain(`${keep} `);
    expect(await noOverflow(page)).toBe(true);
    await accessible(page, `partner-portal-${size}`);
    await page.screenshot({ path: `/tmp/p15-b/after-portal-${size}.png`, fullPage: true });

    const headings = () => page.locator('.request-cards h2').allTextContents();
    const newestFirst = await headings();
    expect(newestFirst.indexOf(names[keep])).toBeLessThan(newestFirst.indexOf(names[drop]));
    await page.selectOption('#sort-order', 'oldest');
    const oldestFirst = await headings();
    expect(oldestFirst.indexOf(names[drop])).toBeLessThan(oldestFirst.indexOf(names[keep]));
    await page.selectOption('#filter-status', 'completed');
    expect(await page.locator('.request-cards li').count()).toBe(0);
    await page.selectOption('#filter-status', 'routed');
    expect(await headings()).toContain(names[keep]);
    await page.selectOption('#filter-status', '');
    await page.selectOption('#sort-order', 'newest');
  });

  it('declines with a reason, after asking in the page', async () => {
    const card = page.getByRole('listitem').filter({ hasText: `Comment mesurer la participation (${size})` });
    await card.getByRole('button', { name: 'Décliner la demande' }).click();
    const reason = card.getByLabel('Motif (facultatif, transmis à l’équipe PIC)'.replace('’', "'"));
    await expect(reason.isVisible()).resolves.toBe(true);
    await expect(card.getByRole('alert').textContent()).resolves.toContain(names[drop]);
    expect((await statusOf(dropped)).status).toBe('routed');
    await accessible(page, `partner-decline-${size}`);
    await reason.fill('Hors de notre champ cette année');
    await card.getByRole('button', { name: 'Oui, décliner' }).click();
    // Declined, the request goes to another partner or to the PIC team, and leaves this partner's list.
    await card.waitFor({ state: 'detached' });
    const after = await statusOf(dropped);
    expect(after.history.some((h: { reason?: string }) => h.reason === 'Hors de notre champ cette année')).toBe(true);
  });

  it('accepts after confirming, then logs hours typed as people type them', async () => {
    const card = page.getByRole('listitem').filter({ hasText: `Quels effets de nos actions (${size})` });
    await card.getByRole('button', { name: 'Accepter la demande' }).click();
    await expect(card.getByRole('alert').textContent()).resolves.toContain(names[keep]);
    expect((await statusOf(kept)).status).toBe('routed');
    await card.getByRole('button', { name: 'Oui, accepter' }).click();
    await card.getByRole('link', { name: 'Consigner des heures' }).click();
    await page.waitForSelector('text=Aucune heure consignée');
    expect(await page.getByLabel('Étape').count()).toBe(1);

    for (const typed of ['1 h 30', '1h30', '1:30', '90', '1,5 h']) {
      await page.fill('#log-duration', typed);
      await expect(page.locator('#log-duration-read').textContent()).resolves.toBe('= 1 h 30');
    }
    await page.fill('#log-duration', '2000');
    await expect(page.locator('.warning').textContent()).resolves.toContain('2 h 20');
    await page.fill('#log-duration', '1h30');
    await page.fill('#log-note', 'Première rencontre');
    await page.getByRole('button', { name: 'Consigner des heures' }).click();
    await page.waitForFunction(() => document.querySelector('#log-success')?.textContent?.includes('1 h 30'));
    expect(await page.locator('#log-success').isVisible()).toBe(true);
    expect(await page.locator('#log-success').textContent()).toContain('27 novembre 2026');
    expect(await page.inputValue('#log-duration')).toBe('');
    expect(await page.inputValue('#log-note')).toBe('');
    expect(await page.locator('.entries li').count()).toBe(1);
    expect(await page.locator('.entries li').textContent()).toContain('Première rencontre');
    expect(await page.locator('#live-balance').textContent()).toContain('29 h 30');

    // The reset form does not log the same entry twice: an empty duration is asked for, not sent.
    await page.getByRole('button', { name: 'Consigner des heures' }).click();
    await expect(page.locator('#log-duration-error').textContent()).resolves.toContain('1 h 30');
    expect(await page.locator('.entries li').count()).toBe(1);
    expect((await statusOf(kept)).balance.usedMinutes).toBe(90);
    expect(await noOverflow(page)).toBe(true);
    await accessible(page, `partner-hours-${size}`);
    await page.screenshot({ path: `/tmp/p15-b/after-hours-${size}.png`, fullPage: true });
  });
});
