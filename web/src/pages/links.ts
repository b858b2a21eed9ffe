/** Pages opened from links in emails. Tokens stay in the URL fragment: they never reach a server log. */
import { h, clear, announce } from '../dom.ts';
import {
  t,
  label,
  STATUS,
  STEPS,
  hours,
  longDate,
  locale,
  dateTime,
  clockTime,
  labelled,
  referenceOf,
  type Key,
} from '../i18n.ts';
import { api } from '../api.ts';
import { journalSection } from './harvest.ts';
import { hoursTable, type HourLine } from './hours-table.ts';

const fragmentParams = () => new URLSearchParams(location.hash.split('?')[1] ?? '');

function result(main: HTMLElement, ok: boolean, message?: string, done?: string) {
  const p = h(
    'p',
    { role: ok ? 'status' : 'alert', class: ok ? 'success' : 'error' },
    ok ? (done ?? t('done')) : (message ?? t('notFoundLink')),
  );
  main.append(p);
  announce(p.textContent ?? '');
  return p;
}

/** History events whose reason a person wrote for the requester; routing notes and system reasons stay with staff. */
const SAYS_WHY = ['cancelled', 'withdrawn', 'released', 'not-confirmed'];

/** Statuses in which the requester may still withdraw the request. */
const OPEN: Record<string, string[]> = {
  learning: ['unverified', 'awaiting-confirmation', 'routed', 'accepted', 'in-progress', 'needs-decision'],
  additional: ['unverified', 'awaiting-confirmation', 'granted', 'waitlisted', 'offered'],
};
/** What a status waits for, or why the request is closed, said plainly. */
const WAITING: Record<string, Key> = {
  unverified: 'waitUnverified',
  'awaiting-confirmation': 'waitConfirmation',
  'not-confirmed': 'closedNotConfirmed',
  withdrawn: 'closedWithdrawn',
};

type Balance = {
  allocatedMinutes: number;
  billableMinutes?: number;
  usedMinutes: number;
  availableMinutes: number;
  expiringCarryMinutes: number;
  carryExpiresOn: string | null;
};

function balanceRows(v: { kind: string; status: string; balance: Balance | null }): Array<[string, string]> {
  const b = v.balance;
  if (!b) return [];
  if (v.kind === 'learning') {
    const expiring =
      b.expiringCarryMinutes > 0 && b.carryExpiresOn
        ? locale() === 'en'
          ? `${hours(b.availableMinutes)} available, of which ${hours(b.expiringCarryMinutes)} expire on ${longDate(b.carryExpiresOn)}`
          : `${hours(b.availableMinutes)} disponibles, dont ${hours(b.expiringCarryMinutes)} expirent le ${longDate(b.carryExpiresOn)}`
        : `${hours(b.availableMinutes)} ${locale() === 'en' ? 'available' : 'disponibles'}`;
    return [
      [t('hoursUsed'), hours(b.usedMinutes)],
      [t('available'), expiring],
      ...(b.billableMinutes ? [[t('billableHours'), hours(b.billableMinutes)] as [string, string]] : []),
    ];
  }
  if (v.status !== 'granted') return [];
  return [
    [t('hoursUsed'), `${hours(b.usedMinutes)} / ${hours(b.allocatedMinutes)}`],
    ...(b.billableMinutes ? [[t('billableHours'), hours(b.billableMinutes)] as [string, string]] : []),
  ];
}

