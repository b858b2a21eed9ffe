/**
 * The quartier's journey from the QR code, on a phone (390×844) and a desktop (1280×800), in real Chromium against
 * the real API: form errors a person can act on, a confirmation with a number and the next step, a status page that
 * asks before cancelling, and the tenth quartier told before the form that the nine places are taken. Every page
 * passes axe and its Content-Security-Policy. Screenshots go to test-output/screenshots/quartier-journey (not kept).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { onFile } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { DESKTOP, PHONE, useBrowserSystem, type Viewport } from '../support/browser.ts';

/** 20:30 in Montreal on 27 November 2026: the server's clock and the browser's. */
const sys = useBrowserSystem({ now: new Date('2026-11-28T01:30:00Z'), shots: 'quartier-journey' });
const SIZES = [
  { name: 'phone', viewport: PHONE },
  { name: 'desktop', viewport: DESKTOP },
] as const;

/** Quartiers with a contact on file, one per journey: a quartier asks for additional support once a year. */
let quartiers: string[];
const contactOf = (q: string) => `contact-${q}@example.org`;

beforeAll(async () => {
  quartiers = ((await apiClient(sys.deps)({ path: '/api/quartiers' })).body as Array<{ id: string }>).map((q) => q.id);
  for (const q of quartiers.slice(0, 16)) await onFile(sys.deps, q, contactOf(q), `Contact ${q}`);
});

const open = (path: string, size: { viewport: Viewport }, locale = 'fr-CA') =>
  sys.open(path, { locale, viewport: size.viewport });

/** The error tied to a control (its aria-describedby's last id). */
async function errorOf(page: Page, selector: string) {
  const id = (await page.getAttribute(selector, 'aria-describedby'))!.split(' ').pop()!;
  return page.locator(`#${id}`);
}

