/**
 * What coordination does from the dashboard besides reading it: add, change and cancel activity sessions, edit the
 * program's settings, send a bulk message. Each page uses the API's own routes and shows its field messages.
 */
import './sessions-admin.css';
import { h, clear, announce } from '../dom.ts';
import { t, locale, longDate, colon, label, FOCUS } from '../i18n.ts';
import { api, staffRole, type ApiResult } from '../api.ts';
import { buildForm, type Field } from '../forms.ts';

type Session = {
  id: string;
  activityId: string;
  date: string;
  startTime: string;
  duration: string;
  capacity?: number;
  place?: string;
  virtualUrl?: string;
  registrationUrl?: string;
  status: 'scheduled' | 'cancelled';
  registeredCount: number;
  upcoming: boolean;
};
type Activity = {
  id: string;
  title: { fr: string; en: string };
  coordinator: string;
  registrationUrl?: string;
  sessions: Session[];
};

const DURATIONS: Record<string, { fr: string; en: string }> = {
  'half-day': { fr: 'Demi-journée', en: 'Half day' },
  'full-day': { fr: 'Une journée', en: 'One day' },
  'two-days': { fr: 'Deux jours', en: 'Two days' },
};
const durationOptions = () => Object.entries(DURATIONS).map(([value, l]) => ({ value, label: l[locale()] }));
const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));
/** A number the API can judge: what is not one is sent as typed, so the API names the field. */
const toNumber = (raw: string) => {
  const n = Number(raw.replace(',', '.'));
  return Number.isFinite(n) ? n : raw;
};
const toMinutes = (raw: string) => {
  const n = Number(raw.replace(',', '.'));
  return Number.isFinite(n) ? Math.round(n * 60) : raw;
};
const toList = (raw: string) => {
  const parts = raw.split(/[\s;,]+/).filter(Boolean);
  return parts.map((p) => (Number.isFinite(Number(p)) ? Number(p) : p));
};

function coordinationOnly(main: HTMLElement) {
  if (staffRole()?.role === 'coordination') return true;
  main.append(h('p', {}, h('a', { href: '#/connexion' }, t('signIn'))));
  return false;
}

/** The links from the dashboard to these pages. */
export function adminLinks() {
  const links: Array<[string, string]> = [
    ['#/coordination/sessions', t('sessionsAdmin')],
    ['#/coordination/parametres', t('settingsAdmin')],
    ['#/coordination/message', t('bulkMessage')],
    ['#/coordination/acces', t('staffTitle')],
    ['#/coordination/import', t('importTitle')],
    ['#/coordination/recolte', t('hHarvest')],
    ['#/coordination/confidentialite', t('paTitle')],
  ];
  return h(
    'nav',
    { class: 'admin-links', 'aria-label': t('adminPages') },
    h(
      'ul',
      {},
      links.map(([href, text]) => h('li', {}, h('a', { class: 'button', href }, text))),
    ),
  );
}

function pageHead(main: HTMLElement, title: string, intro?: string) {
  const status = h('p', { class: 'success', role: 'status', id: 'admin-status' });
  main.append(
    h('p', { class: 'back' }, h('a', { href: '#/coordination' }, `← ${t('backToDashboard')}`)),
    h('h1', {}, title),
    intro ? h('p', { class: 'lead' }, intro) : '',
    status,
  );
  return status;
}

// ——— Sessions ———

