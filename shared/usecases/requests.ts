/** What learning and additional-support requests share: audit trail, idempotency records, status links. */
import { createHash } from 'node:crypto';

import type { Deps, Write } from '#shared/ports';
import { seal, signAction, unseal, verifyAction } from '#shared/ids';
import type { AuditEvent, RequestBase } from '#domain/request-states';

export type { AuditEvent, RequestBase };

/**
 * Only the status token's hash is stored, so an email sent after the creation answer cannot carry the token itself.
 * It carries a signature over the request id instead, made with the link secret (which never leaves the server), in
 * the same `t` parameter: the status page and the routes it calls accept either.
 */
const statusFields = (requestId: string) => ['request-status', requestId];

export const statusSignature = (deps: Deps, requestId: string) =>
  signAction(deps.config.linkSecret, statusFields(requestId));

export const statusSignatureMatches = (deps: Deps, requestId: string, given: string | undefined) =>
  verifyAction(deps.config.linkSecret, statusFields(requestId), given);

export const statusUrl = (deps: Deps, requestId: string, token?: string) =>
  `${deps.config.publicBaseUrl}/#/demande/${encodeURIComponent(requestId)}?t=${encodeURIComponent(token || statusSignature(deps, requestId))}`;

/** The "this was not me" link of a confirmation sent to a contact on file: the status page, set to withdraw. */
export const notMeUrl = (deps: Deps, requestId: string) => `${statusUrl(deps, requestId)}&pasmoi=1`;

const verifyFields = (requestId: string) => ['verify-email', requestId];
const confirmFields = (requestId: string) => ['confirm-trust', requestId];
export const verifySignatureMatches = (deps: Deps, requestId: string, given: string | undefined) =>
  verifyAction(deps.config.linkSecret, verifyFields(requestId), given);
export const confirmSignatureMatches = (deps: Deps, requestId: string, given: string | undefined) =>
  verifyAction(deps.config.linkSecret, confirmFields(requestId), given);
export const confirmUrl = (deps: Deps, requestId: string) =>
  `${deps.config.publicBaseUrl}/#/confirmer?${new URLSearchParams({
    id: requestId,
    sig: signAction(deps.config.linkSecret, confirmFields(requestId)),
  })}`;

/** The one email a request from an address not on file sends: to that address, so its owner can prove it. */
export function verificationEmail(
  deps: Deps,
  r: Pick<RequestBase, 'id' | 'contact' | 'locale'>,
  quartierName: string,
  token: string,
  now: Date,
): Write {
  const verifyUrl = `${deps.config.publicBaseUrl}/#/verifier?${new URLSearchParams({
    id: r.id,
    sig: signAction(deps.config.linkSecret, verifyFields(r.id)),
  })}`;
  return deps.repos.outbox.enqueue(
    {
      template: 'trust-verify-email',
      to: [r.contact.email],
      locale: r.locale,
      subjectRef: r.id,
      data: { contactName: r.contact.name, quartierName, verifyUrl, statusUrl: statusUrl(deps, r.id, token) },
    },
    now,
  );
}

export const bodyHash = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('base64url');

const IDEMPOTENCY_TTL_S = 24 * 3600;

/** What a replay of a creation answers again; the status token in it is sealed, never stored in plain text. */
export type IdempotencyRecord = { requestId: string; bodyHash: string; response?: unknown; statusToken: string };
type StoredRecord = Omit<IdempotencyRecord, 'statusToken'> & { sealedToken: string };

/** Written in the same transaction as the thing it guards, so a replay finds either both or neither. */
export function idempotencyPut(deps: Deps, scope: string, key: string, record: IdempotencyRecord, now: Date): Write {
  const { statusToken, ...rest } = record;
  const stored: StoredRecord = { ...rest, sealedToken: seal(deps.config.linkSecret, statusToken) };
  return deps.repos.guards.rememberKey(scope, key, {
    ...stored,
    ttl: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_S,
  });
}

export async function findIdempotent(
  deps: Deps,
  scope: string,
  key: string | undefined,
): Promise<IdempotencyRecord | undefined> {
  if (!key) return undefined;
  const stored = await deps.repos.guards.recalled<StoredRecord>(scope, key);
  if (!stored) return undefined;
  const { sealedToken, ...rest } = stored;
  return { ...rest, statusToken: unseal(deps.config.linkSecret, sealedToken) };
}
