/** What a quartier's contact person sees: the offer, the forms, the catalogue, the QR codes. */
import { h, clear } from '../dom.ts';
import {
  t,
  locale,
  longDate,
  clockTime,
  labelled,
  referenceOf,
  registerOnSiteOf,
  STEPS,
  colon,
  FOCUS,
  focusLabel,
  axisText,
  type ProgramNumbers,
} from '../i18n.ts';
import type { FocusKey } from '#shared/labels';
import type { ActivityItem, publicSession } from '#domain/sessions';
import { api } from '../api.ts';
import { buildForm, type Field } from '../forms.ts';

type Quartier = { id: string; name: string };
type Partner = { id: string; name: string; description: string };
/** A session as the catalogue shows it (`GET /api/activities`). */
type Session = ReturnType<typeof publicSession> & { upcoming: boolean };
type Activity = ActivityItem & { sessions: Session[] };

const DURATION: Record<string, { fr: string; en: string }> = {
  'half-day': { fr: 'demi-journée', en: 'half day' },
  'full-day': { fr: 'une journée', en: 'one day' },
  'two-days': { fr: 'deux jours', en: 'two days' },
};

const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));
const quartierOptions = (qs: Quartier[]) => [
  { value: '', label: t('choose') },
  ...qs.map((q) => ({ value: q.id, label: q.name })),
];
const toMinutes = (raw: string) => {
  const n = Number(raw.replace(',', '.'));
  return Number.isFinite(n) ? Math.round(n * 60) : raw;
};

export async function home(main: HTMLElement) {
  const [partners, activities, program] = await Promise.all([
    api('/api/partners'),
    api('/api/activities'),
    api('/api/program'),
  ]);
  const numbers = program.ok ? (program.body as ProgramNumbers) : null;
  const upcoming = ((activities.body ?? []) as Activity[])
    .flatMap((a) => a.sessions.filter((s) => s.upcoming && s.status === 'scheduled').map((s) => ({ a, s })))
    .slice(0, 4);
  main.append(
    h('h1', {}, t('title')),
    h('p', { class: 'lead' }, t('intro')),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('axis1')),
      h('p', {}, axisText(1, numbers)),
      h('a', { class: 'button primary', href: '#/accompagnement' }, t('askLearning')),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('axis2')),
      h('p', {}, axisText(2, numbers)),
      h('a', { class: 'button primary', href: '#/soutien-additionnel' }, t('askAdditional')),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('axis3')),
      h('p', {}, t('axis3Text')),
      upcoming.length ? h('h3', {}, t('upcoming')) : null,
      upcoming.length
        ? h(
            'ul',
            {},
            upcoming.map(({ a, s }) => h('li', {}, `${a.title[locale()]} — ${longDate(s.date)}`)),
          )
        : null,
      h(
        'p',
        {},
        h('a', { class: 'button', href: '#/activites' }, t('seeActivities')),
        ' ',
        h('a', { class: 'button', href: '#/proposer-un-sujet' }, t('proposeTopic')),
        ' ',
        h('a', { class: 'button', href: '#/liste-envoi' }, t('joinList')),
      ),
    ),
    h(
      'section',
      {},
      h('h2', {}, t('partners')),
      h(
        'div',
        { class: 'grid' },
        ((partners.body ?? []) as Partner[]).map((p) =>
          h('article', { class: 'card' }, h('h3', {}, p.name), h('p', {}, p.description)),
        ),
      ),
    ),
    h(
      'section',
      {},
      h('h2', {}, t('loop')),
      h(
        'ol',
        { class: 'loop' },
        Object.values(STEPS).map((s) => h('li', {}, s[locale()])),
      ),
    ),
    h('p', {}, h('a', { href: '#/qr' }, t('qr'))),
  );
}

function confirmation(main: HTMLElement, title: string, lines: Array<string | Node>, statusLink?: string) {
  clear(main);
  const heading = h('h1', { tabindex: '-1' }, title);
  main.append(
    heading,
    ...lines.map((l) => (typeof l === 'string' ? h('p', {}, l) : l)),
    statusLink ? h('p', {}, h('a', { class: 'button primary', href: statusLink }, t('followLink'))) : '',
    statusLink ? h('p', { class: 'hint' }, t('keepLink')) : '',
  );
  heading.focus();
}

/** "Numéro de demande : 4F2K9Q", the number set apart so that it can be read out. */
const reference = (id: string) =>
  h('p', { class: 'reference' }, labelled(t('requestNumber')), ' ', h('strong', {}, referenceOf(id)));

