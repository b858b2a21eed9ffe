/**
 * The pages in real Chromium (Debian's, driven by playwright-core), against the real API on DynamoDB Local
 * and the SES emulator. Every page gets an axe-core check and a screenshot under test-output/screenshots, and runs
 * under the Content-Security-Policy it gets in AWS: a test fails on any violation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { onFile, uniq } from '../support/harness.ts';
import { useBrowserSystem } from '../support/browser.ts';
import { DEFAULT_SETTINGS } from '#domain/settings';
import { createSession } from '#usecases/create-session';
import { pageSecurityHeaders } from '#shared/security-headers';

/**
 * The server's clock, and the browser's: 20:30 in Montreal on 27 November, already the 28th in UTC, so a page that
 * computes "today" in UTC proposes a date the server refuses as in the future.
 */
const NOW = new Date('2026-11-28T01:30:00Z');
const sys = useBrowserSystem({ now: NOW });

beforeAll(async () => {
  // The contacts on file of the quartiers these pages ask for: their requests are served at once (test/browser/
  // trust.test.ts drives an address not on file).
  await onFile(sys.deps, 'verdun', 'zoe@example.org', 'Zoé Tremblay');
  await onFile(sys.deps, 'lachine', 'lea@example.org', 'Léa');
  await onFile(sys.deps, 'rosemont', 'ana@example.org', 'Ana');
});

const open = (path: string, locale = 'fr-CA') => sys.open(path, { locale, viewport: { width: 420, height: 900 } });

const signInAs = async (page: Page, partnerId: string) => {
  await page.goto(`${sys.base}/#/connexion`);
  await page.selectOption('#signin-role', partnerId);
  await page.getByRole('button', { name: 'Connexion' }).click();
};

describe('public pages', () => {
  it('presents the offer from the program document', async () => {
    const page = await open('#/');
    await expect(page.locator('main h1').textContent()).resolves.toBe('Renforcement des compétences et apprentissages');
    await page.waitForSelector('text=Niska');
    expect(await page.locator('.loop li').count()).toBe(6);
    // The numbers come from the settings (GET /api/program), not from the pages' catalogue.
    const { learning, additional } = DEFAULT_SETTINGS;
    const offer = (await page.locator('main').textContent()) ?? '';
    expect(offer).toContain(`${learning.annualMinutes / 60} heures par année`);
    expect(offer).toContain(`(${learning.availableCapMinutes / 60} heures au plus)`);
    expect(offer).toContain(`Jusqu'à ${additional.minutesPerSlot / 60} heures`);
    expect(offer).toContain(`pour ${additional.slotsPerYear} quartiers par année`);
    await sys.check(page, 'accueil');
    await page.close();
  });

  it('learning-request form: French messages on the fields, then a request and its status page', async () => {
    const page = await open('#/accompagnement');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    const quartierError = page.locator(
      `#${(await page.getAttribute('select[name="quartierId"]', 'aria-describedby'))!.split(' ').pop()!}`,
    );
    await expect(quartierError.textContent()).resolves.toMatch(/^Quartier : /);
    expect(await page.getAttribute('select[name="quartierId"]', 'aria-invalid')).toBe('true');
    await expect(page.locator('input[name="contact.email"] ~ .field-error').textContent()).resolves.toMatch(
      /^Courriel de la personne-ressource : /,
    );
    await sys.check(page, 'accompagnement-erreurs');

    await page.selectOption('select[name="quartierId"]', 'verdun');
    await page.fill('input[name="contact.name"]', 'Zoé Tremblay');
    await page.fill('input[name="contact.email"]', `zoe-${uniq()}@example.org`);
    await page.fill('input[name="contact.email"]', 'zoe@example.org');
    await page.fill('textarea[name="question"]', 'Comment savoir si notre plan de quartier change quelque chose ?');
    await page.check('input[name="focus"][value="evaluation"]');
    await page.selectOption('select[name="preferredPartnerId"]', 'niska');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.waitForSelector('text=Demande reçue');
    await page.getByRole('link', { name: 'Suivre ma demande' }).click();
    await page.waitForSelector('dl.facts');
    const facts = await page.locator('dl.facts').textContent();
    expect(facts).toContain('Transmise au partenaire');
    expect(facts).toContain('Niska');
    expect(facts).toContain('31 h disponibles');
    expect(page.url()).toContain('#/demande/');
    await sys.check(page, 'demande-statut');
    await page.close();
  });

  it('additional-support form explains the advisor step and refuses without it', async () => {
    const page = await open('#/soutien-additionnel');
    expect(await page.locator('.notice[role="note"]').first().textContent()).toContain('Chantal Grandchamp');
    await page.selectOption('select[name="quartierId"]', 'lachine');
    await page.fill('input[name="advisor.name"]', 'Conseil PIC Lachine');
    await page.fill('input[name="advisor.email"]', 'pic-lachine@example.org');
    await page.fill('input[name="contact.name"]', 'Léa');
    await page.fill('input[name="contact.email"]', 'lea@example.org');
    await page.fill('textarea[name="topic"]', 'Codesign de notre stratégie de changement');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary').textContent()).toContain(
      'Discussion avec le conseiller ou la conseillère Centraide',
    );
    await page.check('input[name="advisorConsulted"]');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.waitForSelector('text=Place accordée : 1 / 9');
    await sys.check(page, 'soutien-additionnel');
    await page.close();
  });

  it('activities: register to an upcoming session; topic proposal; mailing list', async () => {
    const s = await createSession(sys.deps, {
      activityId: 'festival-impact-collectif',
      date: '2027-02-24',
      startTime: '13:00',
      duration: 'half-day',
      capacity: 25,
    });
    expect(s.kind).toBe('created');
    const page = await open('#/activites');
    await sys.check(page, 'activites');
    await page.getByRole('link', { name: /S'inscrire : Festival de l'impact collectif/ }).click();
    await page.fill('#inscription input[name="name"]', 'Éloïse Côté');
    await page.fill('#inscription input[name="email"]', 'eloise@example.org');
    await page.locator('#inscription').getByRole('button', { name: "S'inscrire" }).click();
    await page.waitForSelector('text=Inscription confirmée');

    await page.goto(`${sys.base}/#/proposer-un-sujet`);
    await page.fill('input[name="name"]', 'Zoé');
    await page.fill('input[name="email"]', 'zoe@example.org');
    await page.fill('input[name="topic"]', 'Mobilisation citoyenne');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.waitForSelector("text=Merci ! Votre proposition a été transmise à l'équipe PIC.");

    await page.goto(`${sys.base}/#/liste-envoi`);
    await page.waitForSelector('input[name="email"]');
    await sys.check(page, 'liste-envoi');
    await page.fill('input[name="email"]', 'abonne@example.org');
    await page.getByRole('button', { name: "S'abonner à la liste d'envoi" }).click();
    await page.locator('.error-summary').waitFor();
    await page.check('input[name="consent"]');
    await page.getByRole('button', { name: "S'abonner à la liste d'envoi" }).click();
    await page.waitForSelector('text=Presque terminé');
    await page.close();
  });

  it('switches to English, with English validation messages', async () => {
    const page = await open('#/accompagnement');
    await page.click('#lang');
    await page.waitForSelector('text=Ask for accompaniment');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary').textContent()).toContain('Neighbourhood: ');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.close();
  });

  it('prints QR codes for each form, with PNG and SVG downloads', async () => {
    const page = await open('#/qr');
    await page.waitForSelector('.qr img');
    expect(await page.locator('.qr img').count()).toBe(4);
    expect(await page.locator('a[download$=".svg"]').count()).toBe(4);
    await sys.check(page, 'qr');
    await page.close();
  });
});

