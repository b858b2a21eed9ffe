/**
 * RequestsRepository (shared/ports.ts) on the one table: a request is `REQUEST#id / REQUEST`, findable by kind and
 * status (gsi1) and, for a learning request, by its partner (gsi2); an additional-support request uses gsi2 for its
 * place in the year's waiting line instead. Its history is `REQUEST#id / AUDIT#at#order`.
 */
import type { RequestChange, RequestsRepository, Write } from '#shared/ports';
import { mayMove, type AuditEvent, type RequestBase } from '#domain/request-states';
import { newId } from '#shared/ids';
import { keys } from './keys.ts';
import { cond, type Condition } from './expressions.ts';
import type { Store } from './store.ts';
import { ERASED_EMAIL, requestClosedStates } from '#domain/privacy';

const INDEX_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'];

/** A request as the use cases know it: without the table's key and index attributes. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!INDEX_ATTRIBUTES.includes(k)) out[k] = v;
  return out as T;
}

const partnerIndex = (r: { kind: string; partnerId?: unknown; createdAt: string }) =>
  r.kind === 'learning' && typeof r.partnerId === 'string' ? keys.partnerRequestIndex(r.partnerId, r.createdAt) : {};

const lineIndex = (line: NonNullable<RequestChange['line']>) =>
  'ticket' in line
    ? keys.waitlistIndex(line.year, line.ticket)
    : // '!' sorts before every zero-padded ticket: the request becomes first in line.
      { ...keys.waitlistIndex(line.year, 0), gsi2sk: `!${line.first}` };

const guard = (values: Record<string, string | number> | undefined): Condition | undefined => {
  const parts = Object.entries(values ?? {}).map(([attr, v]) => cond.eq(attr, v));
  return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : cond.and(...parts);
};

// Entries written in the same millisecond (one transaction often writes two) keep the order they were made in.
let auditSeq = 0;

/** One line of a request's history, as a write (the repository's `audit`; one sequence for every writer). */
export function auditWrite(requestId: string, e: AuditEvent): Write {
  const order = `${String(auditSeq++ % 1e6).padStart(6, '0')}${newId().slice(-4)}`;
  return { put: { ...keys.auditEntry(requestId, e.at, order), requestId, ...e } };
}

export function requestsRepository(store: Store): RequestsRepository {
  return {
    async get<T extends RequestBase>(id: string) {
      const item = await store.get<Record<string, unknown>>(keys.request(id));
      return item ? withoutKeys<T>(item) : undefined;
    },

    async many<T extends RequestBase>(ids: string[]) {
      const items = await store.batchGet<Record<string, unknown>>(ids.map((id) => keys.request(id)));
      return items.map((i) => withoutKeys<T>(i));
    },

    create(r): Write {
      return {
        put: {
          ...keys.request(r.id),
          ...keys.requestIndex(r.kind, r.status, r.createdAt),
          ...partnerIndex(r),
          ...r,
        },
        when: cond.notExists(),
      };
    },

    change(r, change): Write {
      const set: Record<string, unknown> = { ...change.set };
      // A status change must be one the domain allows from the state the write is conditioned on (or was read in).
      const from = change.while?.status ?? (r as { status?: string }).status;
      if (typeof set.status === 'string' && typeof from === 'string' && !mayMove(r.kind, from, set.status))
        throw new Error(`request ${r.id}: no move from ${from} to ${set.status}`);
      const remove = [...(change.remove ?? [])];
      if (typeof set.status === 'string') Object.assign(set, keys.requestIndex(r.kind, set.status, r.createdAt));
      if (r.kind === 'learning') {
        if (typeof set.partnerId === 'string') Object.assign(set, partnerIndex({ ...r, partnerId: set.partnerId }));
        if (remove.includes('partnerId') || ('partnerId' in set && set.partnerId === undefined))
          remove.push('gsi2pk', 'gsi2sk');
      }
      if (change.line) Object.assign(set, lineIndex(change.line));
      else if (change.line === null) remove.push('gsi2pk', 'gsi2sk');
      for (const [k, v] of Object.entries(set)) if (v === undefined) delete set[k];
      return {
        update: keys.request(r.id),
        spec: { set, ...(remove.length ? { remove: [...new Set(remove)] } : {}) },
        when: guard(change.while),
      };
    },

    audit: auditWrite,

    async history(requestId: string) {
      const items = await store.query<AuditEvent & Record<string, unknown>>(keys.auditOf(requestId));
      return items.map(({ at, event, by, reason, detail }) => ({ at, event, by, reason, detail }));
    },

    async withStatus<T extends RequestBase>(kind: RequestBase['kind'], status: string) {
      const items = await store.query<Record<string, unknown>>(keys.requestsOfKindAndStatus(kind, status));
      return items.map((i) => withoutKeys<T>(i));
    },

    async ofPartner<T extends RequestBase>(partnerId: string) {
      const items = await store.query<Record<string, unknown>>(keys.requestsOfPartner(partnerId));
      return items.map((i) => withoutKeys<T>(i));
    },

    async withContact<T extends RequestBase>(email: string) {
      const wanted = email.trim().toLowerCase();
      const items = await store.scan<Record<string, unknown>>(keys.requestsScan());
      return items
        .filter((i) => keys.isRequest(i) && (i as RequestBase).contact?.email?.toLowerCase() === wanted)
        .map((i) => withoutKeys<T>(i));
    },

    async closedBefore<T extends RequestBase>(before: string) {
      const kinds: RequestBase['kind'][] = ['learning', 'additional'];
      const lists = await Promise.all(
        kinds.flatMap((kind) =>
          requestClosedStates(kind).map((status) =>
            store.query<Record<string, unknown>>(keys.requestsOfKindAndStatus(kind, status)),
          ),
        ),
      );
      return lists
        .flat()
        .map((i) => withoutKeys<T>(i))
        .filter((r) => r.updatedAt < before && r.contact.email !== ERASED_EMAIL);
    },
  };
}
