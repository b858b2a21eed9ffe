/**
 * The one place where HTTP meets the use cases: route matching, body limits and parsing, validation errors in
 * the caller's language, authorization by role, and outcome → response mapping. Internals never leak.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import fr from 'zod/v4/locales/fr.js';
import en from 'zod/v4/locales/en.js';
import { authenticate, type Principal } from './auth.ts';
import { API_SECURITY_HEADERS } from './security-headers.ts';
import { fieldMessage, isMessageCode, message, pickLocale, type MessageCode } from './i18n.ts';
import type { Locale } from '#email/render';
import type { Deps } from './ports.ts';
import { forInvocation } from './invocation.ts';
import { operationId, requestFingerprint, runIdempotent } from '#usecases/idempotency';
import { clientKey, countPublicPost } from '#usecases/abuse-limits';

export type ApiRequest<B = unknown, Q = RawQuery> = {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Q;
  headers: Record<string, string>;
  body: B;
  locale: Locale;
  principal: Principal | null;
  requestId: string;
  /** Set on routes with generic idempotency when the caller sent a key: derive created ids from it. */
  operationId?: string;
  /**
   * Set on routes whose use case counts the client's public POST itself (`postCount: 'in-transaction'`): the
   * client as the count knows it (usecases/abuse-limits.ts), an address never.
   */
  client?: string;
};

export type ApiResponse = {
  status: number;
  body?: unknown;
  /** Non-JSON answers (CSV, SVG). */
  raw?: { contentType: string; content: string; filename?: string };
  /** Headers the answer adds (Retry-After). */
  headers?: Record<string, string>;
};

export type Route = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  /** public; staff = coordination or partner; coordination only. Finer checks happen in the use case. */
  auth: 'public' | 'staff' | 'coordination';
  summary: string;
  tag: string;
  body?: Schema;
  /**
   * A route that takes a file rather than JSON (`text/csv`): it receives the raw text as `body`, within the same
   * size limit, and parses and validates it itself; any other Content-Type is 415. Exclusive with `body`.
   */
  accepts?: 'text/csv';
  query?: Schema;
  /**
   * How the route honours `Idempotency-Key` (and the OpenAPI document advertises it): `in-transaction` when its
   * use case writes the record with what it creates; `generic` when the layer in usecases/idempotency.ts wraps it.
   * Absent: the header is not advertised and only its length is checked.
   */
  idempotency?: 'in-transaction' | 'generic';
  /**
   * A public POST is counted against its client's rate before anything else (one write). `in-transaction`: the
   * route's use case counts it instead, inside the transaction that stores what it creates (a round trip less),
   * and counts it apart, once, on any other way out (`commitCountingPost` in usecases/abuse-limits.ts).
   */
  postCount?: 'in-transaction';
  /** The success status when not 200: 201 when the route creates something, 202 when it queues work. */
  status?: 201 | 202;
  /**
   * The success body's schema (shared/schemas.ts), built on first use: the document's first GET, not a cold start.
   * Absent, the document describes the answer without a schema.
   */
  response?: () => Schema;
  /** The route also answers `text/csv` (with `?format=csv`). */
  csv?: true;
  /**
   * Refusals the handler or its use case can answer beyond those the document derives from the route itself
   * (401/403 from its auth, 404 from a path parameter, 400/413/415 from a body, 409 from an idempotency key).
   */
  refuses?: readonly (400 | 403 | 404 | 409)[];
  /** The OpenAPI operationId, when the one made from the method and path would not do. */
  operationId?: string;
  handle: (req: ApiRequest<unknown, unknown>, deps: Deps) => Promise<ApiResponse>;
};

/** The query a route without a `query` schema receives: API Gateway's parameters as they came. */
export type RawQuery = Partial<Record<string, string>>;

type Parsed<S, Otherwise> = S extends Schema<infer T> ? T : Otherwise;

/** A route as written: its handler's body and query are what its `body` and `query` schemas (or `accepts`) give. */
export type RouteSpec<
  B extends Schema | undefined,
  Q extends Schema | undefined,
  A extends 'text/csv' | undefined,
> = Omit<Route, 'body' | 'query' | 'accepts' | 'handle'> & {
  body?: B;
  query?: Q;
  accepts?: A;
  handle: (
    req: ApiRequest<Parsed<B, A extends 'text/csv' ? string : undefined>, Parsed<Q, RawQuery>>,
    deps: Deps,
  ) => Promise<ApiResponse>;
};

