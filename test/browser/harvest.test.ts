/**
 * The learning harvest's pages (issue 18) in real Chromium against the real API on DynamoDB Local, under the
 * Content-Security-Policy: the quartier and the partner keep the journal and record outcomes on the request's
 * pages, the quartier gives its consent, its next request shows what it learned, and coordination browses,
 * filters and prints the year's harvest, one page per theme. Fixed clock in the server and the browser.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { onFile, uniq } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { useBrowserSystem } from '../support/browser.ts';
import { signLocalToken } from '#shared/auth';

const NOW = new Date('2026-11-27T15:00:00Z');
const sys = useBrowserSystem({ now: NOW });
let api: ReturnType<typeof apiClient>;
let niska: string;

beforeAll(async () => {
  api = apiClient(sys.deps);
  niska = await signLocalToken(sys.deps.config.auth.localSigningKey!, 'partner', 'niska');
});

/** A page in a fixed-clock browser, signed in as `staff` when given. */
async function newPage(opts: { locale?: string; staff?: string } = {}) {
  const context = await sys.newContext({ locale: opts.locale });
  if (opts.staff) await context.addInitScript((t) => sessionStorage.setItem('pic-token', t), opts.staff);
  return context.newPage();
}

const check = (page: Parameters<typeof sys.check>[0], name: string) => sys.check(page, `harvest-${name}-390`);

/** A learning request of `quartierId` held by niska, in progress unless `routed`. */
async function request(quartierId: string, routed = false) {
  const email = `lea-${uniq()}@example.org`;
  await onFile(sys.deps, quartierId, email, 'Léa Tremblay');
  const r = await api({
    path: '/api/learning-requests',
    body: {
      quartierId,
      contact: { name: 'Léa Tremblay', email },
      question: 'Comment mesurer nos effets ?',
      focus: 'evaluation',
      preferredPartnerId: 'niska',
      estimatedMinutes: 600,
    },
  });
  expect(r.status).toBe(201);
  if (!routed) {
    await api({ path: `/api/learning-requests/${r.body.id}/accept`, token: niska, body: {} });
    await api({ path: `/api/learning-requests/${r.body.id}/progress`, token: niska, body: { status: 'in-progress' } });
  }
  return { id: r.body.id as string, token: r.body.statusToken as string };
}

describe('the journal on the request pages, in Chromium', () => {
  it('the quartier and its partner write; the quartier consents to share; its next request starts from it', async () => {
    const r = await request('rosemont');
    const page = await newPage();
    await page.goto(`${sys.base}/#/demande/${r.id}?t=${encodeURIComponent(r.token)}`);
    await page.waitForSelector('#journal-title');
    expect(await page.locator('.journal').textContent()).toContain('Rien encore dans le journal.');
    const entry = page.getByRole('form', { name: 'Ajouter au journal' });
    await entry.getByLabel("Type d'entrée").selectOption('intent');
    await entry.getByLabel('Texte').fill('Si cela réussit, nos membres suivront trois indicateurs.');
    await entry.getByRole('button', { name: 'Ajouter au journal' }).click();
    await page.waitForSelector('.journal-entries li:has-text("trois indicateurs")');
    expect(await page.locator('.journal-entries li').first().textContent()).toContain('par le quartier');

    const outcome = page.getByRole('form', { name: 'Noter un effet' });
    await outcome.getByLabel('Qui a changé', { exact: true }).fill('La table de quartier');
    await outcome.getByLabel('Ce qui a changé', { exact: true }).fill('Elle suit deux indicateurs.');
    await outcome.getByLabel("Contribution de l'accompagnement").fill('Le choix des indicateurs.');
    await outcome.getByLabel('impact collectif').check();
    await outcome.getByLabel(/Nous acceptons que cet effet soit partagé/).check();
    await outcome.getByRole('button', { name: 'Noter un effet' }).click();
    await page.waitForSelector('.outcomes li:has-text("Elle suit deux indicateurs")');
    expect(await page.locator('.outcomes li .sharing').textContent()).toBe('Partagé au-delà de l’équipe du programme');
    // The quartier corrects its statement; its consent stays.
    await page.locator('.outcomes li').getByRole('button', { name: 'Modifier' }).click();
    const edit = page.getByRole('form', { name: 'Modifier' });
    await edit.getByLabel('Ce qui a changé', { exact: true }).fill('Elle suit trois indicateurs avec ses membres.');
    await edit.getByLabel('gouvernance collective').check();
    await edit.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForSelector('.outcomes li:has-text("gouvernance collective")');
    expect(await page.locator('.outcomes li .sharing').textContent()).toBe('Partagé au-delà de l’équipe du programme');
    await check(page, 'status');

    // The partner holding it sees the quartier's entries and writes the after-action review.
    const partner = await newPage({ staff: niska });
    await partner.goto(`${sys.base}/#/partenaire/${r.id}`);
    await partner.waitForSelector('.journal-entries li:has-text("trois indicateurs")');
    expect(await partner.locator('.journal').textContent()).toContain(
      'Seul le quartier peut consentir au partage, depuis sa page de suivi.',
    );
    const review = partner.getByRole('form', { name: 'Ajouter au journal' });
    await review.getByLabel("Type d'entrée").selectOption('after-action');
    await review.getByLabel('Texte').fill('Prévu : trois indicateurs. Arrivé : deux. Autrement : plus tôt.');
    await review.getByRole('button', { name: 'Ajouter au journal' }).click();
    await partner.waitForSelector('.journal-entries li:has-text("Bilan après action")');
    expect(await partner.locator('.journal-entries li:has-text("Bilan après action")').textContent()).toContain(
      'par Niska',
    );
    await check(partner, 'partner');
    await partner.context().close();

    // The quartier's next request opens on what it learned.
    const next = await request('rosemont', true);
    await page.goto(`${sys.base}/#/demande/${next.id}?t=${encodeURIComponent(next.token)}`);
    await page.waitForSelector('#earlier-title');
    const earlier = (await page.locator('.earlier').textContent()) ?? '';
    expect(earlier).toContain('Elle suit trois indicateurs avec ses membres.');
    expect(earlier).toContain('Prévu : trois indicateurs.');
    await page.context().close();
  });
});