const sessionFields = (activities: Activity[], s?: Session): Field[] => [
  ...(s
    ? []
    : [
        {
          name: 'activityId',
          label: t('activity'),
          type: 'select' as const,
          required: true,
          options: [
            { value: '', label: t('choose') },
            ...activities.map((a) => ({ value: a.id, label: a.title[locale()] })),
          ],
        },
      ]),
  { name: 'date', label: t('date'), type: 'date', required: true, value: s?.date },
  { name: 'startTime', label: t('startTime'), type: 'time', required: true, value: s?.startTime ?? '09:00' },
  {
    name: 'duration',
    label: t('duration'),
    type: 'select',
    required: true,
    options: durationOptions(),
    value: s?.duration ?? 'full-day',
  },
  { name: 'place', label: t('place'), value: s?.place },
  { name: 'virtualUrl', label: t('virtualUrl'), type: 'url', value: s?.virtualUrl },
  {
    name: 'capacity',
    label: t('capacity'),
    type: 'number',
    hint: t('capacityHint'),
    value: s?.capacity === undefined ? undefined : String(s.capacity),
    transform: toNumber,
  },
  {
    name: 'registrationUrl',
    label: t('registrationUrl'),
    type: 'url',
    hint: t('registrationUrlHint'),
    value: s?.registrationUrl,
  },
];

/** Fields a change may empty: an emptied one is sent as null, which clears it. */
const CLEARABLE = ['place', 'virtualUrl', 'capacity', 'registrationUrl'] as const;

export async function sessionsAdmin(main: HTMLElement, done?: string) {
  if (!coordinationOnly(main)) return;
  const status = pageHead(main, t('sessionsAdmin'));
  if (done) status.textContent = done;
  const list = await api('/api/activities');
  const activities = (list.body ?? []) as Activity[];
  const again = (message: string) => {
    clear(main);
    void sessionsAdmin(main, message).then(() => {
      document.getElementById('admin-status')?.focus();
      announce(message);
    });
  };

  const key = newKey();
  main.append(
    h(
      'details',
      { class: 'card add-session', open: activities.every((a) => !a.sessions.some((s) => s.upcoming)) },
      h('summary', {}, h('h2', {}, t('addSession'))),
      buildForm({
        name: t('addSession'),
        submitLabel: t('addSession'),
        fields: sessionFields(activities),
        onSubmit: (data) => api('/api/sessions', { body: data, staff: true, idempotencyKey: key }),
        onSuccess: () => again(t('sessionAdded')),
      }),
    ),
  );

  const all = activities.flatMap((a) => a.sessions.map((s) => ({ a, s })));
  const upcoming = all
    .filter(({ s }) => s.upcoming && s.status === 'scheduled')
    .sort((x, y) => `${x.s.date}${x.s.startTime}`.localeCompare(`${y.s.date}${y.s.startTime}`));
  const others = all.filter(({ s }) => !(s.upcoming && s.status === 'scheduled'));
  main.append(
    h('h2', {}, `${t('upcomingSessions')} (${upcoming.length})`),
    upcoming.length
      ? h(
          'ul',
          { class: 'session-list' },
          upcoming.map(({ a, s }) => sessionCard(a, s, activities, again)),
        )
      : h('p', {}, t('none')),
    h(
      'details',
      { class: 'past-sessions' },
      h('summary', {}, `${t('pastSessions')} (${others.length})`),
      h(
        'ul',
        { class: 'session-list' },
        others.map(({ a, s }) => sessionCard(a, s, activities, again)),
      ),
    ),
  );
}

