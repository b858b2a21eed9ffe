import { describe, expect, it } from 'vitest';
import { renderEmail, templates, type TemplateName } from '#email/templates';
import { headerSafe } from '#email/render';

const evil = 'Zoé <script>alert(1)</script>\r\nBcc: victim@example.org';

/** One realistic sample per template; the same data renders in both languages. */
const samples: Record<TemplateName, Record<string, unknown>> = {
  'learning-request-routed': {
    requestId: 'r1',
    quartierName: 'Verdun',
    question: 'Comment mesurer nos effets ?',
    focus: 'evaluation',
    contactName: 'Zoé',
    contactEmail: 'zoe@example.org',
    partnerName: 'Niska',
    estimatedMinutes: 600,
    mode: 'virtual',
    acceptUrl: 'https://pic.example/a',
    declineUrl: 'https://pic.example/d',
  },
  'learning-request-received': {
    requestId: 'r1',
    quartierName: 'Verdun',
    question: 'Q',
    focus: 'other',
    contactName: 'Zoé',
    contactEmail: 'zoe@example.org',
    partnerName: 'Niska',
    mode: 'virtual',
    statusUrl: 'https://pic.example/s',
    availableMinutes: 1860,
  },
  'learning-request-status': {
    contactName: 'Zoé',
    quartierName: 'Verdun',
    partnerName: 'Niska',
    status: 'accepted',
    statusUrl: 'https://pic.example/s',
  },
  'learning-request-needs-decision': {
    requestId: 'r1',
    quartierName: 'Verdun',
    why: 'every partner declined',
    dashboardUrl: 'https://pic.example/c',
  },
  'partner-reminder': {
    partnerName: 'Dynamo',
    quartierName: 'Verdun',
    requestId: 'r1',
    businessDays: 5,
    acceptUrl: 'https://pic.example/a',
    declineUrl: 'https://pic.example/d',
  },
  'additional-support-request': {
    requestId: 'r2',
    quartierName: 'Lachine',
    topic: 'Mode de fonctionnement inclusif',
    contactName: 'Léa',
    contactEmail: 'lea@example.org',
    advisorName: 'Conseil PIC',
    advisorEmail: 'pic@example.org',
    outcome: 'granted',
    slot: 3,
    capacity: 9,
  },
  'additional-support-outcome': {
    contactName: 'Léa',
    quartierName: 'Lachine',
    outcome: 'waitlisted',
    capacity: 9,
    position: 2,
    advisorName: 'Conseil PIC',
    statusUrl: 'https://pic.example/s',
    rclUrl: 'https://rcl.example/',
  },
  'additional-support-change': {
    quartierName: 'Lachine',
    change: 'released',
    slot: 3,
    capacity: 9,
    reason: 'project paused',
    nextQuartierName: 'Verdun',
  },
  'hours-threshold': {
    quartierName: 'Verdun',
    year: '2026-2027',
    percent: 80,
    availableMinutes: 372,
    axisLabel: "question d'apprentissage",
  },
  'hours-billable': {
    quartierName: 'Verdun',
    year: '2026-2027',
    billableMinutes: 90,
    axisLabel: "question d'apprentissage",
  },
  'carry-expiry-reminder': { quartierName: 'Verdun', expiringMinutes: 1260, expiresOn: '2027-03-31' },
  'year-opening-summary': {
    year: '2027-2028',
    quartiers: 20,
    openedBefore: 3,
    carriedMinutes: 12000,
    expiredMinutes: 600,
    allocatedMinutes: 37200,
    slots: 9,
  },
  registration: {
    name: 'Zoé',
    activityTitle: 'Formation Impact collectif',
    date: '2027-01-20',
    place: 'Centraide',
    status: 'registered',
    cancelUrl: 'https://pic.example/x',
  },
  'topic-proposal': {
    name: 'Zoé',
    email: 'zoe@example.org',
    quartierName: 'Verdun',
    topic: 'Mobiliser les citoyen·nes',
  },
  'subscription-confirm': { confirmUrl: 'https://pic.example/confirm' },
  'trust-verify-email': {
    contactName: 'Léa',
    quartierName: 'Verdun',
    verifyUrl: 'https://pic.example/#/verifier?id=r1&sig=s',
    statusUrl: 'https://pic.example/#/demande/r1?t=x',
  },
  'trust-confirm': {
    quartierName: 'Verdun',
    contactName: 'Léa',
    contactEmail: 'lea@example.org',
    kind: 'additional',
    summary: 'Codesign de notre stratégie',
    confirmUrl: 'https://pic.example/#/confirmer?id=r1&sig=s',
  },
  'trust-refused': {
    contactName: 'Léa',
    quartierName: 'Verdun',
    reason: 'Inconnue du quartier',
    teamEmail: 'pic@example.org',
  },
  bulk: { subject: 'Infolettre', body: 'Bonjour,\n\nVoici les nouvelles.', unsubscribeUrl: 'https://pic.example/u' },
};

describe('email templates', () => {
  it('has a sample for every template', () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(templates).sort());
  });

  for (const name of Object.keys(samples) as TemplateName[]) {
    for (const locale of ['fr', 'en'] as const) {
      it(`${name} (${locale})`, () => {
        const out = renderEmail(name, samples[name] as never, locale, { contact: 'pic@example.org' });
        expect(out.subject).not.toMatch(/[\r\n]/);
        expect(out.html).toContain(`lang="${locale}"`);
        expect(out).toMatchSnapshot();
      });
    }
  }

  it('links every email to the privacy notice when given its address (issue 19)', () => {
    const url = 'https://pic.example/#/confidentialite';
    for (const [locale, label] of [
      ['fr', 'Confidentialité et vos renseignements personnels'],
      ['en', 'Privacy and your personal information'],
    ] as const) {
      const out = renderEmail('bulk', samples.bulk as never, locale, { contact: 'pic@example.org', privacyUrl: url });
      expect(out.text).toContain(url);
      expect(out.html).toContain(`<a href="${url}">${label}</a>`);
    }
  });

  it('renders a hostile name inert: escaped in HTML, no header injection', () => {
    for (const locale of ['fr', 'en'] as const) {
      const out = renderEmail(
        'learning-request-received',
        { ...samples['learning-request-received'], contactName: evil, quartierName: evil } as never,
        locale,
      );
      expect(out.html).not.toContain('<script>');
      expect(out.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(out.subject).not.toMatch(/[\r\n]/);
      expect(out.subject).toContain('Bcc: victim@example.org'); // text kept, but on the one subject line
      expect(headerSafe(evil)).toBe('Zoé <script>alert(1)</script> Bcc: victim@example.org');
    }
  });

  it('refuses links that are not http(s)', () => {
    const out = renderEmail('subscription-confirm', { confirmUrl: 'javascript:alert(1)' }, 'fr');
    expect(out.html).not.toContain('javascript:');
  });

  it('writes amounts of time the French way', () => {
    expect(renderEmail('hours-billable', samples['hours-billable'] as never, 'fr').text).toContain('1 h 30');
    expect(renderEmail('hours-billable', samples['hours-billable'] as never, 'en').text).toContain('1 h 30 min');
  });
});
