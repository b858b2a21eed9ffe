/** Staff sign-in and the coordination dashboard (sign-in required); the partners' portal is in partner.ts. */
import { h, clear, announce } from '../dom.ts';
import { t, label, STATUS, hours, locale, longDate } from '../i18n.ts';
import { api, setStaffToken, staffRole, staffToken } from '../api.ts';
import { cognitoConfig, startHostedSignIn } from '../cognito.ts';
import { adminLinks } from './sessions-admin.ts';
import { localDateAt, programYearOf, type YearStart } from '../../../shared/domain/program-year.ts';
import { trustAdmin } from './trust-admin.ts';

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
    main.append(h('p', {}, h('a', { href: '#/connexion' }, t('signIn'))));
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
  const [balances, board, reqs, failed, acts, report] = await Promise.all([
    api(`/api/balances?year=${year}`, { staff: true }),
    api(`/api/additional-support/${year}`, { staff: true }),
    api('/api/learning-requests', { staff: true }),
    api('/api/notifications?status=failed', { staff: true }),
    api('/api/activities'),
    api(`/api/reports/hours?year=${year}`, { staff: true }),
  ]);
  const refresh = () => {
    clear(main);
    void dashboard(main);
  };
  main.append(h('h1', {}, `${t('navStaff')} — ${year}`), adminLinks(), ...trustAdmin());

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
        ((balances.body ?? []) as Array<{ name: string; learning: any; additional: any }>).map((b) => [
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

  const bd = board.body ?? { capacity: 9, granted: [], offers: [], waitlist: [] };
  const slots = h('ol', { class: 'slots', 'aria-label': `${bd.granted.length} / ${bd.capacity}` });
  for (let k = 1; k <= bd.capacity; k++) {
    const g = bd.granted.find((x: { slot: number }) => x.slot === k);
    const o = bd.offers.find((x: { slot: number }) => x.slot === k);
    slots.append(
      h(
        'li',
        { class: g ? 'taken' : o ? 'offered' : 'free' },
        `${t('slot')} ${k} : `,
        g ? g.quartierId : o ? `${o.quartierId} (${label(STATUS, 'offered')})` : locale() === 'en' ? 'free' : 'libre',
        g
          ? h(
              'button',
              {
                type: 'button',
                onclick: async () => {
                  const reason = prompt(t('reason'));
                  if (!reason) return;
                  const out = await api(`/api/additional-support-requests/${g.requestId}/release`, {
                    body: { reason },
                    staff: true,
                  });
                  announce(out.ok ? t('done') : (out.body?.message ?? ''));
                  refresh();
                },
              },
              t('releaseSlot'),
            )
          : null,
      ),
    );
  }
  main.append(
    h(
      'section',
      {},
      h('h2', {}, `${t('board')} : ${bd.granted.length} / ${bd.capacity}`),
      slots,
      h('h3', {}, t('waitlisted')),
      table(
        t('waitlisted'),
        [t('position'), t('quartier'), ''],
        bd.waitlist.map((w: { position: number; quartierId: string; requestId: string }) => [
          String(w.position),
          w.quartierId,
          h(
            'button',
            {
              type: 'button',
              onclick: async () => {
                const reason = prompt(t('reason'));
                if (!reason) return;
                await api(`/api/additional-support/${year}/override`, {
                  body: { requestId: w.requestId, reason },
                  staff: true,
                });
                refresh();
              },
            },
            t('override'),
          ),
        ]),
      ),
    ),
  );

  const requests = (reqs.body ?? []) as Array<{
    id: string;
    quartierId: string;
    status: string;
    partnerId?: string;
    createdAt: string;
  }>;
  main.append(
    h(
      'section',
      {},
      h('h2', {}, t('requests')),
      table(
        t('requests'),
        [t('quartier'), t('partner'), t('status'), t('audit')],
        requests.map((r) => [
          r.quartierId,
          r.partnerId ?? '—',
          label(STATUS, r.status),
          h(
            'button',
            {
              type: 'button',
              onclick: async (e: Event) => {
                const detail = (await api(`/api/requests/${r.id}`, { staff: true })).body;
                const cell = (e.target as HTMLElement).parentElement!;
                cell.append(
                  h(
                    'ul',
                    {},
                    (detail?.history ?? []).map((x: { at: string; event: string; by?: string; reason?: string }) =>
                      h(
                        'li',
                        {},
                        `${x.at.slice(0, 16).replace('T', ' ')} ${label(STATUS, x.event)} — ${x.by ?? ''}${x.reason ? ` (${x.reason})` : ''}`,
                      ),
                    ),
                  ),
                );
              },
            },
            t('audit'),
          ),
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
        [t('navActivities'), t('date'), locale() === 'en' ? 'Registered' : 'Inscrits', ''],
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
                  `/api/sessions/${encodeURIComponent(s.id)}/registrations?format=csv&separator=%3B`,
                  { headers: { authorization: `Bearer ${staffToken()}` } },
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
      {},
      h('h2', {}, t('failedEmails')),
      table(
        t('failedEmails'),
        ['Id', 'Type', locale() === 'en' ? 'Error' : 'Erreur', ''],
        ((failed.body ?? []) as Array<{ id: string; template: string; lastError?: string }>).map((m) => [
          m.id,
          m.template,
          m.lastError ?? '',
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

  const yearInput = h('input', {
    id: 'opening-year',
    value: `${Number(year.slice(0, 4)) + 1}-${Number(year.slice(0, 4)) + 2}`,
  });
  const out = h('pre', { 'aria-live': 'polite', id: 'opening-result' });
  const runOpening = (dryRun: boolean) => async () => {
    const r = await api(`/api/years/${encodeURIComponent(yearInput.value)}/open?dryRun=${dryRun}`, {
      body: {},
      staff: true,
    });
    out.textContent = JSON.stringify(r.body, null, 2);
  };
  main.append(
    h(
      'section',
      {},
      h('h2', {}, t('yearOpening')),
      h('div', { class: 'field' }, h('label', { for: 'opening-year' }, t('year')), yearInput),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', onclick: runOpening(true) }, t('preview')),
        h('button', { type: 'button', onclick: runOpening(false) }, t('run')),
      ),
      out,
    ),
  );

  main.append(
    h(
      'section',
      {},
      h('h2', {}, t('chart')),
      chart((report.body ?? []) as Array<{ partnerId: string; month: string; minutes: number }>),
    ),
  );
}

/** Bars per month, one colour per partner, with the same figures as a table for screen readers. */
function chart(rows: Array<{ partnerId: string; month: string; minutes: number }>) {
  if (!rows.length) return h('p', {}, t('none'));
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const partners = [...new Set(rows.map((r) => r.partnerId))].sort();
  const max = Math.max(...rows.map((r) => r.minutes));
  const colours = ['#0b5394', '#b45f06', '#38761d', '#741b47'];
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const width = months.length * (partners.length * 18 + 16);
  svg.setAttribute('viewBox', `0 0 ${Math.max(width, 360)} 160`);
  svg.setAttribute('width', '100%');
  svg.setAttribute('height', '180');
  svg.setAttribute('preserveAspectRatio', 'xMinYMax meet');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t('chart'));
  months.forEach((m, i) => {
    partners.forEach((p, j) => {
      const v = rows.find((r) => r.month === m && r.partnerId === p)?.minutes ?? 0;
      const bar = document.createElementNS(ns, 'rect');
      const hgt = Math.round((v / max) * 130);
      bar.setAttribute('x', String(i * (partners.length * 18 + 16) + j * 18));
      bar.setAttribute('y', String(140 - hgt));
      bar.setAttribute('width', '16');
      bar.setAttribute('height', String(hgt));
      bar.setAttribute('fill', colours[j % colours.length]);
      svg.append(bar);
    });
  });
  const legend = h(
    'p',
    {},
    partners.map((p, j) =>
      h(
        'span',
        { class: 'legend' },
        h('span', { class: 'swatch', style: `background:${colours[j % colours.length]}` }),
        p,
      ),
    ),
  );
  const data = table(
    t('chart'),
    [locale() === 'en' ? 'Month' : 'Mois', ...partners],
    months.map((m) => [
      m,
      ...partners.map((p) => hours(rows.find((r) => r.month === m && r.partnerId === p)?.minutes ?? 0)),
    ]),
  );
  return h('figure', {}, svg, legend, data);
}
