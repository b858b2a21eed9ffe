/** Real dependencies for tests: a fresh table on DynamoDB Local, the SES emulator, a clock the test moves. */
import { afterAll, inject } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent } from 'node:http';
import { randomBytes } from 'node:crypto';
import { Store } from '#adapters/dynamodb/store';
import { SesMailer } from '#adapters/ses/mailer';
import { buildDeps, settingsLoader } from '#shared/wiring';
import { DEFAULT_SETTINGS, type ProgramSettings } from '#domain/settings';
import { keys } from '#adapters/dynamodb/keys';
import type { Clock, Deps } from '#shared/ports';
import { ensureTable, startDynamoDbLocal, type Emulator } from '../../local/emulators.ts';
import { seed } from '../../local/seed.ts';

Object.assign(process.env, {
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_REGION: 'ca-central-1',
});

export class ManualClock implements Clock {
  constructor(private t: Date) {}
  now() {
    return new Date(this.t);
  }
  set(iso: string) {
    this.t = new Date(iso);
  }
  advanceDays(days: number) {
    this.t = new Date(this.t.getTime() + days * 86_400_000);
  }
}

export const uniq = () => randomBytes(4).toString('hex');

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export function sesEndpoint() {
  return inject('sesEndpoint');
}

/**
 * Each test file gets its own DynamoDB Local (started on first use, stopped after the file): an instance
 * that has absorbed a heavy file is several times slower for a while, and files must not slow each other.
 */
let ownDynamo: Promise<Emulator> | undefined;
export async function dynamoEndpoint(): Promise<string> {
  ownDynamo ??= startDynamoDbLocal({});
  return (await ownDynamo).endpoint;
}
afterAll(async () => {
  if (ownDynamo) await (await ownDynamo).stop();
});

export async function testDeps(
  opts: {
    clock?: Clock;
    seed?: boolean;
    settings?: Partial<ProgramSettings>;
    env?: Record<string, string>;
    sesEndpoint?: string;
    /** Addresses put on file for every seeded quartier: their requests are served at once. */
    contacts?: string[];
  } = {},
): Promise<Deps> {
  const endpoint = await dynamoEndpoint();
  const tableName = `t${uniq()}`;
  await ensureTable(endpoint, tableName);
  // Tests fire hundreds of requests at once: a larger socket pool than a Lambda needs.
  const store = new Store(
    tableName,
    new DynamoDBClient({
      endpoint,
      region: 'ca-central-1',
      credentials,
      maxAttempts: 5,
      requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 256 }) }),
    }),
  );
  const deps = buildDeps(
    {
      PIC_TABLE_NAME: tableName,
      PIC_LINK_SECRET: 'test-link-secret-0123456789',
      PIC_LOCAL_SIGNING_KEY: 'test-signing-key-0123456789',
      PIC_LOCAL_TOKEN: 'test-coordination-token',
      PIC_MAIL_BACKOFF_BASE_MS: '0',
      // Tests speak for many people from one address at one fixed time; abuse-limits.test.ts sets small limits.
      PIC_PUBLIC_POSTS_PER_MINUTE: '1000000',
      PIC_PUBLIC_POSTS_PER_HOUR: '1000000',
      ...opts.env,
    },
    {
      store,
      clock: opts.clock ?? new ManualClock(new Date('2026-11-27T15:00:00Z')),
      mailer: new SesMailer({ timeoutMs: 2000, endpoint: opts.sesEndpoint ?? sesEndpoint(), region: 'ca-central-1' }),
      settings: settingsLoader(store),
    },
  );
  if (opts.settings) await store.put({ ...keys.settings(), settings: { ...DEFAULT_SETTINGS, ...opts.settings } });
  if (opts.seed !== false) await seed(deps, { enrolledYear: '2020-2021' });
  if (opts.contacts?.length) {
    const { listQuartiers } = await import('#usecases/quartiers');
    for (const q of await listQuartiers(deps))
      await Promise.all(opts.contacts.map((email) => onFile(deps, q.id, email)));
  }
  return deps;
}

export type SesMessage = {
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments: Array<{ content: string; contentType: string; filename?: string }>;
};

export async function sesMessages(
  filter: (m: SesMessage) => boolean = () => true,
  endpoint = sesEndpoint(),
): Promise<SesMessage[]> {
  const res = await fetch(`${endpoint}/store`);
  const { emails } = (await res.json()) as { emails: SesMessage[] };
  return emails.filter(filter);
}

export const to = (address: string) => (m: SesMessage) => [...m.destination.to, ...m.destination.cc].includes(address);

/** An address where nothing listens: SES "down". */
export async function freeDeadEndpoint(): Promise<string> {
  const { freePort } = await import('../../local/emulators.ts');
  return `http://127.0.0.1:${await freePort()}`;
}

/** Puts an address on a quartier's file, so that its requests are served at once (as the program's contacts' are). */
export async function onFile(deps: Deps, quartierId: string, email: string, name = 'Personne-ressource') {
  const { addContact } = await import('#usecases/contacts');
  const out = await addContact(deps, quartierId, { name, email }, 'test');
  if (out.kind !== 'added') throw new Error(`no quartier ${quartierId}`);
}

/**
 * A quartier taking part (named after its id) whose one contact, `contact-<id>@example.org`, is on file: its
 * requests are served at once.
 */
export async function quartierWithContact(deps: Deps, id: string) {
  const { createQuartier } = await import('#usecases/quartiers');
  await createQuartier(deps, {
    id,
    name: id,
    advisor: { name: 'Conseil', email: 'advisor@example.org' },
    enrolledYear: '2020-2021',
    contacts: [{ name: 'Personne-ressource', email: `contact-${id}@example.org` }],
  });
}

/** Every item of the test's table, as stored (keys included), read through the store's own client. */
export async function tableItems(deps: Deps): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await deps.store.doc.send(
      new ScanCommand({ TableName: deps.store.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}
