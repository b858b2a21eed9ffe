/** Staff sign-in and the coordination dashboard (sign-in required); the partners' portal is in partner.ts. */
import { h, clear, announce } from '../dom.ts';
import { t, label, STATUS, hours, locale, longDate, colon } from '../i18n.ts';
import { api, setStaffToken, staffRole, staffToken } from '../api.ts';
import { cognitoConfig, startHostedSignIn } from '../cognito.ts';
import { adminLinks } from './sessions-admin.ts';
import { localDateAt, programYearOf, type YearStart } from '../../../shared/domain/program-year.ts';
import { trustAdmin } from './trust-admin.ts';
import {
  chart,
  emailSubject,
  journal,
  mailReason,
  montrealDay,
  montrealTime,
  names,
  opener,
  reasonForm,
} from './coordination-parts.ts';

/** Today in Montreal, whatever the browser's time zone: from 19:00 or 20:00 there, UTC is already tomorrow. */
const montrealToday = () => localDateAt(new Date());

/** The running program year, from the program's own year start (coordination may read the settings). */
async function currentYear(): Promise<string> {
  const settings = await api('/api/settings', { staff: true });
  const start: YearStart = settings.ok && settings.body?.yearStart ? settings.body.yearStart : { month: 4, day: 1 };
  return programYearOf(montrealToday(), start);
}

export async function signIn(main: HTMLElement) {
  const hosted = await cognitoConfig();
  if (hosted) {
    main.append(
      h('h1', {}, t('signIn')),
      h('button', { type: 'button', class: 'primary', onclick: () => startHostedSignIn(hosted) }, t('signIn')),
    );
    return;
  }
  const partnerChoices = [
    { value: '', label: t('coordination') },
    { value: 'dynamo', label: 'Dynamo' },
    { value: 'niska', label: 'Niska' },
    { value: 'yann-pezzini', label: 'Yann Pezzini' },
  ];
  const role = h(
    'select',
    { id: 'signin-role' },
    partnerChoices.map((c) => h('option', { value: c.value }, c.value ? `${t('partnerRole')} — ${c.label}` : c.label)),
  );
  main.append(
    h('h1', {}, t('signIn')),
    h(
      'p',
      { class: 'hint' },
      locale() === 'en'
        ? 'Local sign-in (this machine). In AWS, the Cognito sign-in page is used.'
        : 'Connexion locale (sur ce poste). Dans AWS, la page de connexion Cognito est utilisée.',
    ),
    h('div', { class: 'field' }, h('label', { for: 'signin-role' }, t('role')), role),
    h(
      'button',
      {
        type: 'button',
        class: 'primary',
        onclick: async () => {
          const partnerId = role.value || undefined;
          const res = await fetch('/local/sign-in', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ role: partnerId ? 'partner' : 'coordination', partnerId }),
          });
          if (!res.ok) return announce(t('notFoundLink'));
          setStaffToken((await res.json()).token);
          location.hash = partnerId ? '#/partenaire' : '#/coordination';
        },
      },
      t('signIn'),
    ),
  );
}

export function requireRole(main: HTMLElement, want: 'partner' | 'coordination') {
  const who = staffRole();
  if (!who || who.role !== want) {
    // A link from an email lands here before sign-in: a titled page saying why, not a lone link.
    main.append(
      h('h1', {}, t('signInNeededTitle')),
      h('p', {}, t(want === 'partner' ? 'signInNeededPartner' : 'signInNeededCoordination')),
      h('p', {}, h('a', { href: '#/connexion', class: 'button primary' }, t('signIn'))),
    );
    return null;
  }
  return who;
}

export function table(caption: string, head: string[], rows: Array<Array<Node | string>>) {
  if (!rows.length) return h('p', {}, t('none'));
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        head.map((x) => h('th', { scope: 'col' }, x)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          r.map((c) => h('td', {}, c)),
        ),
      ),
    ),
  );
}

