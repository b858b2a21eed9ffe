/**
 * `npm start`: the whole system on this machine — DynamoDB Local and the SES emulator, the table from the CDK
 * definition, the seed, the API and web pages, the scheduled jobs and the stream consumer.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { execSync } from 'node:child_process';
import { ensureTable, startDynamoDbLocal, startSesEmulator } from './emulators.ts';

const root = resolve(import.meta.dirname, '..');
const inMemory = process.env.PIC_IN_MEMORY === '1';
const dataDir = resolve(process.env.PIC_DATA_DIR ?? join(root, '.data'));
const port = Number(process.env.PORT ?? 3000);
const sesPort = Number(process.env.PIC_SES_PORT ?? 8005);
const dynamoPort = Number(process.env.PIC_DYNAMODB_PORT ?? 8006);

function localSecrets() {
  const file = join(dataDir, 'local-secrets.json');
  if (!inMemory && existsSync(file))
    return JSON.parse(readFileSync(file, 'utf8')) as { signingKey: string; linkSecret: string };
  const secrets = {
    signingKey: randomBytes(32).toString('base64url'),
    linkSecret: randomBytes(32).toString('base64url'),
  };
  if (!inMemory) writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

function killStale(pidFile: string) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    process.kill(pid, 'SIGKILL');
    console.log(`stopped a DynamoDB Local left running by an earlier start (pid ${pid})`);
  } catch {
    /* already gone */
  }
}

async function main() {
  const started = Date.now();
  mkdirSync(dataDir, { recursive: true });
  const pidFile = join(dataDir, 'dynamodb.pid');
  killStale(pidFile);
  const secrets = localSecrets();
  const token = process.env.PIC_LOCAL_TOKEN ?? randomBytes(18).toString('base64url');

  const [dynamo, ses] = await Promise.all([
    startDynamoDbLocal({ port: dynamoPort, dataDir: inMemory ? undefined : join(dataDir, 'dynamodb') }),
    startSesEmulator({ port: sesPort }),
  ]);
  writeFileSync(pidFile, String(dynamo.process.pid));

  Object.assign(process.env, {
    AWS_REGION: 'ca-central-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SES: ses.endpoint,
    PIC_TABLE_NAME: process.env.PIC_TABLE_NAME ?? 'pic',
    PIC_PUBLIC_BASE_URL: process.env.PIC_PUBLIC_BASE_URL ?? `http://localhost:${port}`,
    PIC_LOCAL_SIGNING_KEY: secrets.signingKey,
    PIC_LINK_SECRET: secrets.linkSecret,
    PIC_LOCAL_TOKEN: token,
    PIC_MAIL_BACKOFF_BASE_MS: process.env.PIC_MAIL_BACKOFF_BASE_MS ?? '5000',
  });

  const { streamArn } = await ensureTable(dynamo.endpoint, process.env.PIC_TABLE_NAME!);
  // Handlers read their configuration at first use, like a Lambda cold start: import them after the env is set.
  const { getDeps } = await import('#shared/wiring');
  const { seed } = await import('./seed.ts');
  const { seedDemoSample, describeSample } = await import('./demo-sample.ts');
  const deps = await getDeps();
  const seeded = await seed(deps);
  const sample = await seedDemoSample(deps, process.env);

  if (process.env.PIC_SKIP_WEB_BUILD !== '1')
    execSync('npx vite build web --emptyOutDir --logLevel warn', { cwd: root, stdio: 'inherit' });
  const { runLocalSystem } = await import('./system.ts');
  await runLocalSystem({
    port,
    webDir: join(root, 'web', 'dist'),
    streamArn: streamArn!,
    dynamoEndpoint: dynamo.endpoint,
  });

  const settings = await deps.settings();
  console.log(`
PIC — système local prêt en ${((Date.now() - started) / 1000).toFixed(1)} s (${seeded.quartiersAdded} quartiers ajoutés au seed)
  Exemple          ${describeSample(sample)}
  Application      http://localhost:${port}/
  API (OpenAPI)    http://localhost:${port}/api/openapi.json
  Courriels (SES)  ${ses.endpoint}/   (JSON: ${ses.endpoint}/store)
  DynamoDB Local   ${dynamo.endpoint}   données: ${inMemory ? 'en mémoire' : join(dataDir, 'dynamodb')}
  Jeton coordination (Authorization: Bearer …): ${token}
  Tâches planifiées: POST http://localhost:${port}/local/jobs/{open-year|daily|outbox-sweep|expire-offers} (même jeton)
  Année de programme: début le ${settings.yearStart.day}/${settings.yearStart.month}, America/Montreal
Ctrl-C arrête tout.`);

  const stop = async () => {
    await Promise.all([dynamo.stop(), ses.stop()]);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