/**
 * A route whose handler is typed from its schemas. The router holds it erased (`Route`): that is sound because it
 * calls `handle` only with the body its `body` schema (or the text `accepts` asks for) and the query its `query`
 * schema returned.
 */
export const route = <
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  A extends 'text/csv' | undefined = undefined,
>(
  spec: RouteSpec<B, Q, A>,
): Route => spec as Route;

export const json = (status: number, body: unknown): ApiResponse => ({ status, body });
export const refused = (
  code: MessageCode,
  locale: Locale,
  status = 409,
  extra: Record<string, unknown> = {},
): ApiResponse => ({
  status,
  body: { error: code, message: message(code, locale), ...extra },
});
export const notFound = (locale: Locale) => refused('not-found', locale, 404);
/** A client over its rate of public POSTs: when it may send again. */
export const tooManyRequests = (retryAfterSeconds: number, locale: Locale): ApiResponse => ({
  ...refused('too-many-requests', locale, 429),
  headers: { 'retry-after': String(retryAfterSeconds) },
});
export const forbidden = (locale: Locale) => refused('forbidden', locale, 403);

export function validationError(issues: z.core.$ZodIssue[], locale: Locale): ApiResponse {
  return {
    status: 400,
    body: {
      error: 'validation',
      issues: distinctIssues(issues).flatMap((i) => {
        const paths = i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path, k].join('.')) : [i.path.join('.')];
        return paths.map((path) => ({ path, message: fieldMessage(path, personMessage(i, path, locale), locale) }));
      }),
    },
  };
}

/** A ticked box is the only answer: the message says to tick it, whether the box came unticked or not at all. */
const isCheckbox = (i: z.core.$ZodIssue) => i.code === 'invalid_value' && i.values.length === 1 && i.values[0] === true;

/**
 * What to do, written for a person (GOV.UK-style), rather than what the parser expected: "enter an email address in
 * the format name@example.org", not "invalid email address". The schemas' own codes come first; an issue of a kind no
 * form produces keeps zod's sentence in the caller's language.
 */
function personMessage(i: z.core.$ZodIssue, path: string, locale: Locale): string {
  if (isCheckbox(i)) return message('check-to-confirm', locale);
  if (isMissing(i)) return message('required', locale);
  if (isCustom(i.message)) return message(i.message, locale);
  const say = (code: MessageCode, n?: number | bigint) =>
    message(code, locale, n === undefined ? {} : { n: String(n) });
  switch (i.code) {
    case 'invalid_format':
      if (i.format === 'email') return say('email-format');
      if (i.format === 'date') return say('date-format');
      return say(path === 'phone' || path.endsWith('.phone') ? 'phone-format' : 'invalid-format');
    case 'invalid_value':
      return say('choose-option');
    case 'invalid_type':
      if (i.expected === 'int' && typeof i.input === 'number') return say('whole-number');
      if (i.expected === 'number' || i.expected === 'int') return say('number-expected');
      break;
    case 'too_small':
      if (i.origin === 'string') return say('text-too-short', i.minimum);
      if (i.origin === 'array' || i.origin === 'set') return say('list-too-short', i.minimum);
      if (i.origin === 'number' || i.origin === 'int' || i.origin === 'bigint')
        return say(i.inclusive ? 'number-at-least' : 'number-above', i.minimum);
      break;
    case 'too_big':
      if (i.origin === 'string') return say('text-too-long', i.maximum);
      if (i.origin === 'array' || i.origin === 'set') return say('list-too-long', i.maximum);
      if (i.origin === 'number' || i.origin === 'int' || i.origin === 'bigint')
        return say(i.inclusive ? 'number-at-most' : 'number-below', i.maximum);
      break;
    case 'not_multiple_of':
      return say('whole-number');
    case 'unrecognized_keys':
      return say('unknown-field');
  }
  return i.message;
}

/** An empty or missing value gets one plain word ("required") rather than a type or pattern message. */
const isMissing = (i: z.core.$ZodIssue) =>
  i.code !== 'unrecognized_keys' &&
  (('input' in i && (i.input === undefined || i.input === '')) ||
    (i.code === 'too_small' && i.minimum === 1 && i.origin === 'string'));

// One value can break two checks that say the same thing (a link that is neither https nor to a named host), and an
// empty value breaks every check of its field, each of which would say "required".
const saying = (i: z.core.$ZodIssue) => `${i.path.join('.')}\u0000${isMissing(i) ? 'required' : i.message}`;
const distinctIssues = (xs: z.core.$ZodIssue[]) =>
  xs.filter((x, i) => xs.findIndex((y) => saying(y) === saying(x)) === i);

