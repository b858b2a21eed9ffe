/** Builds the use cases' dependencies from the environment, once per process (Lambda cold start). */
import { parseConfig } from './config.ts';
import { Store } from '#adapters/dynamodb/store';
import { buildRepositories, transactionsOf } from '#adapters/dynamodb/repositories';
import { settingsRepository } from '#adapters/dynamodb/settings-repo';
import type { ProgramSettings } from '#domain/settings';
import { readSettings } from '#usecases/settings';
import { createLogger } from './logger.ts';
import { cachedFor } from './cache.ts';
import { systemClock, type Deps, type Mailer } from './ports.ts';

const SETTINGS_TTL_MS = 30_000;

export function settingsLoader(store: Store, ttlMs = SETTINGS_TTL_MS): () => Promise<ProgramSettings> {
  const repos = { settings: settingsRepository(store) };
  return cachedFor(ttlMs, () => readSettings({ repos }));
}

/** Only the two delivery functions send email; the others get a mailer that says so if ever called. */
const noMailer: Mailer = {
  send: async () => {
    throw new Error('this function does not send email: messages go through the outbox');
  },
};

export function buildDeps(env: Record<string, string | undefined> = process.env, overrides: Partial<Deps> = {}): Deps {
  const config = parseConfig(env);
  const store = overrides.store ?? new Store(config.tableName);
  return {
    config,
    store,
    repos: buildRepositories(store),
    tx: transactionsOf(store),
    mailer: overrides.mailer ?? noMailer,
    clock: overrides.clock ?? systemClock,
    settings: overrides.settings ?? settingsLoader(store),
    log: overrides.log ?? createLogger(),
  };
}

/** In AWS the link-signing key lives in Secrets Manager; it is read once, at cold start. */
async function resolveSecrets(env: Record<string, string | undefined>) {
  if (!env.PIC_LINK_SECRET_ARN || env.PIC_LINK_SECRET) return env;
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: env.PIC_LINK_SECRET_ARN }));
  return { ...env, PIC_LINK_SECRET: out.SecretString };
}

let deps: Promise<Deps> | undefined;
export const getDeps = (): Promise<Deps> => (deps ??= resolveSecrets(process.env).then((env) => buildDeps(env)));

/** The same dependencies over another store (a test's failing or second-process store): repositories follow it. */
export const withStore = (deps: Deps, store: Store): Deps => ({
  ...deps,
  store,
  repos: buildRepositories(store),
  tx: transactionsOf(store),
});
