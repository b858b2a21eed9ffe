/**
 * Every link in every email opens a working page. Requests go through the real API and the daily jobs, the outbox is
 * swept to the SES emulator, and each link of each email the system sent is opened in Chromium (under the page's
 * CSP): the page it opens is the one `cases` names for that template and link, shows what it should, and no error.
 * Every template has a case (a new template without one fails here): one with links must be sent by the journey
 * below; one without links is rendered from a sample, in both languages, and must carry none. Links to other sites
 * (the RCL offer) are not ours to open.
 */
import { describe, expect, it } from 'vitest';
import { onFile, sesMessages, uniq, type SesMessage } from '../support/harness.ts';
import { useBrowserSystem } from '../support/browser.ts';
import { createSession } from '#usecases/create-session';
import { sendBulk } from '#usecases/send-bulk';
import { sweepOutbox } from '#usecases/deliver-notification';
import { keys } from '#adapters/dynamodb/keys';
import { chaseUnansweredRequests } from '#usecases/chase-unanswered-requests';
import { renderEmail, templates, type TemplateData, type TemplateName } from '#email/templates';
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

/** What a link must open: the page's title, and what the page shows of the email's data (its quartier, its session). */
type Opens = { title: RegExp; shows?: (data: Record<string, unknown>) => string };
/**
 * Per template, what each of its links opens, by the link's route (`/#/demande/:id` for a request's status page);
 * `sample` renders a template without links that the journey does not send.
 */
type Case<N extends TemplateName> = { links: Record<string, Opens>; sample?: TemplateData<N> };

