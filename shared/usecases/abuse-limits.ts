/**
 * Limits on what the public routes (reached from printed QR codes, no account) let anyone do: a few emails of one
 * kind to one address per hour, and a per-client rate on public POSTs. Both count in the table, so they hold across
 * Lambda instances; their counters expire on their own (TTL).
 */
import { createHmac } from 'node:crypto';
import { keys } from '#adapters/dynamodb/keys';
import { cond } from '#adapters/dynamodb/expressions';
import type { TxItem, TxResult } from '#adapters/dynamodb/store';
import type { Deps } from '#shared/ports';

/** Emails of one kind (a subscription confirmation, one session's registration) to one address, per hour. */
export const MAIL_QUOTA_PER_HOUR = 3;

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** Counters outlive their window a little: DynamoDB deletes expired items late, and a key never comes back. */
const KEEP_AFTER_MS = HOUR_MS;

const epochSeconds = (ms: number) => Math.floor(ms / 1000);
const windowStart = (now: Date, size: number) => Math.floor(now.getTime() / size) * size;

/**
 * One more email of `kind` to `email` this hour, as an item of the action's own transaction: it counts only when
 * the action commits, and fails its condition (the transaction with it) once the hour's quota is spent.
 */
export function mailQuotaTx(kind: string, email: string, now: Date): TxItem {
  const start = windowStart(now, HOUR_MS);
  return {
    update: keys.mailQuota(kind, email, new Date(start).toISOString().slice(0, 13)),
    spec: { add: { count: 1 }, set: { ttl: epochSeconds(start + HOUR_MS + KEEP_AFTER_MS) } },
    when: cond.or(cond.notExists(), cond.lt('count', MAIL_QUOTA_PER_HOUR)),
  };
}

/** Whether a refused transaction was refused by its quota item (at `index`), rather than by the action's own rules. */
export const quotaSpent = (result: TxResult, index: number) => !result.ok && result.reasons[index] === 'condition';

export type PublicPostVerdict = { kind: 'allowed' } | { kind: 'too-many-requests'; retryAfterSeconds: number };

/**
 * Counts one public POST of the client at `sourceIp` in the current minute and hour (fixed windows) and says
 * whether it is over either limit. Refused requests count too: a client that keeps sending stays refused until
 * the window ends. The address is stored only as a keyed hash.
 */
export async function countPublicPost(deps: Deps, sourceIp: string | undefined): Promise<PublicPostVerdict> {
  const client = clientKey(deps.config.linkSecret, sourceIp);
  const now = deps.clock.now();
  const { perMinute, perHour } = deps.config.publicPosts;
  const windows = [
    { size: MINUTE_MS, limit: perMinute, label: 'MINUTE' },
    { size: HOUR_MS, limit: perHour, label: 'HOUR' },
  ];
  const counts = await Promise.all(
    windows.map(async (w) => {
      const start = windowStart(now, w.size);
      const stamp = new Date(start).toISOString().slice(0, w.label === 'HOUR' ? 13 : 16);
      const item = await deps.store.update<{ count: number }>(keys.clientWindow(client, `${w.label}#${stamp}`), {
        add: { count: 1 },
        set: { ttl: epochSeconds(start + w.size + KEEP_AFTER_MS) },
      });
      return { over: (item?.count ?? 0) > w.limit, endsAt: start + w.size };
    }),
  );
  const over = counts.filter((c) => c.over);
  if (!over.length) return { kind: 'allowed' };
  const until = Math.max(...over.map((c) => c.endsAt));
  return { kind: 'too-many-requests', retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
}

/**
 * The client a request is counted under: its address, an IPv6 one cut to its /64 (one subscriber's network, which
 * holds more addresses than anyone could spend), hashed with a secret so the table holds no address. Requests
 * without an address (direct invocations, tests) share one client.
 */
export function clientKey(secret: string, sourceIp: string | undefined): string {
  const network = sourceIp ? networkOf(sourceIp) : 'unknown';
  return createHmac('sha256', secret).update(`client\n${network}`).digest('base64url').slice(0, 22);
}

/** An IPv4 address as is (also when written IPv4-mapped); an IPv6 address as its first four groups. */
export function networkOf(address: string): string {
  const a = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1];
  if (!a.includes(':')) return a;
  const [head, tail] = a.split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
