/** The learning harvest (issue 18): a learning request's journal and outcomes, and the year's harvest. */
import * as z from 'zod/mini';
import { json, type ApiRequest, type ApiResponse, route, type Route } from '#shared/http';
import {
  JournalEditSchema,
  JournalEntryInputSchema,
  OutcomeEditSchema,
  OutcomeInputSchema,
  ShareOutcomeSchema,
  YearIdSchema,
} from '#shared/schemas';
import type { Credentials } from '#usecases/harvest-author';
import { editJournalEntry, keepJournal } from '#usecases/keep-journal';
import { editOutcome, recordOutcome } from '#usecases/record-outcome';
import { shareOutcome } from '#usecases/share-outcome';
import { readJournal } from '#usecases/read-journal';
import { harvestCsv, harvestYear, sharedHarvestOfYear } from '#usecases/harvest-year';
import { outcomeResponse } from '../outcomes.ts';

/** Staff by their sign-in; the quartier by its status link (X-Status-Token or ?token=), as on the status page. */
const credentials = (req: Pick<ApiRequest, 'principal' | 'query' | 'headers'>): Credentials => ({
  principal: req.principal,
  token: req.headers['x-status-token'] || req.query.token,
});

const answer = (out: { kind: string } & Record<string, unknown>, ok: string, status: number, field: string) =>
  out.kind === ok ? json(status, out[field]) : undefined;

const or = (res: ApiResponse | undefined, out: { kind: string }, req: Pick<ApiRequest, 'locale'>) =>
  res ?? outcomeResponse(out.kind, req.locale);

const yearOf = (req: Pick<ApiRequest, 'params'>) =>
  YearIdSchema.safeParse(req.params.year).success ? req.params.year : undefined;

const WRITERS = 'the partner holding the request, coordination, or the quartier by its status link';

export const harvestRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/learning-requests/{id}/journal',
    auth: 'public',
    tag: 'harvest',
    refuses: [403],
    summary: `The journal, outcomes and the quartier's earlier learnings (${WRITERS})`,
    handle: async (req, deps) => {
      const out = await readJournal(deps, req.params.id, credentials(req));
      return or(answer(out, 'journal', 200, 'journal'), out, req);
    },
  }),
  route({
    method: 'POST',
    path: '/api/learning-requests/{id}/journal',
    auth: 'public',
    tag: 'harvest',
    status: 201,
    refuses: [403, 409],
    idempotency: 'generic',
    summary: `Add to the journal: the intent, a learning-loop step's notes, the after-action review (${WRITERS})`,
    body: JournalEntryInputSchema,
    handle: async (req, deps) => {
      const out = await keepJournal(deps, req.params.id, credentials(req), req.body);
      return or(answer(out, 'written', 201, 'entry'), out, req);
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/learning-requests/{id}/journal/{entryId}',
    auth: 'public',
    tag: 'harvest',
    refuses: [403, 409],
    summary: `Correct a journal entry's text (${WRITERS}); its author and time stay`,
    body: JournalEditSchema,
    handle: async (req, deps) => {
      const out = await editJournalEntry(deps, req.params.id, req.params.entryId, credentials(req), req.body);
      return or(answer(out, 'written', 200, 'entry'), out, req);
    },
  }),
  route({
    method: 'POST',
    path: '/api/learning-requests/{id}/outcomes',
    auth: 'public',
    tag: 'harvest',
    status: 201,
    refuses: [403, 409],
    idempotency: 'generic',
    summary: `Record an outcome statement (${WRITERS}); \`shared: true\` only from the quartier`,
    body: OutcomeInputSchema,
    handle: async (req, deps) => {
      const out = await recordOutcome(deps, req.params.id, credentials(req), req.body);
      return or(answer(out, 'recorded', 201, 'outcome'), out, req);
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/learning-requests/{id}/outcomes/{outcomeId}',
    auth: 'public',
    tag: 'harvest',
    refuses: [403, 409],
    summary: `Correct an outcome statement (${WRITERS}); its author and time stay`,
    body: OutcomeEditSchema,
    handle: async (req, deps) => {
      const out = await editOutcome(deps, req.params.id, req.params.outcomeId, credentials(req), req.body);
      return or(answer(out, 'recorded', 200, 'outcome'), out, req);
    },
  }),
  route({
    method: 'POST',
    path: '/api/learning-requests/{id}/outcomes/{outcomeId}/share',
    auth: 'public',
    tag: 'harvest',
    refuses: [403, 409],
    summary: 'The quartier gives or withdraws its consent to show an outcome beyond the team (staff may withdraw)',
    body: ShareOutcomeSchema,
    handle: async (req, deps) => {
      const out = await shareOutcome(deps, req.params.id, req.params.outcomeId, credentials(req), req.body.shared);
      return or(answer(out, 'shared', 200, 'outcome'), out, req);
    },
  }),
  route({
    method: 'GET',
    path: '/api/harvest/{year}',
    auth: 'coordination',
    tag: 'harvest',
    csv: true,
    summary:
      "The year's outcomes and after-action reviews with quartier, partner, focus and themes, and their counts " +
      '(JSON, or CSV for a French Excel with ?format=csv; English labels with ?lang=en)',
    query: z.object({
      format: z._default(z.enum(['json', 'csv']), 'json'),
      separator: z._default(z.enum([';', ',']), ';'),
      lang: z.optional(z.enum(['fr', 'en'])),
    }),
    handle: async (req, deps) => {
      const year = yearOf(req);
      if (!year) return outcomeResponse('not-found', req.locale);
      if (req.query.format !== 'csv') return json(200, await harvestYear(deps, year));
      return {
        status: 200,
        raw: {
          contentType: 'text/csv; charset=utf-8',
          content: await harvestCsv(deps, year, req.query.lang ?? req.locale, req.query.separator),
          filename: `recolte-${year}.csv`,
        },
      };
    },
  }),
  route({
    method: 'GET',
    path: '/api/harvest/{year}/shared',
    auth: 'public',
    tag: 'harvest',
    summary: 'What quartiers chose to share of the year: the quartier by name, the statement, no personal data',
    handle: async (req, deps) => {
      const year = yearOf(req);
      return year ? json(200, await sharedHarvestOfYear(deps, year)) : outcomeResponse('not-found', req.locale);
    },
  }),
];
