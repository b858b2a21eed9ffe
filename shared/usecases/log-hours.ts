/** A partner or the team logs hours on a quartier's ledger (an Idempotency-Key makes a replay answer the first log). */
import type { Axis, LedgerEntry } from '#domain/ledger';
import { localDateAt, programYearOf } from '#domain/program-year';
import type { Deps } from '#shared/ports';
import { createHash } from 'node:crypto';
import { newId } from '#shared/ids';
import { bodyHash } from './requests.ts';
import type { LearningRequest } from '#domain/learning-request';
import { getQuartier } from './quartiers.ts';
import type { Principal } from '#shared/auth';
import { ADDITIONAL_SUPPORT_PARTNER } from './read-hours.ts';
import { applyOpeningIfNeeded, replayOf, type LedgerChangeOutcome } from './apply-ledger-change.ts';

export type HourLog = {
  quartierId: string;
  axis: Axis;
  date: string;
  minutes: number;
  step?: string;
  requestId?: string;
  note?: string;
};

type LoggedRequest = LearningRequest & { acceptedAt?: string };
const HELD = ['accepted', 'in-progress', 'completed'];

/** A partner logs learning hours only on a request it holds, for that quartier. */
const partnerHolds = (r: LoggedRequest | undefined, input: HourLog, partnerId: string) =>
  !!r && r.partnerId === partnerId && r.quartierId === input.quartierId && HELD.includes(r.status);

/** A learning log tied to a request counts only on a request the quartier has, accepted, held by the partner logging. */
function requestRefusal(input: HourLog, r: LoggedRequest | undefined): LedgerChangeOutcome['kind'] | undefined {
  if (!input.requestId || input.axis !== 'learning') return undefined;
  if (r?.kind !== 'learning' || r.quartierId !== input.quartierId) return 'unknown-request';
  if (!HELD.includes(r.status) || !r.acceptedAt) return 'request-not-accepted';
  // Work on a request starts once it is accepted; the day is Montreal's, like the entry's own date.
  if (input.date < localDateAt(new Date(r.acceptedAt))) return 'before-acceptance';
  return undefined;
}

export async function logHours(
  deps: Deps,
  input: HourLog,
  by: Principal,
  idempotencyKey?: string,
): Promise<LedgerChangeOutcome> {
  // A partner logs learning hours on a request only (whether it holds it is checked below, with the one read of the
  // request), additional hours only as the partner that gives additional support.
  if (
    by.role === 'partner' &&
    (input.axis === 'learning' ? !input.requestId : by.partnerId !== ADDITIONAL_SUPPORT_PARTNER)
  )
    return { kind: 'forbidden' };
  const settings = await deps.settings();
  const now = deps.clock.now();
  const today = localDateAt(now);
  // The key is the principal's own: two partners choosing the same key do not collide.
  const keyId = idempotencyKey
    ? createHash('sha256').update(`${by.sub}\n${idempotencyKey}`).digest('base64url').slice(0, 22)
    : undefined;
  const guard = keyId
    ? {
        key: keyId,
        hash: bodyHash([
          input.quartierId,
          input.axis,
          input.date,
          input.minutes,
          input.step,
          input.requestId,
          input.note,
        ]),
      }
    : undefined;
  // The request is read once, here: whether a partner may log on it, then whether the entry fits it.
  const request =
    input.requestId && input.axis === 'learning'
      ? await deps.repos.requests.get<LoggedRequest>(input.requestId)
      : undefined;
  if (
    by.role === 'partner' &&
    input.requestId &&
    input.axis === 'learning' &&
    !partnerHolds(request, input, by.partnerId)
  )
    return { kind: 'forbidden' };
  if (guard) {
    // A replay is answered before anything else is checked: the first answer does not depend on today.
    const replay = await replayOf(deps, { id: `log-${keyId}` }, guard);
    if (replay) return replay;
  }
  if (input.date > today) return { kind: 'future-date' };
  const quartier = await getQuartier(deps, input.quartierId);
  if (!quartier) return { kind: 'unknown-quartier' };
  const year = programYearOf(input.date, settings.yearStart);
  if (year < quartier.enrolledYear) return { kind: 'before-enrolment' };
  const refusal = requestRefusal(input, request);
  if (refusal) return { kind: refusal } as LedgerChangeOutcome;
  const id = keyId ? `log-${keyId}` : newId(now.getTime());
  const entry: LedgerEntry = {
    id,
    quartierId: quartier.id,
    axis: input.axis,
    year,
    kind: 'consumption',
    minutes: input.minutes,
    date: input.date,
    step: input.step,
    requestId: input.requestId,
    note: input.note,
    partnerId: by.role === 'partner' ? by.partnerId : undefined,
    author: by.sub,
    createdAt: now.toISOString(),
  };
  return applyOpeningIfNeeded(deps, quartier, entry, { usedMinutes: input.minutes }, guard);
}
