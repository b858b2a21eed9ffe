/** The import page in real Chromium, against the real API: choose a CSV, preview, apply, see the errors, export. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { useBrowserSystem } from '../support/browser.ts';

const sys = useBrowserSystem({ now: new Date('2026-11-27T15:00:00Z') });

const HEADER = 'id;name;advisorName;advisorEmail;contactName;contactEmail;enrolledYear;openingCarryMinutes';
const file = (...lines: string[]) => ({
  name: 'quartiers.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'),
});

describe('the import page', () => {
  it('previews a file row by row, applies it, names a bad row by line and column, downloads the export', async () => {
    const page = await sys.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${sys.base}/#/connexion`);
    await page.selectOption('#signin-role', '');
    await page.getByRole('button', { name: 'Connexion' }).click();
    await page.getByRole('link', { name: 'Importer les quartiers (tableur)' }).click();
    await page.waitForSelector('main h1:has-text("Importer les quartiers")');

    await page
      .getByLabel('Fichier CSV')
      .setInputFiles(
        file(
          HEADER,
          'ahuntsic;Ahuntsic (renommé);Ana Roy;ana@example.org;Zoé;zoe@example.org;2020-2021;',
          'nouveau-quartier;Nouveau quartier;Luc;luc@example.org;;;2023-2024;300',
        ),
      );
    await page.getByRole('button', { name: 'Aperçu' }).click();
    const rows = page.locator('#import-result tbody tr');
    await rows.first().waitFor();
    expect(await rows.nth(0).locator('td').allTextContents()).toEqual([
      '2',
      'ahuntsic',
      'À modifier',
      'nom, conseiller·ère, personne-ressource',
    ]);
    expect(await rows.nth(1).locator('td').allTextContents()).toEqual(['3', 'nouveau-quartier', 'À créer', '—']);
    expect(await page.locator('#import-summary').textContent()).toMatch(/Créés : 1/);
    await sys.check(page, 'import-apercu');

    await page.getByRole('button', { name: "Appliquer l'import" }).click();
    await page.waitForSelector('#import-result h2:has-text("Import appliqué")');
    const balance = (await sys.deps.store.get<{ carriedInMinutes: number }>({
      pk: 'LEDGER#nouveau-quartier#learning',
      sk: 'YEAR#2026-2027',
    }))!;
    expect(balance.carriedInMinutes).toBe(300);

    await page
      .getByLabel('Fichier CSV')
      .setInputFiles(file(HEADER, 'x-1;X;Ana;ana@example.org;;;2020-2021;', 'x-2;Y;Luc;pas-un-courriel;;;2020-2021;'));
    await page.getByRole('button', { name: 'Aperçu' }).click();
    const error = page.locator('#import-result [role="alert"] li');
    await error.first().waitFor();
    expect(await error.allTextContents()).toEqual([
      expect.stringMatching(/^Ligne 3 · Courriel du conseiller ou de la conseillère \(advisorEmail\) : /),
    ]);
    expect(await page.getByRole('button', { name: "Appliquer l'import" }).isDisabled()).toBe(true);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger le fichier des quartiers (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('quartiers.csv');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith(`\uFEFF"id";"name";"advisorName"`)).toBe(true);
    expect(text).toContain(
      [
        '"nouveau-quartier"',
        '"Nouveau quartier"',
        '"Luc"',
        '"luc@example.org"',
        '""',
        '""',
        '"2023-2024"',
        '"300"\r\n',
      ].join(';'),
    );
    await page.context().close();
  }, 60_000);
});
