/**
 * Coordination's privacy requests (issue 19, Law 25): what the program holds of an address (and its export, JSON or
 * CSV, to hand back), and its erasure, with the reason kept.
 */
import { announce, h } from '../dom.ts';
import { colon, t } from '../i18n.ts';
import { api, staffRole } from '../api.ts';
import { buildForm } from '../forms.ts';

const KINDS = [
  ['requests', 'paRequests'],
  ['registrations', 'paRegistrations'],
  ['mailingList', 'paMailingList'],
  ['quartierContacts', 'paContacts'],
  ['proposals', 'paProposals'],
  ['journal', 'paJournal'],
  ['outcomes', 'paOutcomes'],
  ['emails', 'paEmails'],
] as const;

/** The export as a file the person can be given. */
function download(content: string, type: string, name: string) {
  const a = h('a', { href: URL.createObjectURL(new Blob([content], { type })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
}

export async function privacyAdmin(main: HTMLElement) {
  if (staffRole()?.role !== 'coordination') {
    main.append(h('p', {}, h('a', { href: '#/connexion' }, t('signIn'))));
    return;
  }
  document.title = `PIC — ${t('paTitle')}`;
  const status = h('p', { class: 'success', role: 'status', id: 'privacy-status' });
  const found = h('div', { id: 'privacy-found' });
  main.append(
    h('p', { class: 'back' }, h('a', { href: '#/coordination' }, `← ${t('backToDashboard')}`)),
    h('h1', {}, t('paTitle')),
    h('p', { class: 'lead' }, t('paIntro')),
    status,
    h('h2', {}, t('paAccess')),
  );
  const query = (email: string, format = 'json') =>
    api(`/api/privacy/export?${new URLSearchParams({ email, format })}`, { staff: true });
  main.append(
    buildForm({
      name: t('paAccess'),
      submitLabel: t('paFind'),
      fields: [{ name: 'email', label: t('email'), type: 'email', required: true }],
      onSubmit: (data) => query(String(data.email)),
      onSuccess: (r) => {
        const x = r.body as Record<string, unknown[]> & { email: string };
        found.replaceChildren(
          h(
            'ul',
            {},
            KINDS.map(([key, label]) => h('li', {}, `${colon(t(label))} ${(x[key] ?? []).length}`)),
          ),
          h(
            'p',
            {},
            h(
              'button',
              {
                type: 'button',
                class: 'button',
                onclick: () => download(JSON.stringify(x, null, 2), 'application/json', 'donnees-personnelles.json'),
              },
              t('paJson'),
            ),
            ' ',
            h(
              'button',
              {
                type: 'button',
                class: 'button',
                onclick: async () => {
                  const csv = await query(x.email, 'csv');
                  if (csv.ok)
                    download(`\uFEFF${String(csv.body)}`, 'text/csv;charset=utf-8', 'donnees-personnelles.csv');
                },
              },
              t('paCsv'),
            ),
          ),
        );
      },
    }),
    found,
    h('h2', {}, t('paErase')),
    h('p', { class: 'hint' }, t('paEraseHint')),
    buildForm({
      name: t('paErase'),
      submitLabel: t('paEraseNow'),
      fields: [
        { name: 'email', label: t('email'), type: 'email', required: true },
        { name: 'reason', label: t('paReason'), required: true },
      ],
      onSubmit: (data) => api('/api/privacy/erase', { method: 'POST', body: data, staff: true }),
      onSuccess: (r) => {
        const done = t('paErased', { records: String(r.body.records), emails: String(r.body.cancelledEmails) });
        status.textContent = done;
        announce(done);
        found.replaceChildren();
      },
    }),
  );
}
