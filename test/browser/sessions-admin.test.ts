/**
 * The coordination's session editor, settings and bulk-message pages in real Chromium (Debian's, driven by
 * playwright-core), against the real API on DynamoDB Local, under the Content-Security-Policy the pages get in AWS,
 * on a phone and on a desktop. Screenshots go to the system's temporary directory, never into the repository.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DESKTOP, PHONE, useBrowserSystem } from '../support/browser.ts';
import { keys } from '#adapters/dynamodb/keys';
import type { ProgramSettings } from '#domain/settings';

/** The server's clock and the browser's: 20:30 in Montreal on 27 November (already the 28th in UTC). */
const sys = useBrowserSystem({ now: new Date('2026-11-28T01:30:00Z'), shots: join(tmpdir(), 'pic-sessions-admin') });
const open = (path: string, viewport = PHONE) => sys.open(path, { viewport });

async function signInAsCoordination(page: Page) {
  await page.goto(`${sys.base}/#/connexion`);
  await page.selectOption('#signin-role', '');
  await page.getByRole('button', { name: 'Connexion' }).click();
  await page.waitForSelector('.slots li');
}

type Listed = { id: string; sessions: Array<Record<string, unknown> & { id: string; date: string }> };
const sessionsOf = async (activityId: string) => {
  const all = (await fetch(`${sys.base}/api/activities`).then((r) => r.json())) as Listed[];
  return all.find((a) => a.id === activityId)!.sessions;
};

/** The error shown under a field of the form. */
const fieldError = (page: Page, name: string) => page.locator(`[name="${name}"] ~ .field-error`);

