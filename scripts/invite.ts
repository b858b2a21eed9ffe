/**
 * `npm run invite -- --email a@b.org --role partner --partner niska [--name "…"] [--locale fr|en]`, or
 * `--role coordination`: gives someone access to the staff pages, as the access page does.
 *
 * In AWS, set PIC_COGNITO_USER_POOL_ID to the stack's `UserPoolId` output (and AWS_REGION, with credentials that may
 * call cognito-idp): Cognito creates the account, emails the temporary password with the pool's bilingual template,
 * and the account joins its role's group. Without it, the account is written to the local table of `npm start`
 * (DynamoDB Local on PIC_DYNAMODB_PORT, 8006 by default), where nothing is emailed.
 */
import { parseArgs } from 'node:util';
import { StaffInviteSchema, type StaffInviteInput } from '#shared/schemas';
import { validate } from '#shared/http';
import { message } from '#shared/i18n';
import type { Locale } from '#email/render';

/** The command-line option of each field, so that an error names what to retype. */
const OPTION_OF: Record<string, string> = {
  email: '--email',
  role: '--role',
  partnerId: '--partner',
  name: '--name',
  locale: '--locale',
};

export const USAGE = `npm run invite -- --email <courriel> --role coordination|partner [--partner dynamo|niska|yann-pezzini]
                  [--name "Prénom Nom"] [--locale fr|en]`;

export type InviteArgs = { ok: true; invitation: StaffInviteInput } | { ok: false; errors: string[] };

/** The arguments, checked by the same schema as POST /api/staff; each error names its option. */
export function parseInviteArgs(argv: readonly string[], locale: Locale = 'fr'): InviteArgs {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        partner: { type: 'string' },
        name: { type: 'string' },
        locale: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    return { ok: false, errors: [(e as Error).message] };
  }
  const input = {
    email: values.email,
    role: values.role,
    partnerId: values.partner,
    name: values.name,
    locale: values.locale,
  };
  // Options left out are absent, not empty: the schema then says "required" or applies its default.
  const v = validate(
    StaffInviteSchema,
    Object.fromEntries(Object.entries(input).filter(([, x]) => x !== undefined)),
    locale,
  );
  if (v.ok) return { ok: true, invitation: v.data };
  const issues = (v.response.body as { issues: Array<{ path: string; message: string }> }).issues;
  return { ok: false, errors: issues.map((i) => `${OPTION_OF[i.path] ?? i.path} — ${i.message}`) };
}

async function main() {
  const locale: Locale = process.env.LANG?.startsWith('en') ? 'en' : 'fr';
  const parsed = parseInviteArgs(process.argv.slice(2), locale);
  if (!parsed.ok) {
    console.error([...parsed.errors, '', USAGE].join('\n'));
    process.exit(2);
  }
  const poolId = process.env.PIC_COGNITO_USER_POOL_ID;
  if (!poolId)
    // As local/start.ts runs DynamoDB Local: one shared database, whatever the caller's own AWS settings.
    Object.assign(process.env, {
      AWS_REGION: 'ca-central-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB:
        process.env.AWS_ENDPOINT_URL_DYNAMODB || `http://localhost:${process.env.PIC_DYNAMODB_PORT ?? 8006}`,
    });
  const { buildDeps } = await import('#shared/wiring');
  const { staffDirectory } = await import('#adapters/staff-directory');
  const deps = buildDeps();
  console.log(
    poolId
      ? `Cognito : ${poolId}`
      : `Local : table ${deps.config.tableName} (${process.env.AWS_ENDPOINT_URL_DYNAMODB}), aucun courriel envoyé`,
  );
  const out = await (await staffDirectory(deps)).invite(parsed.invitation);
  if (out.kind === 'already-exists') {
    console.error(`${parsed.invitation.email} : ${message('staff-already-exists', locale)}`);
    process.exit(1);
  }
  const { email, role, partnerId } = out.account;
  console.log(`${email} : ${role}${partnerId ? ` (${partnerId})` : ''}, ${out.account.status}`);
}

if (process.argv[1] === import.meta.filename)
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
