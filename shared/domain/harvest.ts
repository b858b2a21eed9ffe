/**
 * The learning harvest (issue 18): what each accompaniment teaches. A learning request keeps a journal (the intent
 * before acting, notes per learning-loop step, the after-action review at the close) and outcome statements (who
 * changed, what changed, how the accompaniment contributed, what shows it). Outcome Harvesting's statement and
 * Emergent Learning's before- and after-action reviews. Pure rules: who may write when, what the public sees.
 */
import type { Locale } from '#email/render';
import { FOCUS_LABELS } from '#shared/labels';

export type JournalKind = 'intent' | 'step' | 'after-action';
/** Who wrote an entry: the quartier through its status link, the partner holding the request, or coordination. */
export type Author =
  | { role: 'requester' }
  | { role: 'partner'; partnerId: string; sub: string }
  | { role: 'coordination'; sub: string };

/** What an entry knows of its request, copied when written: the harvest reads a year without reading requests. */
export type EntryContext = {
  requestId: string;
  year: string;
  quartierId: string;
  partnerId?: string;
  focus: string;
};

export type JournalEntry = EntryContext & {
  id: string;
  kind: JournalKind;
  step?: string;
  text: string;
  author: Author;
  at: string;
  editedAt?: string;
  editedBy?: Author;
};

export type OutcomeStatement = EntryContext & {
  id: string;
  /** Who changed (a group, an organisation, the table of the quartier). */
  actor: string;
  change: string;
  contribution: string;
  evidence?: string;
  themes: string[];
  /** Shown beyond the program team: only ever set by the quartier itself. */
  shared: boolean;
  sharedAt?: string;
  author: Author;
  at: string;
  editedAt?: string;
  editedBy?: Author;
};

/** States of a learning request in which its journal is open (a partner holds it or is asked to). */
const JOURNAL_OPEN = ['routed', 'needs-decision', 'accepted', 'in-progress', 'completed'];
/** Outcomes and the after-action review come once the work has started. */
const WORK_STARTED = ['in-progress', 'completed'];

export type WriteRefusal = 'journal-closed' | 'too-early-for-review';

/** Whether the journal takes entries while the request is in `status`. */
export const journalOpen = (status: string) => JOURNAL_OPEN.includes(status);

/** Whether a journal entry of this kind may be written while the request is in `status`. */
export function journalRefusal(status: string, kind: JournalKind): WriteRefusal | undefined {
  if (!JOURNAL_OPEN.includes(status)) return 'journal-closed';
  if (kind === 'after-action' && !WORK_STARTED.includes(status)) return 'too-early-for-review';
  return undefined;
}

/** Whether an outcome may be recorded while the request is in `status`. */
export function outcomeRefusal(status: string): WriteRefusal | undefined {
  if (!JOURNAL_OPEN.includes(status)) return 'journal-closed';
  if (!WORK_STARTED.includes(status) && status !== 'accepted') return 'too-early-for-review';
  return undefined;
}

/** Consent to share beyond the team is the quartier's alone: a partner or coordination may only withdraw it. */
export const mayShare = (author: Author, shared: boolean) => !shared || author.role === 'requester';

/** Themes not in the program's list (settings), in the order given. */
export const unknownThemes = (themes: readonly string[], known: readonly string[]) =>
  themes.filter((t) => !known.includes(t));

// ─── The public harvest ───

/** One shared outcome as anyone may read it: the quartier by name, the statement, nothing about people. */
export type SharedOutcome = {
  quartier: string;
  focus: string;
  themes: string[];
  actor: string;
  change: string;
  contribution: string;
  evidence?: string;
};

