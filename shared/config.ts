import { z } from 'zod';

/** Runtime configuration, parsed once per process (cold start). The CDK function construct sets the same names. */
const EnvSchema = z.object({
  PIC_TABLE_NAME: z.string().min(1).default('pic'),
  PIC_PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
  PIC_MAIL_FROM: z.string().email().default('pic@centraide-mtl.org'),
  PIC_MAIL_REPLY_TO: z.string().email().default('pic@centraide-mtl.org'),
  PIC_TEAM_EMAIL: z.string().email().default('pic@centraide-mtl.org'),
  PIC_DYNAMO_CONTACT_EMAIL: z.string().email().default('cgrandchamp@dynamocollectivo.com'),
  PIC_DYNAMO_CONTACT_NAME: z.string().default('Chantal Grandchamp'),
  /** HMAC key for accept/decline and cancel links. Required in AWS (from Secrets Manager); generated locally. */
  PIC_LINK_SECRET: z.string().min(16).default('local-development-link-secret'),
  /** Local mode: HS256 key for the local sign-in, and the plain coordination token. */
  PIC_LOCAL_SIGNING_KEY: z.string().min(16).optional(),
  PIC_LOCAL_TOKEN: z.string().min(8).optional(),
  /** AWS mode: Cognito issuer (https://cognito-idp.<region>.amazonaws.com/<poolId>) and app client id. */
  PIC_COGNITO_ISSUER: z.string().url().optional(),
  PIC_COGNITO_CLIENT_ID: z.string().optional(),
  PIC_SES_CONFIGURATION_SET: z.string().optional(),
  PIC_SES_MAX_SEND_RATE: z.coerce.number().positive().default(14),
  PIC_SES_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  PIC_MAIL_MAX_ATTEMPTS: z.coerce.number().int().positive().default(8),
  PIC_MAIL_BACKOFF_BASE_MS: z.coerce.number().int().nonnegative().default(30_000),
  PIC_MAX_BODY_BYTES: z.coerce.number().int().positive().default(32_768),
});

export type Config = {
  tableName: string;
  publicBaseUrl: string;
  mail: { from: string; replyTo: string; team: string; dynamoContact: { name: string; email: string } };
  linkSecret: string;
  auth: { localSigningKey?: string; localToken?: string; cognitoIssuer?: string; cognitoClientId?: string };
  ses: { maxSendRate: number; timeoutMs: number; maxAttempts: number; backoffBaseMs: number; configurationSet?: string };
  maxBodyBytes: number;
};

export function parseConfig(env: Record<string, string | undefined>): Config {
  const e = EnvSchema.parse(Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('PIC_') && v !== '')));
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
    },
    ses: {
      maxSendRate: e.PIC_SES_MAX_SEND_RATE,
      timeoutMs: e.PIC_SES_TIMEOUT_MS,
      maxAttempts: e.PIC_MAIL_MAX_ATTEMPTS,
      backoffBaseMs: e.PIC_MAIL_BACKOFF_BASE_MS,
      configurationSet: e.PIC_SES_CONFIGURATION_SET,
    },
    maxBodyBytes: e.PIC_MAX_BODY_BYTES,
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
  mailFrom: 'PIC_MAIL_FROM',
} as const;