/** What else exists when the nine places are taken: the RCL offer, Leadership rassembleur, the advisor. */
const otherSupport = () =>
  h(
    'div',
    { class: 'notice', role: 'note' },
    h('p', {}, t('otherSupportIntro')),
    h(
      'ul',
      {},
      h('li', {}, t('otherSupportRcl')),
      h(
        'li',
        {},
        h('a', { href: 'https://www.centraide-mtl.org/', rel: 'noopener noreferrer' }, t('leadershipRassembleur')),
        ` ${t('leadershipRassembleurText')}`,
      ),
      h('li', {}, t('talkToAdvisor')),
    ),
  );

const statusHash = (id: string, token: string) => `#/demande/${encodeURIComponent(id)}?t=${encodeURIComponent(token)}`;

/**
 * The status links of the requests made from this browser, so that asking again can lead back to one's own request;
 * a request made elsewhere is named by its number only (its link gives control of it and stays with its author).
 */
const OWN_LINKS = 'pic-own-requests';
function ownLinks(): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(OWN_LINKS) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}
function rememberOwn(id: string, token: string) {
  localStorage.setItem(OWN_LINKS, JSON.stringify({ ...ownLinks(), [id]: token }));
}

export async function learningForm(main: HTMLElement) {
  const [quartiers, partners, program] = await Promise.all([
    api('/api/quartiers'),
    api('/api/partners'),
    api('/api/program'),
  ]);
  const key = newKey();
  let email = '';
  const fields: Field[] = [
    {
      name: 'quartierId',
      label: t('quartier'),
      type: 'select',
      required: true,
      options: quartierOptions(quartiers.body ?? []),
    },
    { name: 'contact.name', label: t('contactName'), required: true, autocomplete: 'name' },
    { name: 'contact.email', label: t('contactEmail'), type: 'email', required: true, autocomplete: 'email' },
    { name: 'contact.phone', label: t('contactPhone'), type: 'tel', autocomplete: 'tel' },
    { name: 'question', label: t('question'), type: 'textarea', required: true },
    {
      name: 'focus',
      label: t('focus'),
      type: 'radio',
      required: true,
      options: (Object.keys(FOCUS) as FocusKey[]).map((f) => ({ value: f, label: focusLabel(f) })),
    },
    {
      name: 'preferredPartnerId',
      label: t('preferredPartner'),
      type: 'select',
      options: [
        { value: '', label: t('noPreference') },
        ...((partners.body ?? []) as Partner[]).map((p) => ({ value: p.id, label: p.name })),
      ],
    },
    { name: 'estimatedMinutes', label: t('estimatedHours'), type: 'number', transform: toMinutes },
    { name: 'billableAcknowledged', label: t('billableAck'), type: 'checkbox' },
    {
      name: 'mode',
      label: t('mode'),
      type: 'radio',
      value: 'virtual',
      options: [
        { value: 'virtual', label: t('virtual') },
        { value: 'in-person', label: t('inPerson') },
      ],
    },
    { name: 'modeReason', label: t('modeReason'), type: 'textarea', showIf: (v) => v.mode === 'in-person' },
  ];
  main.append(
    h('h1', {}, t('askLearning')),
    h('p', {}, axisText(1, program.ok ? (program.body as ProgramNumbers) : null)),
    buildForm({
      name: t('askLearning'),
      fields,
      submitLabel: t('send'),
      onSubmit: (data) => {
        email = String((data.contact as { email?: string } | undefined)?.email ?? '');
        return api('/api/learning-requests', { body: { ...data, locale: locale() }, idempotencyKey: key });
      },
      onSuccess: (r) => {
        rememberOwn(r.body.id, r.body.statusToken);
        const status = statusHash(r.body.id, r.body.statusToken);
        if (r.body.status === 'unverified')
          return confirmation(
            main,
            t('receivedUnverified'),
            [reference(r.body.id), t('notOnFileYet', { email }), t('thenAdvisor')],
            status,
          );
        const partner = ((partners.body ?? []) as Partner[]).find((p) => p.id === r.body.partnerId);
        confirmation(
          main,
          t('received'),
          [
            reference(r.body.id),
            h('h2', {}, t('nextStep')),
            partner && r.body.answerWithinBusinessDays
              ? t('partnerWillWrite', { partner: partner.name, days: String(r.body.answerWithinBusinessDays) })
              : t('teamWillChoose'),
            t('copySent', { email }),
            `${labelled(t('availableHours'))} ${Math.floor((r.body.availableMinutes ?? 0) / 60)} h`,
          ],
          status,
        );
      },
    }),
  );
}

