/**
 * OutboxRepository (shared/ports.ts) on the one table: a message is `OUTBOX#id / MESSAGE`, findable by status (gsi1)
 * in the order it is due: when pending or retrying, its next attempt; when sending, its lease's end.
 */
import type { OutboxRepository, Write } from '#shared/ports';
import { pendingRecord, type NewMessage, type OutboxRecord } from '#domain/outbox';
import type { TemplateName } from '#email/templates';
import { newId } from '#shared/ids';
import { keys } from './keys.ts';
import { cond } from './expressions.ts';
import type { Store } from './store.ts';
import { withoutKeys } from './requests-repo.ts';

/**
 * The write of a new message, pure: `outboxPut` (shared/usecases/outbox.ts) builds it without deps, and every
 * `deps.repos.outbox.enqueue` too.
 */
export function enqueueWrite<N extends TemplateName>(msg: NewMessage<N>, now: Date): Write {
  const at = now.toISOString();
  const record = pendingRecord(msg, msg.id ?? newId(now.getTime()), at);
  return { put: { ...keys.outbox(record.id), ...keys.outboxIndex('pending', at), ...record }, when: cond.notExists() };
}

/** Whose claim a settling write is: still sending, and the attempt that claimed it (not a later one). */
const sameClaim = (claimed: OutboxRecord) =>
  cond.and(cond.eq('status', 'sending'), cond.eq('attempts', claimed.attempts));

export function outboxRepository(store: Store): OutboxRepository {
  return {
    enqueue: enqueueWrite,

    async get(id) {
      const item = await store.get<Record<string, unknown>>(keys.outbox(id));
      return item ? withoutKeys<OutboxRecord>(item) : undefined;
    },

    async withStatus(status, opts = {}) {
      const items = await store.query<Record<string, unknown>>({
        ...keys.outboxByStatus(status),
        ...(opts.until !== undefined ? { skTo: opts.until } : {}),
        ...(opts.newestFirst ? { forward: false } : {}),
        ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
      });
      return items.map((i) => withoutKeys<OutboxRecord>(i));
    },

    async claim(id, at, leaseUntil) {
      const claimed = await store.update<Record<string, unknown>>(
        keys.outbox(id),
        { set: { status: 'sending', leaseUntil, ...keys.outboxIndex('sending', leaseUntil) }, add: { attempts: 1 } },
        cond.and(cond.in('status', ['pending', 'retrying']), cond.le('nextAttemptAt', at)),
      );
      return claimed ? withoutKeys<OutboxRecord>(claimed) : undefined;
    },

    async settle(claimed, outcome) {
      const done =
        outcome.status === 'sent'
          ? await store.update(
              keys.outbox(claimed.id),
              {
                set: {
                  status: 'sent',
                  sentAt: outcome.sentAt,
                  sesMessageId: outcome.sesMessageId,
                  ...keys.outboxIndex('sent', outcome.sentAt),
                },
                remove: ['leaseUntil', 'lastError'],
              },
              sameClaim(claimed),
            )
          : await store.update(
              keys.outbox(claimed.id),
              {
                set: {
                  status: outcome.status,
                  lastError: outcome.lastError,
                  nextAttemptAt: outcome.nextAttemptAt,
                  // A failed message is listed by when it failed; a retrying one by when it is due.
                  ...keys.outboxIndex(
                    outcome.status,
                    outcome.status === 'failed' ? outcome.since : outcome.nextAttemptAt,
                  ),
                },
                remove: ['leaseUntil'],
              },
              sameClaim(claimed),
            );
      return done !== undefined;
    },

    async park(id, at) {
      const parked = await store.update(
        keys.outbox(id),
        { set: { status: 'unconfirmed', ...keys.outboxIndex('unconfirmed', at) } },
        cond.and(cond.eq('status', 'sending'), cond.le('leaseUntil', at)),
      );
      return parked !== undefined;
    },

    async mentioning(email) {
      const wanted = email.trim().toLowerCase();
      const items = await store.scan<Record<string, unknown>>(keys.outboxScan());
      return items
        .map((i) => withoutKeys<OutboxRecord>(i))
        .filter((m) => JSON.stringify([m.to, m.cc, m.data, m.calendar]).toLowerCase().includes(wanted));
    },

    cancel(message): Write {
      return { delete: keys.outbox(message.id), when: cond.in('status', ['pending', 'retrying']) };
    },

    forget(message): Write {
      return { delete: keys.outbox(message.id), when: cond.in('status', ['sent', 'failed']) };
    },

    rewrite(message, as): Write {
      return {
        update: keys.outbox(message.id),
        spec: {
          set: { to: as.to, cc: as.cc, data: as.data, ...(as.calendar ? { calendar: as.calendar } : {}) },
        },
      };
    },

    async requeue(id, at) {
      const done = await store.update(
        keys.outbox(id),
        {
          set: { status: 'pending', attempts: 0, nextAttemptAt: at, ...keys.outboxIndex('pending', at) },
          remove: ['lastError'],
        },
        cond.and(cond.exists(), cond.in('status', ['failed', 'unconfirmed'])),
      );
      return done !== undefined;
    },
  };
}
