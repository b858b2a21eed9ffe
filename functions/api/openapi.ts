/**
 * The OpenAPI document, generated from the same zod schemas that validate requests and describe answers. Each
 * operation lists the statuses its route can really answer: those that follow from the route's shape (auth, path
 * parameters, body, idempotency key) and those it declares (shared/http.ts, Route); test/functions/
 * openapi-document.test.ts holds both to the handlers.
 */
import * as z from 'zod/mini';
import type { Route, Schema } from '#shared/http';
import { RefusalSchema, ValidationErrorSchema } from '#shared/schemas';

const jsonSchema = (s: Schema, io: 'input' | 'output') => {
  // Each schema is embedded in an OpenAPI 3.1 document, whose dialect it already is.
  const { $schema, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

/** `POST /api/learning-requests/{id}/accept` → `postLearningRequestsByIdAccept`: stable while the path is. */
export function operationIdOf(r: Pick<Route, 'method' | 'path' | 'operationId'>): string {
  if (r.operationId) return r.operationId;
  const words = r.path
    .replace(/^\/api\//, '')
    .split('/')
    .flatMap((seg) => {
      const param = /^\{(\w+)\}$/.exec(seg);
      return param ? ['by', param[1]] : seg.split(/[^A-Za-z0-9]+/);
    })
    .filter(Boolean);
  return [r.method.toLowerCase(), ...words.map((w) => w[0].toUpperCase() + w.slice(1))].join('');
}

const SUCCESS = { 200: 'OK', 201: 'Created', 202: 'Accepted: the work is queued' } as const;

const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });

/** Every status the route can answer, with its response (a reference to a shared one for errors). */
function responsesOf(r: Route): Record<string, unknown> {
  const status = r.status ?? 200;
  const content: Record<string, unknown> = {};
  if (r.response) content['application/json'] = { schema: jsonSchema(r.response(), 'output') };
  if (r.csv) content['text/csv'] = { schema: { type: 'string' } };
  const refuses = new Set(r.refuses ?? []);
  const out: Record<string, unknown> = {
    [status]: { description: SUCCESS[status], ...(Object.keys(content).length ? { content } : {}) },
  };
  if (r.body || r.accepts || r.query || r.idempotency || refuses.has(400)) out[400] = ref('ValidationError');
  if (r.auth !== 'public') out[401] = ref('Unauthorized');
  if (r.auth === 'coordination' || refuses.has(403)) out[403] = ref('Forbidden');
  // A path segment that cannot name anything (too long, malformed encoding) is 404 on every route that has one.
  if (r.path.includes('{') || refuses.has(404)) out[404] = ref('NotFound');
  if (r.idempotency || refuses.has(409)) out[409] = ref('Conflict');
  if (r.body || r.accepts) {
    out[413] = ref('PayloadTooLarge');
    out[415] = ref('UnsupportedMediaType');
  }
  // Every route can meet the API Gateway stage's throttle; a public POST also meets the per-client limit and the
  // per-address email quotas (shared/usecases/abuse-limits.ts), answered by the handler itself.
  out[429] = ref(r.auth === 'public' && r.method === 'POST' ? 'TooManyRequests' : 'Throttled');
  return out;
}

export function openApiDocument(routes: Route[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query = r.query
      ? Object.entries((jsonSchema(r.query, 'input') as { properties?: Record<string, unknown> }).properties ?? {}).map(
          ([name, schema]) => ({ name, in: 'query', required: false, schema }),
        )
      : [];
    paths[r.path] ??= {};
    paths[r.path][r.method.toLowerCase()] = {
      operationId: operationIdOf(r),
      summary: r.summary,
      tags: [r.tag],
      ...(r.auth === 'public'
        ? { security: [] }
        : {
            security: [{ bearer: [] }],
            description: `Role: ${r.auth === 'coordination' ? 'coordination' : 'coordination or partner'}`,
          }),
      parameters: [
        ...params,
        ...query,
        // Advertised exactly where the route honours it (shared/http.ts, Route.idempotency).
        ...(r.idempotency
          ? [
              {
                name: 'Idempotency-Key',
                in: 'header',
                required: false,
                description:
                  'The same key and request answer the first answer again and create nothing more; the same key with another request is 409 idempotency-key-reused.',
                schema: { type: 'string', minLength: 1, maxLength: 200 },
              },
            ]
          : []),
      ],
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(r.body, 'input') } },
            },
          }
        : {}),
      ...(r.accepts
        ? { requestBody: { required: true, content: { [r.accepts]: { schema: { type: 'string' } } } } }
        : {}),
      responses: responsesOf(r),
    };
  }
  const refusal = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Refusal' } } },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'PIC — renforcement des compétences et apprentissages',
      version: '1.0.0',
      description:
        'Requests, routing, hour ledger, additional-support slots and collective activities of the Projet impact collectif.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        ValidationError: jsonSchema(ValidationErrorSchema(), 'output'),
        Refusal: jsonSchema(RefusalSchema(), 'output'),
      },
      responses: {
        ValidationError: {
          description: 'Validation error, naming the field (French unless Accept-Language: en); nothing written',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ValidationError' } } },
        },
        // In AWS the JWT authorizer answers a staff route's 401 before the API does, with its own body.
        Unauthorized: { description: 'Sign-in required' },
        Forbidden: refusal('Not allowed for this role, or not the holder of this request'),
        NotFound: refusal('No such record, or a path segment that cannot name one'),
        Conflict: refusal(
          'Refused by a rule (the code says which), or an Idempotency-Key reused with another request; nothing written',
        ),
        PayloadTooLarge: refusal('Body larger than PIC_MAX_BODY_BYTES'),
        UnsupportedMediaType: refusal(
          'Body not sent as Content-Type: application/json (text/csv on the routes that take a file; parameters ' +
            'such as charset allowed), or no Content-Type',
        ),
        // The API Gateway stage's throttle (infra/constructs/api.ts) answers it in AWS, on every route, with its
        // own body.
        Throttled: { description: 'Too many requests (API Gateway throttle, in AWS only)' },
        TooManyRequests: {
          ...refusal(
            'Too many requests: too-many-requests (public POSTs from one client address, per minute or per hour; ' +
              'Retry-After says when to try again), too-many-emails (emails of one kind to one address in the ' +
              'hour; nothing written), or the API Gateway throttle (in AWS, with its own body)',
          ),
          headers: {
            'Retry-After': {
              description: 'Seconds until the client may post again (too-many-requests only)',
              schema: { type: 'integer', minimum: 1 },
            },
          },
        },
      },
    },
    paths,
  };
}
