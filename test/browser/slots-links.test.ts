/**
 * The slot offer's email link, opened in real Chromium: it must open the request and let the quartier accept,
 * though only the status token's hash is stored and the offer email is sent long after the creation answer.
 */
import { describe, expect, it } from 'vitest';
import { sesMessages, to, uniq } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { useBrowserSystem } from '../support/browser.ts';
import { createQuartier } from '#usecases/quartiers';
import { sweepOutbox } from '#usecases/deliver-notification';

const sys = useBrowserSystem({
  now: new Date('2026-11-27T15:00:00Z'),
  settings: { additional: { slotsPerYear: 1, minutesPerSlot: 1800, offerDays: 10 } },
  localRoutes: false,
});

describe('the slot offer link in Chromium', () => {
  it('opens the offered request from the email alone, and the quartier accepts the slot there', async () => {
    const api = apiClient(sys.deps);
    const ids = [`p0-${uniq()}`, `p1-${uniq()}`];
    for (const id of ids)
      await createQuartier(sys.deps, {
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
    await sweepOutbox(sys.deps, { pendingGraceMs: 0 });
    const offer = (await sesMessages(to(`contact-${ids[1]}@example.org`))).find((m) => m.subject.includes('offerte'));
    const url = offer?.body.text?.match(/(https?:\/\/\S+#\/demande\/\S+)/)?.[1];
    expect(url?.startsWith(`${sys.base}/#/demande/${rs[1].id}`)).toBe(true);

    const page = await sys.newPage({ viewport: { width: 1280, height: 720 } });
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
    await page.context().close();
    expect(sys.cspViolations, 'Content-Security-Policy violations').toEqual([]);
    const view = await api({ path: `/api/requests/${rs[1].id}`, headers: { 'x-status-token': rs[1].statusToken } });
    expect(view.body).toMatchObject({ status: 'granted', slot: 1 });
  }, 60_000);
});
