/** Calls the real API handler with API Gateway v2 events, as the local gateway and AWS do. */
import { randomInt } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { makeApiHandler } from '#shared/http';
import { routes } from '#functions/api/handler';
import type { Deps } from '#shared/ports';

export type Call = {
  method?: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  token?: string;
  /** Headers to add; `undefined` takes one away (`'content-type': undefined` posts without a Content-Type). */
  headers?: Record<string, string | undefined>;
  /** The client address API Gateway saw (requestContext.http.sourceIp). */
  sourceIp?: string;
  query?: Record<string, string>;
};

/** The API Gateway v2 event of a call, as the local gateway and AWS build it. */
/**
 * A client address of its own for each call unless the test names one: tests stand for many people at once (200
 * quartiers submitting together), not one client hammering one rate-limit counter.
 */
const anyClient = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

export function apiEvent(c: Call): APIGatewayProxyEventV2 {
  const query = c.query ?? {};
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: c.path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: Object.fromEntries(
      Object.entries({
        'content-type': 'application/json',
        ...(c.token ? { authorization: `Bearer ${c.token}` } : {}),
        ...c.headers,
      }).filter(([, v]) => v !== undefined),
    ),
    queryStringParameters: Object.keys(query).length ? query : undefined,
    requestContext: {
      http: {
        method: c.method ?? (c.body !== undefined || c.rawBody !== undefined ? 'POST' : 'GET'),
        path: c.path,
        protocol: 'HTTP/1.1',
        sourceIp: c.sourceIp ?? anyClient(),
        userAgent: 'test',
      },
      requestId: 'test',
      routeKey: '$default',
      stage: '$default',
      time: '',
      timeEpoch: 0,
      accountId: 'x',
      apiId: 'x',
      domainName: 'x',
      domainPrefix: 'x',
    },
    body: c.rawBody ?? (c.body !== undefined ? JSON.stringify(c.body) : undefined),
    isBase64Encoded: false,
  } as APIGatewayProxyEventV2;
}

export function apiClient(deps: Deps) {
  const handler = makeApiHandler(routes, async () => deps);
  return async (c: Call) => {
    const event = apiEvent(c);
    const res = await handler(event, { awsRequestId: 'test' });
    const text = typeof res.body === 'string' ? res.body : '';
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.statusCode ?? 0, body: json, text, headers: res.headers ?? {} };
  };
}