export async function dashboard(main: HTMLElement) {
  if (!requireRole(main, 'coordination')) return;
  const year = await currentYear();
  const [balances, board, reqs, failed, acts, report, quartiers, partners, retention] = await Promise.all([
    api(`/api/balances?year=${year}`, { staff: true }),
    api(`/api/additional-support/${year}`, { staff: true }),
    api('/api/learning-requests', { staff: true }),
    api('/api/notifications?status=failed', { staff: true }),
    api('/api/activities'),
    api(`/api/reports/hours?year=${year}`, { staff: true }),
    api('/api/quartiers'),
    api('/api/partners'),
    api('/api/privacy/retention-preview', { staff: true }),
  ]);
  const n = names(quartiers.body, partners.body);
  const refresh = () => {
    clear(main);
    void dashboard(main);
  };
  type Balance = { id?: string; quartierId?: string; name: string; learning: any; additional: any };
  const balanceRows = (balances.body ?? []) as Balance[];
  const bd = board.body ?? { capacity: 9, granted: [], offers: [], waitlist: [] };
  const requests = (reqs.body ?? []) as Array<{
    id: string;
    quartierId: string;
    status: string;
    partnerId?: string;
    question?: string;
    createdAt: string;
  }>;
  const failedMails = (failed.body ?? []) as Array<{
    id: string;
    template: string;
    to?: string[];
    createdAt: string;
    lastError?: string;
  }>;

  main.append(h('h1', {}, `${t('navStaff')} — ${year}`));

  // What needs a person first: decisions, partners' answers, offers about to lapse, failed emails, thresholds.
  const attention: Array<Node | string> = [
    ...requests
      .filter((r) => r.status === 'needs-decision')
      .map((r) => h('li', { class: 'attn-decision' }, t('attnDecision', { quartier: n.quartier(r.quartierId) }))),
    ...requests
      .filter((r) => r.status === 'routed')
      .map((r) =>
        h(
          'li',
          {},
          t('attnPartner', {
            quartier: n.quartier(r.quartierId),
            partner: n.partner(r.partnerId),
            date: montrealDay(r.createdAt),
          }),
        ),
      ),
    ...(bd.offers as Array<{ quartierId: string; slot: number; expiresAt?: string }>).map((o) =>
      h(
        'li',
        {},
        t('attnOffer', {
          quartier: n.quartier(o.quartierId),
          slot: String(o.slot),
          deadline: o.expiresAt ? montrealTime(o.expiresAt) : '—',
        }),
      ),
    ),
    ...failedMails.map((m) =>
      h(
        'li',
        { class: 'attn-email' },
        t('attnEmail', {
          to: (m.to ?? []).join(', ') || '—',
          subject: emailSubject(m.template),
          reason: mailReason(m.lastError),
        }),
      ),
    ),
    ...balanceRows
      .filter((b) => b.learning.billableMinutes > 0)
      .map((b) => h('li', {}, t('attnThreshold', { quartier: b.name, hours: hours(b.learning.billableMinutes) }))),
    ...balanceRows
      .filter((b) => b.learning.billableMinutes === 0 && b.learning.availableMinutes > 0)
      .filter((b) => b.learning.availableMinutes <= 5 * 60)
      .map((b) => h('li', {}, t('attnLow', { quartier: b.name, hours: hours(b.learning.availableMinutes) }))),
  ];
  main.append(
    h(
      'section',
      { class: 'attention', 'aria-labelledby': 'attention-title' },
      h('h2', { id: 'attention-title' }, `${t('attention')} (${attention.length})`),
      attention.length ? h('ul', {}, attention) : h('p', {}, t('attentionNone')),
    ),
    adminLinks(),
    ...trustAdmin(),
    retention.ok
      ? h(
          'p',
          { class: 'hint', id: 'retention-preview' },
          t('privacyNextRun', {
            requests: String(retention.body.requests),
            registrations: String(retention.body.registrations),
            others: String(retention.body.others),
          }),
        )
      : '',
  );

  main.append(
    h(
      'section',
      {},
      h('h2', {}, t('balances')),
      table(
        t('balances'),
        [
          t('quartier'),
          locale() === 'en' ? 'Axis 1 available' : 'Axe 1 disponibles',
          locale() === 'en' ? 'carried' : 'reportées',
          locale() === 'en' ? 'used' : 'utilisées',
          locale() === 'en' ? 'billable' : 'à la charge',
          locale() === 'en' ? 'Axis 2 used' : 'Axe 2 utilisées',
        ],
        balanceRows.map((b) => [
          b.name,
          hours(b.learning.availableMinutes),
          hours(b.learning.carriedInMinutes),
          hours(b.learning.usedMinutes),
          hours(b.learning.billableMinutes),
          hours(b.additional.usedMinutes),
        ]),
      ),
    ),
  );

  const slots = h('ol', { class: 'slots', 'aria-label': `${bd.granted.length} / ${bd.capacity}` });
  for (let k = 1; k <= bd.capacity; k++) {
    const g = bd.granted.find((x: { slot: number }) => x.slot === k);
    const o = bd.offers.find((x: { slot: number }) => x.slot === k);
    slots.append(
      h(
        'li',
        { class: g ? 'taken' : o ? 'offered' : 'free' },
        `${colon(`${t('slot')} ${k}`)} `,
        g
          ? n.quartier(g.quartierId)
          : o
            ? `${n.quartier(o.quartierId)} (${o.expiresAt ? t('offeredUntil', { deadline: montrealTime(o.expiresAt) }) : label(STATUS, 'offered')})`
            : t('free'),
        g
          ? opener(
              t('releaseSlot'),
              () =>
                reasonForm({
                  submitLabel: t('confirmRelease'),
                  send: (reason) =>
                    api(`/api/additional-support-requests/${g.requestId}/release`, { body: { reason }, staff: true }),
                  done: () => {
                    announce(t('done'));
                    refresh();
                  },
                }),
              { 'aria-label': `${colon(t('releaseSlot'))} ${n.quartier(g.quartierId)}` },
            )
          : null,
        g || o ? journal(() => api(`/api/requests/${(g ?? o).requestId}`, { staff: true }), n) : null,
      ),
    );
  }
  main.append(
    h(
      'section',
      {},
      h('h2', {}, `${colon(t('board'))} ${bd.granted.length} / ${bd.capacity}`),
      slots,
      h('h3', {}, t('waitlisted')),
      table(
        t('waitlisted'),
        [t('position'), t('quartier'), t('actions')],
        bd.waitlist.map((w: { position: number; quartierId: string; requestId: string }) => [
          String(w.position),
          n.quartier(w.quartierId),
          h(
            'div',
            {},
            opener(t('override'), () =>
              reasonForm({
                submitLabel: t('confirmOverride'),
                send: (reason) =>
                  api(`/api/additional-support/${year}/override`, {
                    body: { requestId: w.requestId, reason },
                    staff: true,
                  }),
                done: () => {
                  announce(t('done'));
                  refresh();
                },
              }),
            ),
            journal(() => api(`/api/requests/${w.requestId}`, { staff: true }), n),
          ),
        ]),
      ),
    ),
  );

  main.append(
    h(
      'section',
      {},
      h('h2', {}, t('requests')),
      table(
        t('requests'),
        [t('quartier'), t('partner'), t('status'), t('receivedOn'), t('audit')],
        requests.map((r) => [
          n.quartier(r.quartierId),
          n.partner(r.partnerId),
          label(STATUS, r.status),
          montrealDay(r.createdAt),
          journal(() => api(`/api/requests/${r.id}`, { staff: true }), n),
        ]),
      ),
    ),
  );

  const sessions = (
    (acts.body ?? []) as Array<{
      title: { fr: string; en: string };
      sessions: Array<{ id: string; date: string; registeredCount: number; capacity?: number }>;
    }>
  ).flatMap((a) => a.sessions.map((s) => ({ a, s })));
  main.append(
    h(
      'section',
      {},
      h('h2', {}, t('navActivities')),
      table(
        t('navActivities'),
        [t('navActivities'), t('date'), locale() === 'en' ? 'Registered' : 'Inscrits', t('actions')],
        sessions.map(({ a, s }) => [
          a.title[locale()],
          longDate(s.date),
          `${s.registeredCount}${s.capacity ? ` / ${s.capacity}` : ''}`,
          h(
            'button',
            {
              type: 'button',
              onclick: async () => {
                const res = await fetch(
                  `/api/sessions/${encodeURIComponent(s.id)}/registrations?format=csv&separator=%3B&lang=${locale()}`,
                  { headers: { authorization: `Bearer ${staffToken()}`, 'accept-language': locale() } },
                );
                const url = URL.createObjectURL(await res.blob());
                const link = h('a', { href: url, download: `inscriptions-${s.id}.csv` });
                document.body.append(link);
                link.click();
                link.remove();
              },
            },
            t('exportCsv'),
          ),
        ]),
      ),
    ),
  );

  main.append(
    h(
      'section',
      { class: 'failed-emails' },
      h('h2', {}, t('failedEmails')),
      table(
        t('failedEmails'),
        [t('recipient'), t('subject'), t('sentOn'), t('failReason'), t('actions')],
        failedMails.map((m) => [
          (m.to ?? []).join(', ') || '—',
          emailSubject(m.template),
          montrealTime(m.createdAt),
          h(
            'span',
            {},
            mailReason(m.lastError),
            m.lastError ? h('details', {}, h('summary', {}, t('techDetail')), h('code', {}, m.lastError)) : null,
          ),
          h(
            'button',
            {
              type: 'button',
              onclick: async () => {
                await api(`/api/notifications/${m.id}/retry`, { body: {}, staff: true });
                refresh();
              },
            },
            t('retry'),
          ),
        ]),
      ),
    ),
  );

  main.append(yearOpening(year), h('section', {}, h('h2', {}, t('chart')), chart(report.body ?? [], n)));
}