type Availability = { year: string; capacity: number; taken: number; waiting: number };

/** Before the form: how many of the year's places are left, or that a request now joins the waiting list. */
function availabilityNotice(a: Availability) {
  const left = Math.max(0, a.capacity - a.taken);
  if (left > 0)
    return h(
      'p',
      { class: 'notice availability', role: 'status' },
      t(left === 1 ? 'placesLeftOne' : 'placesLeft', { left: String(left), capacity: String(a.capacity) }),
    );
  return h(
    'section',
    { class: 'notice availability full', 'aria-labelledby': 'full-title' },
    h('h2', { id: 'full-title' }, t('placesFullTitle', { capacity: String(a.capacity) })),
    h('p', {}, t(a.waiting ? 'placesFullWaiting' : 'placesFull', { waiting: String(a.waiting) })),
  );
}

export async function additionalForm(main: HTMLElement) {
  const [quartiers, availability, program] = await Promise.all([
    api('/api/quartiers'),
    api('/api/additional-support-availability'),
    api('/api/program'),
  ]);
  const a = availability.ok ? (availability.body as Availability) : null;
  const full = !!a && a.taken >= a.capacity;
  const key = newKey();
  let email = '';
  const fields: Field[] = [
    { name: 'advisorConsulted', label: t('advisorConsulted'), type: 'checkbox', required: true },
    {
      name: 'quartierId',
      label: t('quartier'),
      type: 'select',
      required: true,
      options: quartierOptions(quartiers.body ?? []),
    },
    { name: 'contact.name', label: t('contactName'), required: true, autocomplete: 'name' },
    { name: 'contact.email', label: t('contactEmail'), type: 'email', required: true, autocomplete: 'email' },
    { name: 'contact.phone', label: t('contactPhone'), type: 'tel', autocomplete: 'tel' },
    { name: 'topic', label: t('topic'), type: 'textarea', required: true },
    { name: 'estimatedMinutes', label: t('estimatedHours'), type: 'number', transform: toMinutes },
    { name: 'advisor.name', label: t('advisorNoteName'), hint: t('advisorNoteHint') },
    { name: 'advisor.email', label: t('advisorNoteEmail'), type: 'email' },
  ];
  // A refusal that is no field's fault (this quartier already asked this year): what to do, above the form.
  const refusal = h('div', { class: 'notice refusal', role: 'alert', tabindex: '-1', hidden: true });
  main.append(
    h('h1', {}, t('askAdditional')),
    a ? availabilityNotice(a) : '',
    full ? otherSupport() : '',
    h('div', { class: 'notice', role: 'note' }, h('p', {}, t('advisorFirst'))),
    h('p', {}, axisText(2, program.ok ? (program.body as ProgramNumbers) : null)),
    refusal,
    buildForm({
      name: t('askAdditional'),
      fields,
      submitLabel: full ? t('joinWaitingList') : t('send'),
      onSubmit: (data) => {
        email = String((data.contact as { email?: string } | undefined)?.email ?? '');
        refusal.hidden = true;
        return api('/api/additional-support-requests', {
          body: { ...data, advisorConsulted: data.advisorConsulted === true, locale: locale() },
          idempotencyKey: key,
        });
      },
      onRefusal: (r) => {
        if (r.body?.error !== 'already-requested') return false;
        clear(refusal);
        const id = typeof r.body.requestId === 'string' ? r.body.requestId : '';
        const own = id ? ownLinks()[id] : undefined;
        refusal.append(
          h('h2', {}, t('alreadyRequestedTitle')),
          h('p', {}, r.body.message),
          id ? reference(id) : '',
          own
            ? h('p', {}, h('a', { class: 'button primary', href: statusHash(id, own) }, t('followLink')))
            : h('p', {}, t('alreadyRequestedElsewhere', { email: String(r.body.teamEmail ?? '') })),
        );
        refusal.hidden = false;
        refusal.focus();
        return true;
      },
      onSuccess: (r) => {
        rememberOwn(r.body.id, r.body.statusToken);
        const status = statusHash(r.body.id, r.body.statusToken);
        if (r.body.outcome === 'unverified')
          return confirmation(
            main,
            t('receivedUnverified'),
            [reference(r.body.id), t('notOnFileYet', { email }), t('thenAdvisor'), t('noSlotYet')],
            status,
          );
        if (r.body.outcome === 'granted')
          return confirmation(
            main,
            `${labelled(t('granted'))} ${r.body.slot} / ${a?.capacity ?? 9}`,
            [reference(r.body.id), h('h2', {}, t('nextStep')), t('dynamoWillWrite'), t('copySent', { email })],
            status,
          );
        confirmation(
          main,
          t('waitlistedTitle', { position: String(r.body.waitlistPosition) }),
          [
            reference(r.body.id),
            h('h2', {}, t('nextStep')),
            t('waitlistNext'),
            t('copySent', { email }),
            otherSupport(),
          ],
          status,
        );
      },
    }),
  );
}

