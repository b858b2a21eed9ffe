/**
 * Limits on what the public routes (reached from printed QR codes, no account) let anyone do: a few emails of one
 * kind to one address per hour, and a per-client rate on public POSTs. Both count in the table, so they hold across
 * Lambda instances; their counters expire on their own (TTL).
 */
import { createHmac } from 'node:crypto';
import { refusedBy, type TxResult } from '#shared/ports';
import type { Deps, Write } from '#shared/ports';

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
export function mailQuotaTx(deps: Deps, kind: string, email: string, now: Date): Write {
  const start = windowStart(now, HOUR_MS);
  const hour = new Date(start).toISOString().slice(0, 13);
  const expiresAt = epochSeconds(start + HOUR_MS + KEEP_AFTER_MS);
  return { name: MAIL_QUOTA, ...deps.repos.guards.countMail(kind, email, hour, MAIL_QUOTA_PER_HOUR, expiresAt) };
}

const MAIL_QUOTA = 'mail-quota';
/** Whether a refused transaction was refused by its quota item, rather than by the action's own rules. */
export const quotaSpent = (result: TxResult) => refusedBy(result, MAIL_QUOTA);

export type PublicPostVerdict = { kind: 'allowed' } | { kind: 'too-many-requests'; retryAfterSeconds: number };

const postWindow = (now: Date) => {
  const hour = windowStart(now, HOUR_MS);
  const minute = windowStart(now, MINUTE_MS);
  return {
    hour,
    minute,
    names: { hour: new Date(hour).toISOString().slice(0, 13), minute: new Date(minute).toISOString().slice(14, 16) },
    expiresAt: epochSeconds(hour + HOUR_MS + KEEP_AFTER_MS),
  };
};

/**
 * Counts one public POST of `client` (see `clientKey`) in the current hour and minute (fixed windows, one item per
 * client and hour holding both counts: one write per request) and says whether it is over either limit. Refused
 * requests count too: a client that keeps sending stays refused until the window ends.
 */
export async function countPublicPost(deps: Deps, client: string): Promise<PublicPostVerdict> {
  const now = deps.clock.now();
  const window = postWindow(now);
  let counts: { hour: number; minute: number };
  try {
    counts = await deps.repos.guards.countClientPost(client, window.names, window.expiresAt);
  } catch (error) {
    // The limit guards the service; it must not take it down. A counter the store cannot update now (a hot key
    // throttled, a lock held too long) lets the request through; the API Gateway throttle still stands.
    deps.log.warn('public post not counted', { error: error instanceof Error ? error.name : 'unknown' });
    return { kind: 'allowed' };
  }
  const { perMinute, perHour } = deps.config.publicPosts;
  const until = Math.max(
    counts.hour > perHour ? window.hour + HOUR_MS : 0,
    counts.minute > perMinute ? window.minute + MINUTE_MS : 0,
  );
  if (!until) return { kind: 'allowed' };
  return { kind: 'too-many-requests', retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
}

const CLIENT_POST = 'client-post';

/**
 * Commits `writes` with the client's public POST counted in the same transaction, for routes that leave the count
 * to their use case (`postCount: 'in-transaction'` in shared/http.ts): the count a round trip of its own would
 * cost rides in the write the request makes anyway. The post counts once whatever happens: with the writes if they
 * commit; else apart (`countPublicPost`), and a client over its limit is answered so. When only the count refused
 * (a window that just turned, a client counter too busy to write in time), the writes are committed without it,
 * as a count that fails lets the request through.
 */
export async function commitCountingPost(
  deps: Deps,
  client: string | undefined,
  writes: Write[],
): Promise<TxResult | TooManyRequests> {
  if (!client) return deps.tx.commit(writes);
  const window = postWindow(deps.clock.now());
  const counted = deps.repos.guards.countClientPostIn(client, window.names, deps.config.publicPosts, window.expiresAt);
  const result = await deps.tx.commit([{ ...counted, name: CLIENT_POST }, ...writes]);
  if (result.ok) return result;
  const verdict = await countPublicPost(deps, client);
  if (verdict.kind === 'too-many-requests') return verdict;
  return result.refused[CLIENT_POST] ? deps.tx.commit(writes) : result;
}

type TooManyRequests = Extract<PublicPostVerdict, { kind: 'too-many-requests' }>;

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