function sessionCard(a: Activity, s: Session, activities: Activity[], again: (message: string) => void) {
  const title = `${a.title[locale()]} — ${longDate(s.date)}`;
  const headingId = `session-${s.id}`;
  const elsewhere = s.registrationUrl ?? a.registrationUrl;
  const fact = (term: string, ...value: Array<Node | string>) => [h('dt', {}, term), h('dd', {}, value)];
  const card = h(
    'li',
    { class: `card session${s.status === 'cancelled' ? ' cancelled' : ''}`, 'aria-labelledby': headingId },
    h('h3', { id: headingId }, title),
    h(
      'dl',
      { class: 'facts' },
      fact(t('schedule'), `${s.startTime} · ${DURATIONS[s.duration]?.[locale()] ?? s.duration}`),
      s.place ? fact(t('place'), s.place) : null,
      s.virtualUrl ? fact(t('online'), h('span', { class: 'url' }, s.virtualUrl)) : null,
      fact(t('registeredCount'), `${s.registeredCount} / ${s.capacity ?? t('noLimit')}`),
      fact(
        t('registration'),
        ...(elsewhere
          ? [h('span', { class: 'url' }, elsewhere), s.registrationUrl ? '' : ` (${t('fromActivity')})`]
          : [t('registrationHere')]),
      ),
      fact(t('status'), s.status === 'cancelled' ? t('sessionCancelled') : t('scheduled')),
    ),
  );
  if (s.status === 'cancelled') return card;

  const panel = h('div', { class: 'session-panel' });
  const patch = (body: Record<string, unknown>) =>
    api(`/api/sessions/${encodeURIComponent(s.id)}`, { method: 'PATCH', body, staff: true });
  const changed = (r: ApiResult) =>
    again(`${t('sessionChanged')}${r.body?.notified ? ` ${r.body.notified} ${t('noticesSent')}.` : ''}`);

  const editButton = h('button', { type: 'button', 'aria-expanded': 'false' }, t('edit'));
  const cancelButton = h('button', { type: 'button', class: 'danger' }, t('cancelSession'));
  const close = () => {
    clear(panel);
    editButton.setAttribute('aria-expanded', 'false');
  };
  editButton.addEventListener('click', () => {
    if (editButton.getAttribute('aria-expanded') === 'true') return close();
    clear(panel);
    editButton.setAttribute('aria-expanded', 'true');
    const form = buildForm({
      name: `${colon(t('edit'))} ${title}`,
      submitLabel: t('saveChanges'),
      fields: sessionFields(activities, s),
      onSubmit: (data) => {
        for (const k of CLEARABLE) if (!(k in data) && s[k] !== undefined) data[k] = null;
        return patch(data);
      },
      onSuccess: changed,
    });
    form.append(h('button', { type: 'button', class: 'link', onclick: close }, t('closeForm')));
    panel.append(form);
    form.querySelector<HTMLElement>('input')?.focus();
  });
  cancelButton.addEventListener('click', () => {
    clear(panel);
    editButton.setAttribute('aria-expanded', 'false');
    const no = h(
      'button',
      {
        type: 'button',
        onclick: () => {
          clear(panel);
          cancelButton.focus();
        },
      },
      t('confirmCancelNo'),
    );
    const yes = h(
      'button',
      {
        type: 'button',
        class: 'danger',
        onclick: async () => {
          (yes as HTMLButtonElement).disabled = true;
          const r = await patch({ status: 'cancelled' });
          if (r.ok)
            return again(
              `${t('sessionCancelled')}${r.body?.notified ? ` ${r.body.notified} ${t('noticesSent')}.` : ''}`,
            );
          (yes as HTMLButtonElement).disabled = false;
          panel.append(h('p', { class: 'error', role: 'alert' }, r.body?.message ?? t('networkError')));
        },
      },
      t('confirmCancelYes'),
    );
    panel.append(
      h(
        'div',
        {
          class: 'confirm',
          role: 'alertdialog',
          'aria-label': t('cancelSession'),
          'aria-describedby': `${headingId}-q`,
        },
        h('p', { id: `${headingId}-q` }, t('confirmCancelSession')),
        h('div', { class: 'actions' }, yes, no),
      ),
    );
    no.focus();
  });
  card.append(h('div', { class: 'actions' }, editButton, cancelButton), panel);
  return card;
}

// ——— Settings ———

type Settings = {
  yearStart: { month: number; day: number };
  learning: {
    annualMinutes: number;
    availableCapMinutes: number;
    expiryReminderDays: number;
    thresholdsPercent: number[];
  };
  additional: { slotsPerYear: number; minutesPerSlot: number; offerDays: number };
  routing: { candidatesByFocus: Record<string, string[]>; reminderBusinessDays: number };
  activities: { reminderDaysBefore: number[] };
  harvest: { themes: string[] };
  privacy: { officer: { name: string; email: string; address: string }; retentionYears: number };
};

