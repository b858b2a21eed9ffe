/** The partners' portal: the requests routed to a partner, its answer, and the hours it logs on them. */
import { h, clear, announce, uid } from '../dom.ts';
import { t, label, STATUS, STEPS, hours, locale, longDate } from '../i18n.ts';
import { api } from '../api.ts';
import { parseDuration } from '../duration.ts';
import { localDateAt } from '../../../shared/domain/program-year.ts';
import { requireRole } from './staff.ts';
import { journalSection } from './harvest.ts';

/** Today in Montreal, whatever the browser's time zone. */
const montrealToday = () => localDateAt(new Date());

type Contact = { name: string; email: string; phone?: string };
type PortalRequest = {
  id: string;
  quartierId: string;
  year: string;
  status: string;
  question: string;
  step?: string;
  createdAt: string;
  contact?: Contact;
};

/** What the portal shows, kept while the page lives: a filter or an order changes the list without a new request. */
const view = { status: '', order: 'newest' as 'newest' | 'oldest' };
const FILTERABLE = ['routed', 'accepted', 'in-progress', 'completed', 'needs-decision', 'cancelled'];

const contactLine = (c?: Contact) =>
  c
    ? [
        c.name,
        ' — ',
        h('a', { href: `mailto:${c.email}` }, c.email),
        c.phone ? [' — ', h('a', { href: `tel:${c.phone}` }, c.phone)] : null,
      ]
    : '—';

export async function partnerPortal(main: HTMLElement) {
  if (!requireRole(main, 'partner')) return;
  const [list, quartierList] = await Promise.all([
    api('/api/learning-requests', { staff: true }),
    api('/api/quartiers'),
  ]);
  const requests = (list.body ?? []) as PortalRequest[];
  const names = new Map<string, string>(
    ((quartierList.body ?? []) as Array<{ id: string; name: string }>).map((q) => [q.id, q.name]),
  );
  const nameOf = (id: string) => names.get(id) ?? id;
  // One balance per quartier and year, asked for once however many requests it has.
  const balanceKeys = [...new Set(requests.map((r) => `${r.quartierId}|${r.year}`))];
  const balances = new Map(
    await Promise.all(
      balanceKeys.map(async (k) => {
        const [q, year] = k.split('|');
        const b = await api(`/api/quartiers/${encodeURIComponent(q)}/balance?year=${year}`, { staff: true });
        return [k, b.ok ? (b.body.availableMinutes as number) : undefined] as const;
      }),
    ),
  );
  const refresh = () => {
    clear(main);
    void partnerPortal(main);
  };

  const statusSelect = h(
    'select',
    { id: 'filter-status' },
    h('option', { value: '' }, t('pAllStatuses')),
    FILTERABLE.map((s) => h('option', { value: s, selected: view.status === s }, label(STATUS, s))),
  );
  const orderSelect = h(
    'select',
    { id: 'sort-order' },
    h('option', { value: 'newest', selected: view.order === 'newest' }, t('pNewest')),
    h('option', { value: 'oldest', selected: view.order === 'oldest' }, t('pOldest')),
  );
  const count = h('p', { class: 'hint', 'aria-live': 'polite' });
  // Cards without bullets or indent, so that a phone gives them its whole width (style.css is shared: kept here).
  const cards = h('ul', { class: 'request-cards', role: 'list', style: 'list-style: none; padding: 0' });

  const card = (r: PortalRequest) => {
    const quartier = nameOf(r.quartierId);
    const available = balances.get(`${r.quartierId}|${r.year}`);
    const headingId = uid('req');
    const actions = h('div', { class: 'actions' });
    const confirmAccept = () => {
      clear(actions);
      const yes = h(
        'button',
        {
          type: 'button',
          class: 'primary',
          onclick: async () => {
            const out = await api(`/api/learning-requests/${r.id}/accept`, { body: {}, staff: true });
            announce(out.ok ? t('pAccepted', { quartier }) : (out.body?.message ?? t('networkError')));
            refresh();
          },
        },
        t('pYesAccept'),
      );
      actions.append(
        h('p', { role: 'alert' }, t('pAcceptConfirm', { quartier })),
        yes,
        h('button', { type: 'button', onclick: showActions }, t('keep')),
      );
      yes.focus();
    };
    const confirmDecline = () => {
      clear(actions);
      const reasonId = uid('decline-reason');
      const reason = h('textarea', { id: reasonId, name: 'reason', rows: 3, maxlength: 1000 });
      actions.append(
        h('p', { role: 'alert' }, t('pDeclineConfirm', { quartier })),
        h('div', { class: 'field' }, h('label', { for: reasonId }, t('pDeclineReason')), reason),
        h(
          'button',
          {
            type: 'button',
            class: 'danger',
            onclick: async () => {
              const text = reason.value.trim();
              const out = await api(`/api/learning-requests/${r.id}/decline`, {
                body: text ? { reason: text } : {},
                staff: true,
              });
              announce(out.ok ? t('pDeclined', { quartier }) : (out.body?.message ?? t('networkError')));
              refresh();
            },
          },
          t('pYesDecline'),
        ),
        h('button', { type: 'button', onclick: showActions }, t('keep')),
      );
      reason.focus();
    };
    function showActions() {
      clear(actions);
      if (r.status === 'routed')
        actions.append(
          h('button', { type: 'button', class: 'primary', onclick: confirmAccept }, t('accept')),
          h('button', { type: 'button', onclick: confirmDecline }, t('decline')),
        );
      if (['accepted', 'in-progress'].includes(r.status))
        actions.append(h('a', { class: 'button primary', href: `#/partenaire/${r.id}` }, t('logHours')));
    }
    showActions();
    return h(
      'li',
      { class: 'card', 'aria-labelledby': headingId },
      h('h2', { id: headingId }, quartier),
      h('p', { class: 'lead' }, r.question),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, t('receivedOn')),
        // Received at 20:30 in Montreal is received that day, though UTC is already the next.
        h('dd', {}, longDate(localDateAt(new Date(r.createdAt)))),
        h('dt', {}, t('status')),
        h('dd', {}, label(STATUS, r.status)),
        h('dt', {}, t('step')),
        h('dd', {}, r.step ? STEPS[r.step][locale()] : '—'),
        h('dt', {}, t('pContact')),
        h('dd', {}, contactLine(r.contact)),
        h('dt', {}, t('pAvailable')),
        h('dd', {}, available === undefined ? '—' : hours(available)),
      ),
      actions,
    );
  };

  const render = () => {
    view.status = statusSelect.value;
    view.order = orderSelect.value as typeof view.order;
    const shown = requests
      .filter((r) => !view.status || r.status === view.status)
      .sort((a, b) =>
        view.order === 'newest' ? b.createdAt.localeCompare(a.createdAt) : a.createdAt.localeCompare(b.createdAt),
      );
    clear(cards);
    cards.append(...shown.map(card));
    count.textContent = t('pShown', { n: String(shown.length), total: String(requests.length) });
  };
  statusSelect.addEventListener('change', render);
  orderSelect.addEventListener('change', render);

  main.append(
    h('h1', {}, t('myRequests')),
    h(
      'div',
      { class: 'grid' },
      h('div', { class: 'field' }, h('label', { for: 'filter-status' }, t('status')), statusSelect),
      h('div', { class: 'field' }, h('label', { for: 'sort-order' }, t('pSort')), orderSelect),
    ),
    count,
    requests.length ? cards : h('p', {}, t('none')),
  );
  render();
}

