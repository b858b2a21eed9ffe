/**
 * Who speaks for a quartier, in real Chromium (Debian's, driven by playwright-core) against the real API on
 * DynamoDB Local and the SES emulator, under the Content-Security-Policy the pages get in AWS: a request from an
 * address not on file waits for its owner's proof and the advisor's word, the emails' links are the way through,
 * and a contact on file's "this was not me" link withdraws. Screenshots go to test-output/screenshots (not kept).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sesMessages, to, uniq } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { DESKTOP, PHONE, useBrowserSystem } from '../support/browser.ts';
import { signLocalToken } from '#shared/auth';
import { createQuartier } from '#usecases/quartiers';
import { sweepOutbox } from '#usecases/deliver-notification';

/** The server's clock and the browser's: no test depends on the day it runs. */
const sys = useBrowserSystem({ now: new Date('2026-11-27T15:00:00Z') });
const newPage = (locale = 'fr-CA') => sys.newPage({ locale });

/** No serious or critical WCAG 2.1 A/AA violation; a screenshot on a phone and on a laptop. */
const check = (page: Page, name: string) => sys.check(page, `trust-${name}`, [PHONE, DESKTOP]);

/** The emails queued so far, delivered to the SES emulator; the link of the last one to `address` matching `re`. */
async function linkTo(address: string, re: RegExp) {
  await sweepOutbox(sys.deps, { pendingGraceMs: 0 });
  const links = (await sesMessages(to(address))).flatMap((m) => m.body.text?.match(re) ?? []);
  return links.at(-1);
}

async function quartier() {
  const id = `q-${uniq()}`;
  const q = {
    id,
    name: `Quartier ${id}`,
    advisor: { name: 'Conseil PIC', email: `advisor-${id}@example.org` },
    enrolledYear: '2020-2021' as const,
    contacts: [{ name: 'Léa Contact', email: `lea-${id}@example.org` }],
  };
  await createQuartier(sys.deps, q);
  return q;
}

const coordinationToken = () => signLocalToken(sys.deps.config.auth.localSigningKey!, 'coordination');

const statusOf = (id: string, token: string) =>
  fetch(`${sys.base}/api/requests/${id}`, { headers: { 'x-status-token': token } }).then((r) => r.json());

