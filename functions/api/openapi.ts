/** The OpenAPI document, generated from the same zod schemas that validate requests. */
import * as z from 'zod/mini';
import type { Route } from '#shared/http';

const ERROR = {
  type: 'object',
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    issues: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

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
      ? Object.entries(
          (z.toJSONSchema(r.query, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown> })
            .properties ?? {},
        ).map(([name, schema]) => ({ name, in: 'query', required: false, schema }))
      : [];
    paths[r.path] ??= {};
    paths[r.path][r.method.toLowerCase()] = {
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
              content: {
                'application/json': { schema: z.toJSONSchema(r.body, { io: 'input', unrepresentable: 'any' }) },
              },
            },
          }
        : {}),
      responses: {
        '200': { description: 'OK' },
        '400': {
          description: 'Validation error, naming the field (French unless Accept-Language: en)',
          content: { 'application/json': { schema: ERROR } },
        },
        ...(r.auth !== 'public'
          ? { '401': { description: 'Sign-in required' }, '403': { description: 'Not allowed for this role' } }
          : {}),
        '409': { description: 'Refused by a rule', content: { 'application/json': { schema: ERROR } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'PIC — renforcement des compétences et apprentissages',
      version: '1.0.0',
      description:
        'Requests, routing, hour ledger, additional-support slots and collective activities of the Projet impact collectif.',
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}
