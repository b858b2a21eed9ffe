/**
 * A small Node HTTP server that does what API Gateway's HTTP API does for the same handler: it turns each
 * request into a payload-v2 event and calls the Lambda handler. It also serves the built web pages, and adds the
 * security headers CloudFront adds in AWS (shared/security-headers.ts), so the pages run under the same policy.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { API_SECURITY_HEADERS, pageSecurityHeaders } from '../shared/security-headers.ts';

type Handler = (
  event: APIGatewayProxyEventV2,
  context: { awsRequestId: string },
) => Promise<APIGatewayProxyStructuredResultV2>;
export type LocalRoute = {
  method: string;
  path: RegExp;
  handle: (req: IncomingMessage, body: string, match: RegExpExecArray) => Promise<{ status: number; body: unknown }>;
};

const MAX_BODY = 1024 * 1024;
// Locally there is no Cognito: the pages sign in through /local/sign-in, on their own origin.
const PAGE_HEADERS = pageSecurityHeaders();
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function toEvent(req: IncomingMessage, body: string): APIGatewayProxyEventV2 {
  const url = new URL(req.url ?? '/', 'http://localhost');
  // Null prototypes: a header or parameter named __proto__ is then just a name.
  const headers: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = Object.create(null);
  for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: body || undefined,
    isBase64Encoded: false,
  };
}

export function startGateway(opts: { port: number; api: Handler; webDir?: string; localRoutes?: LocalRoute[] }) {
  const server = createServer(async (req, res) => {
    try {
      const url = parseUrl(req.url);
      if (!url) return sendJson(res, 400, { error: 'bad-request' });
      const local = opts.localRoutes
        ?.map((r) => ({ r, m: r.method === req.method ? r.path.exec(url.pathname) : null }))
        .find((x) => x.m);
      if (local?.m) {
        // An oversized body must not reach a job as "no body", which means "the default run".
        const body = await readBody(req);
        if (body === null) return sendJson(res, 413, { error: 'body-too-large' });
        const out = await local.r.handle(req, body, local.m);
        return sendJson(res, out.status, out.body);
      }
      if (url.pathname.startsWith('/api')) {
        const body = await readBody(req);
        if (body === null) return sendJson(res, 413, { error: 'body-too-large' });
        const out = await opts.api(toEvent(req, body), { awsRequestId: randomUUID() });
        // As CloudFront's policy on /api/* does (override), whatever the handler sent.
        const headers = { ...(out.headers as Record<string, string> | undefined), ...API_SECURITY_HEADERS };
        return send(res, out.statusCode ?? 200, headers, out.body ?? '');
      }
      if (opts.webDir) return await serveStatic(opts.webDir, url.pathname, res);
      sendPage(res, 404, 'not found');
    } catch (e) {
      sendJson(res, 500, { error: 'internal' });
      console.error('gateway error', (e as Error).message);
    }
  });
  return new Promise<typeof server>((resolve) => server.listen(opts.port, '127.0.0.1', () => resolve(server)));
}

/** The request target as a URL, or null when it is not one (an absolute-form target with a broken host…). */
function parseUrl(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer) {
  res.writeHead(status, headers);
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, body: unknown) =>
  send(res, status, { ...API_SECURITY_HEADERS, 'content-type': 'application/json' }, JSON.stringify(body));

const sendPage = (res: ServerResponse, status: number, text: string) =>
  send(res, status, { ...PAGE_HEADERS, 'content-type': 'text/plain; charset=utf-8' }, text);

async function serveStatic(root: string, pathname: string, res: ServerResponse) {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return sendPage(res, 400, 'bad request');
  }
  // A NUL makes the file system calls throw; no file of ours has one, or a control character, in its name.
  if (/[\u0000-\u001f]/.test(decoded)) return sendPage(res, 404, 'not found');
  const base = resolve(root);
  let file = resolve(base, `.${sep}${normalize(decoded)}`);
  if (file !== base && !file.startsWith(base + sep)) return sendPage(res, 403, 'forbidden');
  const info = await stat(file).catch(() => null);
  if (!info || info.isDirectory()) file = join(base, 'index.html');
  const content = await readFile(file).catch(() => null);
  if (!content) return sendPage(res, 404, 'not found');
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  send(
    res,
    200,
    {
      ...PAGE_HEADERS,
      'content-type': type,
      'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
    },
    content,
  );
}
