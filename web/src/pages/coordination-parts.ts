/** Pieces of the coordination dashboard: a reason asked in the page, a request's audit trail, failed emails, the chart. */
import { h, clear, uid } from '../dom.ts';
import { t, label, STATUS, hours, locale, colon } from '../i18n.ts';
import type { ApiResult } from '../api.ts';
import { hoursTable } from './hours-table.ts';

export type Names = { quartier: (id: string) => string; partner: (id?: string | null) => string };

/** Ids → names, from the public lists; an id missing from them is shown as is rather than hidden. */
export function names(quartiers: unknown, partners: unknown): Names {
  const q = new Map(((quartiers ?? []) as Array<{ id: string; name: string }>).map((x) => [x.id, x.name]));
  const p = new Map(((partners ?? []) as Array<{ id: string; name: string }>).map((x) => [x.id, x.name]));
  return { quartier: (id) => q.get(id) ?? id, partner: (id) => (id ? (p.get(id) ?? id) : '—') };
}

/** A date and time in Montreal, whatever the browser's zone, labelled as such. */
export function montrealTime(iso: string) {
  const text = new Intl.DateTimeFormat(locale() === 'en' ? 'en-CA' : 'fr-CA', {
    timeZone: 'America/Montreal',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
  return `${text} (${t('montrealTime')})`;
}

export const montrealDay = (iso: string) =>
  new Intl.DateTimeFormat(locale() === 'en' ? 'en-CA' : 'fr-CA', {
    timeZone: 'America/Montreal',
    dateStyle: 'long',
  }).format(new Date(iso));

/** Who did it, in words: the audit trail records `requester`, `system`, a partner's or a team member's id. */
export function actor(by: string | undefined, n: Names) {
  if (!by) return '';
  if (by === 'requester') return t('byRequester');
  if (by === 'system') return t('bySystem');
  const partnerId = by.replace(/^(local-|partner-)/, '');
  const name = n.partner(partnerId);
  return name !== partnerId || /^partner-/.test(by) ? name : t('byTeam');
}

/**
 * A reason asked in the page: a required textarea under the button that opened it, its error beside the field.
 * `send` answers the API's result; on success the form closes and `done` runs.
 */
export function reasonForm(opts: {
  submitLabel: string;
  send: (reason: string) => Promise<ApiResult>;
  done: () => void;
}) {
  const id = uid('reason');
  const errorId = `${id}-error`;
  const area = h('textarea', { id, name: 'reason', required: true, rows: 2 });
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const form = h(
    'form',
    { class: 'reason-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: id }, t('reasonRequired')), area, error),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, opts.submitLabel),
      h('button', { type: 'button', onclick: () => form.remove() }, t('cancel')),
    ),
  );
  const showError = (message: string) => {
    error.textContent = message;
    error.hidden = false;
    area.setAttribute('aria-invalid', 'true');
    area.setAttribute('aria-describedby', errorId);
    area.focus();
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const reason = area.value.trim();
    if (!reason) return showError(t('reasonMissing'));
    const out = await opts.send(reason);
    if (!out.ok) return showError(out.body?.message ?? t('networkError'));
    form.remove();
    opts.done();
  });
  return form;
}

/** A button that opens `make()` right after itself, once; a second click closes it. */
export function opener(text: string, make: (close: () => void) => HTMLElement, attrs: Record<string, string> = {}) {
  let open: HTMLElement | null = null;
  const button = h('button', { type: 'button', 'aria-expanded': 'false', ...attrs }, text);
  const close = () => {
    open?.remove();
    open = null;
    button.setAttribute('aria-expanded', 'false');
  };
  button.addEventListener('click', () => {
    if (open?.isConnected) return close();
    open = make(close);
    button.after(open);
    button.setAttribute('aria-expanded', 'true');
    open.querySelector<HTMLElement>('textarea, input, button')?.focus();
  });
  return button;
}

type HistoryEntry = { at: string; event: string; by?: string; reason?: unknown };

/** The request's audit trail, toggled open and closed; fetched once. */
export function journal(fetchDetail: () => Promise<ApiResult>, n: Names) {
  const listId = uid('journal');
  const list = h('div', { id: listId, class: 'journal', hidden: true });
  let loaded = false;
  const button = h('button', { type: 'button', 'aria-expanded': 'false', 'aria-controls': listId }, t('audit'));
  button.addEventListener('click', async () => {
    const opening = list.hidden;
    if (opening && !loaded) {
      const detail = (await fetchDetail()).body;
      clear(list);
      const entries = (detail?.history ?? []) as HistoryEntry[];
      list.append(
        h(
          'ol',
          {},
          entries.map((x) =>
            h(
              'li',
              {},
              h('time', { datetime: x.at }, montrealTime(x.at)),
              ' — ',
              label(STATUS, x.event),
              x.by ? ` — ${actor(x.by, n)}` : '',
              typeof x.reason === 'string' && x.reason && x.reason !== x.event
                ? h('span', { class: 'reason' }, ` — ${colon(t('reason'))} ${x.reason}`)
                : '',
            ),
          ),
        ),
        // The hour entries logged against the request, beside its status changes.
        hoursTable(detail?.hours),
      );
      loaded = true;
    }
    list.hidden = !opening;
    button.setAttribute('aria-expanded', String(opening));
    button.textContent = opening ? t('hideAudit') : t('audit');
  });
  return h('div', { class: 'journal-cell' }, button, list);
}

const EMAILS: Record<string, { fr: string; en: string }> = {
  'learning-request-routed': { fr: 'Nouvelle demande pour un partenaire', en: 'New request for a partner' },
  'learning-request-received': { fr: 'Accusé de réception de la demande', en: 'Request acknowledgement' },
  'learning-request-status': { fr: 'Suivi de la demande', en: 'Request update' },
  'learning-request-needs-decision': { fr: 'Demande à décider', en: 'Request to decide' },
  'partner-reminder': { fr: 'Rappel au partenaire', en: 'Reminder to the partner' },
  'additional-support-request': { fr: 'Demande de soutien additionnel', en: 'Additional-support request' },
  'additional-support-outcome': { fr: 'Réponse au soutien additionnel', en: 'Additional-support answer' },
  'additional-support-change': { fr: 'Changement de place', en: 'Slot change' },
  'hours-threshold': { fr: "Seuil d'heures atteint", en: 'Hours threshold reached' },
  'hours-billable': { fr: 'Heures à la charge du quartier', en: 'Hours billable to the neighbourhood' },
  'carry-expiry-reminder': { fr: 'Heures reportées bientôt expirées', en: 'Carried hours about to expire' },
  'year-opening-summary': { fr: "Bilan d'ouverture de l'année", en: 'Year-opening summary' },
  registration: { fr: "Confirmation d'inscription", en: 'Registration confirmation' },
  'topic-proposal': { fr: 'Proposition de sujet', en: 'Topic proposal' },
  'subscription-confirm': { fr: "Confirmation d'abonnement à la liste d'envoi", en: 'Mailing-list confirmation' },
  'trust-verify-email': { fr: "Confirmation d'adresse courriel", en: 'Email address confirmation' },
  'trust-confirm': { fr: 'Demande à confirmer pour le quartier', en: 'Request to confirm for the neighbourhood' },
  'trust-refused': { fr: 'Demande non confirmée', en: 'Request not confirmed' },
  bulk: { fr: 'Message à la liste', en: 'Message to the list' },
};

export const emailSubject = (template: string) => EMAILS[template]?.[locale()] ?? template;

/** A delivery error in words: the raw text is for whoever fixes the service. */
export function mailReason(error?: string) {
  const e = error ?? '';
  if (/ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|socket|network|timeout|fetch failed/i.test(e))
    return t('mailUnreachable');
  if (/Throttl|rate exceeded|TooManyRequests|sending quota/i.test(e)) return t('mailThrottled');
  if (/not verified|MailFromDomain|identity/i.test(e)) return t('mailSender');
  if (/MessageRejected|rejected|invalid.*address|bounce/i.test(e)) return t('mailRejected');
  return t('mailUnknown');
}

const MONTH = (ym: string, style: 'short' | 'long') =>
  new Intl.DateTimeFormat(locale() === 'en' ? 'en-CA' : 'fr-CA', {
    month: style,
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${ym.slice(0, 7)}-15T12:00:00Z`));

/** Bars per month, one colour per partner, with axes, month names and a legend; the same figures as a table beside. */
export function chart(rows: Array<{ partnerId: string; month: string; minutes: number }>, n: Names) {
  if (!rows.length) return h('p', {}, t('none'));
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const partners = [...new Set(rows.map((r) => r.partnerId))].sort();
  const maxHours = Math.max(1, Math.ceil(Math.max(...rows.map((r) => r.minutes)) / 60));
  const step = Math.max(1, Math.ceil(maxHours / 4));
  const top = step * 4;
  const colours = ['#0b5394', '#b45f06', '#38761d', '#741b47'];
  const ns = 'http://www.w3.org/2000/svg';
  const el = (tag: string, attrs: Record<string, string | number>, text?: string) => {
    const x = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) x.setAttribute(k, String(v));
    if (text !== undefined) x.textContent = text;
    return x;
  };
  const left = 44;
  const plotH = 140;
  const base = 16 + plotH;
  const group = partners.length * 18 + 20;
  const width = Math.max(left + months.length * group + 10, 360);
  const svg = el('svg', {
    viewBox: `0 0 ${width} ${base + 28}`,
    width: '100%',
    height: 220,
    preserveAspectRatio: 'xMinYMax meet',
    role: 'img',
    'aria-label': t('chart'),
  });
  for (let k = 0; k <= 4; k++) {
    const y = base - (k * plotH) / 4;
    svg.append(
      el('line', { x1: left, x2: width - 4, y1: y, y2: y, stroke: k ? '#ddd' : '#333' }),
      el('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#333' }, `${k * step} h`),
    );
  }
  svg.append(
    el('line', { x1: left, x2: left, y1: 12, y2: base, stroke: '#333' }),
    el('text', { x: 2, y: 10, 'font-size': 11, fill: '#333' }, t('hoursAxis')),
  );
  months.forEach((m, i) => {
    const x0 = left + 10 + i * group;
    partners.forEach((p, j) => {
      const v = rows.find((r) => r.month === m && r.partnerId === p)?.minutes ?? 0;
      const hgt = Math.round((v / 60 / top) * plotH);
      const bar = el('rect', {
        x: x0 + j * 18,
        y: base - hgt,
        width: 16,
        height: hgt,
        fill: colours[j % colours.length],
      });
      bar.append(el('title', {}, `${colon(`${n.partner(p)}, ${MONTH(m, 'long')}`)} ${hours(v)}`));
      svg.append(bar);
    });
    svg.append(
      el(
        'text',
        { x: x0 + (partners.length * 18) / 2, y: base + 16, 'text-anchor': 'middle', 'font-size': 11, fill: '#333' },
        MONTH(m, 'short'),
      ),
    );
  });
  const legend = h(
    'ul',
    { class: 'legend' },
    partners.map((p, j) => {
      const sw = el('svg', { width: 12, height: 12, 'aria-hidden': 'true' });
      sw.append(el('rect', { width: 12, height: 12, fill: colours[j % colours.length] }));
      return h('li', {}, sw, ` ${n.partner(p)}`);
    }),
  );
  const data = h(
    'table',
    {},
    h('caption', {}, t('chart')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('month')),
        partners.map((p) => h('th', { scope: 'col' }, n.partner(p))),
      ),
    ),
    h(
      'tbody',
      {},
      months.map((m) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, MONTH(m, 'long')),
          partners.map((p) => h('td', {}, hours(rows.find((r) => r.month === m && r.partnerId === p)?.minutes ?? 0))),
        ),
      ),
    ),
  );
  return h('div', { class: 'chart-and-table' }, h('figure', {}, svg, legend), data);
}