export async function requestStatus(main: HTMLElement, id: string) {
  const params = fragmentParams();
  const token = params.get('t') ?? '';
  const r = await api(`/api/requests/${encodeURIComponent(id)}`, { statusToken: token });
  if (!r.ok) {
    result(main, false);
    return;
  }
  const v = r.body;
  const open = OPEN[v.kind]?.includes(v.status) ?? false;
  const rows: Array<[string, string]> = [
    [t('requestNumber'), referenceOf(v.id)],
    [t('status'), label(STATUS, v.status)],
  ];
  if (v.kind === 'learning') {
    rows.push([t('partner'), v.partner?.name ?? '—'], [t('step'), v.step ? STEPS[v.step][locale()] : '—']);
  } else {
    if (v.slot && ['granted', 'offered'].includes(v.status)) rows.push([t('slot'), `${v.slot} / ${v.capacity ?? 9}`]);
    if (v.waitlistPosition) rows.push([t('position'), String(v.waitlistPosition)]);
    if (v.offerLastDay)
      rows.push([locale() === 'en' ? 'Offer open until' : "Offre valable jusqu'au", longDate(v.offerLastDay)]);
  }
  rows.push(...balanceRows(v));
  const withdraw = async (body: { notMe?: boolean }) => {
    const out = await api(`/api/requests/${encodeURIComponent(id)}/withdraw`, { body, statusToken: token });
    clear(main);
    if (out.ok) await requestStatus(main, id);
    result(main, out.ok, out.body?.message);
  };
  main.append(
    h('h1', {}, v.kind === 'learning' ? t('askLearning') : t('askAdditional'), ' — ', v.quartier.name ?? ''),
    params.get('pasmoi') === '1'
      ? h(
          'section',
          { class: 'notice not-me', 'aria-labelledby': 'not-me-title' },
          h('h2', { id: 'not-me-title' }, t('notMeTitle')),
          open
            ? [
                h('p', {}, t('notMeText')),
                h(
                  'button',
                  { type: 'button', class: 'danger', onclick: () => withdraw({ notMe: true }) },
                  t('notMeConfirm'),
                ),
              ]
            : h('p', {}, t('alreadyClosed')),
        )
      : '',
    WAITING[v.status] ? h('p', { class: 'notice waiting', role: 'status' }, t(WAITING[v.status])) : '',
    v.question || v.topic ? h('p', { class: 'lead' }, v.question ?? v.topic) : '',
    h(
      'dl',
      { class: 'facts' },
      rows.flatMap(([k, val]) => [h('dt', {}, k), h('dd', {}, val)]),
    ),
    h('h2', {}, t('history')),
    h(
      'ol',
      { class: 'history' },
      (v.history as Array<{ at: string; event: string; reason?: string }>).map((e) =>
        h(
          'li',
          {},
          h('time', { datetime: e.at }, dateTime(e.at)),
          ' — ',
          label(STATUS, e.event),
          e.reason === 'not-me'
            ? ` (${t('notMeReason')})`
            : e.reason && SAYS_WHY.includes(e.event)
              ? ` (${e.reason})`
              : '',
        ),
      ),
    ),
    // What the partner logged against the request, billable part included (once the request is served).
    ...(v.balance ? [h('h2', {}, t('hoursLogged')), hoursTable(v.hours as HourLine[])] : []),
  );
  const actions = h('div', { class: 'actions' });
  const after = async (out: { ok: boolean; body?: { message?: string } }) => {
    clear(main);
    if (out.ok) await requestStatus(main, id);
    result(main, out.ok, out.body?.message, t('requestChanged'));
  };
  // One tap asks; the second, on a button that says what it does, acts (an in-page step, not window.confirm).
  const act = (text: string, path: string, body: unknown, question?: Key) =>
    actions.append(
      h(
        'button',
        {
          type: 'button',
          class: question ? undefined : 'primary',
          onclick: async (e: Event) => {
            if (!question) return after(await api(path, { body, statusToken: token }));
            const asking = e.currentTarget as HTMLButtonElement;
            actions.hidden = true;
            const box: HTMLElement = h(
              'div',
              { class: 'notice confirm', role: 'alertdialog', 'aria-labelledby': 'confirm-q' },
              h('p', { id: 'confirm-q' }, t(question)),
              h(
                'button',
                {
                  type: 'button',
                  class: 'danger',
                  onclick: async () => after(await api(path, { body, statusToken: token })),
                },
                `${labelled(t('yesConfirm'))} ${text}`,
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'button',
                  onclick: () => {
                    box.remove();
                    actions.hidden = false;
                    asking.focus();
                  },
                },
                t('noGoBack'),
              ),
            );
            actions.after(box);
            box.querySelector<HTMLButtonElement>('button')?.focus();
          },
        },
        text,
      ),
    );
  if (v.kind === 'learning' && ['routed', 'accepted', 'in-progress', 'needs-decision'].includes(v.status))
    act(t('cancelRequest'), `/api/learning-requests/${id}/cancel`, {}, 'confirmCancelRequest');
  if (v.kind === 'additional' && v.status === 'granted')
    act(t('releaseSlot'), `/api/additional-support-requests/${id}/release`, {}, 'confirmReleaseSlot');
  if (v.kind === 'additional' && v.status === 'waitlisted')
    act(t('leaveList'), `/api/additional-support-requests/${id}/release`, {}, 'confirmLeaveList');
  if (v.kind === 'additional' && v.status === 'offered') {
    act(t('acceptOffer'), `/api/additional-support-requests/${id}/offer`, { accept: true });
    act(t('declineOffer'), `/api/additional-support-requests/${id}/offer`, { accept: false }, 'confirmDeclineOffer');
  }
  // While trust is pending no other button withdraws it; afterwards the cancel and release buttons above do.
  if (open && !actions.childElementCount)
    act(t('withdrawRequest'), `/api/requests/${id}/withdraw`, {}, 'confirmWithdrawRequest');
  if (actions.childElementCount) main.append(actions);
  // The learning harvest (issue 18): the journal and outcomes, and what the quartier learned before.
  const journal = v.kind === 'learning' ? await journalSection(id, { statusToken: token }) : null;
  if (journal) main.append(journal);
}

