/** The coordination dashboard's trust sections: requests to vouch for, and each quartier's contacts on file. */
import { h, clear, announce } from '../dom.ts';
import { t, locale, colon } from '../i18n.ts';
import { api } from '../api.ts';
import { buildForm } from '../forms.ts';
import { trustDecision, trustFacts, type TrustView } from './trust.ts';

type Contact = { name: string; email: string; locale: 'fr' | 'en'; addedAt: string; addedBy: string };

/** Both sections, filled as their data arrives: the rest of the dashboard does not wait for them. */
export function trustAdmin() {
  const awaiting = h('section', { class: 'trust-admin', 'aria-labelledby': 'to-confirm-title' });
  const contacts = h('section', { class: 'contacts-admin', 'aria-labelledby': 'contacts-title' });
  void fillAwaiting(awaiting);
  void fillContacts(contacts);
  return [awaiting, contacts];
}

async function fillAwaiting(section: HTMLElement) {
  const r = await api('/api/trust-requests', { staff: true });
  clear(section);
  const list = (r.body ?? []) as TrustView[];
  section.append(h('h2', { id: 'to-confirm-title' }, `${t('toConfirm')} (${list.length})`));
  if (!list.length) return void section.append(h('p', {}, t('none')));
  for (const v of list)
    section.append(
      h(
        'article',
        { class: 'card', 'aria-label': `${v.quartier.name} — ${v.contact.name}` },
        trustFacts(v),
        trustDecision(v, { staff: true }),
      ),
    );
}

const day = (iso: string) =>
  new Date(iso).toLocaleDateString(locale() === 'en' ? 'en-CA' : 'fr-CA', {
    timeZone: 'America/Montreal',
    dateStyle: 'long',
  });

async function fillContacts(section: HTMLElement) {
  const quartiers = ((await api('/api/quartiers')).body ?? []) as Array<{ id: string; name: string }>;
  const pick = h(
    'select',
    { id: 'contacts-quartier' },
    h('option', { value: '' }, t('choose')),
    quartiers.map((q) => h('option', { value: q.id }, q.name)),
  );
  const body = h('div', { id: 'contacts-body' });
  pick.addEventListener('change', () => void showContacts(body, pick.value));
  clear(section);
  section.append(
    h('h2', { id: 'contacts-title' }, t('contactsOnFile')),
    h('p', { class: 'hint' }, t('contactsIntro')),
    h('div', { class: 'field' }, h('label', { for: 'contacts-quartier' }, t('quartier')), pick),
    body,
  );
}

async function showContacts(body: HTMLElement, quartierId: string) {
  clear(body);
  if (!quartierId) return;
  const path = `/api/quartiers/${encodeURIComponent(quartierId)}/contacts`;
  const r = await api(path, { staff: true });
  if (!r.ok) return void body.append(h('p', { role: 'alert', class: 'error' }, r.body?.message ?? t('networkError')));
  const list = r.body as Contact[];
  const rows = list.map((c) => {
    const cell = h('td', {});
    const ask = () => {
      clear(cell);
      const yes = h(
        'button',
        {
          type: 'button',
          class: 'danger',
          onclick: async () => {
            const out = await api(`${path}/${encodeURIComponent(c.email)}`, { method: 'DELETE', staff: true });
            announce(out.ok ? t('done') : (out.body?.message ?? t('networkError')));
            await showContacts(body, quartierId);
          },
        },
        t('yesRemove'),
      );
      cell.append(
        h('span', {}, t('removeConfirm', { name: c.name }), ' '),
        yes,
        ' ',
        h('button', { type: 'button', onclick: reset }, t('keep')),
      );
      yes.focus();
    };
    const reset = () => {
      clear(cell);
      cell.append(
        h('button', { type: 'button', 'aria-label': `${colon(t('remove'))} ${c.name}`, onclick: ask }, t('remove')),
      );
    };
    reset();
    return h(
      'tr',
      {},
      h('td', {}, c.name),
      h('td', {}, c.email),
      h('td', {}, c.locale === 'en' ? 'English' : 'Français'),
      h('td', {}, day(c.addedAt)),
      h('td', {}, c.addedBy),
      cell,
    );
  });
  body.append(
    list.length
      ? h(
          'table',
          { class: 'contacts' },
          h('caption', {}, t('contactsOnFile')),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [t('name'), t('email'), t('language'), t('addedOn'), t('addedBy')].map((x) =>
                h('th', { scope: 'col' }, x),
              ),
              h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('remove'))),
            ),
          ),
          h('tbody', {}, rows),
        )
      : h('p', {}, t('none')),
    h('h3', {}, t('addContact')),
    buildForm({
      name: t('addContact'),
      submitLabel: t('addContact'),
      fields: [
        { name: 'name', label: t('name'), required: true },
        { name: 'email', label: t('email'), type: 'email', required: true },
        {
          name: 'locale',
          label: t('language'),
          type: 'select',
          value: 'fr',
          options: [
            { value: 'fr', label: 'Français' },
            { value: 'en', label: 'English' },
          ],
        },
      ],
      onSubmit: (data) => api(path, { body: data, staff: true }),
      onSuccess: () => {
        announce(t('done'));
        void showContacts(body, quartierId);
      },
    }),
  );
}
