/** The access page in real Chromium, against the real API and the local staff directory: list, invite, revoke. */
import { describe, expect, it } from 'vitest';
import { useBrowserSystem } from '../support/browser.ts';

const sys = useBrowserSystem({ now: new Date('2027-01-15T14:00:00Z') });

describe('the access page', () => {
  it('invites a partner, names a bad field in French, and revokes access', async () => {
    const page = await sys.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${sys.base}/#/connexion`);
    await page.selectOption('#signin-role', '');
    await page.getByRole('button', { name: 'Connexion' }).click();
    await page.getByRole('link', { name: "Qui a accès à l'espace équipe" }).click();
    await page.waitForSelector('main h1:has-text("Qui a accès")');
    await page.waitForSelector('text=Aucun élément.');

    await page.getByLabel('Courriel').fill('marie@example.org');
    await page.getByRole('button', { name: 'Inviter une personne' }).click();
    const error = page.locator('.error-summary li');
    await error.first().waitFor();
    expect(await error.allTextContents()).toEqual(['Partenaire : obligatoire']);

    await page.getByLabel('Nom', { exact: true }).fill('Marie Gagnon');
    await page.locator('select[name="partnerId"]').selectOption('niska');
    await page.getByRole('button', { name: 'Inviter une personne' }).click();
    const row = page.locator('tbody tr', { hasText: 'marie@example.org' });
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual([
      'marie@example.org',
      'Marie Gagnon',
      'Partenaire — Niska',
      'En attente de la première connexion',
      '15 janvier 2027',
      "Retirer l'accès",
    ]);
    await sys.check(page, 'acces');

    await row.getByRole('button', { name: "Retirer l'accès : marie@example.org" }).click();
    await page.waitForSelector('td:has-text("Accès retiré")');
    expect(await page.locator('tbody tr', { hasText: 'marie@example.org' }).locator('td').allTextContents()).toEqual([
      'marie@example.org',
      'Marie Gagnon',
      '—',
      'Accès retiré',
      '15 janvier 2027',
      '',
    ]);
    await page.context().close();
  });
});
