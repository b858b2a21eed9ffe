/** The hours logged against one request: on its status page and in coordination's request log. */
import { h } from '../dom.ts';
import { t, label, STEPS, hours, longDate, colon } from '../i18n.ts';

export type HourLine = {
  date: string;
  minutes: number;
  billableMinutes: number;
  step?: string;
  partner?: { id: string; name: string };
};

/** A table with a caption, or a sentence when nothing was logged yet. */
export function hoursTable(lines: HourLine[] | undefined) {
  if (!lines?.length) return h('p', { class: 'hours-none' }, t('noHoursLogged'));
  const total = lines.reduce((n, l) => n + l.minutes, 0);
  const billable = lines.reduce((n, l) => n + l.billableMinutes, 0);
  return h(
    'table',
    { class: 'hours-log' },
    h(
      'caption',
      {},
      `${colon(t('hoursLogged'))} ${hours(total)}${billable ? ` (${t('billablePart')} ${hours(billable)})` : ''}`,
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        [t('date'), t('duration'), t('step'), t('partner'), t('billablePart')].map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      {},
      lines.map((l) =>
        h(
          'tr',
          {},
          h('td', {}, longDate(l.date)),
          h('td', {}, hours(l.minutes)),
          h('td', {}, l.step ? label(STEPS, l.step) : '—'),
          h('td', {}, l.partner?.name ?? '—'),
          h('td', {}, l.billableMinutes ? hours(l.billableMinutes) : '—'),
        ),
      ),
    ),
  );
}