/** "24 février 2027, 13 h 00 (demi-journée) — Centre Lajeunesse" / "… — virtuel": when, how long, where. */
function sessionWhen(s: Session) {
  const time = s.startTime ? `, ${clockTime(s.startTime)}` : '';
  const where = s.place || (s.virtualUrl ? t('virtualPlace') : t('placeToCome'));
  return `${longDate(s.date)}${time} (${DURATION[s.duration]?.[locale()] ?? s.duration}) — ${where}`;
}

/** The organiser's site, when people register there rather than here: the session's own link, else the activity's. */
const registrationElsewhere = (a: Activity, s: Session) => s.registrationUrl ?? a.registrationUrl;

/**
 * A plainly external link: the organiser named, an arrow, a new tab said to screen readers, and no window.opener
 * or referrer handed to the other site.
 */
function externalRegistration(a: Activity, s: Session, url: string) {
  return h(
    'a',
    { class: 'external', href: url, target: '_blank', rel: 'noopener noreferrer' },
    registerOnSiteOf(a.coordinator),
    h('span', { 'aria-hidden': 'true' }, ' ↗'),
    h('span', { class: 'sr-only' }, ` ${colon(`(${t('newTab')})`)} ${a.title[locale()]}, ${longDate(s.date)}`),
  );
}

export async function activities(main: HTMLElement, sessionId?: string) {
  const [list, quartiers] = await Promise.all([api('/api/activities'), api('/api/quartiers')]);
  const all = (list.body ?? []) as Activity[];
  main.append(h('h1', {}, t('navActivities')));
  for (const a of all) {
    const upcoming = a.sessions.filter((s) => s.upcoming && s.status === 'scheduled');
    main.append(
      h(
        'section',
        { class: 'card' },
        h('h2', {}, a.title[locale()]),
        h('p', {}, a.summary[locale()]),
        h('p', { class: 'hint' }, `${colon(locale() === 'en' ? 'Coordinated by' : 'Coordonné par')} ${a.coordinator}`),
        upcoming.length
          ? h(
              'ul',
              {},
              upcoming.map((s) => {
                const elsewhere = registrationElsewhere(a, s);
                const when = sessionWhen(s);
                if (elsewhere) return h('li', {}, when, ' ', externalRegistration(a, s, elsewhere));
                return h(
                  'li',
                  {},
                  when,
                  s.seatsLeft === null ? '' : ` — ${s.seatsLeft > 0 ? `${s.seatsLeft} ${t('seatsLeft')}` : t('full')}`,
                  ' ',
                  h(
                    'a',
                    {
                      href: `#/activites/${encodeURIComponent(s.id)}`,
                      'aria-label': `${colon(t('register'))} ${a.title[locale()]}, ${longDate(s.date)}`,
                    },
                    t('register'),
                  ),
                );
              }),
            )
          : h('p', {}, t('datesToCome')),
        a.acceptsTopicProposals ? h('a', { class: 'button', href: '#/proposer-un-sujet' }, t('proposeTopic')) : null,
      ),
    );
  }
  const target = all.flatMap((a) => a.sessions.map((s) => ({ a, s }))).find((x) => x.s.id === sessionId);
  if (!target) return;
  // A link to the in-house form of a session that registers elsewhere (an old bookmark, a QR code): send them on.
  const elsewhere = registrationElsewhere(target.a, target.s);
  if (elsewhere) {
    const section = h(
      'section',
      { class: 'card', id: 'inscription' },
      h(
        'h2',
        { tabindex: '-1' },
        `${labelled(t('register'))} ${target.a.title[locale()]} — ${longDate(target.s.date)}`,
      ),
      h('p', {}, t('registersElsewhere')),
      h('p', {}, externalRegistration(target.a, target.s, elsewhere)),
    );
    main.querySelector('h1')?.after(section);
    section.querySelector<HTMLElement>('h2')?.focus();
    return;
  }
  const key = newKey();
  const section = h(
    'section',
    { class: 'card', id: 'inscription' },
    h('h2', {}, `${labelled(t('register'))} ${target.a.title[locale()]}`),
    h('p', {}, sessionWhen(target.s)),
  );
  section.append(
    buildForm({
      name: t('register'),
      submitLabel: t('register'),
      fields: [
        { name: 'name', label: t('name'), required: true, autocomplete: 'name' },
        { name: 'email', label: t('email'), type: 'email', required: true, autocomplete: 'email' },
        { name: 'quartierId', label: t('quartier'), type: 'select', options: quartierOptions(quartiers.body ?? []) },
      ],
      onSubmit: (data) =>
        api(`/api/sessions/${encodeURIComponent(target.s.id)}/registrations`, {
          body: { ...data, locale: locale() },
          idempotencyKey: key,
        }),
      onSuccess: (r) =>
        confirmation(main, t('register'), [
          `${target.a.title[locale()]} — ${sessionWhen(target.s)}`,
          r.body.status === 'registered' ? t('registered') : t('registeredWait'),
        ]),
    }),
  );
  main.querySelector('h1')?.after(section);
  section.querySelector<HTMLElement>('input, select')?.focus();
}

