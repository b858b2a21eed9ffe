/**
 * The coordination team's journey in real Chromium, on a phone and on a desktop: the dashboard opens on what needs
 * attention (a request waiting for a decision, a failed email by recipient and subject), shows names rather than
 * ids, asks reasons in the page, toggles a request's audit trail, and asks before opening a year.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Server } from 'node:http';
import { ManualClock, onFile, testDeps } from '../support/harness.ts';
import { startGateway } from '../../local/http-gateway.ts';
import { freePort } from '../../local/emulators.ts';
import { makeLocalRoutes } from '../../local/system.ts';
import { makeApiHandler } from '#shared/http';
import { signLocalToken } from '#shared/auth';
import { routes } from '#functions/api/handler';
import { outboxPut } from '#usecases/outbox';
import { keys } from '#adapters/dynamodb/keys';
import type { Deps } from '#shared/ports';
import { watchCsp } from './csp.ts';

const require = createRequire(import.meta.url);
const SHOTS = process.env.P15_SHOTS ?? resolve('test-output', 'screenshots');
const NOW = new Date('2026-11-28T01:30:00Z');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
let deps: Deps;
let server: Server;
let browser: Browser;
let base: string;
const cspViolations: string[] = [];

const post = async (path: string, body: unknown, token?: string) => {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  deps = await testDeps({ clock: new ManualClock(NOW), env: { PIC_PUBLIC_BASE_URL: base } });
  await onFile(deps, 'verdun', 'zoe@example.org', 'Zoé Tremblay');
  await onFile(deps, 'lachine', 'lea@example.org', 'Léa');
  await onFile(deps, 'rosemont', 'ana@example.org', 'Ana');
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

  // A learning request every partner declines: it waits for the team's decision.
  const asked = await post('/api/learning-requests', {
    quartierId: 'verdun',
    contact: { name: 'Zoé Tremblay', email: 'zoe@example.org' },
    question: 'Comment suivre nos effets sur trois ans ?',
    focus: 'evaluation',
  });
  expect(asked.status).toBe(201);
  for (let k = 0; k < 5; k++) {
    const now = await fetch(`${base}/api/requests/${asked.body.id}`, {
      headers: { 'x-status-token': asked.body.statusToken },
    }).then((r) => r.json());
    if (now.status !== 'routed') break;
    const token = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', now.partner.id);
    await post(`/api/learning-requests/${asked.body.id}/decline`, { reason: 'Pas disponible' }, token);
  }
  // Two slots granted, one released on each screen size.
  for (const [quartierId, name, email] of [
    ['lachine', 'Léa', 'lea@example.org'],
    ['rosemont', 'Ana', 'ana@example.org'],
  ]) {
    const granted = await post('/api/additional-support-requests', {
      quartierId,
      advisor: { name: 'Conseil PIC', email: `pic-${quartierId}@example.org` },
      contact: { name, email },
      topic: 'Codesign de notre stratégie',
      advisorConsulted: true,
    });
    expect(granted.body.outcome).toBe('granted');
  }
  // An email the service could not deliver.
  const msg = outboxPut(
    { template: 'subscription-confirm', to: ['abonne@example.org'], data: { confirmUrl: 'https://x' } },
    NOW,
  );
  if (!('put' in msg)) throw new Error('outbox');
  await deps.store.put({
    ...msg.put,
    status: 'failed',
    lastError: 'connect ECONNREFUSED 127.0.0.1:4566',
    ...keys.outboxIndex('failed', NOW.toISOString()),
  });
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});
beforeEach(() => {
  cspViolations.length = 0;
});
afterEach(() => {
  expect(cspViolations, 'Content-Security-Policy violations').toEqual([]);
});

async function accessible(page: Page, name: string) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<any> } }).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return (r.violations as Array<{ id: string; impact: string; nodes: unknown[] }>).map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.length,
    }));
  });
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage: true });
  expect(result, name).toEqual([]);
}

describe.each([
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1280, height: 800 }],
])('the coordination journey (%s)', (size, viewport) => {
  it('opens on what needs attention, with names, inline reasons, a toggling journal and a confirmed year opening', async () => {
    const context = await browser.newContext({ locale: 'fr-CA', timezoneId: 'America/Montreal', viewport });
    await watchCsp(context, cspViolations);
    await context.clock.setFixedTime(NOW);
    const page = await context.newPage();
    await page.goto(`${base}/#/connexion`);
    await page.selectOption('#signin-role', '');
    await page.getByRole('button', { name: 'Connexion' }).click();
    await page.waitForSelector('.slots li');

    // First on the page: what needs a person, in words.
    const attention = page.locator('section.attention');
    const first = await page.locator('main section').first().getAttribute('class');
    expect(first).toBe('attention');
    const text = await attention.textContent();
    expect(text).toContain("Verdun : demande en attente d'une décision de l'équipe");
    expect(text).toContain('abonne@example.org');
    expect(text).toContain("« Confirmation d'abonnement à la liste d'envoi »");
    expect(text).toContain('Service de courriel injoignable');
    const failed = page.locator('section.failed-emails table');
    expect(await failed.textContent()).toContain('abonne@example.org');
    expect(await failed.textContent()).not.toContain('ECONNREFUSED'.toLowerCase());

    // The slot board names quartiers.
    const board = await page.locator('.slots').textContent();
    expect(board).toMatch(/Place \d : (Lachine|Rosemont)/);
    expect(board).not.toMatch(/: lachine|: rosemont/);
    await accessible(page, `coordination-${size}`);

    // A reason asked in the page: empty shows the field's error; written, the slot is released.
    const slot = page.locator('.slots li.taken').first();
    const who = (await slot.textContent())?.includes('Lachine') ? 'Lachine' : 'Rosemont';
    const takenBefore = await page.locator('.slots li.taken').count();
    await slot.getByRole('button', { name: `Libérer la place : ${who}` }).click();
    const form = slot.locator('form.reason-form');
    await form.getByRole('button', { name: 'Libérer la place' }).click();
    await form.locator('.field-error').waitFor();
    expect(await form.locator('.field-error').textContent()).toContain('Écrivez le motif');
    expect(await form.locator('textarea').getAttribute('aria-invalid')).toBe('true');
    await accessible(page, `coordination-reason-${size}`);
    await form.getByLabel('Motif (obligatoire, inscrit au journal)').fill('Le quartier a terminé sa démarche');
    await form.getByRole('button', { name: 'Libérer la place' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('.slots li.taken').length === n - 1, takenBefore);

    // The Journal toggles, in Montreal time, with readable actors and the reason given.
    const row = page.getByRole('row', { name: /Verdun/ });
    const toggle = row.getByRole('button', { name: 'Journal' });
    await toggle.click();
    const entries = row.locator('.journal li');
    await entries.first().waitFor();
    const count = await entries.count();
    const journal = await row.locator('.journal').textContent();
    expect(journal).toContain('heure de Montréal');
    expect(journal).toContain('la personne demandeuse');
    expect(journal).toContain('Pas disponible');
    expect(journal).not.toMatch(/requester|system\b|local-/);
    await row.getByRole('button', { name: 'Masquer le journal' }).click();
    expect(await row.locator('.journal').isHidden()).toBe(true);
    await row.getByRole('button', { name: 'Journal' }).click();
    expect(await entries.count()).toBe(count);

    // The year opening: a summary in hours, and "Exécuter" asks first.
    await page.getByRole('button', { name: 'Aperçu' }).click();
    await page.locator('#opening-result dl').waitFor();
    expect(await page.locator('#opening-result').textContent()).toContain('Heures allouées');
    expect(await page.locator('#opening-result').textContent()).not.toContain('{');
    await page.getByRole('button', { name: 'Exécuter' }).click();
    await page.getByRole('button', { name: "Oui, ouvrir l'année" }).waitFor();
    expect(await page.locator('.confirm').textContent()).toContain("Ouvrir l'année 2027-2028");
    await accessible(page, `coordination-opening-${size}`);
    await page.getByRole('button', { name: 'Annuler' }).last().click();
    expect(await page.locator('.confirm').isHidden()).toBe(true);
    await context.close();
  }, 90_000);
});