/** A partner's accept/decline link: a confirmation step, so that mail scanners opening links change nothing. */
export async function partnerAnswer(main: HTMLElement) {
  const p = fragmentParams();
  const action = p.get('action') === 'decline' ? 'decline' : 'accept';
  const reasonId = 'answer-reason';
  const reason = h('textarea', { id: reasonId, rows: 3 });
  main.append(
    h('h1', {}, action === 'accept' ? t('accept') : t('decline')),
    h('p', {}, `${locale() === 'en' ? 'Request' : 'Demande'} ${p.get('id')}`),
    action === 'decline' ? h('div', { class: 'field' }, h('label', { for: reasonId }, t('reason')), reason) : '',
    h(
      'button',
      {
        type: 'button',
        class: 'primary',
        onclick: async () => {
          const out = await api(`/api/learning-requests/${encodeURIComponent(p.get('id') ?? '')}/answer`, {
            body: {
              action,
              partnerId: p.get('p'),
              assignment: Number(p.get('a')),
              signature: p.get('sig'),
              ...(reason.value.trim() ? { reason: reason.value.trim() } : {}),
            },
          });
          result(main, out.ok, out.body?.message);
        },
      },
      action === 'accept' ? t('accept') : t('decline'),
    ),
  );
}

type PublicSession = { id: string; date: string; startTime?: string };

/** "Festival de l'impact collectif, 24 février 2027, 13 h 00": the session a cancel link names, when it is listed. */
async function sessionTitle(sessionId: string) {
  const r = await api('/api/activities');
  if (!r.ok) return '';
  for (const a of r.body as Array<{ title: { fr: string; en: string }; sessions: PublicSession[] }>) {
    const s = a.sessions.find((x) => x.id === sessionId);
    if (s) return `${a.title[locale()]}, ${longDate(s.date)}${s.startTime ? `, ${clockTime(s.startTime)}` : ''}`;
  }
  return '';
}

export async function cancelRegistration(main: HTMLElement) {
  const p = fragmentParams();
  const what = await sessionTitle(p.get('s') ?? '');
  const button: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      onclick: async () => {
        const out = await api(
          `/api/sessions/${encodeURIComponent(p.get('s') ?? '')}/registrations/${encodeURIComponent(p.get('r') ?? '')}/cancel`,
          { body: { signature: p.get('sig') } },
        );
        // Done is done: no button left to press twice.
        if (out.ok) button.remove();
        result(
          main,
          out.ok,
          out.body?.message,
          what ? t('registrationCancelled', { what }) : t('registrationCancelledShort'),
        );
      },
    },
    t('cancelRegistration'),
  );
  main.append(
    h('h1', {}, t('cancelRegistration')),
    what ? h('p', {}, t('cancelRegistrationOf', { what })) : '',
    button,
  );
}

export async function mailingListLink(main: HTMLElement, kind: 'confirm' | 'unsubscribe') {
  const p = fragmentParams();
  const email = p.get('e') ?? '';
  const text = kind === 'confirm' ? t('confirmSubscription') : t('unsubscribe');
  const button: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      onclick: async () => {
        const out = await api(`/api/mailing-list/${kind}`, { body: { email: p.get('e'), signature: p.get('sig') } });
        if (out.ok) button.remove();
        result(
          main,
          out.ok,
          out.body?.message,
          kind === 'confirm' ? t('subscriptionWelcome', { email }) : t('unsubscribed', { email }),
        );
      },
    },
    text,
  );
  main.append(h('h1', {}, text), email ? h('p', {}, t('subscriptionFor', { email })) : '', button);
}