export async function topicProposal(main: HTMLElement) {
  const quartiers = await api('/api/quartiers');
  main.append(
    h('h1', {}, t('proposeTopic')),
    buildForm({
      name: t('proposeTopic'),
      submitLabel: t('send'),
      fields: [
        { name: 'name', label: t('name'), required: true, autocomplete: 'name' },
        { name: 'email', label: t('email'), type: 'email', required: true, autocomplete: 'email' },
        { name: 'quartierId', label: t('quartier'), type: 'select', options: quartierOptions(quartiers.body ?? []) },
        { name: 'topic', label: t('topic'), required: true },
        { name: 'details', label: t('topicDetails'), type: 'textarea' },
      ],
      onSubmit: (data) => api('/api/topic-proposals', { body: { ...data, locale: locale() } }),
      onSuccess: () => confirmation(main, t('proposeTopic'), [t('proposalSent')]),
    }),
  );
}

export async function mailingList(main: HTMLElement) {
  const consent = await api('/api/mailing-list/consent');
  let email = '';
  main.append(
    h('h1', {}, t('joinList')),
    buildForm({
      name: t('joinList'),
      submitLabel: t('joinList'),
      fields: [
        { name: 'email', label: t('email'), type: 'email', required: true, autocomplete: 'email' },
        { name: 'consent', label: consent.body?.wording ?? t('consent'), type: 'checkbox', required: true },
      ],
      onSubmit: (data) => {
        email = String(data.email ?? '');
        return api('/api/mailing-list/subscriptions', {
          body: { ...data, consent: data.consent === true, locale: locale() },
        });
      },
      onSuccess: () => confirmation(main, t('joinList'), [t('subscribedTo', { email })]),
    }),
  );
}

/** Printable QR codes pointing at each form, for the printed "menu". */
export async function qrCodes(main: HTMLElement) {
  const QRCode = (await import('qrcode')).default;
  const origin = location.origin;
  const targets = [
    { label: t('askLearning'), url: `${origin}/#/accompagnement` },
    { label: t('askAdditional'), url: `${origin}/#/soutien-additionnel` },
    { label: t('navActivities'), url: `${origin}/#/activites` },
    { label: t('proposeTopic'), url: `${origin}/#/proposer-un-sujet` },
  ];
  main.append(
    h('h1', {}, t('qr')),
    h('button', { type: 'button', class: 'no-print', onclick: () => window.print() }, t('print')),
  );
  const grid = h('div', { class: 'grid qr' });
  for (const target of targets) {
    const svg = await QRCode.toString(target.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    const png = await QRCode.toDataURL(target.url, { errorCorrectionLevel: 'M', margin: 2, width: 600 });
    const svgUrl = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    const slug = target.url.split('#/')[1];
    grid.append(
      h(
        'figure',
        { class: 'card' },
        h('img', { src: png, alt: `${colon(t('qr'))} ${target.label}`, width: 220, height: 220 }),
        h('figcaption', {}, h('strong', {}, target.label), h('br', {}), h('span', { class: 'url' }, target.url)),
        h(
          'p',
          { class: 'no-print' },
          h('a', { href: png, download: `qr-${slug}.png` }, t('downloadPng')),
          ' · ',
          h('a', { href: svgUrl, download: `qr-${slug}.svg` }, t('downloadSvg')),
        ),
      ),
    );
  }
  main.append(grid);
}
