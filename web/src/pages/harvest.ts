/**
 * The learning harvest's pages (issue 18): a learning request's journal and outcome statements, on the quartier's
 * status page and the partner's view, with the quartier's earlier learnings; the coordination's yearly harvest to
 * browse and filter, and its printable view (one page per theme) for the festival.
 */
import './harvest.css';
import { h, clear, announce, uid, append } from '../dom.ts';
import { t, locale, STEPS, dateTime, colon, FOCUS, focusLabel, type Key } from '../i18n.ts';
import type { FocusKey } from '#shared/labels';
import type { JournalEntry, OutcomeStatement } from '#domain/harvest';
import { api, staffRole, type ApiResult } from '../api.ts';
import { localDateAt, programYearOf, previousYear } from '../../../shared/domain/program-year.ts';

/** What the API shows of who wrote: the role, and who it was only to the program's staff. */
type Author = { role: 'requester' | 'partner' | 'coordination'; partnerId?: string; sub?: string };
/** An entry or outcome as the API shows it: with its author as shown, and the names of its quartier and partner. */
type Shown<T> = Omit<T, 'author' | 'editedBy'> & { author: Author; quartierName?: string; partnerName?: string };
type Entry = Shown<JournalEntry>;
type Outcome = Shown<OutcomeStatement>;
type Journal = {
  writer: Author['role'];
  /** Whether the journal takes entries (from routing to completion). */
  open: boolean;
  themes: string[];
  entries: Entry[];
  outcomes: Outcome[];
  earlier: { outcomes: Outcome[]; reviews: Entry[] };
};

/** The quartier by its status link, or staff by their sign-in. */
export type JournalAccess = { statusToken: string } | { staff: true };

const PARTNERS: Record<string, string> = { dynamo: 'Dynamo', niska: 'Niska', 'yann-pezzini': 'Yann Pezzini' };
const KIND: Record<Entry['kind'], Key> = { intent: 'hIntent', step: 'hStepNote', 'after-action': 'hAfterAction' };

const who = (a: Author) =>
  a.role === 'requester'
    ? t('hRequester')
    : a.role === 'partner'
      ? (PARTNERS[a.partnerId ?? ''] ?? '')
      : t('hCoordination');
const meta = (x: { at: string; author: Author; editedAt?: string }) =>
  h(
    'p',
    { class: 'meta' },
    h('time', { datetime: x.at }, dateTime(x.at)),
    ` — ${t('hBy')} ${who(x.author)}`,
    x.editedAt ? ` (${t('hEdited')} ${dateTime(x.editedAt)})` : '',
  );
const errorOf = (r: ApiResult) => r.body?.issues?.[0]?.message ?? r.body?.message ?? t('networkError');

function outcomeFields(o: Outcome) {
  const rows: Array<[Key, string]> = [
    ['hActor', o.actor],
    ['hChange', o.change],
    ['hContribution', o.contribution],
  ];
  if (o.evidence) rows.push(['hEvidence', o.evidence]);
  if (o.themes.length) rows.push(['hThemes', o.themes.join(', ')]);
  return h(
    'dl',
    { class: 'outcome-fields' },
    rows.flatMap(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, v)]),
  );
}

/** A labelled control (its label tied by id). */
function field(labelText: string, control: HTMLElement, hint?: string) {
  const id = uid('h');
  control.id = id;
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), hintEl, control);
}

