/**
 * GuardsRepository (shared/ports.ts) on the one table: an idempotency key is `IDEMPOTENCY#scope#key / KEY`; the
 * abuse-limit counters are `LIMIT#…` items, one per address or client and hour, that expire on their own (TTL).
 */
import type { GuardsRepository, Write } from '#shared/ports';
import { keys } from './keys.ts';
import { cond } from './expressions.ts';
import type { Store } from './store.ts';
import { withoutKeys } from './requests-repo.ts';

/** The write of one more email in an hour's quota, pure: `mailQuotaTx` (shared/usecases/abuse-limits.ts) builds it. */
export function countMailWrite(kind: string, email: string, hour: string, limit: number, expiresAt: number): Write {
  return {
    update: keys.mailQuota(kind, email, hour),
    spec: { add: { count: 1 }, set: { ttl: expiresAt } },
    when: cond.or(cond.notExists(), cond.lt('count', limit)),
  };
}

export function guardsRepository(store: Store): GuardsRepository {
  return {
    async forgetAddress(email) {
      const wanted = email.trim().toLowerCase();
      const [quotas, records] = await Promise.all([
        store.scan<Record<string, unknown>>(keys.mailQuotaScan()),
        store.scan<Record<string, unknown>>(keys.idempotencyScan()),
      ]);
      const holds = (i: Record<string, unknown>) => JSON.stringify(i).toLowerCase().includes(wanted);
      return [...quotas, ...records]
        .filter(holds)
        .map((i): Write => ({ delete: { pk: String(i.pk), sk: String(i.sk) } }));
    },

    rememberKey(scope, key, record) {
      return { put: { ...keys.idempotency(scope, key), ...record }, when: cond.notExists() };
    },

    async recalled<T extends Record<string, unknown>>(scope: string, key: string) {
      const item = await store.get<Record<string, unknown>>(keys.idempotency(scope, key));
      return item ? withoutKeys<T>(item) : undefined;
    },

    claimKey(scope, key, claim, now) {
      return store.put(
        { ...keys.idempotency(scope, key), ...claim },
        cond.or(
          cond.notExists(),
          // A claim whose run died (its lease ended) is taken over, by the same request only.
          cond.and(
            cond.eq('state', 'in-progress'),
            cond.lt('leaseUntil', now),
            cond.eq('fingerprint', claim.fingerprint),
          ),
        ),
      );
    },

    async completeKey(scope, key, claimId, answer) {
      await store.update(
        keys.idempotency(scope, key),
        { set: { state: 'completed', status: answer.status, answerJson: answer.answerJson } },
        cond.eq('claimId', claimId),
      );
    },

    async releaseKey(scope, key, claimId) {
      await store.transact([{ delete: keys.idempotency(scope, key), when: cond.eq('claimId', claimId) }]);
    },

    countMail: countMailWrite,

    countClientPostIn(client, window, limits, expiresAt) {
      const minuteAttr = `m${window.minute}`;
      return {
        update: keys.clientWindow(client, window.hour),
        spec: { add: { count: 1, [minuteAttr]: 1 }, set: { ttl: expiresAt } },
        when: cond.and(
          cond.or(cond.notExists('count'), cond.lt('count', limits.perHour)),
          cond.or(cond.notExists(minuteAttr), cond.lt(minuteAttr, limits.perMinute)),
        ),
      };
    },

    async countClientPost(client, window, expiresAt) {
      const minuteAttr = `m${window.minute}`;
      const counts = await store.update<Record<string, number>>(keys.clientWindow(client, window.hour), {
        add: { count: 1, [minuteAttr]: 1 },
        set: { ttl: expiresAt },
      });
      return { hour: counts?.count ?? 0, minute: counts?.[minuteAttr] ?? 0 };
    },
  };
}
