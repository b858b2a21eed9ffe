/** The hours logged against one request: on its status page (a phone's width) and in coordination's request log. */
import { h } from '../dom.ts';
import { t, label, STEPS, hours, longDate, colon } from '../i18n.ts';

export type HourLine = {
  date: string;
  minutes: number;
  billableMinutes: number;
  step?: string;
  partner?: { id: string; name: string };
};

/** A list (a table overflows a phone), its total with the billable part, or a sentence when nothing was logged. */
export function hoursTable(lines: HourLine[] | undefined) {
  if (!lines?.length) return h('p', { class: 'hours-none' }, t('noHoursLogged'));
  const total = lines.reduce((n, l) => n + l.minutes, 0);
  const billable = lines.reduce((n, l) => n + l.billableMinutes, 0);
  const billed = (m: number) => (m ? ` (${t('billablePart')} ${hours(m)})` : '');
  return h(
    'div',
    { class: 'hours-log' },
    h('p', {}, h('strong', {}, `${colon(t('hoursLogged'))} ${hours(total)}${billed(billable)}`)),
    h(
      'ul',
      {},
      lines.map((l) =>
        h(
          'li',
          {},
          h('strong', {}, `${longDate(l.date)} — ${hours(l.minutes)}`),
          l.step ? ` — ${label(STEPS, l.step)}` : '',
          l.partner ? ` — ${l.partner.name}` : '',
          billed(l.billableMinutes),
        ),
      ),
    ),
  );
}
