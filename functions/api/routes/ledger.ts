import * as z from 'zod/mini';
import { json, refused, route, type Route } from '#shared/http';
import {
  AdjustmentSchema,
  BalanceSchema,
  BalancesSchema,
  HourLogRecordedSchema,
  HourLogSchema,
  YearIdSchema,
  YearOpeningSchema,
} from '#shared/schemas';
import { logHours } from '#usecases/log-hours';
import { adjustLedger } from '#usecases/adjust-ledger';
import { readBalance, readBalances, readHoursReport, readLedger } from '#usecases/read-hours';
import { openYear, YearNotStartedError } from '#usecases/open-year';
import { fieldRefusal, outcomeResponse } from '../outcomes.ts';

const BalanceQuery = z.object({
  year: z.optional(YearIdSchema),
  axis: z._default(z.enum(['learning', 'additional']), 'learning'),
});

export const ledgerRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/quartiers/{id}/balance',
    auth: 'staff',
    tag: 'hours',
    response: BalanceSchema,
    refuses: [403],
    summary: "A quartier's balance for a year (axis 1 by default)",
    query: BalanceQuery,
    handle: async (req, deps) => {
      const out = await readBalance(deps, req.principal!, req.params.id, req.query.axis, req.query.year);
      return out.kind === 'balance' ? json(200, out.balance) : outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'GET',
    path: '/api/quartiers/{id}/ledger',
    auth: 'staff',
    tag: 'hours',
    refuses: [403],
    summary: "A year's ledger entries (a partner: its own entries, so that it can see a mistake to correct)",
    query: z.object({ year: YearIdSchema, axis: z._default(z.enum(['learning', 'additional']), 'learning') }),
    handle: async (req, deps) => {
      const out = await readLedger(deps, req.principal!, req.params.id, req.query.axis, req.query.year);
      return out.kind === 'entries' ? json(200, out.entries) : outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'POST',
    path: '/api/hour-logs',
    auth: 'staff',
    tag: 'hours',
    status: 201,
    response: HourLogRecordedSchema,
    refuses: [403, 409],
    summary: 'Log hours (partner: on its requests; coordination: any)',
    body: HourLogSchema,
    idempotency: 'in-transaction',
    handle: async (req, deps) => {
      const out = await logHours(deps, req.body, req.principal!, req.headers['idempotency-key']);
      if (out.kind !== 'recorded') return outcomeResponse(out.kind, req.locale);
      return json(201, {
        id: out.entry.id,
        year: out.entry.year,
        billableMinutes: out.entry.billableMinutes ?? 0,
        balance: {
          availableMinutes: out.balance.availableMinutes,
          usedMinutes: out.balance.usedMinutes,
          billableMinutes: out.balance.billableMinutes,
        },
        laterYears: out.laterYears,
      });
    },
  }),
  route({
    method: 'POST',
    path: '/api/ledger-adjustments',
    auth: 'coordination',
    tag: 'hours',
    status: 201,
    refuses: [409],
    summary: 'Adjust an allocation or logged hours, with a reason',
    body: AdjustmentSchema,
    idempotency: 'generic',
    handle: async (req, deps) => {
      const out = await adjustLedger(deps, req.body, req.principal!, req.operationId && `adj-${req.operationId}`);
      return out.kind === 'recorded'
        ? json(201, { id: out.entry.id, year: out.entry.year, balance: out.balance, laterYears: out.laterYears })
        : outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'GET',
    path: '/api/balances',
    auth: 'coordination',
    tag: 'hours',
    response: BalancesSchema,
    summary: 'Every quartier × axis balance for a year',
    query: z.object({ year: z.optional(YearIdSchema) }),
    handle: async (req, deps) => json(200, await readBalances(deps, req.query.year)),
  }),
  route({
    method: 'GET',
    path: '/api/reports/hours',
    auth: 'coordination',
    tag: 'hours',
    summary: 'Minutes logged per partner and month',
    query: z.object({ year: YearIdSchema }),
    handle: async (req, deps) => json(200, await readHoursReport(deps, req.query.year)),
  }),
  route({
    method: 'POST',
    path: '/api/years/{year}/open',
    auth: 'coordination',
    tag: 'years',
    response: YearOpeningSchema,
    refuses: [409],
    summary: 'Run or preview the yearly opening',
    query: z.object({ dryRun: z._default(z.enum(['true', 'false']), 'true') }),
    handle: async (req, deps) => {
      const year = YearIdSchema.safeParse(req.params.year);
      if (!year.success) return fieldRefusal('year', 'year-invalid', req.locale);
      const dryRunAsked = req.query.dryRun === 'true';
      // A preview of a year to come is allowed: it writes nothing and shows what its first day will do.
      const opened = await openYear(deps, year.data, { dryRun: dryRunAsked }).catch((e: unknown) => {
        if (e instanceof YearNotStartedError) return e;
        throw e;
      });
      if (opened instanceof YearNotStartedError)
        return refused('year-not-started', req.locale, 409, { year: opened.year, startsOn: opened.startsOn });
      const { dryRun, ...report } = opened;
      return json(200, { ...report, dryRun });
    },
  }),
];
