/**
 * The privacy notice (issue 19, Law 25) in real Chromium against the real API: linked from every page's footer, in
 * French and English, its person in charge and retention as coordination sets them on the settings page; the
 * coordination dashboard says what the next retention run will anonymise.
 */
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, useBrowserSystem } from '../support/browser.ts';
import { onFile, uniq } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { listQuartiers } from '#usecases/quartiers';
import { signLocalToken } from '#shared/auth';
import { DEFAULT_SETTINGS } from '#domain/settings';
import { settingsLoader } from '#shared/wiring';

/** The server's clock and the browser's: no test depends on the day it runs. */
const sys = useBrowserSystem({ now: new Date('2026-11-27T15:00:00Z') });

async function newPage(opts: { locale?: string; staff?: string } = {}) {
  const context = await sys.newContext({ locale: opts.locale });
  if (opts.staff) await context.addInitScript((t) => sessionStorage.setItem('pic-token', t), opts.staff);
  return context.newPage();
}

describe('the privacy notice, in Chromium', () => {
  it('is one click from every page, in French and English, with the facts of GET /api/privacy', async () => {
    const page = await newPage();
    for (const path of ['#/', '#/accompagnement', '#/activites', '#/connexion']) {
      await page.goto(`${sys.base}/${path}`);
      await page.waitForSelector('main h1');
      expect(await page.locator('footer a[href="#/confidentialite"]').textContent(), path).toBe('Confidentialité');
    }
    await page.locator('footer a[href="#/confidentialite"]').click();
    await page.waitForSelector('main h1:text("Confidentialité et renseignements personnels")');
    await page.waitForSelector('main address');
    const main = (await page.locator('main').textContent()) ?? '';
    const { officer } = DEFAULT_SETTINGS.privacy;
    expect(await page.locator('main address').textContent()).toContain(officer.name);
    expect(await page.locator(`main address a[href="mailto:${officer.email}"]`).count()).toBe(1);
    expect(main).toContain('conservés 2 an(s)');
    expect(main).toContain('Canada (région AWS ca-central-1');
    expect(main).toContain('dans un délai de 30 jours');
    expect(await page.locator('main ul li').count()).toBe(6);
    await sys.check(page, 'privacy-notice', [PHONE, DESKTOP]);
    await page.context().close();

    const english = await newPage({ locale: 'en-CA' });
    await english.goto(`${sys.base}/#/confidentialite`);
    await english.waitForSelector('main address');
    expect(await english.locator('main h1').textContent()).toBe('Privacy and personal information');
    expect(await english.locator('footer a').textContent()).toBe('Privacy');
    expect(await english.locator('main').textContent()).toContain('kept 2 year(s) after a request closes');
    await english.context().close();
  });

  it('shows the person in charge and the retention coordination sets in the settings; the dashboard previews it', async () => {
    const team = await signLocalToken(sys.deps.config.auth.localSigningKey!, 'coordination');
    const settings = await newPage({ staff: team });
    await settings.goto(`${sys.base}/#/coordination/parametres`);
    await settings.waitForSelector('main form');
    await settings.getByLabel('Personne responsable (nom, fonction)').fill('Claire Dubé, directrice générale');
    await settings.getByLabel('Son courriel').fill('claire.dube@example.org');
    await settings.getByLabel('Son adresse postale').fill('1, rue Exemple, Montréal (Québec)');
    await settings.getByLabel('Conservation (années)').fill('3');
    await settings.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await settings.waitForSelector('#admin-status:text("Paramètres enregistrés.")');
    expect((await sys.deps.repos.settings.read())!.privacy).toEqual({
      officer: {
        name: 'Claire Dubé, directrice générale',
        email: 'claire.dube@example.org',
        address: '1, rue Exemple, Montréal (Québec)',
      },
      retentionYears: 3,
    });

    await settings.goto(`${sys.base}/#/coordination`);
    await settings.waitForSelector('#retention-preview');
    expect(await settings.locator('#retention-preview').textContent()).toBe(
      'Conservation : la prochaine exécution quotidienne anonymisera 0 demande(s), 0 inscription(s) et 0 autre(s) enregistrement(s).',
    );
    await settings.context().close();

    // Functions read the settings through a 30 s cache: a fresh process (a new loader) sees the new ones at once.
    sys.deps.settings = settingsLoader(sys.deps.store);
    const page = await newPage();
    await page.goto(`${sys.base}/#/confidentialite`);
    await page.waitForSelector('main address');
    expect(await page.locator('main address').textContent()).toContain('Claire Dubé, directrice générale');
    expect(await page.locator('main').textContent()).toContain('conservés 3 an(s)');
    await page.context().close();
  });

  it('lets coordination find what is held of an address, export it, and erase the person', async () => {
    const team = await signLocalToken(sys.deps.config.auth.localSigningKey!, 'coordination');
    const email = `marie-${uniq()}@example.org`;
    const quartierId = (await listQuartiers(sys.deps))[0]!.id;
    await onFile(sys.deps, quartierId, email, 'Marie Lavoie');
    const sent = await apiClient(sys.deps)({
      path: '/api/learning-requests',
      body: { quartierId, contact: { name: 'Marie Lavoie', email }, question: 'Une question ?', focus: 'evaluation' },
    });
    expect(sent.status).toBe(201);
    const page = await newPage({ staff: team });
    await page.goto(`${sys.base}/#/coordination`);
    await page.getByRole('link', { name: 'Renseignements personnels' }).click();
    await page.waitForSelector('main h1:text("Renseignements personnels")');
    const access = page.getByRole('form', { name: 'Accès et portabilité' });
    await access.getByLabel('Courriel').fill(email);
    await access.getByRole('button', { name: 'Chercher' }).click();
    await page.waitForSelector('#privacy-found li');
    const list = (await page.locator('#privacy-found').textContent()) ?? '';
    expect(list).toContain('Demandes : 1');
    expect(list).toContain('Personne-ressource de quartier : 1');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger (CSV)' }).click();
    expect((await download).suggestedFilename()).toBe('donnees-personnelles.csv');
    await sys.check(page, 'privacy-admin', [PHONE, DESKTOP]);

    const erase = page.getByRole('form', { name: 'Effacement' });
    await erase.getByLabel('Courriel').fill(email);
    await erase.getByLabel('Raison (conservée)').fill('Demande écrite de la personne');
    await erase.getByRole('button', { name: 'Effacer cette personne' }).click();
    await page.waitForSelector('#privacy-status:text("Effacé")');
    expect(await page.locator('#privacy-status').textContent()).toMatch(
      /^Effacé : \d+ enregistrement\(s\) anonymisé\(s\), \d+ courriel\(s\) annulé\(s\)\.$/,
    );
    expect((await sys.deps.repos.requests.get(sent.body.id))!.contact.email).not.toBe(email);
    await page.context().close();
  });
});