describe('the session editor', () => {
  it('adds, changes and cancels a session; the public catalogue sends people to Dynamo for its training', async () => {
    const page = await open('#/');
    await signInAsCoordination(page);
    await page.getByRole('link', { name: 'Sessions des activités' }).click();
    await page.waitForSelector('text=Ajouter une session');

    // Add: the server's field messages appear next to the fields, nothing is created.
    const add = page.getByRole('form', { name: 'Ajouter une session' });
    await add.locator('select[name="activityId"]').selectOption('formation-impact-collectif');
    await add.locator('input[name="date"]').fill('2027-01-20');
    await add.locator('input[name="startTime"]').fill('09:30');
    await add.locator('select[name="duration"]').selectOption('full-day');
    await add.locator('input[name="place"]').fill('Centraide, Montréal');
    await add.locator('input[name="capacity"]').fill('0');
    await add.locator('input[name="registrationUrl"]').fill('http://dynamocollectivo.com');
    await add.getByRole('button', { name: 'Ajouter une session' }).click();
    await fieldError(page, 'registrationUrl').waitFor();
    await expect(fieldError(page, 'registrationUrl').textContent()).resolves.toBe(
      "Lien d'inscription externe : une adresse web complète en https:// est attendue",
    );
    await expect(fieldError(page, 'capacity').textContent()).resolves.toMatch(/^Nombre de places : /);
    expect(await add.locator('input[name="registrationUrl"]').getAttribute('aria-invalid')).toBe('true');
    await sys.check(page, 'sessions-add-errors-390');
    expect(await sessionsOf('formation-impact-collectif')).toHaveLength(2);

    // Empty link: the training's own (Dynamo's site) applies.
    await add.locator('input[name="capacity"]').fill('25');
    await add.locator('input[name="registrationUrl"]').fill('');
    await add.getByRole('button', { name: 'Ajouter une session' }).click();
    await page.waitForSelector('#admin-status:text("Session ajoutée.")');
    const card = page.getByRole('listitem', { name: 'Formation Impact collectif — 20 janvier 2027' });
    await expect(card.locator('dl').textContent()).resolves.toContain('09:30 · Une journée');
    let [added] = (await sessionsOf('formation-impact-collectif')).filter((s) => s.date === '2027-01-20');
    expect(added).toMatchObject({
      startTime: '09:30',
      capacity: 25,
      place: 'Centraide, Montréal',
      status: 'scheduled',
    });
    expect(added).not.toHaveProperty('registrationUrl');

    // Change: time, length, place out and a virtual link in, no seat limit.
    await card.getByRole('button', { name: 'Modifier' }).click();
    const edit = card.getByRole('form');
    await expect(edit.locator('input[name="startTime"]').inputValue()).resolves.toBe('09:30');
    await sys.check(page, 'sessions-edit-390');
    await page.setViewportSize(DESKTOP);
    await sys.check(page, 'sessions-edit-1280');
    await edit.locator('input[name="startTime"]').fill('13:00');
    await edit.locator('select[name="duration"]').selectOption('half-day');
    await edit.locator('input[name="place"]').fill('');
    await edit.locator('input[name="virtualUrl"]').fill('https://meet.example.org/pic');
    await edit.locator('input[name="capacity"]').fill('');
    await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.waitForSelector('#admin-status:text("Session modifiée.")');
    [added] = (await sessionsOf('formation-impact-collectif')).filter((s) => s.date === '2027-01-20');
    expect(added).toMatchObject({
      startTime: '13:00',
      duration: 'half-day',
      virtualUrl: 'https://meet.example.org/pic',
    });
    expect(added).not.toHaveProperty('place');
    expect(added).not.toHaveProperty('capacity');
    await sys.check(page, 'sessions-list-1280');

    // The public catalogue: Dynamo's site, in a new tab, instead of the in-house form.
    const visitor = await open('#/activites');
    const training = visitor.locator('section.card', { hasText: 'Formation Impact collectif' });
    const external = training.getByRole('link', { name: /^S'inscrire sur le site de Dynamo/ });
    await expect(external.textContent()).resolves.toMatch(/^S'inscrire sur le site de Dynamo ↗ \(nouvel onglet\)/);
    expect(await external.getAttribute('href')).toBe('https://dynamocollectivo.com');
    expect(await external.getAttribute('target')).toBe('_blank');
    expect(await external.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await training.locator('a[href^="#/activites/"]').count()).toBe(0);
    await sys.check(visitor, 'activites-dynamo-390');
    // An old link to the in-house form sends them on too.
    await visitor.goto(`${sys.base}/#/activites/${encodeURIComponent(added.id)}`);
    await visitor.waitForSelector('#inscription');
    expect(await visitor.locator('#inscription form').count()).toBe(0);
    expect(await visitor.locator('#inscription a.external').getAttribute('href')).toBe('https://dynamocollectivo.com');
    await visitor.close();

    // Cancel asks first; "no" keeps it.
    await page.setViewportSize(PHONE);
    const card2 = page.getByRole('listitem', { name: 'Formation Impact collectif — 20 janvier 2027' });
    await card2.getByRole('button', { name: 'Annuler la session' }).click();
    const confirm = card2.getByRole('alertdialog');
    await expect(confirm.textContent()).resolves.toContain('Annuler cette session ?');
    await sys.check(page, 'sessions-cancel-confirm-390');
    await confirm.getByRole('button', { name: 'Non, la garder' }).click();
    expect(await card2.getByRole('alertdialog').count()).toBe(0);
    expect((await sessionsOf('formation-impact-collectif')).find((s) => s.id === added.id)?.status).toBe('scheduled');
    await card2.getByRole('button', { name: 'Annuler la session' }).click();
    await card2.getByRole('alertdialog').getByRole('button', { name: 'Oui, annuler la session' }).click();
    await page.waitForSelector('#admin-status:text("Session annulée.")');
    expect((await sessionsOf('formation-impact-collectif')).find((s) => s.id === added.id)?.status).toBe('cancelled');
    await expect(page.getByRole('heading', { name: /^Sessions à venir/ }).textContent()).resolves.toBe(
      'Sessions à venir (0)',
    );
    await page.close();
  });
});

describe('settings and bulk messages', () => {
  it("edits the program's settings in hours, with the server's messages next to the fields", async () => {
    const page = await open('#/', DESKTOP);
    await signInAsCoordination(page);
    await page.getByRole('link', { name: 'Paramètres du programme' }).click();
    const form = page.getByRole('form', { name: 'Paramètres du programme' });
    await form.waitFor();
    await expect(form.locator('input[name="learning.annualMinutes"]').inputValue()).resolves.toBe('31');
    await expect(form.locator('input[name="learning.availableCapMinutes"]').inputValue()).resolves.toBe('62');
    await form.locator('input[name="learning.annualMinutes"]').fill('70');
    await form.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await fieldError(page, 'learning.availableCapMinutes').waitFor();
    await expect(fieldError(page, 'learning.availableCapMinutes').textContent()).resolves.toBe(
      "Plafond des heures disponibles (axe 1) : le plafond d'heures disponibles doit être au moins l'allocation annuelle",
    );
    await sys.check(page, 'settings-errors-1280');
    // Whole hours: a decimal typed in a French-Canadian number field takes a comma, which Playwright cannot type.
    await form.locator('input[name="learning.annualMinutes"]').fill('40');
    await form.locator('input[name="additional.slotsPerYear"]').fill('10');
    await form.locator('input[name="activities.reminderDaysBefore"]').fill('14, 7, 1');
    await form.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await page.waitForSelector('#admin-status:text("Paramètres enregistrés.")');
    // From the table: the API's own reading of the settings is cached for a few seconds.
    const saved = (await sys.deps.store.get<{ settings: ProgramSettings }>(keys.settings()))!.settings;
    expect(saved.learning.annualMinutes).toBe(40 * 60);
    expect(saved.additional.slotsPerYear).toBe(10);
    expect(saved.activities.reminderDaysBefore).toEqual([14, 7, 1]);
    expect(saved.routing.candidatesByFocus.evaluation).toEqual(['dynamo', 'niska', 'yann-pezzini']);
    await page.setViewportSize(PHONE);
    await sys.check(page, 'settings-390');
    await page.close();
  });

  it('sends a bulk message to the mailing list; a session audience asks for the session', async () => {
    const page = await open('#/');
    await signInAsCoordination(page);
    await page.getByRole('link', { name: 'Message groupé' }).click();
    const form = page.getByRole('form', { name: 'Message groupé' });
    await form.waitFor();
    expect(await form.locator('select[name="sessionId"]').isVisible()).toBe(false);
    await form.getByLabel('Personnes inscrites à une session').check();
    expect(await form.locator('select[name="sessionId"]').isVisible()).toBe(true);
    await form.locator('input[name="subject"]').fill('Nouvelles du PIC');
    await form.locator('textarea[name="body"]').fill('Bonjour à toutes et à tous.');
    await form.getByRole('button', { name: 'Envoyer le message' }).click();
    // The refusal comes back from the API: wait for it to be shown before reading it.
    await fieldError(page, 'sessionId').waitFor();
    await expect(fieldError(page, 'sessionId').textContent()).resolves.toMatch(/^Session : /);
    await sys.check(page, 'bulk-errors-390');
    await form.getByLabel("Liste d'envoi (abonnements confirmés)").check();
    await form.getByRole('button', { name: 'Envoyer le message' }).click();
    await page.waitForSelector('text=Message en cours d’envoi à 0 destinataires.');
    await page.close();
  });
});