describe('a request from an address not on file, in Chromium', () => {
  it('waits for the proof of the address and the advisor’s word, then takes a slot and goes on file', async () => {
    const q = await quartier();
    const stranger = `nouvelle-${q.id}@example.org`;
    const page = await newPage();
    await page.goto(`${sys.base}/#/soutien-additionnel`);
    await page.waitForSelector('main form');
    await page.check('input[name="advisorConsulted"]');
    await page.selectOption('select[name="quartierId"]', q.id);
    await page.fill('input[name="contact.name"]', 'Nadia Nouvelle');
    await page.fill('input[name="contact.email"]', stranger);
    await page.fill('textarea[name="topic"]', 'Gouvernance partagée de la table');
    // The advisor named in the form is a note for coordination only: left empty, the form is still accepted.
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.waitForSelector('main h1:text("Demande reçue : confirmez votre adresse")');
    const confirmation = (await page.locator('main').textContent()) ?? '';
    expect(confirmation).toContain(`Nous avons envoyé un lien à ${stranger}`);
    expect(confirmation).toContain("Aucune place n'est réservée");
    expect(confirmation).not.toMatch(/Place accordée|Liste d'attente/);
    await page.getByRole('link', { name: 'Suivre ma demande' }).click();
    await page.waitForSelector('main .waiting');
    const statusUrl = page.url();
    const [, id, token] = /#\/demande\/([^?]+)\?t=(.+)$/.exec(statusUrl)!.map(decodeURIComponent);
    expect(await page.locator('main .waiting').textContent()).toContain('Vérifiez votre boîte courriel');
    expect(await page.locator('main .facts').textContent()).not.toContain('Heures utilisées');
    expect(await page.getByRole('button', { name: 'Retirer ma demande' }).count()).toBe(1);
    await check(page, 'status-unverified');
    const english = await newPage('en-CA');
    await english.goto(statusUrl);
    await english.waitForSelector('main .waiting');
    expect(await english.locator('main .waiting').textContent()).toBe(
      "Check your email: we sent a link to the request's address to confirm that it is yours.",
    );
    await english.context().close();

    // Only the submitter's own address hears of it.
    const verifyUrl = await linkTo(stranger, /https?:\/\/\S+#\/verifier\?\S+/);
    expect(verifyUrl).toBeDefined();
    expect(await sesMessages(to(q.advisor.email))).toEqual([]);
    expect(await sesMessages(to(q.contacts[0].email))).toEqual([]);

    // Opening the link (as a mail scanner does) changes nothing; the click does.
    await page.goto(verifyUrl!);
    await page.waitForSelector('main h1:text("Confirmer mon adresse courriel")');
    expect((await statusOf(id, token)).status).toBe('unverified');
    await check(page, 'verify');
    await page.getByRole('button', { name: 'Je confirme que cette adresse est la mienne' }).click();
    await page.waitForSelector('main [role="status"]');
    expect(await page.locator('main [role="status"]').textContent()).toContain('votre adresse est confirmée');
    expect(await page.getByRole('button', { name: 'Je confirme que cette adresse est la mienne' }).isVisible()).toBe(
      false,
    );
    await check(page, 'verified');
    await page.goto(statusUrl);
    await page.waitForSelector('main .waiting:text("En attente")');
    expect(await page.locator('main .waiting').textContent()).toContain(
      "la personne conseillère Centraide-PIC du quartier ou l'équipe PIC doit confirmer",
    );
    await check(page, 'status-awaiting');

    // The advisor on file gets the one-click confirmation.
    const confirmUrl = await linkTo(q.advisor.email, /https?:\/\/\S+#\/confirmer\?\S+/);
    expect(confirmUrl).toBeDefined();
    const advisorPage = await newPage();
    await advisorPage.goto(confirmUrl!);
    await advisorPage.waitForSelector('main .facts');
    const facts = (await advisorPage.locator('main .facts').textContent()) ?? '';
    expect(facts).toContain(q.name);
    expect(facts).toContain(`Nadia Nouvelle <${stranger}>`);
    expect(facts).toContain('Gouvernance partagée de la table');
    expect((await statusOf(id, token)).status).toBe('awaiting-confirmation');
    await check(advisorPage, 'confirm');
    await advisorPage.getByRole('button', { name: 'Confirmer que cette personne parle au nom du quartier' }).click();
    await advisorPage.waitForSelector('main [role="status"]');
    expect(await advisorPage.locator('main [role="status"]').textContent()).toBe(
      `Nadia Nouvelle est maintenant au dossier des personnes-ressources de ${q.name}. ` +
        'Statut de la demande : Place accordée.',
    );
    expect(await advisorPage.getByRole('button', { name: 'Refuser' }).count()).toBe(0);
    await check(advisorPage, 'confirmed');
    await advisorPage.context().close();

    await page.reload();
    await page.waitForSelector('main .facts');
    const status = (await page.locator('main .facts').textContent()) ?? '';
    expect(status).toContain('Place accordée');
    expect(status).toContain('1 / 9');
    expect(await page.locator('main .waiting').count()).toBe(0);
    await check(page, 'status-granted');
    await page.context().close();
    expect(await statusOf(id, token)).toMatchObject({ status: 'granted', slot: 1 });

    // Coordination sees the person on file for the quartier.
    const staff = await newPage();
    await staff.goto(`${sys.base}/#/connexion`);
    await staff.selectOption('#signin-role', '');
    await staff.getByRole('button', { name: 'Connexion' }).click();
    await staff.waitForSelector('#contacts-quartier option:nth-child(2)', { state: 'attached' });
    await staff.selectOption('#contacts-quartier', q.id);
    await staff.waitForSelector('table.contacts');
    expect(await staff.locator('table.contacts').textContent()).toContain(stranger);
    await staff.context().close();
  }, 120_000);

  it('coordination vouches from the dashboard, and manages the contacts on file', async () => {
    const q = await quartier();
    const stranger = `autre-${q.id}@example.org`;
    const api = apiClient(sys.deps);
    const created = await api({
      path: '/api/learning-requests',
      body: {
        quartierId: q.id,
        contact: { name: 'Omar Autre', email: stranger },
        question: 'Comment mesurer nos effets ?',
        focus: 'evaluation',
      },
    });
    expect(created.body.status).toBe('unverified');
    const verifyUrl = await linkTo(stranger, /https?:\/\/\S+#\/verifier\?\S+/);
    const params = new URLSearchParams(verifyUrl!.split('?')[1]);
    await api({ path: `/api/requests/${created.body.id}/verify-email`, body: { signature: params.get('sig') } });

    const page = await newPage();
    await page.goto(`${sys.base}/#/connexion`);
    await page.selectOption('#signin-role', '');
    await page.getByRole('button', { name: 'Connexion' }).click();
    const card = page.getByRole('article', { name: `${q.name} — Omar Autre` });
    await card.waitFor();
    expect(await card.textContent()).toContain('Comment mesurer nos effets ?');
    await card.getByRole('button', { name: 'Refuser' }).click();
    await card.getByLabel('Motif (facultatif, transmis à la personne)').fill('Inconnue du quartier');
    await card.getByRole('button', { name: 'Refuser la demande' }).click();
    await card.locator('[role="status"]').waitFor();
    expect(await card.locator('[role="status"]').textContent()).toContain('La demande est fermée');
    expect((await statusOf(created.body.id, created.body.statusToken)).status).toBe('not-confirmed');

    await page.selectOption('#contacts-quartier', q.id);
    await page.waitForSelector('table.contacts');
    expect(await page.locator('table.contacts tbody tr').count()).toBe(1);
    expect(await page.locator('table.contacts').textContent()).not.toContain(stranger);
    const form = page.getByRole('form', { name: 'Ajouter une personne-ressource' });
    await form.getByLabel('Nom').fill('Ines Ajout');
    await form.getByLabel('Courriel').fill('pas-une-adresse');
    await form.getByRole('button', { name: 'Ajouter une personne-ressource' }).click();
    // The server's message sits next to its field.
    await form.locator('input[name="email"] ~ .field-error').waitFor();
    expect(await form.locator('input[name="email"] ~ .field-error').textContent()).toMatch(/^Courriel/);
    await form.getByLabel('Courriel').fill(`ines-${q.id}@example.org`);
    await form.getByLabel('Langue').selectOption('en');
    await form.getByRole('button', { name: 'Ajouter une personne-ressource' }).click();
    await page.waitForSelector(`table.contacts td:text("ines-${q.id}@example.org")`);
    expect(await page.locator('table.contacts tbody tr').count()).toBe(2);
    await check(page, 'dashboard');
    await page.getByRole('button', { name: 'Retirer : Léa Contact' }).click();
    await page.getByRole('button', { name: 'Oui, retirer' }).click();
    await page.waitForFunction(() => document.querySelectorAll('table.contacts tbody tr').length === 1);
    expect(await page.locator('table.contacts').textContent()).not.toContain(q.contacts[0].email);
    const onFile = await api({
      path: `/api/quartiers/${q.id}/contacts`,
      method: 'GET',
      token: (await page.evaluate(() => sessionStorage.getItem('pic-token'))) ?? '',
    });
    expect(onFile.body.map((c: { email: string; locale: string }) => [c.email, c.locale])).toEqual([
      [`ines-${q.id}@example.org`, 'en'],
    ]);
    await page.context().close();
  });
});

describe('the "this was not me" link of a contact on file', () => {
  it('withdraws the request and gives the slot back', async () => {
    const q = await quartier();
    const api = apiClient(sys.deps);
    const created = await api({
      path: '/api/additional-support-requests',
      body: {
        quartierId: q.id,
        contact: { name: 'Léa Contact', email: q.contacts[0].email },
        topic: 'Mode de fonctionnement inclusif',
        advisorConsulted: true,
      },
    });
    expect(created.body.outcome).toBe('granted');
    const notMe = await linkTo(q.contacts[0].email, /https?:\/\/\S+#\/demande\/\S+pasmoi=1/);
    expect(notMe).toBeDefined();
    const page = await newPage();
    await page.goto(notMe!);
    const panel = page.getByRole('region', { name: "Ce n'était pas vous\u00a0? Retirez cette demande" });
    await panel.waitFor();
    await check(page, 'not-me');
    await panel.getByRole('button', { name: "Retirer cette demande : ce n'était pas moi" }).click();
    await page.waitForSelector('main [role="status"].success');
    expect(await page.locator('main .not-me').textContent()).toContain('Cette demande est déjà fermée.');
    expect(await page.locator('main .history').textContent()).toContain("Place libérée (ce n'était pas moi)");
    // The slot it held is given back: the page no longer claims it.
    expect(await page.locator('main .facts').textContent()).not.toContain('/ 9');
    await check(page, 'not-me-done');
    await page.context().close();
    const view = await statusOf(created.body.id, created.body.statusToken);
    expect(view.status).toBe('released');
    expect(view.history.at(-1)).toMatchObject({ event: 'released', reason: 'not-me' });
    const board = await api({ path: `/api/additional-support/${created.body.year}`, token: await coordinationToken() });
    expect(board.body.granted.map((g: { requestId: string }) => g.requestId)).not.toContain(created.body.id);
  });
});