/** Plain objects are merged key by key; numbers and lists from the form replace what was read. */
function merge(base: unknown, over: unknown): unknown {
  if (!over || typeof over !== 'object' || Array.isArray(over) || !base || typeof base !== 'object') return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) out[k] = merge(out[k], v);
  return out;
}

const hoursValue = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);

export async function settingsAdmin(main: HTMLElement) {
  if (!coordinationOnly(main)) return;
  const status = pageHead(main, t('settingsAdmin'), t('settingsIntro'));
  const read = await api('/api/settings', { staff: true });
  if (!read.ok) return void main.append(h('p', { class: 'error' }, read.body?.message ?? t('networkError')));
  let current = read.body as Settings;
  const months = Array.from({ length: 12 }, (_, i) => ({
    value: String(i + 1),
    label: new Intl.DateTimeFormat(locale() === 'en' ? 'en-CA' : 'fr-CA', { month: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2000, i, 1)),
    ),
  }));
  const num = (name: string, label: string, value: number, hint?: string): Field => ({
    name,
    label,
    type: 'number',
    required: true,
    value: String(value),
    hint,
    transform: toNumber,
  });
  const inHours = (name: string, label: string, minutes: number, hint?: string): Field => ({
    ...num(name, label, 0, hint),
    value: hoursValue(minutes),
    transform: toMinutes,
  });
  const list = (name: string, label: string, value: number[], example: string): Field => ({
    name,
    label,
    required: true,
    value: value.join(', '),
    hint: `${t('listHint')} ${example}`,
    transform: toList,
  });
  const groups: Array<[string, Field[]]> = [
    [
      t('settingsYear'),
      [
        {
          name: 'yearStart.month',
          label: t('yearStartMonth'),
          type: 'select',
          required: true,
          options: months,
          value: String(current.yearStart.month),
          transform: toNumber,
        },
        num('yearStart.day', t('yearStartDay'), current.yearStart.day),
      ],
    ],
    [
      t('settingsLearning'),
      [
        inHours('learning.annualMinutes', t('annualHours'), current.learning.annualMinutes),
        inHours('learning.availableCapMinutes', t('capHours'), current.learning.availableCapMinutes, t('capHoursHint')),
        num('learning.expiryReminderDays', t('expiryReminderDays'), current.learning.expiryReminderDays),
        list('learning.thresholdsPercent', t('thresholds'), current.learning.thresholdsPercent, '50, 80, 100'),
      ],
    ],
    [
      t('settingsAdditional'),
      [
        num('additional.slotsPerYear', t('slotsPerYear'), current.additional.slotsPerYear),
        inHours('additional.minutesPerSlot', t('hoursPerSlot'), current.additional.minutesPerSlot),
        num('additional.offerDays', t('offerDays'), current.additional.offerDays),
      ],
    ],
    [
      t('settingsReminders'),
      [
        num('routing.reminderBusinessDays', t('partnerReminderDays'), current.routing.reminderBusinessDays),
        list('activities.reminderDaysBefore', t('activityReminderDays'), current.activities.reminderDaysBefore, '7, 1'),
      ],
    ],
    [
      t('settingsPrivacy'),
      [
        {
          name: 'privacy.officer.name',
          label: t('privacyOfficerName'),
          required: true,
          value: current.privacy.officer.name,
        },
        {
          name: 'privacy.officer.email',
          label: t('privacyOfficerEmail'),
          type: 'email',
          required: true,
          value: current.privacy.officer.email,
        },
        {
          name: 'privacy.officer.address',
          label: t('privacyOfficerAddress'),
          required: true,
          value: current.privacy.officer.address,
        },
        num(
          'privacy.retentionYears',
          t('privacyRetentionYears'),
          current.privacy.retentionYears,
          t('privacyRetentionHint'),
        ),
      ],
    ],
    [
      t('hSettingsThemes'),
      [
        {
          name: 'harvest.themes',
          label: t('hThemesList'),
          type: 'textarea',
          required: true,
          hint: t('hThemesHint'),
          transform: (raw: string) =>
            raw
              .split(/\r?\n/)
              .map((x) => x.trim())
              .filter(Boolean),
        },
      ],
    ],
  ];
  const fields = groups.flatMap(([, fs]) => fs);
  const form = buildForm({
    name: t('settingsAdmin'),
    submitLabel: t('saveSettings'),
    fields,
    onSubmit: (data) => api('/api/settings', { method: 'PUT', body: merge(current, data), staff: true }),
    onSuccess: (r) => {
      current = r.body as Settings;
      status.textContent = t('settingsSaved');
      announce(t('settingsSaved'));
    },
  });
  // The form builds a textarea empty: the themes, one a line, are put in it here.
  const themesArea = form.querySelector<HTMLTextAreaElement>('textarea[name="harvest.themes"]');
  if (themesArea) themesArea.value = (current.harvest?.themes ?? []).join('\n');
  // The form's fields, grouped under headings (the form builds them flat, in this order).
  const wraps = [...form.querySelectorAll<HTMLElement>(':scope > .field')];
  let at = 0;
  for (const [title, fs] of groups) {
    const set = h('fieldset', { class: 'group' }, h('legend', {}, title));
    wraps[at]?.before(set);
    for (const w of wraps.slice(at, at + fs.length)) set.append(w);
    at += fs.length;
  }
  const partnerName: Record<string, string> = { dynamo: 'Dynamo', niska: 'Niska', 'yann-pezzini': 'Yann Pezzini' };
  const partners = Object.entries(current.routing.candidatesByFocus)
    .map(([focus, ids]) => `${label(FOCUS, focus)} : ${ids.map((id) => partnerName[id] ?? id).join(', ')}`)
    .join(' · ');
  main.append(form, h('p', { class: 'hint' }, `${t('routingKept')} ${partners}.`));
}

