/**
 * The screenshots of docs/pages.md's staff pages and status page, taken on demand, when SHOTS_DIR names a folder
 * (`npm run shots`; vitest.config.mts includes this file only then): the partner portal, the hours screen and the
 * coordination dashboard at desktop size, the status page at phone size, on the browser tests' fixed clock.
 * "Before" serves the pages of 3c7cdb0 (before issue 15's journeys) from web/dist:
 *
 *   git archive 3c7cdb0 web shared | tar -x -C test-output/before
 *   npx vite build test-output/before/web --emptyOutDir
 *   rm -rf web/dist && cp -r test-output/before/web/dist web/dist
 *   SHOTS_DIR=$PWD/test-output/shots-before npx vitest run test/browser/page-shots.shots.ts
 *   npx vite build web --emptyOutDir
 *   SHOTS_DIR=$PWD/test-output/shots-after npx vitest run test/browser/page-shots.shots.ts
 */
import { it } from 'vitest';
import type { Page } from 'playwright-core';
import { onFile } from '../support/harness.ts';
import { DESKTOP, PHONE, useBrowserSystem } from '../support/browser.ts';
import { signLocalToken } from '#shared/auth';

const NOW = new Date('2026-11-28T01:30:00Z');
const sys = useBrowserSystem({ now: NOW });
const DIR = process.env.SHOTS_DIR ?? '';
const post = async (path: string, body: unknown, token?: string) => {
  const res = await fetch(`${sys.base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
};
const signInAs = async (page: Page, role: string) => {
  await page.goto(`${sys.base}/#/connexion`);
  await page.selectOption('#signin-role', role);
  await page.getByRole('button', { name: 'Connexion' }).click();
  await page.waitForTimeout(500);
};
const settle = async (page: Page) => {
  await page.waitForSelector('main h1');
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
};

it('takes the pages of docs/pages.md', async () => {
  const deps = sys.deps;
  const niska = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', 'niska');
  let status = '';
  let id = '';
  for (const [q, who] of [
    ['verdun', 'Zoé Tremblay'],
    ['ahuntsic', 'Ali Benali'],
    ['lachine', 'Léa Roy'],
  ]) {
    const email = `${q}@example.org`;
    await onFile(deps, q, email, who);
    const r = await post('/api/learning-requests', {
      quartierId: q,
      contact: { name: who, email },
      question: 'Comment savoir si notre plan de quartier change quelque chose ?',
      focus: 'evaluation',
      preferredPartnerId: 'niska',
    });
    if (q === 'verdun') {
      id = r.body.id;
      status = `#/demande/${id}?t=${r.body.statusToken}`;
      await post(`/api/learning-requests/${id}/accept`, {}, niska);
      for (const [minutes, step] of [
        [90, 'identify-questions'],
        [120, 'plan'],
      ] as const)
        await post(
          '/api/hour-logs',
          { quartierId: q, axis: 'learning', date: '2026-11-27', minutes, step, requestId: id },
          niska,
        );
    }
  }
  const shot = async (page: Page, name: string) => {
    await settle(page);
    await page.screenshot({ path: `${DIR}/${name}.png`, fullPage: true });
  };
  let page = await sys.newPage({ viewport: DESKTOP });
  await signInAs(page, 'niska');
  await page.goto(`${sys.base}/#/partenaire`);
  await shot(page, 'partner-1280');
  await page.goto(`${sys.base}/#/partenaire/${id}`);
  await shot(page, 'hours-1280');
  await page.context().close();
  page = await sys.newPage({ viewport: DESKTOP });
  await signInAs(page, '');
  await page.goto(`${sys.base}/#/coordination`);
  await shot(page, 'coordination-1280');
  await page.context().close();
  page = await sys.newPage({ viewport: PHONE });
  await page.goto(`${sys.base}/${status}`);
  await shot(page, 'status-390');
  await page.context().close();
}, 120_000);