/** The journal, outcomes and earlier learnings of learning request `id`, drawn into a section it keeps up to date. */
export async function journalSection(id: string, access: JournalAccess): Promise<HTMLElement | null> {
  const section = h('section', { class: 'journal', 'aria-labelledby': 'journal-title' });
  const call = (path: string, opts: { method?: string; body?: unknown } = {}) =>
    api(`/api/learning-requests/${encodeURIComponent(id)}${path}`, {
      ...opts,
      ...('statusToken' in access ? { statusToken: access.statusToken } : { staff: true }),
    });
  const first = await call('/journal');
  if (!first.ok) return null;
  const draw = (j: Journal, said?: string) => {
    clear(section);
    const status = h('p', { class: 'journal-said', role: 'status' }, said ?? '');
    const refresh = async (out: ApiResult, ok: string) => {
      if (!out.ok) return false;
      const again = await call('/journal');
      if (again.ok) draw(again.body as Journal, ok);
      announce(ok);
      section.querySelector<HTMLElement>('#journal-title')?.focus();
      return true;
    };
    append(section, [
      h('h2', { id: 'journal-title', tabindex: '-1' }, t('hJournal')),
      h('p', { class: 'hint' }, t('hJournalIntro')),
      status,
      earlierPart(j),
      entriesPart(j, call, refresh),
      j.open ? entryForm(call, refresh) : null,
      outcomesPart(j, call, refresh),
      j.open ? outcomeForm(j, call, refresh) : null,
    ]);
  };
  draw(first.body as Journal);
  return section;
}

type Call = (path: string, opts?: { method?: string; body?: unknown }) => Promise<ApiResult>;
type Refresh = (out: ApiResult, ok: string) => Promise<boolean>;

function earlierPart(j: Journal) {
  if (!j.earlier.outcomes.length && !j.earlier.reviews.length) return null;
  return h(
    'section',
    { class: 'earlier', 'aria-labelledby': 'earlier-title' },
    h('h3', { id: 'earlier-title' }, t('hEarlier')),
    h('p', { class: 'hint' }, t('hEarlierIntro')),
    h(
      'ul',
      { class: 'outcomes' },
      j.earlier.outcomes.map((o) => h('li', {}, outcomeFields(o), meta(o))),
      j.earlier.reviews.map((r) => h('li', {}, h('strong', {}, t('hAfterAction')), h('p', {}, r.text), meta(r))),
    ),
  );
}

function entriesPart(j: Journal, call: Call, refresh: Refresh) {
  if (!j.entries.length) return h('p', {}, t('hNoEntries'));
  return h(
    'ul',
    { class: 'journal-entries' },
    j.entries.map((e) => {
      const li = h(
        'li',
        {},
        h('strong', {}, t(KIND[e.kind]), e.step && STEPS[e.step] ? ` — ${STEPS[e.step][locale()]}` : ''),
        h('p', { class: 'entry-text' }, e.text),
        meta(e),
      );
      if (j.open)
        li.append(
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              onclick: () => {
                const area = h('textarea', { rows: 4, maxlength: 4000 });
                area.value = e.text;
                const error = h('p', { class: 'error', role: 'alert', hidden: true });
                const form = h(
                  'form',
                  {
                    novalidate: true,
                    onsubmit: async (ev: Event) => {
                      ev.preventDefault();
                      const out = await call(`/journal/${encodeURIComponent(e.id)}`, {
                        method: 'PATCH',
                        body: { text: area.value },
                      });
                      if (!(await refresh(out, t('hSave')))) {
                        error.hidden = false;
                        error.textContent = errorOf(out);
                      }
                    },
                  },
                  field(t('hText'), area),
                  error,
                  h('button', { type: 'submit', class: 'primary' }, t('hSave')),
                );
                li.replaceChildren(form);
                area.focus();
              },
            },
            t('hEdit'),
          ),
        );
      return li;
    }),
  );
}

