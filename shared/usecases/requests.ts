/** What learning and additional-support requests share: audit trail, idempotency records, status links. */
import { createHash } from 'node:crypto';
import { keys } from '#adapters/dynamodb/keys';
import { cond } from '#adapters/dynamodb/expressions';
import type { TxItem } from '#adapters/dynamodb/store';
import type { Deps } from '#shared/ports';
import { newId, signAction, verifyAction } from '#shared/ids';
import type { Locale } from '#email/render';

export type AuditEvent = { at: string; event: string; by: string; reason?: string; detail?: Record<string, unknown> };

// Entries written in the same millisecond (one transaction often writes two) keep the order they were made in.
let auditSeq = 0;
export function auditPut(requestId: string, e: AuditEvent): TxItem {
  const order = `${String(auditSeq++ % 1e6).padStart(6, '0')}${newId().slice(-4)}`;
  return { put: { ...keys.auditEntry(requestId, e.at, order), requestId, ...e } };
}

export async function auditOf(deps: Deps, requestId: string): Promise<AuditEvent[]> {
  const items = await deps.store.query<AuditEvent & Record<string, unknown>>(keys.auditOf(requestId));
  return items.map(({ at, event, by, reason, detail }) => ({ at, event, by, reason, detail }));
}

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

export const bodyHash = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('base64url');

const IDEMPOTENCY_TTL_S = 24 * 3600;

export type IdempotencyRecord = { requestId: string; bodyHash: string; response?: unknown; statusToken?: string };

/** Written in the same transaction as the thing it guards, so a replay finds either both or neither. */
export function idempotencyPut(scope: string, key: string, record: IdempotencyRecord, now: Date): TxItem {
  return {
    put: { ...keys.idempotency(scope, key), ...record, ttl: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_S },
    when: cond.notExists(),
  };
}

export async function findIdempotent(deps: Deps, scope: string, key: string | undefined) {
  if (!key) return undefined;
  return deps.store.get<IdempotencyRecord>(keys.idempotency(scope, key));
}

export type RequestBase = {
  id: string;
  kind: 'learning' | 'additional';
  year: string;
  quartierId: string;
  contact: { name: string; email: string; phone?: string };
  locale: Locale;
  status: string;
  statusTokenHash: string;
  createdAt: string;
  updatedAt: string;
};
