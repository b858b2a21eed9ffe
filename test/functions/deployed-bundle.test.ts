/**
 * The API and the notifier as CDK deploys them: bundled with the construct's esbuild settings (infra/bundling.ts,
 * CommonJS, Node 24, nothing external), loaded by Node from the bundle file, configured only by the environment
 * (as Lambda configures them), and driven with API Gateway v2 and DynamoDB Streams events against DynamoDB Local and
 * the SES emulator. A bundling mistake (a module esbuild cannot resolve, a lazily imported library left out, an ES
 * module feature in CommonJS output) fails here rather than in production.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, DynamoDBStreamEvent } from 'aws-lambda';
import { BUNDLE } from '../../infra/bundling.ts';
import { keys } from '#adapters/dynamodb/keys';
import { createSession } from '#usecases/create-session';
import type { OutboxRecord } from '#usecases/outbox';
import type { Deps } from '#shared/ports';
import { apiEvent } from '../support/api.ts';
import { addDays, localDateAt } from '#domain/program-year';
import { dynamoEndpoint, sesEndpoint, sesMessages, testDeps, to, uniq } from '../support/harness.ts';

const TOKEN = 'bundle-coordination-token';
type ApiHandler = (event: APIGatewayProxyEventV2, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;
type StreamHandler = (event: DynamoDBStreamEvent) => Promise<{ batchItemFailures: unknown[] }>;

/** As infra/constructs/app-function.ts has NodejsFunction call esbuild (runtime NODEJS_24_X). */
async function bundle(entry: string, dir: string): Promise<string> {
  const outfile = join(dir, `${entry.replaceAll('/', '-')}.cjs`);
  await build({
    entryPoints: [entry],
    ...BUNDLE,
    mainFields: [...BUNDLE.mainFields],
    bundle: true,
    platform: 'node',
    target: 'node24',
    sourcemap: false,
    external: [],
    logLevel: 'silent',
    outfile,
  });
  return outfile;
}

let deps: Deps;
let api: ApiHandler;
let notifier: StreamHandler;
let bundleFiles: string[];

beforeAll(async () => {
  // The table and the seed come from the source; only the bundles read and write them afterwards.
  deps = await testDeps();
  Object.assign(process.env, {
    PIC_TABLE_NAME: deps.store.tableName,
    PIC_LINK_SECRET: 'bundle-link-secret-0123456789',
    PIC_LOCAL_TOKEN: TOKEN,
    PIC_MAIL_BACKOFF_BASE_MS: '0',
    AWS_ENDPOINT_URL_DYNAMODB: await dynamoEndpoint(),
    AWS_ENDPOINT_URL_SES: sesEndpoint(),
  });
  const dir = mkdtempSync(join(tmpdir(), 'pic-bundle-'));
  const [apiFile, notifierFile] = await Promise.all([
    bundle('functions/api/handler.ts', dir),
    bundle('functions/notifier/handler.ts', dir),
  ]);
  bundleFiles = [apiFile, notifierFile];
  const load = createRequire(import.meta.url);
  api = load(apiFile).handler;
  notifier = load(notifierFile).handler;
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await api(apiEvent({ method, path, body, headers }), { awsRequestId: uniq() });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined, headers: res.headers ?? {} };
}

/** What the table's stream hands the notifier for each pending message. */
async function deliverPending(): Promise<void> {
  const pending = await deps.store.query<OutboxRecord>(keys.outboxByStatus('pending'));
  const event = {
    Records: pending.map((m, i) => ({
      eventName: 'INSERT',
      // The notifier reads these three attributes of the new image.
      dynamodb: {
        NewImage: { pk: { S: keys.outbox(m.id).pk }, id: { S: m.id }, status: { S: m.status } },
        SequenceNumber: String(i + 1),
      },
    })),
  } as unknown as DynamoDBStreamEvent;
  expect((await notifier(event)).batchItemFailures).toEqual([]);
}

describe('the bundles CDK deploys, against the emulators', () => {
  it('carry nothing of the local demo sample (local/demo-sample.ts), so AWS never seeds it', () => {
    // The sample's names are marked "(exemple)"; the word alone also appears in messages ("par exemple 12").
    for (const file of bundleFiles)
      expect(readFileSync(file, 'utf8')).not.toMatch(/\(exemple\)|\(sample\)|demo-sample|seedDemoSample/i);
  });

  it('serves the OpenAPI document, refuses bad input in the caller’s language, and answers a coordination route', async () => {
    const doc = await call('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);

    const fr = await call('POST', '/api/learning-requests', { quartierId: 'verdun' });
    expect(fr.status).toBe(400);
    expect(fr.body.issues.map((i: { path: string }) => i.path)).toContain('question');
    const en = await call('POST', '/api/learning-requests', { quartierId: 'verdun' }, { 'accept-language': 'en' });
    expect(en.status).toBe(400);
    expect(en.body.issues.find((i: { path: string }) => i.path === 'question').message).not.toBe(
      fr.body.issues.find((i: { path: string }) => i.path === 'question').message,
    );

    expect((await call('GET', '/api/settings')).status).toBe(401);
    const settings = await call('GET', '/api/settings', undefined, { authorization: `Bearer ${TOKEN}` });
    expect(settings.status).toBe(200);
  });

  it('takes a registration, and the bundled notifier sends its invite through the SES emulator', async () => {
    const created = await createSession(deps, {
      activityId: 'festival-impact-collectif',
      // Ahead of the bundle's own clock (the real one), and within the ten years a session may be planned.
      date: addDays(localDateAt(deps.clock.now()), 60),
      startTime: '09:00',
      duration: 'half-day',
      place: 'Centraide, Montréal',
    });
    if (created.kind !== 'created') throw new Error(created.kind);
    const email = `bundle-${uniq()}@example.org`;
    const registered = await call('POST', `/api/sessions/${created.session.id}/registrations`, {
      name: 'Personne Bundle',
      email,
      quartierId: 'verdun',
      locale: 'fr',
    });
    expect(registered.status).toBe(201);

    await deliverPending();
    const mails = await sesMessages(to(email));
    expect(mails).toHaveLength(1);
    const invite = mails[0].attachments.find((a) => /calendar/.test(a.contentType));
    expect(Buffer.from(invite!.content, 'base64').toString('utf8')).toMatch(/METHOD:REQUEST[\s\S]*ATTENDEE/);
  });
});