function entryForm(call: Call, refresh: Refresh) {
  const kind = h(
    'select',
    { name: 'kind' },
    (['intent', 'step', 'after-action'] as const).map((k) => h('option', { value: k }, t(KIND[k]))),
  );
  const step = h(
    'select',
    { name: 'step' },
    Object.entries(STEPS).map(([k, v]) => h('option', { value: k }, v[locale()])),
  );
  const text = h('textarea', { name: 'text', rows: 4, maxlength: 4000 });
  const stepField = field(t('step'), step);
  const stepSlot = h('div', {});
  const hint = h('p', { class: 'hint' }, t('hIntentHint'));
  const onKind = () => {
    // In the page only while it is asked: the partner's view has its own step control for the hours.
    stepSlot.replaceChildren(...(kind.value === 'step' ? [stepField] : []));
    hint.textContent =
      kind.value === 'after-action' ? t('hAfterActionHint') : kind.value === 'intent' ? t('hIntentHint') : '';
  };
  kind.addEventListener('change', onKind);
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const form = h(
    'form',
    {
      class: 'harvest-form',
      novalidate: true,
      'aria-label': t('hAddEntry'),
      onsubmit: async (ev: Event) => {
        ev.preventDefault();
        const body = { kind: kind.value, ...(kind.value === 'step' ? { step: step.value } : {}), text: text.value };
        const out = await call('/journal', { body });
        if (!(await refresh(out, t('hAddEntry')))) {
          error.hidden = false;
          error.textContent = errorOf(out);
        }
      },
    },
    h('h3', {}, t('hAddEntry')),
    field(t('hKind'), kind),
    stepSlot,
    hint,
    field(t('hText'), text),
    error,
    h('button', { type: 'submit', class: 'primary' }, t('hAddEntry')),
  );
  onKind();
  return form;
}

function outcomesPart(j: Journal, call: Call, refresh: Refresh) {
  const quartier = j.writer === 'requester';
  return h(
    'section',
    { 'aria-labelledby': 'outcomes-title' },
    h('h3', { id: 'outcomes-title' }, t('hOutcomes')),
    h('p', { class: 'hint' }, t('hOutcomesIntro')),
    j.outcomes.length
      ? h(
          'ul',
          { class: 'outcomes' },
          j.outcomes.map((o) => {
            const share = async (shared: boolean) =>
              refresh(
                await call(`/outcomes/${encodeURIComponent(o.id)}/share`, { body: { shared } }),
                shared ? t('hShared') : t('hNotShared'),
              );
            const li: HTMLElement = h(
              'li',
              { 'data-outcome': o.id },
              outcomeFields(o),
              h('p', { class: 'sharing' }, h('strong', {}, o.shared ? t('hShared') : t('hNotShared'))),
              meta(o),
              quartier && !o.shared
                ? h(
                    'div',
                    { class: 'consent' },
                    h('p', { class: 'hint' }, t('hShareConsent')),
                    h('button', { type: 'button', class: 'button', onclick: () => share(true) }, t('hShare')),
                  )
                : null,
              o.shared
                ? h('button', { type: 'button', class: 'button', onclick: () => share(false) }, t('hUnshare'))
                : null,
              j.open &&
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'link',
                    onclick: () => {
                      const form = outcomeForm(j, call, refresh, o);
                      li.replaceChildren(form);
                      form.querySelector<HTMLElement>('input, textarea')?.focus();
                    },
                  },
                  t('hEdit'),
                ),
            );
            return li;
          }),
        )
      : h('p', {}, t('hNoOutcomes')),
  );
}