/** Preview, then run with a confirmation in the page: the answer is a summary in hours, not the API's JSON. */
function yearOpening(year: string) {
  const yearInput = h('input', {
    id: 'opening-year',
    value: `${Number(year.slice(0, 4)) + 1}-${Number(year.slice(0, 4)) + 2}`,
  });
  const out = h('div', { 'aria-live': 'polite', id: 'opening-result' });
  const confirmBox = h('div', { class: 'confirm', hidden: true });
  const runOpening = async (dryRun: boolean) => {
    const r = await api(`/api/years/${encodeURIComponent(yearInput.value)}/open?dryRun=${dryRun}`, {
      body: {},
      staff: true,
    });
    clear(out);
    if (!r.ok) return void out.append(h('p', { role: 'alert', class: 'error' }, r.body?.message ?? t('networkError')));
    const b = r.body as {
      year: string;
      quartiers: number;
      carriedMinutes: number;
      expiredMinutes: number;
      allocatedMinutes: number;
      changed: number;
      dryRun: boolean;
    };
    const fact = (k: string, v: string) => [h('dt', {}, k), h('dd', {}, v)];
    out.append(
      h('h3', {}, t('openingSummary', { year: b.year })),
      h('p', { class: b.dryRun ? 'hint' : 'success' }, b.dryRun ? t('openingPreview') : t('openingDone')),
      h(
        'dl',
        { class: 'facts' },
        fact(t('openingQuartiers'), String(b.quartiers)),
        fact(t('openingCarried'), hours(b.carriedMinutes)),
        fact(t('openingExpired'), hours(b.expiredMinutes)),
        fact(t('openingAllocated'), hours(b.allocatedMinutes)),
        fact(t('openingChanged'), String(b.changed)),
      ),
    );
  };
  const askRun = () => {
    clear(confirmBox);
    confirmBox.hidden = false;
    const yes = h(
      'button',
      {
        type: 'button',
        class: 'danger',
        onclick: async () => {
          confirmBox.hidden = true;
          await runOpening(false);
        },
      },
      t('openingYes'),
    );
    confirmBox.append(
      h('p', { role: 'alert' }, t('openingConfirm', { year: yearInput.value })),
      h(
        'div',
        { class: 'actions' },
        yes,
        h('button', { type: 'button', onclick: () => (confirmBox.hidden = true) }, t('cancel')),
      ),
    );
    yes.focus();
  };
  return h(
    'section',
    {},
    h('h2', {}, t('yearOpening')),
    h('div', { class: 'field' }, h('label', { for: 'opening-year' }, t('year')), yearInput),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', onclick: () => runOpening(true) }, t('preview')),
      h('button', { type: 'button', class: 'danger', onclick: askRun }, t('run')),
    ),
    confirmBox,
    out,
  );
}
