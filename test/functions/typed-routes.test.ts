/**
 * A route's handler is typed from its schemas (checked by `tsc`, which `npm test` runs on the tests too), and the
 * router hands it exactly what they returned: defaults applied, nothing else.
 */
import * as z from 'zod/mini';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { json, makeApiHandler, route, type RawQuery } from '#shared/http';
import type { Deps } from '#shared/ports';
import { ManualClock, testDeps } from '../support/harness.ts';
import { apiEvent } from '../support/api.ts';

const TEAM = 'test-coordination-token';
let deps: Deps;

beforeAll(async () => {
  deps = await testDeps({ clock: new ManualClock(new Date('2026-11-28T01:30:00Z')) });
});

const typed = route({
  method: 'POST',
  path: '/api/typed/{id}',
  auth: 'coordination',
  tag: 'test',
  summary: 'A body and a query from their schemas',
  body: z.strictObject({ minutes: z.number(), note: z.optional(z.string()) }),
  query: z.object({ axis: z._default(z.enum(['learning', 'additional']), 'learning') }),
  handle: async (req) => {
    expectTypeOf(req.body).toEqualTypeOf<{ minutes: number; note?: string | undefined }>();
    expectTypeOf(req.query).toEqualTypeOf<{ axis: 'learning' | 'additional' }>();
    // @ts-expect-error: the body has no such field
    void req.body.hours;
    // @ts-expect-error: the query has no such parameter
    void req.query.year;
    return json(200, { id: req.params.id, minutes: req.body.minutes + 1, axis: req.query.axis });
  },
});

const untyped = route({
  method: 'GET',
  path: '/api/untyped',
  auth: 'coordination',
  tag: 'test',
  summary: 'No schema: no body, the query as it came',
  handle: async (req) => {
    expectTypeOf(req.body).toEqualTypeOf<undefined>();
    expectTypeOf(req.query).toEqualTypeOf<RawQuery>();
    return json(200, { body: req.body ?? null, token: req.query.token ?? null });
  },
});

const csv = route({
  method: 'POST',
  path: '/api/csv',
  auth: 'coordination',
  tag: 'test',
  summary: 'A file: its text',
  accepts: 'text/csv',
  handle: async (req) => {
    expectTypeOf(req.body).toEqualTypeOf<string>();
    return json(200, { lines: req.body.split('\n').length });
  },
});

describe('typed routes', () => {
  it('hand the handler the parsed body and query, defaults applied', async () => {
    const handler = makeApiHandler([typed, untyped, csv], async () => deps);
    const call = async (e: Parameters<typeof apiEvent>[0]) => {
      const res = await handler(apiEvent({ token: TEAM, ...e }), { awsRequestId: 'test' });
      return { status: res.statusCode, body: JSON.parse(String(res.body)) };
    };
    expect(await call({ path: '/api/typed/a1', body: { minutes: 5 } })).toEqual({
      status: 200,
      body: { id: 'a1', minutes: 6, axis: 'learning' },
    });
    expect((await call({ path: '/api/typed/a1', body: { minutes: '5' } })).status).toBe(400);
    expect(await call({ path: '/api/untyped', query: { token: 'x' } })).toEqual({
      status: 200,
      body: { body: null, token: 'x' },
    });
    expect(
      await call({ path: '/api/csv', rawBody: 'a;b\n1;2', headers: { 'content-type': 'text/csv; charset=utf-8' } }),
    ).toEqual({ status: 200, body: { lines: 2 } });
  });
});