// Refinements in the schemas carry a message code; zod's own messages are sentences and never match one.
const isCustom = (m: string): m is MessageCode => isMessageCode(m);

// Only the two locales the program speaks (the `z.locales` namespace would bundle every language).
const localeErrors = { fr: fr().localeError, en: en().localeError };

/** A request schema (`zod/mini`, as every schema here: shared/schemas.ts says why). */
export type Schema<T = unknown> = z.ZodMiniType<T>;

export function validate<T>(
  schema: Schema<T>,
  data: unknown,
  locale: Locale,
): { ok: true; data: T } | { ok: false; response: ApiResponse } {
  const r = schema.safeParse(data, { error: localeErrors[locale] as never, reportInput: true });
  return r.success ? { ok: true, data: r.data } : { ok: false, response: validationError(r.error.issues, locale) };
}

function compile(path: string) {
  const names: string[] = [];
  const pattern = path.replace(/\{(\w+)\}/g, (_, n: string) => {
    names.push(n);
    return '([^/]+)';
  });
  return { regex: new RegExp(`^${pattern}/?$`), names };
}

// Also sent by CloudFront on /api/*; here too so that an answer read straight from API Gateway carries them.
const SECURITY_HEADERS = { ...API_SECURITY_HEADERS, 'cache-control': 'no-store' };

