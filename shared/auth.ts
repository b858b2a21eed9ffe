/**
 * Bearer tokens with roles. One code path: a JWT whose `cognito:groups` claim gives the role. In AWS the key
 * set is Cognito's (also checked by the API Gateway authorizer); on this machine a local HS256 key signs the
 * tokens of the local sign-in, and PIC_LOCAL_TOKEN is accepted as coordination.
 */
import { jwtVerify, createRemoteJWKSet, SignJWT, type JWTPayload } from 'jose';
import { timingSafeEqual } from 'node:crypto';
import type { Config } from './config.ts';

export type Principal = { role: 'coordination'; sub: string } | { role: 'partner'; partnerId: string; sub: string };

let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

/** The Cognito group of a role: `coordination`, or `partner-<partnerId>`. */
export const staffGroup = (role: 'coordination' | 'partner', partnerId?: string) =>
  role === 'coordination' ? 'coordination' : `partner-${partnerId}`;

/** A role read back from groups; coordination wins over a partner group. */
export function roleOfGroups(
  groups: readonly string[],
): { role: 'coordination' } | { role: 'partner'; partnerId: string } | null {
  if (groups.includes('coordination')) return { role: 'coordination' };
  const partner = groups.find((g) => g.startsWith('partner-'));
  return partner ? { role: 'partner', partnerId: partner.slice('partner-'.length) } : null;
}

function principalOf(payload: JWTPayload): Principal | null {
  const role = roleOfGroups((payload['cognito:groups'] as string[] | undefined) ?? []);
  return role ? { ...role, sub: payload.sub ?? 'unknown' } : null;
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function authenticate(authorization: string | undefined, config: Config): Promise<Principal | null> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return null;
  if (config.auth.localToken && same(token, config.auth.localToken))
    return { role: 'coordination', sub: 'local-coordination' };
  try {
    if (config.auth.cognitoIssuer) {
      jwks ??= createRemoteJWKSet(new URL(`${config.auth.cognitoIssuer}/.well-known/jwks.json`));
      const { payload } = await jwtVerify(token, jwks, { issuer: config.auth.cognitoIssuer });
      // ID tokens name the app client in `aud`, access tokens in `client_id`.
      const client = payload.token_use === 'id' ? payload.aud : payload.client_id;
      if (client !== config.auth.cognitoClientId) return null;
      return principalOf(payload);
    }
    if (config.auth.localSigningKey) {
      const { payload } = await jwtVerify(token, new TextEncoder().encode(config.auth.localSigningKey), {
        issuer: 'pic-local',
      });
      return principalOf(payload);
    }
  } catch {
    return null;
  }
  return null;
}

/** Local mode only: a token for the chosen role, signed with the local key. */
export async function signLocalToken(
  key: string,
  role: 'coordination' | 'partner',
  partnerId?: string,
): Promise<string> {
  return new SignJWT({ 'cognito:groups': [staffGroup(role, partnerId)] })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('pic-local')
    .setSubject(role === 'coordination' ? 'local-coordination' : `local-${partnerId}`)
    .setIssuedAt()
    .setExpirationTime('12h')
    .sign(new TextEncoder().encode(key));
}