/** A new outcome, or `existing` corrected (its consent is changed by its own buttons). */
function outcomeForm(j: Journal, call: Call, refresh: Refresh, existing?: Outcome) {
  const quartier = j.writer === 'requester' && !existing;
  const title = existing ? t('hEdit') : t('hAddOutcome');
  const area = (name: string, value = '', rows = 3) => {
    const el = h('textarea', { name, rows, maxlength: 2000 });
    el.value = value;
    return el;
  };
  const actor = h('input', { name: 'actor', type: 'text', maxlength: 500, value: existing?.actor });
  const change = area('change', existing?.change);
  const contribution = area('contribution', existing?.contribution);
  const evidence = area('evidence', existing?.evidence, 2);
  const themes = j.themes.map((theme) => ({
    theme,
    box: h('input', { type: 'checkbox', value: theme, checked: existing?.themes.includes(theme) }),
  }));
  const shared = h('input', { type: 'checkbox', name: 'shared', id: uid('share') });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  return h(
    'form',
    {
      class: 'harvest-form',
      novalidate: true,
      'aria-label': title,
      onsubmit: async (ev: Event) => {
        ev.preventDefault();
        const statement = {
          actor: actor.value,
          change: change.value,
          contribution: contribution.value,
          themes: themes.filter((x) => x.box.checked).map((x) => x.theme),
        };
        const out = existing
          ? await call(`/outcomes/${encodeURIComponent(existing.id)}`, {
              method: 'PATCH',
              body: { ...statement, evidence: evidence.value },
            })
          : await call('/outcomes', {
              body: {
                ...statement,
                ...(evidence.value.trim() ? { evidence: evidence.value } : {}),
                shared: quartier && shared.checked,
              },
            });
        if (!(await refresh(out, title))) {
          error.hidden = false;
          error.textContent = errorOf(out);
        }
      },
    },
    h('h3', {}, title),
    field(t('hActor'), actor),
    field(t('hChange'), change),
    field(t('hContribution'), contribution),
    field(t('hEvidence'), evidence),
    h(
      'fieldset',
      { class: 'themes-choice' },
      h('legend', {}, t('hThemes')),
      themes.map(({ theme, box }) => h('label', { class: 'check' }, box, ` ${theme}`)),
    ),
    existing
      ? null
      : quartier
        ? h('div', { class: 'field' }, h('label', { class: 'check', for: shared.id }, shared, ` ${t('hShareConsent')}`))
        : h('p', { class: 'hint' }, t('hOnlyQuartierShares')),
    error,
    h('button', { type: 'submit', class: 'primary' }, existing ? t('hSave') : t('hAddOutcome')),
  );
}

// ——— The coordination's yearly harvest ———

type Harvest = {
  year: string;
  counts: { outcomes: number; shared: number; reviews: number; quartiers: number; byTheme: Record<string, number> };
  outcomes: Outcome[];
  reviews: Entry[];
};

