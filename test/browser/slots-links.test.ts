/**
 * The slot offer's email link, opened in real Chromium: it must open the request and let the quartier accept,
 * though only the status token's hash is stored and the offer email is sent long after the creation answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { resolve } from 'node:path';
import type { Server } from 'node:http';
import { ManualClock, sesMessages, testDeps, to, uniq } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { startGateway } from '../../local/http-gateway.ts';
import { freePort } from '../../local/emulators.ts';
import { makeApiHandler } from '#shared/http';
import { routes } from '#functions/api/handler';
import { createQuartier } from '#usecases/quartiers';
import { sweepOutbox } from '#usecases/deliver-notification';
import type { Deps } from '#shared/ports';
import { watchCsp } from './csp.ts';

const NOW = new Date('2026-11-27T15:00:00Z');
let deps: Deps;
let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  deps = await testDeps({
    clock: new ManualClock(NOW),
    env: { PIC_PUBLIC_BASE_URL: base },
    settings: { additional: { slotsPerYear: 1, minutesPerSlot: 1800, offerDays: 10 } },
  });
  server = await startGateway({ port, api: makeApiHandler(routes, async () => deps), webDir: resolve('web', 'dist') });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

describe('the slot offer link in Chromium', () => {
  it('opens the offered request from the email alone, and the quartier accepts the slot there', async () => {
    const api = apiClient(deps);
    const ids = [`p0-${uniq()}`, `p1-${uniq()}`];
    for (const id of ids)
      await createQuartier(deps, {
        id,
        name: `Quartier ${id}`,
        advisor: { name: 'Conseil', email: `advisor-${id}@example.org` },
        enrolledYear: '2020-2021',
        contacts: [{ name: 'Léa', email: `contact-${id}@example.org` }],
      });
    const rs = [];
    for (const id of ids)
      rs.push(
        (
          await api({
            path: '/api/additional-support-requests',
            body: {
              quartierId: id,
              contact: { name: 'Léa', email: `contact-${id}@example.org` },
              topic: 'Mode de fonctionnement inclusif',
              advisor: { name: 'Conseil', email: `advisor-${id}@example.org` },
              advisorConsulted: true,
            },
          })
        ).body,
      );
    expect(rs.map((r) => r.outcome)).toEqual(['granted', 'waitlisted']);
    await api({
      path: `/api/additional-support-requests/${rs[0].id}/release`,
      body: {},
      headers: { 'x-status-token': rs[0].statusToken },
    });
    await sweepOutbox(deps, { pendingGraceMs: 0 });
    const offer = (await sesMessages(to(`contact-${ids[1]}@example.org`))).find((m) => m.subject.includes('offerte'));
    const url = offer?.body.text?.match(/(https?:\/\/\S+#\/demande\/\S+)/)?.[1];
    expect(url?.startsWith(`${base}/#/demande/${rs[1].id}`)).toBe(true);

    const context = await browser.newContext({ locale: 'fr-CA', timezoneId: 'America/Montreal' });
    const cspViolations: string[] = [];
    await watchCsp(context, cspViolations);
    await context.clock.setFixedTime(NOW);
    const page = await context.newPage();
    await page.goto(url!);
    // Before the fix the page answered "Ce lien n'est pas valide." here.
    await page.waitForSelector('main h1, main [role="alert"]');
    expect(await page.locator('main [role="alert"]').allTextContents()).toEqual([]);
    expect(await page.locator('main h1').textContent()).toContain(`Quartier ${ids[1]}`);
    await page.getByRole('button', { name: 'Accepter la place offerte' }).click();
    await page.waitForSelector('main [role="status"]');
    expect(await page.locator('main [role="status"]').textContent()).toBe(
      'C’est fait : la demande est à jour ci-dessous.',
    );
    await page.waitForSelector('text=Place accordée');
    await context.close();
    expect(cspViolations, 'Content-Security-Policy violations').toEqual([]);
    const view = await api({ path: `/api/requests/${rs[1].id}`, headers: { 'x-status-token': rs[1].statusToken } });
    expect(view.body).toMatchObject({ status: 'granted', slot: 1 });
  }, 60_000);
});