// ——— Bulk message ———

export async function bulkMessage(main: HTMLElement) {
  if (!coordinationOnly(main)) return;
  pageHead(main, t('bulkMessage'), t('bulkIntro'));
  const list = await api('/api/activities');
  const sessions = ((list.body ?? []) as Activity[]).flatMap((a) =>
    a.sessions
      // Sessions registered elsewhere have nobody here, unless some registered before the link was set.
      .filter((s) => s.status === 'scheduled' && (!(s.registrationUrl ?? a.registrationUrl) || s.registeredCount > 0))
      .map((s) => ({ value: s.id, label: `${a.title[locale()]} — ${longDate(s.date)}` })),
  );
  const key = newKey();
  main.append(
    buildForm({
      name: t('bulkMessage'),
      submitLabel: t('sendMessage'),
      fields: [
        {
          name: 'audience',
          label: t('audience'),
          type: 'radio',
          required: true,
          value: 'mailing-list',
          options: [
            { value: 'mailing-list', label: t('audienceList') },
            { value: 'session-registrants', label: t('audienceRegistrants') },
            { value: 'session-waitlist', label: t('audienceWaitlist') },
          ],
        },
        {
          name: 'sessionId',
          label: t('session'),
          type: 'select',
          required: true,
          options: [{ value: '', label: t('choose') }, ...sessions],
          showIf: (v) => v.audience !== 'mailing-list',
        },
        { name: 'subject', label: t('subject'), required: true },
        { name: 'body', label: t('messageBody'), type: 'textarea', required: true },
      ],
      onSubmit: (data) => api('/api/bulk-messages', { body: data, staff: true, idempotencyKey: key }),
      onSuccess: (r) => {
        clear(main);
        const heading = h('h1', { tabindex: '-1' }, t('bulkMessage'));
        main.append(
          h('p', { class: 'back' }, h('a', { href: '#/coordination' }, `← ${t('backToDashboard')}`)),
          heading,
          h(
            'p',
            { class: 'success', role: 'status' },
            `${t('messageQueued')} ${r.body.recipients} ${t('recipients')}.`,
          ),
        );
        heading.focus();
      },
    }),
  );
}
