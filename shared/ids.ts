import { randomBytes, createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Short, URL-safe, time-ordered ids: sortable by creation without a second index. */
export function newId(now = Date.now()): string {
  return `${now.toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`;
}

/** A secret for a requester's status link: 160 random bits. Only its hash is stored. */
export function newSecretToken(): string {
  return randomBytes(20).toString('base64url');
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export function tokenMatches(token: string | undefined, hash: string | undefined): boolean {
  if (!token || !hash) return false;
  const a = Buffer.from(hashToken(token));
  const b = Buffer.from(hash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Signed action links (accept/decline, cancel a registration): HMAC over the action's fields. */
export function signAction(secret: string, fields: string[]): string {
  return createHmac('sha256', secret).update(fields.join('\n')).digest('base64url');
}

export function verifyAction(secret: string, fields: string[], signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signAction(secret, fields));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