// Anything around an @: a public text loses a little more than an address rather than keep part of one.
const EMAIL = /[^\s@]+@[^\s@]+/gu;
// Seven digits or more, with the separators people type in a phone number.
const PHONE = /\+?\(?\d[\d\s().-]{5,}\d/g;
const REDACTED = '[…]';

/**
 * Text with the personal details the system knows of taken out: email addresses and phone numbers wherever they
 * are, and the names given (the request's contact), whole words, in any case.
 */
export function redact(text: string, names: readonly string[] = []): string {
  let out = text.replace(EMAIL, REDACTED).replace(PHONE, REDACTED);
  for (const name of names) {
    const n = name.trim();
    if (n.length < 2) continue;
    const escaped = n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'), REDACTED);
  }
  return out;
}

/**
 * The shared harvest: only outcomes the quartier chose to share, each reduced to the quartier's name and the
 * statement, with every personal detail known of its request redacted. Fields are copied one by one, never spread:
 * a field added to outcomes later does not reach the public by default.
 */
export function sharedHarvest(
  outcomes: readonly OutcomeStatement[],
  quartierName: (id: string) => string | undefined,
  personalOf: (requestId: string) => readonly string[] = () => [],
): SharedOutcome[] {
  return outcomes
    .filter((o) => o.shared === true)
    .map((o) => {
      const names = personalOf(o.requestId);
      const clean = (s: string) => redact(s, names);
      return {
        quartier: quartierName(o.quartierId) ?? o.quartierId,
        focus: o.focus,
        themes: [...o.themes],
        actor: clean(o.actor),
        change: clean(o.change),
        contribution: clean(o.contribution),
        ...(o.evidence ? { evidence: clean(o.evidence) } : {}),
      };
    });
}

// ─── Counts ───

export type HarvestCounts = {
  outcomes: number;
  shared: number;
  reviews: number;
  quartiers: number;
  byTheme: Record<string, number>;
  byFocus: Record<string, number>;
  byPartner: Record<string, number>;
};

const tally = (into: Record<string, number>, key: string) => {
  into[key] = (into[key] ?? 0) + 1;
};

export function harvestCounts(outcomes: readonly OutcomeStatement[], reviews: readonly JournalEntry[]): HarvestCounts {
  const byTheme: Record<string, number> = {};
  const byFocus: Record<string, number> = {};
  const byPartner: Record<string, number> = {};
  const quartiers = new Set<string>();
  for (const o of outcomes) {
    for (const t of o.themes) tally(byTheme, t);
    tally(byFocus, o.focus);
    tally(byPartner, o.partnerId ?? '—');
    quartiers.add(o.quartierId);
  }
  for (const r of reviews) quartiers.add(r.quartierId);
  return {
    outcomes: outcomes.length,
    shared: outcomes.filter((o) => o.shared).length,
    reviews: reviews.length,
    quartiers: quartiers.size,
    byTheme,
    byFocus,
    byPartner,
  };
}

// ─── CSV ───

const HEADERS = {
  fr: [
    'Type',
    'Date',
    'Quartier',
    'Partenaire',
    'Orientation',
    'Thèmes',
    'Qui a changé',
    'Ce qui a changé',
    'Contribution',
    'Ce qui le montre',
    'Partagé',
    'Demande',
  ],
  en: [
    'Kind',
    'Date',
    'Neighbourhood',
    'Partner',
    'Focus',
    'Themes',
    'Who changed',
    'What changed',
    'Contribution',
    'Evidence',
    'Shared',
    'Request',
  ],
} as const;

/** The year's harvest as spreadsheet rows: outcomes, then after-action reviews (their text in "what changed"). */
/** A focus in words, as a cell begins (the code itself if the catalogue has no word for it). */
const focusCell = (focus: string, locale: Locale) =>
  Object.hasOwn(FOCUS_LABELS, focus) ? FOCUS_LABELS[focus as keyof typeof FOCUS_LABELS][locale] : focus;

export function harvestRows(
  outcomes: readonly OutcomeStatement[],
  reviews: readonly JournalEntry[],
  names: { quartier(id: string): string; partner(id: string | undefined): string },
  locale: Locale,
): string[][] {
  const yes = locale === 'en' ? 'yes' : 'oui';
  const no = locale === 'en' ? 'no' : 'non';
  const rows: string[][] = [[...HEADERS[locale]]];
  for (const o of outcomes)
    rows.push([
      locale === 'en' ? 'outcome' : 'effet',
      o.at.slice(0, 10),
      names.quartier(o.quartierId),
      names.partner(o.partnerId),
      focusCell(o.focus, locale),
      o.themes.join(', '),
      o.actor,
      o.change,
      o.contribution,
      o.evidence ?? '',
      o.shared ? yes : no,
      o.requestId,
    ]);
  for (const r of reviews)
    rows.push([
      locale === 'en' ? 'after-action review' : 'bilan après action',
      r.at.slice(0, 10),
      names.quartier(r.quartierId),
      names.partner(r.partnerId),
      focusCell(r.focus, locale),
      '',
      '',
      r.text,
      '',
      '',
      no,
      r.requestId,
    ]);
  return rows;
}
