/**
 * The program's spreadsheet of quartiers, in and out: one row per contact on file (or one row without a contact),
 * columns found by their header name. An import compares every row with what is on record and writes only the
 * difference; a preview writes nothing. Rows of one quartier must agree on its own columns.
 */
import { detectSeparator, parseCsv, toCsv, uncsvCell } from '#domain/csv';
import type { QuartierImportRow } from '#shared/schemas';
import type { MessageCode } from '#shared/i18n';
import type { Deps } from '#shared/ports';
import { normalEmail, type ContactItem, type QuartierItem } from '#domain/quartier';
import { createQuartier, firstLedgerYear, getQuartier, listQuartiers } from './quartiers.ts';
import { listContacts } from './contacts.ts';
import { currentYear, maxCarryMinutes, setOpeningCarry } from './opening-carry.ts';

export const IMPORT_COLUMNS = [
  'id',
  'name',
  'advisorName',
  'advisorEmail',
  'contactName',
  'contactEmail',
  'enrolledYear',
  'openingCarryMinutes',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
const OPTIONAL_COLUMNS: readonly ImportColumn[] = ['openingCarryMinutes'];

/** A problem of the file that names a line and a column (the header is line 1). */
export type SheetIssue = { line: number; column?: string; code: MessageCode };

/** The rows of a sheet as cells by column (empty cells absent), or what is wrong with its header. */
export function readQuartierSheet(
  text: string,
):
  | { kind: 'rows'; rows: Array<{ line: number; cells: Partial<Record<ImportColumn, string>> }> }
  | { kind: 'invalid'; issues: SheetIssue[] } {
  // A file saved as Windows-1252 reaches here with its accents replaced: say so rather than import « Montr�al ».
  const garbled = text.indexOf('\uFFFD');
  if (garbled !== -1)
    return { kind: 'invalid', issues: [{ line: text.slice(0, garbled).split('\n').length, code: 'not-utf8' }] };
  const [header, ...records] = parseCsv(text, detectSeparator(text));
  if (!header || header.cells.every((c) => !c.trim()))
    return { kind: 'invalid', issues: [{ line: 1, code: 'empty-file' }] };
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const issues: SheetIssue[] = [];
  const at = new Map<ImportColumn, number>();
  for (const col of IMPORT_COLUMNS) {
    const found = names.flatMap((n, i) => (n === col.toLowerCase() ? [i] : []));
    if (found.length > 1) issues.push({ line: 1, column: col, code: 'duplicate-column' });
    else if (found.length === 1) at.set(col, found[0]);
    else if (!OPTIONAL_COLUMNS.includes(col)) issues.push({ line: 1, column: col, code: 'missing-column' });
  }
  if (issues.length) return { kind: 'invalid', issues };
  const rows = records
    // Excel leaves blank lines (and lines of separators alone) after the last row.
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
    .map((r) => ({
      line: r.line,
      cells: Object.fromEntries(
        [...at].flatMap(([col, i]) => {
          const v = uncsvCell(r.cells[i] ?? '');
          return v.trim() === '' ? [] : [[col, v]];
        }),
      ) as Partial<Record<ImportColumn, string>>,
    }));
  return { kind: 'rows', rows };
}

export type ImportRowStatus = 'created' | 'updated' | 'unchanged';
export type ImportReport = {
  dryRun: boolean;
  year: string;
  created: number;
  updated: number;
  unchanged: number;
  rows: Array<{
    line: number;
    id: string;
    status: ImportRowStatus;
    changes: string[];
    openingCarryMinutes?: number;
    openingCarryRequested?: number;
  }>;
};

type Row = { line: number; row: QuartierImportRow };
type Plan = {
  id: string;
  rows: Row[];
  existing?: QuartierItem;
  want: { name: string; advisor: { name: string; email: string }; enrolledYear: string };
  quartierChanges: string[];
  contacts: Map<string, ContactItem>;
  carry?: { requested: number; target: number; changed: boolean };
  /** The first year the quartier has hours in: its enrolment cannot move past it. */
  firstLedgerYear?: string;
};

/**
 * Validates the rows against each other and the program (rows of one quartier agree; a carry needs an earlier
 * enrolment), then compares them with the store. Nothing is written when `dryRun`, or when any row is refused.
 */
export async function importQuartiers(
  deps: Deps,
  rows: Row[],
  opts: { dryRun: boolean; by: string },
): Promise<{ kind: 'invalid'; issues: SheetIssue[] } | { kind: 'report'; report: ImportReport }> {
  const settings = await deps.settings();
  const year = currentYear(deps, settings);
  const issues: SheetIssue[] = [];
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const first = groups.get(r.row.id)?.[0]?.row;
    if (first) {
      for (const col of ['name', 'advisorName', 'advisorEmail', 'enrolledYear'] as const)
        if (first[col] !== r.row[col]) issues.push({ line: r.line, column: col, code: 'conflicting-row' });
      const carries = groups.get(r.row.id)!.map((x) => x.row.openingCarryMinutes);
      if (
        r.row.openingCarryMinutes !== undefined &&
        carries.some((c) => c !== undefined && c !== r.row.openingCarryMinutes)
      )
        issues.push({ line: r.line, column: 'openingCarryMinutes', code: 'conflicting-row' });
    }
    if (r.row.openingCarryMinutes && r.row.enrolledYear >= year)
      issues.push({ line: r.line, column: 'openingCarryMinutes', code: 'carry-before-enrolment' });
    groups.set(r.row.id, [...(groups.get(r.row.id) ?? []), r]);
  }
  if (issues.length) return { kind: 'invalid', issues };

  const plans = await Promise.all([...groups].map(([id, group]) => planOf(deps, id, group, year, settings)));
  for (const p of plans)
    if (p.firstLedgerYear && p.firstLedgerYear < p.want.enrolledYear)
      issues.push({ line: p.rows[0].line, column: 'enrolledYear', code: 'hours-before-enrolment' });
  if (issues.length) return { kind: 'invalid', issues };
  const report: ImportReport = { dryRun: opts.dryRun, year, created: 0, updated: 0, unchanged: 0, rows: [] };
  for (const p of plans)
    for (const r of p.rows) {
      const contactChanged = r.row.contactEmail ? p.contacts.has(normalEmail(r.row.contactEmail)) : false;
      const changes = [
        ...p.quartierChanges,
        ...(contactChanged ? ['contact'] : []),
        ...(p.carry?.changed ? ['openingCarryMinutes'] : []),
      ];
      const status: ImportRowStatus = !p.existing ? 'created' : changes.length ? 'updated' : 'unchanged';
      report[status]++;
      report.rows.push({
        line: r.line,
        id: p.id,
        status,
        changes: p.existing ? changes : [],
        ...(p.carry ? { openingCarryMinutes: p.carry.target } : {}),
        ...(p.carry && p.carry.requested !== p.carry.target ? { openingCarryRequested: p.carry.requested } : {}),
      });
    }
  report.rows.sort((a, b) => a.line - b.line);
  if (!opts.dryRun) for (const p of plans) await apply(deps, p, opts.by);
  return { kind: 'report', report };
}

