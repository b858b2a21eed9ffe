import { randomBytes, createHash, createHmac, timingSafeEqual, createCipheriv, createDecipheriv } from 'node:crypto';

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

/**
 * A secret kept for a short while so that a replay can answer it again (the status token in an idempotency record):
 * AES-256-GCM under a key derived from the link secret, so the table never holds it in plain text.
 */
const sealKey = (secret: string) => createHmac('sha256', secret).update('seal-v1').digest();

export function seal(secret: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function unseal(secret: string, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', sealKey(secret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