const quartier = (data: Record<string, unknown>) => String(data.quartierName);
const statusPage: Opens = {
  title: /^(Faire une demande d'accompagnement|Demander le soutien additionnel) — /,
  shows: quartier,
};
/** The answer page names the request the email names (its number), before the partner confirms. */
const answerPage: Opens = { title: /^(Accepter|Décliner) la demande$/, shows: (d) => String(d.requestId) };
/** A staff page opened before signing in says whose it is and links to the sign-in. */
const signInFirst = (whose: string): Opens => ({ title: /^Connexion requise$/, shows: () => `réservée ${whose}` });
/** The mailing list's pages name the address they act on. */
const listPage = (title: RegExp): Opens => ({ title, shows: (_d) => '@example.org' });
const cases: { [N in TemplateName]: Case<N> } = {
  'learning-request-routed': { links: { '/#/reponse': answerPage } },
  'learning-request-received': { links: { '/#/demande/:id': statusPage } },
  'learning-request-status': {
    links: { '/#/demande/:id': statusPage, '/#/partenaire': signInFirst('aux partenaires') },
  },
  'learning-request-needs-decision': { links: { '/#/coordination': signInFirst("à l'équipe de coordination") } },
  'partner-reminder': { links: { '/#/reponse': answerPage } },
  'additional-support-request': { links: {} },
  'additional-support-outcome': { links: { '/#/demande/:id': statusPage } },
  'additional-support-change': {
    links: {},
    sample: { quartierName: 'Verdun', change: 'released', slot: 3, capacity: 9, reason: 'Fin', nextQuartierName: 'X' },
  },
  'hours-threshold': {
    links: {},
    sample: { quartierName: 'Verdun', year: '2026-2027', percent: 80, availableMinutes: 300, axisLabel: 'axe 1' },
  },
  'hours-billable': {
    links: {},
    sample: { quartierName: 'Verdun', year: '2026-2027', billableMinutes: 90, axisLabel: 'axe 1' },
  },
  'carry-expiry-reminder': {
    links: {},
    sample: { quartierName: 'Verdun', expiringMinutes: 120, expiresOn: '2027-03-31' },
  },
  'year-opening-summary': {
    links: {},
    sample: { year: '2027-2028', quartiers: 20, carriedMinutes: 60, expiredMinutes: 0, allocatedMinutes: 6000 },
  },
  registration: {
    links: { '/#/annuler': { title: /^Annuler mon inscription$/, shows: (d) => String(d.activityTitle) } },
  },
  'topic-proposal': {
    links: {},
    sample: { name: 'Zoé', email: 'zoe@example.org', topic: 'Évaluation', details: 'Un atelier' },
  },
  'subscription-confirm': { links: { '/#/confirmation': listPage(/^Je confirme mon abonnement$/) } },
  'trust-verify-email': {
    links: { '/#/verifier': { title: /^Confirmer mon adresse courriel$/ }, '/#/demande/:id': statusPage },
  },
  'trust-confirm': {
    links: { '/#/confirmer': { title: /^Cette personne parle-t-elle au nom du quartier/, shows: quartier } },
  },
  'trust-refused': {
    links: {},
    sample: { contactName: 'Zoé', quartierName: 'Verdun', reason: 'Inconnue', teamEmail: 'equipe@example.org' },
  },
  bulk: { links: { '/#/desabonnement': listPage(/^Me désabonner$/) } },
};

/** The route a link opens, its ids left out: `/#/demande/:id`, `/#/reponse`. */
const routeOf = (url: string) =>
  url
    .replace(sys.base, '')
    .split('?')[0]
    .replace(/^\/#\/demande\/[^/?]+/, '/#/demande/:id');

const sent = new Set<string>();
const templatesSent = new Set<TemplateName>();
const opened: Array<{ template: TemplateName; route: string; title: string }> = [];
/** Requests whose partner must not answer: the reminder and the team's decision come from their silence. */
const leaveUnanswered = new Set<string>();

/**
 * Sends what the outbox holds; renders each email sent since the last call, checks the SES emulator received it, and
 * opens every link of ours it carries, as its reader would, checking the page `cases` names.
 */
async function followNewLinks() {
  await sweepOutbox(sys.deps, { pendingGraceMs: 0 });
  const delivered = new Set((await sesMessages()).map((m) => `${m.subject}|${m.destination.to.join()}`));
  const records = await sys.deps.store.query<OutboxRecord>(keys.outboxByStatus('sent'));
  for (const r of records.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    if (sent.has(r.id)) continue;
    sent.add(r.id);
    templatesSent.add(r.template);
    const email = renderEmail(r.template, r.data as never, r.locale);
    expect(delivered, `${r.template} delivered`).toContain(`${email.subject}|${r.to.join()}`);
    const m = { subject: email.subject, body: { html: email.html, text: email.text } } as SesMessage;
    for (const url of linksOf(m).filter((u) => u.startsWith(sys.base))) {
      const route = routeOf(url);
      const expected = cases[r.template].links[route];
      expect(expected, `${r.template}: a link to ${route} with no case`).toBeDefined();
      const { page, context, title, alerts } = await open(url).catch((e) => {
        throw new Error(`${r.template} → ${url}: ${e}`);
      });
      opened.push({ template: r.template, route, title });
      expect(title, `${r.template} → ${url}`).toMatch(expected.title);
      expect(alerts, `${r.template} → ${url}`).toEqual([]);
      if (expected.shows) expect(await page.locator('main').textContent(), url).toContain(expected.shows(r.data));
      // Links that act (a partner accepting, a reader or an address's owner confirming): the action succeeds.
      const unanswered = [...leaveUnanswered].some((id) => url.includes(`id=${id}`));
      if (/#\/reponse\?.*action=accept|#\/confirmation\?|#\/verifier\?/.test(url) && !unanswered) {
        await page.locator('main button.primary').first().click();
        await page.locator('main .success, main [role="alert"]').first().waitFor();
        expect(await page.locator('main [role="alert"]').allTextContents(), url).toEqual([]);
      }
      await context.close();
    }
  }
}

describe('links in emails', () => {
  it('every template has a case; one without links, rendered in both languages, carries none', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(templates).sort());
    for (const name of Object.keys(templates) as TemplateName[]) {
      const c = cases[name] as Case<TemplateName>;
      if (!c.sample) continue;
      expect(Object.keys(c.links), name).toEqual([]);
      for (const locale of ['fr', 'en'] as const) {
        const email = renderEmail(name, c.sample as never, locale, { contact: 'equipe@example.org' });
        expect(linksOf({ body: { html: email.html, text: email.text } } as SesMessage), name).toEqual([]);
      }
    }
  });

  it('every link the system mails opens the page its email promises', async () => {
    const tag = uniq();
    const onFileEmail = `zoe-${tag}@example.org`;
    const stranger = `inconnu-${tag}@example.org`;
    const lea = `lea-${tag}@example.org`;
    const reader = `lecteur-${tag}@example.org`;
    await onFile(sys.deps, 'verdun', onFileEmail, 'Zoé Tremblay');
    await onFile(sys.deps, 'lachine', lea, 'Léa');

    // A request from a contact on file: the partner's accept/decline links, the requester's status link.
    const learning = await post('/api/learning-requests', {
      quartierId: 'verdun',
      contact: { name: 'Zoé Tremblay', email: onFileEmail },
      question: 'Comment savoir si notre plan de quartier change quelque chose ?',
      focus: 'evaluation',
      preferredPartnerId: 'niska',
    });
    expect(learning.status).toBe(201);
    // One its partner leaves unanswered: the reminder, then the team's decision.
    const silent = await post('/api/learning-requests', {
      quartierId: 'lachine',
      contact: { name: 'Léa', email: lea },
      question: 'Comment rendre compte de nos apprentissages au comité ?',
      focus: 'evaluation',
      preferredPartnerId: 'dynamo',
    });
    expect(silent.status, JSON.stringify(silent.body)).toBe(201);
    leaveUnanswered.add(String(silent.body.id));
    // From an address not on file: the link that confirms the address, then the advisor's link to vouch.
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
      email: `eloise-${tag}@example.org`,
    });
    expect(registration.status).toBe(201);
    expect((await post('/api/mailing-list/subscriptions', { email: reader, consent: true })).status).toBe(202);
    await followNewLinks();

    // The requester's status email after the partner accepted, the advisor's link once the address is confirmed, the
    // newsletter once the reader confirmed.
    await sendBulk(sys.deps, {
      audience: 'mailing-list',
      subject: 'Infolettre',
      body: 'Bonjour,\n\nVoici les nouvelles.',
    });
    await followNewLinks();

    // A week without an answer: the partner is reminded; two weeks: the request is re-routed and the team told.
    sys.clock.advanceDays(7);
    expect((await chaseUnansweredRequests(sys.deps)).reminded).toBeGreaterThan(0);
    await followNewLinks();
    sys.clock.advanceDays(7);
    expect((await chaseUnansweredRequests(sys.deps)).rerouted).toBeGreaterThan(0);
    await followNewLinks();

    for (const name of Object.keys(templates) as TemplateName[]) {
      const routes = Object.keys(cases[name].links);
      if (routes.length === 0) continue;
      expect(templatesSent, `${name} sent by the journey`).toContain(name);
      expect(
        opened.filter((o) => o.template === name).map((o) => o.route),
        `${name}'s links opened`,
      ).not.toEqual([]);
    }
  }, 300_000);
});