export function makeApiHandler(routes: Route[], getDeps: () => Promise<Deps>) {
  const compiled = routes.map((r) => ({ route: r, ...compile(r.path) }));

  return async (
    event: APIGatewayProxyEventV2,
    context?: Partial<Context>,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const started = Date.now();
    const requestId = context?.awsRequestId ?? event.requestContext.requestId;
    const deps = forInvocation(await getDeps(), requestId);
    const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v ?? '']));
    const method = event.requestContext.http.method.toUpperCase();
    const path = event.rawPath;
    const locale = pickLocale(headers['accept-language']);
    let routeLabel = 'unknown';

    const respond = (res: ApiResponse): APIGatewayProxyStructuredResultV2 => {
      deps.log.info('request', { requestId, method, route: routeLabel, status: res.status, ms: Date.now() - started });
      if (res.raw) {
        return {
          statusCode: res.status,
          headers: {
            ...res.headers,
            ...SECURITY_HEADERS,
            'content-type': res.raw.contentType,
            ...(res.raw.filename ? { 'content-disposition': `attachment; filename="${res.raw.filename}"` } : {}),
          },
          body: res.raw.content,
        };
      }
      return {
        statusCode: res.status,
        headers: {
          ...res.headers,
          ...SECURITY_HEADERS,
          'content-type': 'application/json; charset=utf-8',
          'x-request-id': requestId,
        },
        body: res.body === undefined ? '' : JSON.stringify(res.body),
      };
    };

    try {
      const candidates = compiled.filter((c) => c.regex.test(path));
      if (!candidates.length) return respond(refused('unknown-route', locale, 404));
      const match = candidates.find((c) => c.route.method === method);
      if (!match) return respond(refused('method-not-allowed', locale, 405));
      const { route } = match;
      routeLabel = `${route.method} ${route.path}`;
      // Before anything else is read: a flood costs one counter update per request. The address is API Gateway's
      // own view of the peer, never a header the client writes (X-Forwarded-For).
      const client =
        route.auth === 'public' && route.method === 'POST'
          ? clientKey(deps.config.linkSecret, event.requestContext.http.sourceIp)
          : undefined;
      if (client && route.postCount !== 'in-transaction') {
        const verdict = await countPublicPost(deps, client);
        if (verdict.kind === 'too-many-requests') return respond(tooManyRequests(verdict.retryAfterSeconds, locale));
      }
      const values = match.regex.exec(path)!.slice(1);
      const decoded = match.names.map((n, i) => [n, decodeParam(values[i])] as const);

      const principal = await authenticate(headers.authorization, deps.config);
      if (route.auth !== 'public') {
        if (!principal) return respond(refused('unauthorized', locale, 401));
        if (route.auth === 'coordination' && principal.role !== 'coordination') return respond(forbidden(locale));
      }
      // No record can have such an id, and a key that long would fail in DynamoDB rather than be "not found".
      if (decoded.some(([, v]) => v === null)) return respond(notFound(locale));
      const params = Object.fromEntries(decoded) as Record<string, string>;

      const idempotencyKey = headers['idempotency-key'];
      if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey))
        return respond({
          status: 400,
          body: {
            error: 'validation',
            issues: [
              {
                path: 'Idempotency-Key',
                message: fieldMessage('Idempotency-Key', message('idempotency-key-invalid', locale), locale),
              },
            ],
          },
        });

      let body: unknown;
      const rawBody = () =>
        event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
      if (route.accepts === 'text/csv') {
        // text/csv is no simple form type either: a cross-site page cannot send it without a CORS preflight.
        if (!CSV_MEDIA_TYPE.test(headers['content-type'] ?? ''))
          return respond(refused('unsupported-media-type-csv', locale, 415));
        const raw = rawBody();
        if (Buffer.byteLength(raw) > deps.config.maxBodyBytes) return respond(refused('body-too-large', locale, 413));
        body = raw;
      } else if (route.body) {
        // Declared JSON or refused, a missing header included: a cross-site form (text/plain, urlencoded,
        // multipart) is sent without a CORS preflight, and must never reach a use case.
        if (!JSON_MEDIA_TYPE.test(headers['content-type'] ?? ''))
          return respond(refused('unsupported-media-type', locale, 415));
        const raw = rawBody();
        if (Buffer.byteLength(raw) > deps.config.maxBodyBytes) return respond(refused('body-too-large', locale, 413));
        let parsed: unknown;
        try {
          parsed = raw ? JSON.parse(raw) : {};
        } catch {
          return respond({
            status: 400,
            body: {
              error: 'validation',
              issues: [{ path: '', message: fieldMessage('', message('malformed-json', locale), locale) }],
            },
          });
        }
        const bodyLocale = pickLocale(headers['accept-language'], (parsed as { locale?: unknown } | null)?.locale);
        const v = validate(route.body, parsed, headers['accept-language'] ? locale : bodyLocale);
        if (!v.ok) return respond(v.response);
        body = v.data;
      }
      let query: unknown = event.queryStringParameters ?? {};
      if (route.query) {
        const v = validate(route.query, query, locale);
        if (!v.ok) return respond(v.response);
        query = v.data;
      }
      const request: ApiRequest<unknown, unknown> = {
        method,
        path,
        params,
        query,
        headers,
        body,
        locale,
        principal,
        requestId,
        ...(client && route.postCount === 'in-transaction' ? { client } : {}),
      };
      if (route.idempotency !== 'generic' || !idempotencyKey) return respond(await route.handle(request, deps));
      const scope = `${route.method} ${route.path}`;
      request.operationId = operationId(scope, idempotencyKey);
      const out = await runIdempotent(
        deps,
        scope,
        idempotencyKey,
        requestFingerprint(principal?.sub ?? null, path, body),
        async () => {
          const res = await route.handle(request, deps);
          return { status: res.status, body: res.body };
        },
      );
      return respond(out.kind === 'answer' ? out.answer : refused(out.kind, locale));
    } catch (error) {
      deps.log.error('unhandled error', {
        requestId,
        route: routeLabel,
        error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : 'unknown',
      });
      return respond({ status: 500, body: { error: 'internal', requestId } });
    }
  };
}

/** `application/json`, any case, with or without parameters (`; charset=utf-8`). */
const JSON_MEDIA_TYPE = /^\s*application\/json\s*(;|$)/i;

/** `text/csv`, any case, with or without parameters (`; charset=utf-8`). */
const CSV_MEDIA_TYPE = /^\s*text\/csv\s*(;|$)/i;

/** Printable ASCII, 1 to 200 characters: room for a UUID or a client's own scheme, far below DynamoDB's key limit. */
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,200}$/;

/** Real ids are short slugs and time-ordered ids; this leaves room for any of them, far below key-size limits. */
const MAX_PARAM_LENGTH = 200;
const UNPRINTABLE = /[\u0000-\u001f\u007f]/;

/** A path parameter as text, or null when it cannot name anything: malformed encoding, control characters, too long. */
function decodeParam(v: string): string | null {
  if (v.length > MAX_PARAM_LENGTH * 3) return null;
  let out: string;
  try {
    out = decodeURIComponent(v);
  } catch {
    return null;
  }
  return out.length > MAX_PARAM_LENGTH || UNPRINTABLE.test(out) ? null : out;
}