describe('staff pages', () => {
  it('a partner accepts a request and logs hours with the live balance', async () => {
    const submitted = await fetch(`${sys.base}/api/learning-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        quartierId: 'rosemont',
        contact: { name: 'Ana', email: 'ana@example.org' },
        question: 'Quels effets de nos actions ?',
        focus: 'evaluation',
        preferredPartnerId: 'yann-pezzini',
      }),
    }).then((r) => r.json());
    const page = await open('#/');
    await signInAs(page, 'yann-pezzini');
    await page.waitForSelector('text=Quels effets de nos actions ?');
    await sys.check(page, 'partenaire');
    const card = page.getByRole('listitem').filter({ hasText: 'Quels effets' });
    await card.getByRole('button', { name: 'Accepter la demande' }).click();
    await card.getByRole('button', { name: 'Oui, accepter' }).click();
    await card.getByRole('link', { name: 'Consigner des heures' }).click();
    await page.waitForSelector('#live-balance');
    expect(await page.locator('#live-balance').textContent()).toContain('31 h sur 31 h');
    await page.fill('input[name="duration"]', '2000');
    expect(await page.locator('.warning').isVisible()).toBe(true);
    await page.fill('input[name="duration"]', '90');
    expect(await page.locator('.warning').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Consigner des heures' }).last().click();
    await page.waitForFunction(() => document.querySelector('#live-balance')?.textContent?.includes('29 h 30'));
    await sys.check(page, 'partenaire-heures');
    const status = await fetch(`${sys.base}/api/requests/${submitted.id}`, {
      headers: { 'x-status-token': submitted.statusToken },
    }).then((r) => r.json());
    expect(status.status).toBe('accepted');
    expect(status.balance.usedMinutes).toBe(90);
    await page.close();
  });

  it('the coordination dashboard shows the 9-slot board and the balances', async () => {
    const page = await open('#/');
    await signInAs(page, '');
    await page.waitForSelector('.slots li');
    expect(await page.locator('.slots li').count()).toBe(9);
    expect(await page.locator('.slots li.taken').count()).toBe(1);
    const balances = page.locator('section', { has: page.getByRole('heading', { name: "Soldes d'heures" }) });
    expect(await balances.textContent()).toContain('Verdun');
    await page.getByRole('button', { name: 'Aperçu' }).click();
    await page.waitForFunction(() =>
      document.querySelector('#opening-result')?.textContent?.includes('rien n’est encore enregistré'),
    );
    await sys.check(page, 'coordination');
    await page.close();
  });
});

describe('the content security policy', () => {
  it('is on: the pages get the shared policy, and an injected inline script is refused and reported', async () => {
    const context = await sys.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const res = await page.goto(`${sys.base}/#/`);
    expect(res?.headers()['content-security-policy']).toBe(pageSecurityHeaders()['content-security-policy']);
    await page.waitForSelector('main h1');
    // What an HTML injection would do; the page's own code never builds markup from strings.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'document.body.dataset.injected = "ran"';
      document.body.append(s);
    });
    await expect.poll(() => sys.cspViolations.some((v) => v.startsWith('script-src-elem refused inline'))).toBe(true);
    expect(await page.evaluate(() => document.body.dataset.injected)).toBeUndefined();
    await context.close();
    // Seen, so the check after each test does not count it.
    sys.cspViolations.length = 0;
  });
});