describe("the coordination's harvest, in Chromium", () => {
  it('browses, filters, downloads and prints the year, one page per theme, in French and English', async () => {
    const r = await request('verdun');
    await api({
      path: `/api/learning-requests/${r.id}/outcomes`,
      token: niska,
      body: {
        actor: 'Le comité',
        change: 'Il se réunit chaque mois.',
        contribution: 'Un calendrier commun.',
        themes: ['gouvernance collective'],
        shared: false,
      },
    });
    const team = await signLocalToken(sys.deps.config.auth.localSigningKey!, 'coordination');
    const page = await newPage({ staff: team });
    await page.goto(`${sys.base}/#/coordination/recolte`);
    await page.waitForSelector('.harvest-list');
    expect(await page.locator('select[name="year"]').inputValue()).toBe('2026-2027');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Il se réunit chaque mois.');
    expect(text).toMatch(/Effets : \d+ \(partagés : \d+\)/);
    await check(page, 'browse');

    // Filters: this outcome is tagged "gouvernance collective" only, and held by Niska.
    await page.getByLabel('Thèmes').selectOption('impact collectif');
    await page.waitForFunction(() => !document.querySelector('main')?.textContent?.includes('Il se réunit'));
    await page.getByLabel('Thèmes').selectOption('gouvernance collective');
    await page.getByLabel('Partenaire').selectOption('niska');
    expect(await page.locator('main').textContent()).toContain('Il se réunit chaque mois.');
    await page.getByLabel('Partenaire').selectOption('dynamo');
    expect(await page.locator('main').textContent()).not.toContain('Il se réunit chaque mois.');
    await page.getByLabel('Partenaire').selectOption('');
    await page.getByLabel('Thèmes').selectOption('');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger (CSV pour Excel)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('recolte-2026-2027.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF"Type";"Date";"Quartier"')).toBe(true);

    await page.getByRole('button', { name: 'Version imprimable (festival)' }).click();
    await page.waitForSelector('.print-theme');
    const themes = await page.locator('.print-theme h2').allTextContents();
    expect(themes).toEqual(expect.arrayContaining(['Récolte des apprentissages 2026-2027 — gouvernance collective']));
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      breaks: [...document.querySelectorAll('.print-theme')].map((s) => getComputedStyle(s).breakBefore),
      actions: getComputedStyle(document.querySelector('.harvest-actions')!).display,
      filters: getComputedStyle(document.querySelector('.harvest-filters')!).display,
    }));
    expect(printed.breaks.slice(1).every((b) => b === 'page')).toBe(true);
    expect(printed.actions).toBe('none');
    expect(printed.filters).toBe('none');
    await page.emulateMedia({ media: 'screen' });
    await page.context().close();

    // Coordination edits the themes where the settings are edited.
    const settings = await newPage({ staff: team });
    await settings.goto(`${sys.base}/#/coordination/parametres`);
    const themesArea = settings.getByLabel('Thèmes de la récolte');
    await expect(themesArea.inputValue()).resolves.toBe(
      'impact collectif\ngouvernance collective\névaluation et apprentissage',
    );
    await themesArea.fill('impact collectif\ngouvernance collective\névaluation et apprentissage\nfestival');
    await settings.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await settings.waitForSelector('#admin-status:text("Paramètres enregistrés.")');
    const stored = await sys.deps.repos.settings.read();
    expect(stored!.harvest.themes).toEqual([
      'impact collectif',
      'gouvernance collective',
      'évaluation et apprentissage',
      'festival',
    ]);
    await settings.context().close();

    const english = await newPage({ staff: team, locale: 'en-CA' });
    await english.goto(`${sys.base}/#/coordination/recolte`);
    await english.waitForSelector('.harvest-list');
    expect(await english.locator('h1').textContent()).toBe('Learning harvest');
    expect(await english.locator('main').textContent()).toMatch(/Outcomes: \d+ \(shared: \d+\)/);
    await english.context().close();
  });
});