async function planOf(
  deps: Deps,
  id: string,
  rows: Row[],
  year: string,
  settings: Awaited<ReturnType<Deps['settings']>>,
): Promise<Plan> {
  const [existing, onFile, balance, firstYear] = await Promise.all([
    getQuartier(deps, id),
    listContacts(deps, id),
    deps.repos.ledger.balance(id, 'learning', year),
    firstLedgerYear(deps, id),
  ]);
  const first = rows[0].row;
  const want = {
    name: first.name,
    advisor: { name: first.advisorName, email: first.advisorEmail },
    enrolledYear: first.enrolledYear,
  };
  const quartierChanges = existing
    ? [
        ...(existing.name !== want.name ? ['name'] : []),
        ...(existing.advisor.name !== want.advisor.name || existing.advisor.email !== want.advisor.email
          ? ['advisor']
          : []),
        ...(existing.enrolledYear !== want.enrolledYear ? ['enrolledYear'] : []),
      ]
    : [];
  const now = deps.clock.now().toISOString();
  const contacts = new Map<string, ContactItem>();
  for (const { row } of rows) {
    if (!row.contactEmail || !row.contactName) continue;
    const email = normalEmail(row.contactEmail);
    const known = onFile.find((c) => c.email === email);
    if (known?.name === row.contactName) continue;
    contacts.set(
      email,
      known
        ? { ...known, name: row.contactName }
        : { quartierId: id, name: row.contactName, email, locale: 'fr', addedAt: now, addedBy: 'import' },
    );
  }
  const requested = rows.find((r) => r.row.openingCarryMinutes !== undefined)?.row.openingCarryMinutes;
  const target = requested === undefined ? undefined : Math.min(requested, maxCarryMinutes(settings));
  const carry =
    requested === undefined || target === undefined
      ? undefined
      : { requested, target, changed: target !== (balance?.importedCarryMinutes ?? 0) };
  return { id, rows, existing, want, quartierChanges, contacts, carry, firstLedgerYear: firstYear };
}

async function apply(deps: Deps, p: Plan, by: string) {
  if (!p.existing) {
    const out = await createQuartier(deps, { id: p.id, ...p.want, contacts: [...p.contacts.values()] }, 'import');
    if (out.kind !== 'created') throw new Error(`import: quartier ${p.id} appeared meanwhile`);
  } else if (p.quartierChanges.length || p.contacts.size) {
    const { quartiers } = deps.repos;
    const done = await deps.tx.commit([
      p.quartierChanges.length ? quartiers.change(p.id, p.want) : quartiers.mustExist(p.id),
      ...[...p.contacts.values()].map((c) => quartiers.putContact(c)),
    ]);
    if (!done.ok) throw new Error(`import: quartier ${p.id} changed meanwhile`);
  }
  if (p.carry?.changed) await setOpeningCarry(deps, { id: p.id }, p.carry.target, by);
}

/** The same sheet, from the store: one row per contact on file, `;`, BOM and CRLF for a French Excel. */
export async function exportQuartiers(deps: Deps): Promise<string> {
  const settings = await deps.settings();
  const year = currentYear(deps, settings);
  const quartiers = (await listQuartiers(deps)).sort((a, b) => a.id.localeCompare(b.id));
  const rows = await Promise.all(
    quartiers.map(async (q) => {
      const [contacts, balance] = await Promise.all([
        listContacts(deps, q.id),
        deps.repos.ledger.balance(q.id, 'learning', year),
      ]);
      const base = [q.id, q.name, q.advisor.name, q.advisor.email];
      const tail = [q.enrolledYear, balance?.importedCarryMinutes ?? ''];
      const people = contacts.sort((a, b) => a.email.localeCompare(b.email));
      return people.length ? people.map((c) => [...base, c.name, c.email, ...tail]) : [[...base, '', '', ...tail]];
    }),
  );
  return toCsv([[...IMPORT_COLUMNS], ...rows.flat()], ';');
}
