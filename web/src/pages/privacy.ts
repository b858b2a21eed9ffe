/** The privacy notice (issue 19, Law 25): its facts come from GET /api/privacy, the words from i18n.ts. */
import { h } from '../dom.ts';
import { t } from '../i18n.ts';
import { api } from '../api.ts';

type Facts = {
  officer: { name: string; email: string; address: string };
  retentionYears: number;
  storage: { country: string; region: string };
  categories: Array<{ id: string }>;
  answerWithinDays: number;
};

const CATEGORY_KEYS = {
  requests: 'privacy_requests',
  registrations: 'privacy_registrations',
  'mailing-list': 'privacy_mailing-list',
  contacts: 'privacy_contacts',
  proposals: 'privacy_proposals',
  emails: 'privacy_emails',
} as const;

export async function privacyPage(main: HTMLElement) {
  document.title = `PIC — ${t('privacyTitle')}`;
  const read = await api('/api/privacy');
  main.append(h('h1', {}, t('privacyTitle')), h('p', { class: 'lead' }, t('privacyIntro')));
  if (!read.ok) return void main.append(h('p', { class: 'error' }, read.body?.message ?? t('networkError')));
  const facts = read.body as Facts;
  const { officer } = facts;
  main.append(
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'privacy-officer' },
      h('h2', { id: 'privacy-officer' }, t('privacyOfficer')),
      h('p', {}, t('privacyOfficerText')),
      h(
        'address',
        {},
        h('span', {}, officer.name),
        h('br', {}),
        h('a', { href: `mailto:${officer.email}` }, officer.email),
        h('br', {}),
        h('span', {}, officer.address),
      ),
    ),
    h('h2', {}, t('privacyCollected')),
    h(
      'ul',
      {},
      facts.categories
        .filter((c): c is { id: keyof typeof CATEGORY_KEYS } => c.id in CATEGORY_KEYS)
        .map((c) => h('li', {}, t(CATEGORY_KEYS[c.id]))),
    ),
    h('h2', {}, t('privacyKept')),
    h('p', {}, t('privacyKeptText', { years: String(facts.retentionYears) })),
    h('h2', {}, t('privacyWhere')),
    h('p', {}, t('privacyWhereText', { region: facts.storage.region })),
    h('h2', {}, t('privacyRights')),
    h('p', {}, t('privacyRightsText', { days: String(facts.answerWithinDays) })),
  );
}