describe.each(SIZES)('the quartier on a $name', (size) => {
  const i = SIZES.indexOf(size);

  it('reads errors it can act on, then gets a number and the next step, and cancels only after confirming', async () => {
    const q = quartiers[i];
    const page = await open('#/accompagnement', size);
    await page.waitForSelector(`select[name="quartierId"] option[value="${q}"]`, { state: 'attached' });
    await page.selectOption('select[name="quartierId"]', q);
    await page.fill('input[name="contact.name"]', 'Zoé Tremblay');
    await page.fill('input[name="contact.email"]', 'zoe.exemple.org');
    await page.fill('textarea[name="question"]', 'Q');
    await page.check('input[name="focus"][value="evaluation"]');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.locator('.error-summary').waitFor();
    const summary = (await page.locator('.error-summary').textContent()) ?? '';
    expect(summary).toContain(
      'Courriel de la personne-ressource : entrez une adresse courriel au format nom@exemple.org',
    );
    expect(summary).toContain('décrivez votre question en une phrase au moins');
    expect(summary).not.toMatch(/attendu|invalide|Trop petit/);
    await expect((await errorOf(page, 'textarea[name="question"]')).textContent()).resolves.toMatch(
      /^Question d'apprentissage : décrivez/,
    );
    await sys.check(page, `${size.name}-accompagnement-erreurs`);

    await page.fill('input[name="contact.email"]', contactOf(q));
    await page.fill('textarea[name="question"]', 'Comment savoir si notre plan de quartier change quelque chose ?');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.waitForSelector('main h1:text("Demande reçue")');
    const confirmation = (await page.locator('main').textContent()) ?? '';
    expect(confirmation).toMatch(/Numéro de demande : [0-9A-Z_-]{6}/);
    expect(confirmation).toContain('La suite');
    expect(confirmation).toMatch(/vous écrira d’ici 5 jours ouvrables/);
    expect(confirmation).toContain(`Un courriel de confirmation a été envoyé à ${contactOf(q)}`);
    // The routing note is for the team, not the person.
    expect(confirmation).not.toMatch(/charge la plus faible|acheminée|orientation/);
    await sys.check(page, `${size.name}-accompagnement-confirmation`);

    await page.getByRole('link', { name: 'Suivre ma demande' }).click();
    await page.waitForSelector('dl.facts');
    expect(await page.locator('dl.facts').textContent()).toMatch(/Numéro de demande[0-9A-Z_-]{6}/);
    const history = (await page.locator('.history').textContent()) ?? '';
    // Montreal time, hours and minutes: 20 h 30 on the 27th, no seconds, no routing note.
    expect(history).toContain('27 novembre 2026, 20 h 30');
    expect(history).not.toMatch(/\d:\d\d:\d\d|charge la plus faible/);
    const [, id, token] = /#\/demande\/([^?]+)\?t=(.+)$/.exec(page.url())!.map(decodeURIComponent);
    const statusOf = async () =>
      (await apiClient(sys.deps)({ path: `/api/requests/${id}`, headers: { 'x-status-token': token } })).body.status;

    // One tap asks; nothing changes until the second.
    await page.getByRole('button', { name: 'Annuler la demande' }).click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog.textContent()).resolves.toContain('Annuler cette demande ?');
    expect(await statusOf()).toBe('routed');
    await sys.check(page, `${size.name}-statut-confirmer`);
    await dialog.getByRole('button', { name: 'Non, revenir' }).click();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    expect(await statusOf()).toBe('routed');
    await page.getByRole('button', { name: 'Annuler la demande' }).click();
    await page
      .getByRole('alertdialog')
      .getByRole('button', { name: /^Oui, confirmer/ })
      .click();
    await page.waitForSelector('main [role="status"].success');
    expect(await statusOf()).toBe('cancelled');
    expect(await page.locator('dl.facts').textContent()).toContain('Annulée');
    await sys.check(page, `${size.name}-statut-annulee`);
    await page.context().close();
  });

  it('sees the places left, and a checkbox error under its checkbox', async () => {
    const q = quartiers[2 + i];
    const page = await open('#/soutien-additionnel', size);
    await page.waitForSelector('.availability');
    expect(await page.locator('.availability').textContent()).toMatch(/Il reste [89] places sur 9 cette année\./);
    await page.selectOption('select[name="quartierId"]', q);
    await page.fill('input[name="contact.name"]', 'Léa');
    await page.fill('input[name="contact.email"]', contactOf(q));
    await page.fill('textarea[name="topic"]', 'Codesign de notre stratégie de changement');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    const error = await errorOf(page, 'input[name="advisorConsulted"]');
    await error.waitFor();
    await expect(error.textContent()).resolves.toMatch(/ : cochez la case pour le confirmer$/);
    // Below the box and its label, from the same left edge: not squeezed into a third column.
    const box = (await page.locator('input[name="advisorConsulted"]').boundingBox())!;
    const label = (await page
      .locator(`label[for="${await page.getAttribute('input[name="advisorConsulted"]', 'id')}"]`)
      .boundingBox())!;
    const err = (await error.boundingBox())!;
    expect(err.y).toBeGreaterThanOrEqual(Math.max(box.y + box.height, label.y + label.height) - 1);
    expect(err.x).toBeLessThanOrEqual(box.x + 1);
    await sys.check(page, `${size.name}-soutien-erreur-case`);
    await page.check('input[name="advisorConsulted"]');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.waitForSelector('main h1:text("Place accordée")');
    expect(await page.locator('main').textContent()).toMatch(/Numéro de demande : [0-9A-Z_-]{6}/);
    await sys.check(page, `${size.name}-soutien-accorde`);
    await page.context().close();
  });
});

