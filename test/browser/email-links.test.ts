/**
 * Every link in every email opens a working page. Requests go through the real API, the outbox is swept to the SES
 * emulator, and each link of each email the system sent is opened in Chromium (under the page's CSP): the page it
 * opens has a title, is not the not-found page and shows no error. Links to other sites (the RCL offer) are not ours
 * to open.
 */
import { describe, expect, it } from 'vitest';
import { onFile, sesMessages, to, uniq, type SesMessage } from '../support/harness.ts';
import { useBrowserSystem } from '../support/browser.ts';
import { createSession } from '#usecases/create-session';
import { sendBulk } from '#usecases/send-bulk';
import { sweepOutbox } from '#usecases/deliver-notification';
import { keys } from '#adapters/dynamodb/keys';
import type { OutboxRecord } from '#usecases/outbox';

const sys = useBrowserSystem({ now: new Date('2026-11-28T01:30:00Z') });

async function post(path: string, body: unknown) {
  const res = await fetch(`${sys.base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${uniq().length}.1` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => undefined)) as Record<string, unknown> };
}

/** The links of an email, from its HTML (where the reader clicks) and its text version. */
function linksOf(m: SesMessage): string[] {
  const html = [...(m.body.html ?? '').matchAll(/href="([^"]+)"/g)].map((x) => x[1].replace(/&amp;/g, '&'));
  const text = [...(m.body.text ?? '').matchAll(/https?:\/\/\S+/g)].map((x) => x[0]);
  return [...new Set([...html, ...text])];
}

/** Opens a link as its reader would, on a phone; returns what a person sees at the top of the page. */
async function open(url: string) {
  const context = await sys.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('main h1');
  await page.waitForLoadState('networkidle');
  const title = (await page.locator('main h1').first().textContent())?.trim() ?? '';
  const alerts = (await page.locator('main [role="alert"], main .error').allTextContents()).filter((s) => s.trim());
  return { page, context, title, alerts };
}

const seen = new Set<string>();
const templatesSent = new Set<string>();
const opened: Array<{ subject: string; url: string; title: string }> = [];

/** Sends what the outbox holds, then opens every link of every email not yet seen whose recipient is `who`. */
async function followNewLinks(recipients: string[]) {
  await sweepOutbox(sys.deps, { pendingGraceMs: 0 });
  for (const r of await sys.deps.store.query<OutboxRecord>(keys.outboxByStatus('sent'))) templatesSent.add(r.template);
  const mails = (await sesMessages()).filter((m) => recipients.some((r) => to(r)(m)));
  for (const m of mails) {
    const id = `${m.subject}|${m.destination.to.join()}|${m.body.text}`;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const url of linksOf(m).filter((u) => u.startsWith(sys.base))) {
      const { page, context, title, alerts } = await open(url);
      opened.push({ subject: m.subject, url, title });
      expect(title, `${m.subject} → ${url}`).not.toMatch(/^(404|Page introuvable)$/);
      expect(title, `${m.subject} → ${url}`).not.toBe('');
      expect(alerts, `${m.subject} → ${url}`).toEqual([]);
      // Links that act (a partner accepting, a reader confirming): the action their signature allows succeeds.
      if (/#\/reponse\?.*action=accept|#\/confirmation\?/.test(url)) {
        await page.locator('main button.primary').first().click();
        await page.locator('main .success, main [role="alert"]').first().waitFor();
        expect(await page.locator('main [role="alert"]').allTextContents(), url).toEqual([]);
      }
      await context.close();
    }
  }
}

describe('links in emails', () => {
  it('every link the system mails opens a working page', async () => {
    const tag = uniq();
    const onFileEmail = `zoe-${tag}@example.org`;
    const stranger = `inconnu-${tag}@example.org`;
    const lea = `lea-${tag}@example.org`;
    const eloise = `eloise-${tag}@example.org`;
    const reader = `lecteur-${tag}@example.org`;
    await onFile(sys.deps, 'verdun', onFileEmail, 'Zoé Tremblay');
    await onFile(sys.deps, 'lachine', lea, 'Léa');
    const partners = ['dynamo', 'niska', 'yann-pezzini'].map((p) => `accompagnement-${p}@example.org`);
    const everyone = [onFileEmail, stranger, lea, eloise, reader, ...partners, sys.deps.config.mail.team];

    // A request from a contact on file: the partner's accept/decline links, the requester's status and "not me" links.
    const learning = await post('/api/learning-requests', {
      quartierId: 'verdun',
      contact: { name: 'Zoé Tremblay', email: onFileEmail },
      question: 'Comment savoir si notre plan de quartier change quelque chose ?',
      focus: 'evaluation',
      preferredPartnerId: 'niska',
    });
    expect(learning.status).toBe(201);
    // From an address not on file: the link that confirms the address.
    const unverified = await post('/api/learning-requests', {
      quartierId: 'rosemont',
      contact: { name: 'Personne inconnue', email: stranger },
      question: 'Comment mobiliser les citoyennes et citoyens ?',
      focus: 'strategic-clarity',
    });
    expect(unverified.status).toBe(201);
    const additional = await post('/api/additional-support-requests', {
      quartierId: 'lachine',
      contact: { name: 'Léa', email: lea },
      topic: 'Codesign de notre stratégie de changement',
      advisorConsulted: true,
    });
    expect(additional.status, JSON.stringify(additional.body)).toBe(201);
    const session = await createSession(sys.deps, {
      activityId: 'festival-impact-collectif',
      date: '2027-02-24',
      startTime: '13:00',
      duration: 'half-day',
      capacity: 25,
    });
    if (session.kind !== 'created') throw new Error(session.kind);
    const registration = await post(`/api/sessions/${session.session.id}/registrations`, {
      name: 'Éloïse Côté',
      email: eloise,
    });
    expect(registration.status).toBe(201);
    expect((await post('/api/mailing-list/subscriptions', { email: reader, consent: true })).status).toBe(202);
    await followNewLinks(everyone);

    // The requester's status email after the partner accepted; the newsletter, once the reader confirmed: its links.
    await sendBulk(sys.deps, {
      audience: 'mailing-list',
      subject: 'Infolettre',
      body: 'Bonjour,\n\nVoici les nouvelles.',
    });
    await followNewLinks(everyone);

    expect(opened.map((o) => o.url.replace(sys.base, '').split('?')[0]).sort()).toEqual(
      expect.arrayContaining([
        '/#/reponse',
        '/#/annuler',
        '/#/confirmation',
        '/#/desabonnement',
        '/#/verifier',
        expect.stringMatching(/^\/#\/demande\//),
      ]),
    );
    expect([...templatesSent]).toEqual(
      expect.arrayContaining([
        'learning-request-routed',
        'learning-request-received',
        'learning-request-status',
        'additional-support-outcome',
        'registration',
        'subscription-confirm',
        'trust-verify-email',
        'bulk',
      ]),
    );
  }, 240_000);
});
