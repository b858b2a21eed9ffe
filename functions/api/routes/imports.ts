import * as z from 'zod/mini';
import { json, validate, type ApiResponse, route, type Route } from '#shared/http';
import { fieldMessage, lineWord, message } from '#shared/i18n';
import type { Locale } from '#email/render';
import { QuartierImportReportSchema, QuartierImportRowSchema } from '#shared/schemas';
import { exportQuartiers, importQuartiers, readQuartierSheet, type SheetIssue } from '#usecases/import-quartiers';

type Issue = { path: string; message: string };

/** An issue of the file, named by its line and column: `line 3 · advisorEmail`, « Ligne 3 · Courriel… : … ». */
const atLine = (line: number, column: string | undefined, text: string, locale: Locale): Issue => ({
  path: `line ${line}${column ? ` · ${column}` : ''}`,
  message: `${lineWord(locale)} ${line} · ${text}`,
});
const sheetIssue = (i: SheetIssue, locale: Locale) =>
  atLine(
    i.line,
    i.column,
    i.column ? fieldMessage(i.column, message(i.code, locale), locale) : message(i.code, locale),
    locale,
  );
const refusedFile = (issues: Issue[]): ApiResponse => ({ status: 400, body: { error: 'validation', issues } });

export const importRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/api/imports/quartiers',
    auth: 'coordination',
    tag: 'quartiers',
    accepts: 'text/csv',
    query: z.object({ dryRun: z._default(z.enum(['true', 'false']), 'true') }),
    response: QuartierImportReportSchema,
    summary:
      'Import the quartiers spreadsheet (CSV as Excel writes it: ; or , BOM or not). dryRun=true (the default) ' +
      'previews row by row; false applies, all rows validated first',
    handle: async (req, deps) => {
      const sheet = readQuartierSheet(req.body);
      if (sheet.kind === 'invalid') return refusedFile(sheet.issues.map((i) => sheetIssue(i, req.locale)));
      const issues: Issue[] = [];
      const rows = [];
      for (const r of sheet.rows) {
        const v = validate(QuartierImportRowSchema, r.cells, req.locale);
        if (v.ok) rows.push({ line: r.line, row: v.data });
        else
          for (const i of (v.response.body as { issues: Issue[] }).issues)
            issues.push(atLine(r.line, i.path, i.message, req.locale));
      }
      if (issues.length) return refusedFile(issues);
      const out = await importQuartiers(deps, rows, { dryRun: req.query.dryRun !== 'false', by: req.principal!.sub });
      return out.kind === 'invalid'
        ? refusedFile(out.issues.map((i) => sheetIssue(i, req.locale)))
        : json(200, out.report);
    },
  }),
  route({
    method: 'GET',
    path: '/api/exports/quartiers',
    auth: 'coordination',
    tag: 'quartiers',
    csv: true,
    summary: 'The quartiers spreadsheet (CSV for a French Excel: ;, UTF-8 BOM, CRLF), as the import reads it',
    handle: async (_req, deps) => ({
      status: 200,
      raw: { contentType: 'text/csv; charset=utf-8', content: await exportQuartiers(deps), filename: 'quartiers.csv' },
    }),
  }),
];
