/** Who has access to the staff pages: coordination lists the accounts, invites people and revokes access. */
import { h, clear, announce } from '../dom.ts';
import { t, locale, longDate, colon } from '../i18n.ts';
import { api } from '../api.ts';
import { buildForm } from '../forms.ts';
import { cognitoConfig } from '../cognito.ts';
import { requireRole, table } from './staff.ts';

type Account = {
  email: string;
  role: 'coordination' | 'partner' | null;
  partnerId?: string;
  name?: string;
  status: 'invited' | 'active' | 'disabled';
  createdAt: string;
};

const STATUS_KEYS = { invited: 'staffInvited', active: 'staffActive', disabled: 'staffDisabled' } as const;

export async function access(main: HTMLElement) {
  if (!requireRole(main, 'coordination')) return;
  const [list, partners, hosted] = await Promise.all([
    api('/api/staff', { staff: true }),
    api('/api/partners'),
    cognitoConfig(),
  ]);
  const partnerName = new Map<string, string>(
    ((partners.body ?? []) as Array<{ id: string; name: string }>).map((p) => [p.id, p.name]),
  );
  const roleLabel = (a: Account) =>
    a.role === 'coordination'
      ? t('coordination')
      : a.role === 'partner'
        ? `${t('partnerRole')} — ${partnerName.get(a.partnerId ?? '') ?? a.partnerId}`
        : '—';
  const refresh = () => {
    clear(main);
    void access(main);
  };

  main.append(
    h('p', {}, h('a', { href: '#/coordination' }, `← ${t('navStaff')}`)),
    h('h1', {}, t('staffTitle')),
    h('p', { class: 'hint' }, t(hosted ? 'staffHintAws' : 'staffHintLocal')),
  );
  if (!list.ok) main.append(h('p', { role: 'alert' }, list.body?.message ?? t('networkError')));
  main.append(
    table(
      t('staffTitle'),
      [t('email'), t('name'), t('role'), t('status'), t('staffCreated'), ''],
      ((list.body ?? []) as Account[]).map((a) => [
        a.email,
        a.name ?? '—',
        roleLabel(a),
        t(STATUS_KEYS[a.status]),
        longDate(a.createdAt),
        a.status === 'disabled'
          ? ''
          : h(
              'button',
              {
                type: 'button',
                'aria-label': `${colon(t('staffRevoke'))} ${a.email}`,
                onclick: async () => {
                  if (!confirm(`${t('staffRevokeConfirm')} ${a.email}`)) return;
                  const out = await api(`/api/staff/${encodeURIComponent(a.email)}`, { method: 'DELETE', staff: true });
                  announce(out.ok ? t('done') : (out.body?.message ?? t('networkError')));
                  if (out.ok) refresh();
                },
              },
              t('staffRevoke'),
            ),
      ]),
    ),
  );

  const form = buildForm({
    name: t('staffInvite'),
    submitLabel: t('staffInvite'),
    fields: [
      { name: 'email', label: t('email'), type: 'email', required: true, autocomplete: 'off' },
      { name: 'name', label: t('name') },
      {
        name: 'role',
        label: t('role'),
        type: 'select',
        required: true,
        value: 'partner',
        options: [
          { value: 'partner', label: t('partnerRole') },
          { value: 'coordination', label: t('coordination') },
        ],
      },
      {
        name: 'partnerId',
        label: t('partner'),
        type: 'select',
        required: true,
        options: [{ value: '', label: t('choose') }, ...[...partnerName].map(([value, label]) => ({ value, label }))],
        showIf: (v) => v.role === 'partner',
      },
      {
        name: 'locale',
        label: t('staffLocale'),
        type: 'select',
        value: locale(),
        options: [
          { value: 'fr', label: 'Français' },
          { value: 'en', label: 'English' },
        ],
      },
    ],
    onSubmit: (data) => api('/api/staff', { body: data, staff: true }),
    onSuccess: (out) => {
      announce(`${t('done')} ${out.body.email}`);
      refresh();
    },
  });
  main.append(h('h2', {}, t('staffInvite')), form);
}