describe('the tenth quartier', () => {
  it('is told before the form that the nine places are taken, joins the waiting list, and a second ask is explained', async () => {
    const api = apiClient(sys.deps);
    // Two places went to the journeys above; seven more fill the year.
    for (const q of quartiers.slice(4, 11)) {
      const r = await api({
        path: '/api/additional-support-requests',
        body: {
          quartierId: q,
          contact: { name: 'C', email: contactOf(q) },
          topic: 'Un sujet de démarche',
          advisorConsulted: true,
        },
      });
      expect(r.body.outcome, q).toBe('granted');
    }
    expect((await api({ path: '/api/additional-support-availability' })).body).toMatchObject({
      capacity: 9,
      taken: 9,
      waiting: 0,
    });
    for (const size of SIZES) {
      const q = quartiers[11 + SIZES.indexOf(size)];
      const page = await open('#/soutien-additionnel', size);
      await page.waitForSelector('.availability.full');
      const full = (await page.locator('main').textContent()) ?? '';
      expect(full).toContain('Les 9 places de cette année sont prises');
      expect(full).toContain("liste d'attente");
      expect(full).toContain('parlez-en à votre personne conseillère');
      expect(await page.getByRole('link', { name: 'Leadership rassembleur' }).getAttribute('href')).toBe(
        'https://www.centraide-mtl.org/',
      );
      await sys.check(page, `${size.name}-dixieme-avant`);
      await page.check('input[name="advisorConsulted"]');
      await page.selectOption('select[name="quartierId"]', q);
      await page.fill('input[name="contact.name"]', 'Dix');
      await page.fill('input[name="contact.email"]', contactOf(q));
      await page.fill('textarea[name="topic"]', 'Évaluer notre plan de quartier');
      await page.getByRole('button', { name: "M'inscrire sur la liste d'attente" }).click();
      await page.waitForSelector('main h1:text("Liste d\'attente")');
      expect(await page.locator('main').textContent()).toContain('Leadership rassembleur');
      await sys.check(page, `${size.name}-dixieme-attente`);

      // The same quartier asks again: a message with what to do, not a field error.
      await page.goto(`${sys.base}/#/`);
      await page.goto(`${sys.base}/#/soutien-additionnel`);
      await page.waitForSelector('main form');
      await page.check('input[name="advisorConsulted"]');
      await page.selectOption('select[name="quartierId"]', q);
      await page.fill('input[name="contact.name"]', 'Dix');
      await page.fill('input[name="contact.email"]', contactOf(q));
      await page.fill('textarea[name="topic"]', 'Évaluer notre plan de quartier, encore');
      await page.getByRole('button', { name: "M'inscrire sur la liste d'attente" }).click();
      await page.waitForSelector('.refusal:not([hidden])');
      const refusal = (await page.locator('.refusal').textContent()) ?? '';
      expect(refusal).toContain('Une demande existe déjà');
      expect(refusal).toContain('Numéro de demande');
      // This browser made the first request: it holds its link, and the refusal leads back to it.
      const own = await page.locator('.refusal').getByRole('link', { name: 'Suivre ma demande' }).getAttribute('href');
      expect(own).toMatch(/^#\/demande\/[^?]+\?t=/);
      expect(await page.locator('.error-summary').isVisible()).toBe(false);
      await sys.check(page, `${size.name}-dixieme-doublon`);
      await page.context().close();

      // Someone else asks for the same quartier: the number and whom to write to, never the first one's link.
      const other = await open('#/soutien-additionnel', size);
      await other.waitForSelector('main form');
      await other.check('input[name="advisorConsulted"]');
      await other.selectOption('select[name="quartierId"]', q);
      await other.fill('input[name="contact.name"]', 'Autre');
      await other.fill('input[name="contact.email"]', contactOf(q));
      await other.fill('textarea[name="topic"]', 'Une autre demande');
      await other.getByRole('button', { name: "M'inscrire sur la liste d'attente" }).click();
      await other.waitForSelector('.refusal:not([hidden])');
      const told = (await other.locator('.refusal').textContent()) ?? '';
      expect(told).toContain('Numéro de demande');
      expect(told).toContain(sys.deps.config.mail.team);
      expect(await other.locator('.refusal a').count()).toBe(0);
      await other.context().close();
    }
  }, 180_000);
});

describe('in English', () => {
  it('confirms without the French routing note, with the number and the next step', async () => {
    const q = quartiers[13];
    const page = await open('#/accompagnement', SIZES[0], 'en-CA');
    await page.waitForSelector(`select[name="quartierId"] option[value="${q}"]`, { state: 'attached' });
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary').textContent()).toContain('Neighbourhood: required');
    await page.selectOption('select[name="quartierId"]', q);
    await page.fill('input[name="contact.name"]', 'Zoe');
    await page.fill('input[name="contact.email"]', contactOf(q));
    await page.fill('textarea[name="question"]', 'How do we know our plan changes anything?');
    await page.check('input[name="focus"][value="strategic-clarity"]');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForSelector('main h1:text("Request received")');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toMatch(/Request number: [0-9A-Z_-]{6}/);
    expect(text).toMatch(/will write to you within 5 business days/);
    expect(text).not.toMatch(/acheminée|charge|égalité| :/);
    await sys.check(page, 'phone-en-confirmation');
    await page.context().close();
  });
});
