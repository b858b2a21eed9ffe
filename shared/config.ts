import * as z from 'zod/mini';

/**
 * Runtime configuration, parsed once per process (cold start). The CDK function construct sets the same names.
 * Written with `zod/mini`, as is every schema the non-API functions load: its schemas are several times cheaper
 * to build than the chainable API's, which matters at every cold start.
 */
const text = (min = 1) => z.string().check(z.minLength(min));
const email = (fallback: string) => z._default(z.email(), fallback);
const count = (fallback: number, min: 0 | 1 = 1) =>
  z._default(z.coerce.number().check(z.int(), min ? z.positive() : z.nonnegative()), fallback);
const EnvSchema = z.object({
  PIC_TABLE_NAME: z._default(text(), 'pic'),
  PIC_PUBLIC_BASE_URL: z._default(z.url(), 'http://localhost:3000'),
  PIC_MAIL_FROM: email('pic@centraide-mtl.org'),
  PIC_MAIL_REPLY_TO: email('pic@centraide-mtl.org'),
  PIC_TEAM_EMAIL: email('pic@centraide-mtl.org'),
  PIC_DYNAMO_CONTACT_EMAIL: email('cgrandchamp@dynamocollectivo.com'),
  PIC_DYNAMO_CONTACT_NAME: z._default(z.string(), 'Chantal Grandchamp'),
  /** HMAC key for accept/decline and cancel links. Required in AWS (from Secrets Manager); generated locally. */
  PIC_LINK_SECRET: z._default(text(16), 'local-development-link-secret'),
  /** Local mode: HS256 key for the local sign-in, and the plain coordination token. */
  PIC_LOCAL_SIGNING_KEY: z.optional(text(16)),
  PIC_LOCAL_TOKEN: z.optional(text(8)),
  /** AWS mode: Cognito issuer (https://cognito-idp.<region>.amazonaws.com/<poolId>) and app client id. */
  PIC_COGNITO_ISSUER: z.optional(z.url()),
  PIC_COGNITO_CLIENT_ID: z.optional(z.string()),
  /** AWS mode: the user pool where staff accounts are invited (the API's staff directory). */
  PIC_COGNITO_USER_POOL_ID: z.optional(z.string().check(z.regex(/^[\w-]+_[0-9a-zA-Z]+$/))),
  PIC_SES_CONFIGURATION_SET: z.optional(z.string()),
  PIC_SES_MAX_SEND_RATE: z._default(z.coerce.number().check(z.positive()), 14),
  PIC_SES_TIMEOUT_MS: count(5000),
  PIC_MAIL_MAX_ATTEMPTS: count(8),
  PIC_MAIL_BACKOFF_BASE_MS: count(30_000, 0),
  PIC_MAX_BODY_BYTES: count(32_768),
  /** Per client address (shared/usecases/abuse-limits.ts): room for a whole room submitting from one office network. */
  PIC_PUBLIC_POSTS_PER_MINUTE: count(120),
  PIC_PUBLIC_POSTS_PER_HOUR: count(1000),
});

export type Config = {
  tableName: string;
  publicBaseUrl: string;
  mail: { from: string; replyTo: string; team: string; dynamoContact: { name: string; email: string } };
  linkSecret: string;
  auth: {
    localSigningKey?: string;
    localToken?: string;
    cognitoIssuer?: string;
    cognitoClientId?: string;
    cognitoUserPoolId?: string;
  };
  ses: {
    maxSendRate: number;
    timeoutMs: number;
    maxAttempts: number;
    backoffBaseMs: number;
    configurationSet?: string;
  };
  maxBodyBytes: number;
  /** Fixed-window limits on public POSTs, per client address. */
  publicPosts: { perMinute: number; perHour: number };
};

export function parseConfig(env: Record<string, string | undefined>): Config {
  const e = EnvSchema.parse(
    Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('PIC_') && v !== '')),
  );
  return {
    tableName: e.PIC_TABLE_NAME,
    publicBaseUrl: e.PIC_PUBLIC_BASE_URL.replace(/\/$/, ''),
    mail: {
      from: e.PIC_MAIL_FROM,
      replyTo: e.PIC_MAIL_REPLY_TO,
      team: e.PIC_TEAM_EMAIL,
      dynamoContact: { name: e.PIC_DYNAMO_CONTACT_NAME, email: e.PIC_DYNAMO_CONTACT_EMAIL },
    },
    linkSecret: e.PIC_LINK_SECRET,
    auth: {
      localSigningKey: e.PIC_LOCAL_SIGNING_KEY,
      localToken: e.PIC_LOCAL_TOKEN,
      cognitoIssuer: e.PIC_COGNITO_ISSUER,
      cognitoClientId: e.PIC_COGNITO_CLIENT_ID,
      cognitoUserPoolId: e.PIC_COGNITO_USER_POOL_ID,
    },
    ses: {
      maxSendRate: e.PIC_SES_MAX_SEND_RATE,
      timeoutMs: e.PIC_SES_TIMEOUT_MS,
      maxAttempts: e.PIC_MAIL_MAX_ATTEMPTS,
      backoffBaseMs: e.PIC_MAIL_BACKOFF_BASE_MS,
      configurationSet: e.PIC_SES_CONFIGURATION_SET,
    },
    maxBodyBytes: e.PIC_MAX_BODY_BYTES,
    publicPosts: { perMinute: e.PIC_PUBLIC_POSTS_PER_MINUTE, perHour: e.PIC_PUBLIC_POSTS_PER_HOUR },
  };
}

/** The environment variable names, so the CDK construct and the local runner set exactly these. */
export const ENV = {
  table: 'PIC_TABLE_NAME',
  publicBaseUrl: 'PIC_PUBLIC_BASE_URL',
  linkSecretArn: 'PIC_LINK_SECRET_ARN',
  sesConfigurationSet: 'PIC_SES_CONFIGURATION_SET',
  teamEmail: 'PIC_TEAM_EMAIL',
  cognitoIssuer: 'PIC_COGNITO_ISSUER',
  cognitoClientId: 'PIC_COGNITO_CLIENT_ID',
  cognitoUserPoolId: 'PIC_COGNITO_USER_POOL_ID',
  mailFrom: 'PIC_MAIL_FROM',
} as const;
