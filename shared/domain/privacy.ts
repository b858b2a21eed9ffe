/**
 * Privacy by design (issue 19, Québec's Law 25): what the notice says, what an erased person becomes, and when
 * retention ends. Pure rules; the records are found and rewritten by the repositories (shared/ports.ts).
 */
import type { ProgramSettings } from './settings.ts';

/** What an erased person's name and address become: no one's, and never deliverable (`.invalid`, RFC 2606). */
export const ERASED_NAME = '—';
export const ERASED_EMAIL = 'efface@anonyme.invalid';

export const isErased = (email: string) => email === ERASED_EMAIL;

/** The states in which a request has ended: its personal data starts its retention period at its last update. */
const CLOSED_STATES = {
  learning: ['not-confirmed', 'completed', 'cancelled'],
  additional: ['not-confirmed', 'released', 'withdrawn', 'offer-declined', 'offer-expired'],
} as const;
export const requestClosedStates = (kind: 'learning' | 'additional'): readonly string[] => CLOSED_STATES[kind];

/** Records whose request closed or whose session took place before this date (ISO) are past their retention. */
export function retentionCutoff(now: Date, settings: Pick<ProgramSettings, 'privacy'>): string {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - settings.privacy.retentionYears);
  return d.toISOString();
}

/** Where the table and every function run (infra deploys to Montreal's AWS region only). */
export const STORAGE_REGION = 'ca-central-1';

/** The categories of personal data the program holds, why, and for how long; the notice lists them. */
export const DATA_CATEGORIES = [
  { id: 'requests', fields: ['name', 'email', 'phone', 'question'], purpose: 'accompaniment' },
  { id: 'registrations', fields: ['name', 'email'], purpose: 'activities' },
  { id: 'mailing-list', fields: ['email', 'consent'], purpose: 'news' },
  { id: 'contacts', fields: ['name', 'email'], purpose: 'speak-for-quartier' },
  { id: 'proposals', fields: ['name', 'email', 'topic'], purpose: 'workshops' },
  { id: 'emails', fields: ['email', 'name'], purpose: 'notifications' },
] as const;

/** The facts of the privacy notice, as `GET /api/privacy` returns them and the page shows them. */
export function privacyFacts(settings: Pick<ProgramSettings, 'privacy'>) {
  return {
    officer: settings.privacy.officer,
    retentionYears: settings.privacy.retentionYears,
    storage: { country: 'Canada', region: STORAGE_REGION },
    categories: DATA_CATEGORIES.map((c) => ({ ...c, fields: [...c.fields] })),
    rights: ['access', 'portability', 'correction', 'erasure', 'withdraw-consent'],
    /** Law 25 gives an organisation 30 days to answer a request for access or erasure. */
    answerWithinDays: 30,
  };
}
export type PrivacyFacts = ReturnType<typeof privacyFacts>;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `value` with every string's occurrences of `email` replaced by ERASED_EMAIL and of `names` by ERASED_NAME (case
 * ignored): an email's data names its recipient in greetings and links. Names under two letters are left.
 */
export function scrub<T>(value: T, email: string, names: string[]): T {
  const swaps: Array<[RegExp, string]> = [
    [new RegExp(escapeRegExp(email), 'gi'), ERASED_EMAIL],
    ...names
      .filter((n) => n.trim().length >= 2)
      .sort((a, b) => b.length - a.length)
      .map((n): [RegExp, string] => [new RegExp(escapeRegExp(n.trim()), 'gi'), ERASED_NAME]),
  ];
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return swaps.reduce((s, [re, by]) => s.replace(re, by), v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** An export as rows of a CSV: one line per field of each record, its path dotted (`contact.email`). */
export function exportRows(records: Record<string, Array<Record<string, unknown>>>): string[][] {
  const rows: string[][] = [['record', 'id', 'field', 'value']];
  const flatten = (v: unknown, path: string, out: Array<[string, string]>) => {
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) flatten(x, path ? `${path}.${k}` : k, out);
    } else if (v !== undefined && v !== null) out.push([path, String(v)]);
    return out;
  };
  for (const [kind, list] of Object.entries(records))
    list.forEach((r, i) => {
      const id = typeof r.id === 'string' ? r.id : typeof r.email === 'string' ? r.email : String(i + 1);
      for (const [field, value] of flatten(r, '', [])) rows.push([kind, id, field, value]);
    });
  return rows;
}