export async function harvestPage(main: HTMLElement) {
  if (staffRole()?.role !== 'coordination') {
    main.append(h('p', {}, h('a', { href: '#/connexion' }, t('signIn'))));
    return;
  }
  const settings = await api('/api/settings', { staff: true });
  const start = settings.body?.yearStart ?? { month: 4, day: 1 };
  const current = programYearOf(localDateAt(new Date()), start);
  const years = [current, previousYear(current), previousYear(previousYear(current))];
  const themes: string[] = settings.body?.harvest?.themes ?? [];
  const select = (name: string, all: Key, options: Array<[string, string]>) =>
    h(
      'select',
      { name },
      h('option', { value: '' }, t(all)),
      options.map(([v, l]) => h('option', { value: v }, l)),
    );
  const year = h(
    'select',
    { name: 'year' },
    years.map((y) => h('option', { value: y }, y)),
  );
  const theme = select(
    'theme',
    'hAllThemes',
    themes.map((x) => [x, x]),
  );
  const focus = select(
    'focus',
    'hAllFocus',
    (Object.keys(FOCUS) as FocusKey[]).map((k) => [k, focusLabel(k)]),
  );
  const partner = select('partner', 'hAllPartners', Object.entries(PARTNERS));
  const body = h('div', { class: 'harvest-body' });
  const heading = h('h1', { tabindex: '-1' }, t('hHarvest'));
  let data: Harvest | undefined;

  const matches = (x: { focus: string; partnerId?: string; themes?: string[] }) =>
    (!focus.value || x.focus === focus.value) &&
    (!partner.value || x.partnerId === partner.value) &&
    (!theme.value || (x.themes ?? []).includes(theme.value));
  const place = (x: { quartierName?: string; quartierId: string; partnerName?: string; focus: string }) => {
    const focusText = x.focus in FOCUS ? focusLabel(x.focus as FocusKey) : x.focus;
    return `${x.quartierName ?? x.quartierId} · ${x.partnerName || '—'} · ${focusText}`;
  };
  const outcomeItem = (o: Outcome) =>
    h('li', {}, h('p', { class: 'meta' }, place(o), ` · ${dateTime(o.at)}`), outcomeFields(o));

  const browse = () => {
    clear(body);
    if (!data) return;
    const c = data.counts;
    const outcomes = data.outcomes.filter(matches);
    // A review has no themes: filtering by theme leaves them out.
    const reviews = theme.value ? [] : data.reviews.filter(matches);
    append(body, [
      h('h2', {}, t('hCounts')),
      h(
        'p',
        {},
        t('hCountLine', {
          outcomes: String(c.outcomes),
          shared: String(c.shared),
          reviews: String(c.reviews),
          quartiers: String(c.quartiers),
        }),
      ),
      Object.keys(c.byTheme).length
        ? h(
            'ul',
            { class: 'by-theme' },
            Object.entries(c.byTheme).map(([k, n]) => h('li', {}, `${colon(k)} ${n}`)),
          )
        : null,
      h('h2', {}, t('hOutcomes')),
      outcomes.length ? h('ul', { class: 'harvest-list' }, outcomes.map(outcomeItem)) : h('p', {}, t('hNothing')),
      h('h2', {}, t('hReviews')),
      reviews.length
        ? h(
            'ul',
            { class: 'harvest-list' },
            reviews.map((r) =>
              h('li', {}, h('p', { class: 'meta' }, place(r), ` · ${dateTime(r.at)}`), h('p', {}, r.text)),
            ),
          )
        : h('p', {}, t('hNothing')),
    ]);
  };

  /** One page per theme (an outcome with several themes is on each), then those with none. */
  const printable = () => {
    clear(body);
    if (!data) return;
    const outcomes = data.outcomes.filter(matches);
    const groups: Array<[string, Outcome[]]> = [
      ...themes.map((x): [string, Outcome[]] => [x, outcomes.filter((o) => o.themes.includes(x))]),
      [t('hNoTheme'), outcomes.filter((o) => !o.themes.some((x) => themes.includes(x)))],
    ];
    append(body, [
      h(
        'div',
        { class: 'harvest-actions' },
        h('button', { type: 'button', class: 'primary', onclick: () => window.print() }, t('hPrintNow')),
        h('button', { type: 'button', onclick: browse }, t('hBackToBrowse')),
      ),
      groups
        .filter(([, os]) => os.length)
        .map(([name, os]) =>
          h(
            'section',
            { class: 'print-theme' },
            h('h2', {}, `${t('hHarvest')} ${data!.year} — ${name}`),
            h('ul', { class: 'harvest-list' }, os.map(outcomeItem)),
          ),
        ),
    ]);
  };

  const load = async () => {
    const out = await api(`/api/harvest/${encodeURIComponent(year.value)}`, { staff: true });
    data = out.ok ? (out.body as Harvest) : undefined;
    if (!out.ok) return void body.replaceChildren(h('p', { class: 'error' }, errorOf(out)));
    browse();
  };
  const csv = async () => {
    const out = await api(`/api/harvest/${encodeURIComponent(year.value)}?format=csv&lang=${locale()}`, {
      staff: true,
    });
    if (!out.ok) return;
    // The text as read lost its byte-order mark: Excel needs it to read UTF-8.
    const text = String(out.body);
    const blob = new Blob([text.startsWith('\uFEFF') ? text : `\uFEFF${text}`], { type: 'text/csv;charset=utf-8' });
    const a = h('a', { href: URL.createObjectURL(blob), download: `recolte-${year.value}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
  };
  for (const s of [theme, focus, partner]) s.addEventListener('change', browse);
  year.addEventListener('change', load);

  main.append(
    h('p', { class: 'back' }, h('a', { href: '#/coordination' }, `← ${t('backToDashboard')}`)),
    heading,
    h('p', { class: 'lead' }, t('hHarvestIntro')),
    h(
      'div',
      { class: 'harvest-filters', role: 'group', 'aria-label': t('hHarvest') },
      field(t('hYear'), year),
      field(t('hThemes'), theme),
      field(t('hFocus'), focus),
      field(t('hPartner'), partner),
    ),
    h(
      'div',
      { class: 'harvest-actions' },
      h('button', { type: 'button', class: 'button', onclick: csv }, t('hCsv')),
      h('button', { type: 'button', class: 'button', onclick: printable }, t('hPrint')),
    ),
    body,
  );
  await load();
}