type Entry = {
  id: string;
  kind: string;
  date?: string;
  minutes: number;
  step?: string;
  note?: string;
  requestId?: string;
  billableMinutes?: number;
};

export async function partnerRequest(main: HTMLElement, id: string) {
  if (!requireRole(main, 'partner')) return;
  const r = (await api(`/api/requests/${encodeURIComponent(id)}`, { staff: true })).body;
  if (!r?.quartier) return main.append(h('p', {}, t('notFoundLink')));
  const total = () => r.balance.allocatedMinutes + r.balance.carriedInMinutes;
  const balanceText = () =>
    t('pAvailableLine', { available: hours(r.balance.availableMinutes), total: hours(total()) });
  const balanceLine = h('p', { id: 'live-balance' }, balanceText());
  const success = h('p', { class: 'success', role: 'status', id: 'log-success' });
  const entriesBox = h('section', { 'aria-labelledby': 'past-entries' });

  const loadEntries = async () => {
    const out = await api(
      `/api/quartiers/${encodeURIComponent(r.quartier.id)}/ledger?year=${encodeURIComponent(r.year)}`,
      { staff: true },
    );
    const entries = ((out.body ?? []) as Entry[]).filter((e) => e.requestId === id && e.kind === 'consumption');
    clear(entriesBox);
    entriesBox.append(h('h2', { id: 'past-entries' }, t('pPastEntries')));
    if (!entries.length) return entriesBox.append(h('p', {}, t('pNoEntries')));
    entriesBox.append(
      h(
        'ul',
        { class: 'entries' },
        entries.map((e) =>
          h(
            'li',
            {},
            h('strong', {}, `${e.date ? longDate(e.date) : '—'} — ${hours(e.minutes)}`),
            e.step && STEPS[e.step] ? ` — ${STEPS[e.step][locale()]}` : '',
            e.billableMinutes ? ` (${hours(e.billableMinutes)} ${t('pBillable')})` : '',
            e.note ? h('div', { class: 'hint' }, e.note) : null,
          ),
        ),
      ),
      h('p', {}, t('pTotal', { hours: hours(entries.reduce((s, e) => s + e.minutes, 0)) })),
    );
  };

  // The one step control: it is saved with the hours, and moves the request's own step when it changes.
  const stepSelect = h(
    'select',
    { id: 'log-step', name: 'step', 'aria-describedby': 'log-step-hint' },
    Object.entries(STEPS).map(([k, v]) => h('option', { value: k, selected: r.step === k }, v[locale()])),
  );
  // Only a step the partner chose moves the request (and with it, its status to "in progress").
  let stepChosen = false;
  stepSelect.addEventListener('change', () => (stepChosen = true));
  const dateInput = h('input', { id: 'log-date', name: 'date', type: 'date', required: true, max: montrealToday() });
  const durationInput = h('input', {
    id: 'log-duration',
    name: 'duration',
    type: 'text',
    required: true,
    autocomplete: 'off',
    'aria-describedby': 'log-duration-hint log-duration-read log-duration-error',
  });
  const durationRead = h('p', { id: 'log-duration-read', class: 'hint', 'aria-live': 'polite' });
  const durationError = h('p', { id: 'log-duration-error', class: 'field-error', hidden: true });
  const warning = h('p', { class: 'warning', hidden: true, role: 'alert' });
  const noteInput = h('textarea', { id: 'log-note', name: 'note', rows: 3, maxlength: 1000 });
  const formError = h('p', { class: 'error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('logHours'));
  // One key per entry being typed: a second click on the same entry is the same entry, not a second one.
  let idempotencyKey = crypto.randomUUID();

  const reset = () => {
    dateInput.value = montrealToday();
    durationInput.value = '';
    noteInput.value = '';
    durationRead.textContent = '';
    warning.hidden = true;
    idempotencyKey = crypto.randomUUID();
    stepChosen = false;
  };
  const onDuration = () => {
    const minutes = parseDuration(durationInput.value);
    durationError.hidden = true;
    durationInput.removeAttribute('aria-invalid');
    durationRead.textContent = minutes ? `= ${hours(minutes)}` : '';
    const over = minutes ? minutes - Math.max(0, r.balance.availableMinutes) : 0;
    warning.hidden = !(over > 0);
    if (over > 0) warning.textContent = t('pBillableHours', { hours: hours(over) });
  };
  durationInput.addEventListener('input', onDuration);

  const form = h(
    'form',
    { novalidate: true, 'aria-label': t('logHours') },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'log-date' }, t('date'), h('span', { class: 'req' }, ` (${t('required')})`)),
      dateInput,
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'log-duration' }, t('pDuration'), h('span', { class: 'req' }, ` (${t('required')})`)),
      h('p', { class: 'hint', id: 'log-duration-hint' }, t('pDurationHint')),
      durationInput,
      durationRead,
      durationError,
    ),
    warning,
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'log-step' }, t('step')),
      h('p', { class: 'hint', id: 'log-step-hint' }, t('pStepHint')),
      stepSelect,
    ),
    h('div', { class: 'field' }, h('label', { for: 'log-note' }, t('pNote')), noteInput),
    formError,
    submit,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    formError.hidden = true;
    success.textContent = '';
    const minutes = parseDuration(durationInput.value);
    if (!minutes) {
      durationError.textContent = t('pDurationInvalid');
      durationError.hidden = false;
      durationInput.setAttribute('aria-invalid', 'true');
      durationInput.focus();
      return;
    }
    const date = dateInput.value;
    const note = noteInput.value.trim();
    submit.disabled = true;
    submit.textContent = t('sending');
    const out = await api('/api/hour-logs', {
      body: {
        quartierId: r.quartier.id,
        axis: 'learning',
        requestId: id,
        date,
        minutes,
        step: stepSelect.value,
        ...(note ? { note } : {}),
      },
      staff: true,
      idempotencyKey,
    });
    if (out.ok && stepChosen && stepSelect.value !== r.step) {
      const moved = await api(`/api/learning-requests/${id}/progress`, {
        body: { step: stepSelect.value },
        staff: true,
      });
      if (moved.ok) r.step = stepSelect.value;
    }
    submit.disabled = false;
    submit.textContent = t('logHours');
    if (!out.ok) {
      const issues = (out.body?.issues ?? []) as Array<{ message: string }>;
      formError.textContent = issues.map((i) => i.message).join(' ') || out.body?.message || t('networkError');
      formError.hidden = false;
      return;
    }
    r.balance.availableMinutes = out.body.balance.availableMinutes;
    balanceLine.textContent = balanceText();
    const billable = out.body.billableMinutes as number;
    // The form is cleared for the next entry, and the list shows the new one, before the message says it is done.
    reset();
    await loadEntries();
    success.textContent = [
      t('pLogged', { hours: hours(minutes), date: longDate(date), available: hours(r.balance.availableMinutes) }),
      billable > 0 ? t('pLoggedBillable', { hours: hours(billable) }) : '',
    ]
      .filter(Boolean)
      .join(' ');
    success.focus();
  });
  success.setAttribute('tabindex', '-1');
  reset();

  main.append(
    h('p', {}, h('a', { href: '#/partenaire' }, t('pBack'))),
    h('h1', {}, r.quartier.name ?? r.quartier.id),
    h('p', { class: 'lead' }, r.question),
    balanceLine,
    success,
    h('h2', {}, t('logHours')),
    form,
    entriesBox,
  );
  await loadEntries();
  const journal = await journalSection(id, { staff: true });
  if (journal) main.append(journal);
}
