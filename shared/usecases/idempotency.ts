/**
 * Idempotency-Key for routes whose use case has no transaction of its own to hold the record (learning and
 * additional-support requests write theirs in their own transaction, see requests.ts). Powertools' pattern: claim
 * the key with a conditional put, run, store the answer; a replay with the same request answers the stored answer.
 *
 * A crash between the claim and the stored answer leaves the claim `in-progress`: a replay is refused
 * (`idempotency-in-progress`, retry later) until the lease ends, then it runs again. Running again creates nothing
 * twice, because the routes behind this layer derive what they create from the key (`operationId`): a session, a
 * topic proposal or a bulk batch gets the same id and the store's `attribute_not_exists` condition refuses the copy;
 * a registration is unique per address and session; a quartier's id is in its body; a re-driven email is already
 * `pending`. The second run may then answer differently from the lost first answer (e.g. `already-exists`), never
 * with a duplicate.
 */
import { createHash } from 'node:crypto';
import type { Deps, KeyClaim } from '#shared/ports';
import { newId } from '#shared/ids';

/** Longer than the API function's timeout (29 s), so a live run is never taken over. */
export const IDEMPOTENCY_LEASE_MS = 30_000;
const TTL_S = 24 * 3600;

export type StoredAnswer = { status: number; body?: unknown };
export type IdempotentOutcome =
  | { kind: 'answer'; answer: StoredAnswer; replayed: boolean }
  | { kind: 'idempotency-key-reused' | 'idempotency-in-progress' };

const sha = (text: string) => createHash('sha256').update(text).digest('base64url');

/** What identifies one request: the caller, the concrete path and the validated body. */
export const requestFingerprint = (caller: string | null, path: string, body: unknown) =>
  sha(JSON.stringify([caller, path, body ?? null]));

/** A stable id for what the operation creates, so a run repeated after a crash finds its own first attempt. */
export const operationId = (scope: string, key: string) => sha(`${scope}\n${key}`).slice(0, 16);

export async function runIdempotent(
  deps: Deps,
  scope: string,
  key: string,
  fingerprint: string,
  run: () => Promise<StoredAnswer>,
): Promise<IdempotentOutcome> {
  const guards = deps.repos.guards;
  const claimId = newId();
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = deps.clock.now();
    // A claim whose run died (its lease ended) is taken over, by the same request only.
    const claimed = await guards.claimKey(
      scope,
      key,
      {
        state: 'in-progress',
        fingerprint,
        claimId,
        leaseUntil: new Date(now.getTime() + IDEMPOTENCY_LEASE_MS).toISOString(),
        ttl: Math.floor(now.getTime() / 1000) + TTL_S,
      },
      now.toISOString(),
    );
    if (claimed) return { kind: 'answer', answer: await runClaimed(deps, scope, key, claimId, run), replayed: false };
    const existing = await guards.recalled<KeyClaim>(scope, key);
    if (!existing) continue; // released between the two reads (the first run was refused): claim it now
    if (existing.fingerprint !== fingerprint) return { kind: 'idempotency-key-reused' };
    if (existing.state === 'completed')
      return {
        kind: 'answer',
        answer: { status: existing.status!, body: existing.answerJson ? JSON.parse(existing.answerJson) : undefined },
        replayed: true,
      };
    if (existing.leaseUntil >= now.toISOString()) return { kind: 'idempotency-in-progress' };
  }
  return { kind: 'idempotency-in-progress' };
}

async function runClaimed(
  deps: Deps,
  scope: string,
  key: string,
  claimId: string,
  run: () => Promise<StoredAnswer>,
): Promise<StoredAnswer> {
  const release = () => deps.repos.guards.releaseKey(scope, key, claimId);
  let answer: StoredAnswer;
  try {
    answer = await run();
  } catch (error) {
    await release().catch(() => undefined);
    throw error;
  }
  // Only a success is kept: a refusal wrote nothing, so the same key may be sent again once the cause is fixed.
  if (answer.status >= 200 && answer.status < 300)
    await deps.repos.guards.completeKey(scope, key, claimId, {
      status: answer.status,
      answerJson: answer.body === undefined ? undefined : JSON.stringify(answer.body),
    });
  else await release();
  return answer;
}
