/**
 * The partner's journey in real Chromium, on a phone and on a desktop: the portal lists requests by quartier name
 * with their date, contact and balance, asks before accepting or declining (decline offers a reason), and the hours
 * screen reads durations as people type them, shows what was logged and clears itself for the next entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { onFile } from '../support/harness.ts';
import { DESKTOP, PHONE, useBrowserSystem } from '../support/browser.ts';

/** 20:30 in Montreal on 27 November, already the 28th in UTC: the portal must say the 27th. */
const NOW = new Date('2026-11-28T01:30:00Z');
const DAY_BEFORE = '2026-11-27T01:30:00Z';
const sys = useBrowserSystem({ now: NOW, axe: 'any' });

/** Nothing wider than the screen: no sideways scrolling on a phone. */
const noOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

async function ask(quartierId: string, name: string, question: string, at: string) {
  sys.clock.set(at);
  await onFile(sys.deps, quartierId, `${quartierId}@example.org`, name);
  const out = await fetch(`${sys.base}/api/learning-requests`, {
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
  sys.clock.set(NOW.toISOString());
  return out as { id: string; statusToken: string };
}

const statusOf = (r: { id: string; statusToken: string }) =>
  fetch(`${sys.base}/api/requests/${r.id}`, { headers: { 'x-status-token': r.statusToken } }).then((x) => x.json());

describe.each([
  { size: 'phone', viewport: PHONE, keep: 'cote-des-neiges', drop: 'saint-leonard' },
  { size: 'desktop', viewport: DESKTOP, keep: 'petite-patrie', drop: 'montreal-nord' },
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
    page = await sys.newPage({ viewport });
    await page.goto(`${sys.base}/#/connexion`);
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
    await sys.check(page, `partner-portal-${size}`);

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
    await sys.check(page, `partner-decline-${size}`);
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
    await sys.check(page, `partner-hours-${size}`);
  });
});
