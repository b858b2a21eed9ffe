/**
 * Writing to the hour ledger: an entry and its balance in one transaction, guarded by the balance's version,
 * and — for an entry dated in a closed year — the carry-in and expiry of every later year recomputed and
 * recorded as entries in the same transaction.
 */
import {
  billableAdded,
  carryOut,
  recomputeCarries,
  shiftBillable,
  summarize,
  thresholdsCrossed,
  type Axis,
  type YearSums,
} from '#domain/ledger';
import { localDateAt, programYearOf } from '#domain/program-year';
import {
  balanceWrite,
  entriesOfYear,
  entryPut,
  readChain,
  sumsOf,
  type BalanceItem,
  type LedgerEntry,
} from '#adapters/dynamodb/ledger-repo';
import { keys } from '#adapters/dynamodb/keys';
import { cond } from '#adapters/dynamodb/expressions';
import { refusedBy, type TxItem } from '#adapters/dynamodb/store';
import type { Deps } from '#shared/ports';
import { createHash } from 'node:crypto';
import { newId } from '#shared/ids';
import { outboxPut } from './outbox.ts';
import { bodyHash } from './requests.ts';
import type { LearningRequest } from './learning-requests.ts';
import { getQuartier, type QuartierItem } from './quartiers.ts';
import { noticeRecipients } from './contacts.ts';
import { openQuartierYear } from './open-year.ts';
import type { ProgramSettings } from '#domain/settings';
import type { Principal } from '#shared/auth';

/** What a change to a year did to the years after it (their carry-in, hence their billable minutes). */
export type LaterYearChange = {
  year: string;
  carriedInMinutes: number;
  carriedInDeltaMinutes: number;
  billableMinutes: number;
  billableDeltaMinutes: number;
};

export type LedgerChangeOutcome =
  | { kind: 'recorded'; entry: LedgerEntry; balance: ReturnType<typeof summarize>; laterYears: LaterYearChange[] }
  | {
      kind:
        | 'future-date'
        | 'before-enrolment'
        | 'before-enrolment-year'
        | 'future-year'
        | 'negative-total'
        | 'no-slot'
        | 'unknown-quartier'
        | 'year-not-open'
        | 'idempotency-key-reused'
        | 'unknown-request'
        | 'request-not-accepted'
        | 'before-acceptance'
        | 'forbidden';
    };

/** Guards an entry whose id comes from an idempotency key: the key's first body, kept for good (as the entry). */
type HourLogKey = {
  pk: string;
  sk: string;
  bodyHash: string;
  entryKey: { year: string; axis: Axis; quartierId: string };
};

const rulesOf = (s: ProgramSettings) => ({
  annualMinutes: s.learning.annualMinutes,
  availableCapMinutes: s.learning.availableCapMinutes,
});

/** Apply a change to year `entry.year` and everything that follows from it. Retries on concurrent writers. */
export async function applyLedgerChange(
  deps: Deps,
  quartier: QuartierItem,
  entry: LedgerEntry,
  delta: Partial<YearSums>,
  guard?: { key: { pk: string; sk: string }; hash: string },
): Promise<LedgerChangeOutcome> {
  const settings = await deps.settings();
  const rules = rulesOf(settings);
  for (let attempt = 0; attempt < 25; attempt++) {
    const read = await readChain(deps.store, quartier.id, entry.axis, entry.year);
    // A later year whose carry-in came from the spreadsheet keeps it (shared/usecases/opening-carry.ts): hours logged
    // late in a year before the switch neither add to nor replace what the team counted then.
    const fixed = read.findIndex((b, i) => i > 0 && b.importedCarryMinutes !== undefined);
    const chain = fixed === -1 ? read : read.slice(0, fixed);
    const current = chain[0];
    if (!current || current.year !== entry.year || !current.opened)
      return { kind: entry.axis === 'additional' ? 'no-slot' : 'year-not-open' };

    const before = sumsOf(current);
    const after: YearSums = {
      allocatedMinutes: before.allocatedMinutes + (delta.allocatedMinutes ?? 0),
      carriedInMinutes: before.carriedInMinutes,
      usedMinutes: before.usedMinutes + (delta.usedMinutes ?? 0),
    };
    // Only an adjustment can lower a sum; one below zero would make every derived figure meaningless.
    if (after.allocatedMinutes < 0 || after.usedMinutes < 0) return { kind: 'negative-total' };
    const billable = billableAdded(before, after);
    const recorded: LedgerEntry = { ...entry, ...(billable > 0 ? { billableMinutes: billable } : {}) };
    const tx: TxItem[] = [{ ...entryPut(recorded, { unique: true }), name: 'entry' }];
    if (guard)
      tx.push({
        name: 'idempotency-key',
        put: {
          ...guard.key,
          bodyHash: guard.hash,
          entryKey: { year: entry.year, axis: entry.axis, quartierId: entry.quartierId },
        },
        when: cond.notExists(),
      });

    const thresholds =
      entry.kind === 'consumption'
        ? thresholdsCrossed(before, after, settings.learning.thresholdsPercent, current.notified ?? []).map(String)
        : [];
    const firstBillable = billable > 0 && !(current.notified ?? []).includes('billable');
    const notify = [...thresholds, ...(firstBillable ? ['billable'] : [])];

    const sums = chain.map((b, i) => ({ year: b.year, sums: i === 0 ? after : sumsOf(b) }));
    const carryChanges = recomputeCarries(sums, rules, entry.axis);
    const laterYears: LaterYearChange[] = [];
    for (const [i, b] of chain.entries()) {
      const newSums = sums[i].sums;
      const set: Partial<BalanceItem> = {};
      const appendNotified = i === 0 ? notify : [];
      if (i === 0) Object.assign(set, { allocatedMinutes: newSums.allocatedMinutes, usedMinutes: newSums.usedMinutes });
      const carry = carryChanges.find((c) => c.year === b.year);
      if (carry) {
        set.carriedInMinutes = carry.carriedInMinutes;
        tx.push(
          entryPut(
            derivedEntry(
              entry,
              b.year,
              'carry-adjustment',
              carry.delta,
              `carry recomputed after a change in ${entry.year}`,
            ),
          ),
        );
        // A smaller carry-in can push a later year over its hours: its entries and its notice follow.
        const billableBefore = summarize(sumsOf(b)).billableMinutes;
        const billableAfter = summarize(newSums).billableMinutes;
        const moved = billableAfter - billableBefore;
        if (moved !== 0) {
          const own = (await entriesOfYear(deps.store, quartier.id, entry.axis, b.year))
            .filter((e) => e.kind === 'consumption')
            .sort((x, y) => (x.date ?? '').localeCompare(y.date ?? '') || x.createdAt.localeCompare(y.createdAt));
          for (const e of shiftBillable(own, moved)) tx.push(entryPut(e));
        }
        const laterFirstBillable = billableAfter > 0 && !(b.notified ?? []).includes('billable');
        if (laterFirstBillable) {
          appendNotified.push('billable');
          tx.push(...(await notifications(deps, quartier, { ...entry, year: b.year }, summarize(newSums), [], true)));
        }
        laterYears.push({
          year: b.year,
          carriedInMinutes: carry.carriedInMinutes,
          carriedInDeltaMinutes: carry.delta,
          billableMinutes: billableAfter,
          billableDeltaMinutes: moved,
        });
      }
      if (b.closed) {
        const expired = summarize(newSums).expiringCarryMinutes;
        const carried = carryOut(newSums, rules, entry.axis);
        if (expired !== (b.expiredMinutes ?? 0)) {
          set.expiredMinutes = expired;
          tx.push(
            entryPut(
              derivedEntry(
                entry,
                b.year,
                'expiry-adjustment',
                -(expired - (b.expiredMinutes ?? 0)),
                `expiry recomputed after a change in ${entry.year}`,
              ),
            ),
          );
        }
        if (carried !== (b.carriedOutMinutes ?? 0)) set.carriedOutMinutes = carried;
      }
      if (Object.keys(set).length || appendNotified.length) tx.push(balanceWrite(b, set, appendNotified));
    }

    const view = summarize(after);
    tx.push(...(await notifications(deps, quartier, entry, view, thresholds.map(Number), firstBillable)));
    const result = await deps.store.transact(tx);
    if (result.ok) return { kind: 'recorded', entry: recorded, balance: view, laterYears };
    if (refusedBy(result, 'entry') || refusedBy(result, 'idempotency-key')) {
      // The same log sent twice (same idempotency key): the first body's entry, or a refusal for another body.
      const replay = await replayOf(deps, entry, guard);
      if (replay) return replay;
    }
    await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
  }
  throw new Error('ledger change: too many concurrent writers');
}

/** The answer to an entry already written under the same idempotency key: the first one, or 409 for another body. */
async function replayOf(
  deps: Deps,
  entry: LedgerEntry,
  guard?: { key: { pk: string; sk: string }; hash: string },
): Promise<LedgerChangeOutcome | undefined> {
  const record = guard ? await deps.store.get<HourLogKey>(guard.key) : undefined;
  if (record && record.bodyHash !== guard?.hash) return { kind: 'idempotency-key-reused' };
  const at = record?.entryKey ?? entry;
  const existing = await deps.store.get<LedgerEntry>(keys.ledgerEntry(at.quartierId, at.axis, at.year, entry.id));
  if (!existing) return undefined;
  const now = sumsOf(await deps.store.get<BalanceItem>(keys.balance(at.quartierId, at.axis, at.year)));
  return { kind: 'recorded', entry: existing, balance: summarize(now), laterYears: [] };
}

function derivedEntry(
  cause: LedgerEntry,
  year: string,
  kind: LedgerEntry['kind'],
  minutes: number,
  reason: string,
): LedgerEntry {
  return {
    id: `${cause.id}-${kind}-${year}`,
    quartierId: cause.quartierId,
    axis: cause.axis,
    year,
    kind,
    minutes,
    author: cause.author,
    reason,
    createdAt: cause.createdAt,
  };
}

/** The hour notices of one change, one email per language of the quartier's contacts on file. */
async function notifications(
  deps: Deps,
  q: QuartierItem,
  entry: LedgerEntry,
  view: ReturnType<typeof summarize>,
  thresholds: number[],
  firstBillable: boolean,
): Promise<TxItem[]> {
  if (!thresholds.length && !firstBillable) return [];
  const now = deps.clock.now();
  const out: TxItem[] = [];
  for (const { to, cc, locale } of await noticeRecipients(deps, q)) {
    const axisLabel =
      entry.axis === 'learning'
        ? locale === 'en'
          ? 'learning question'
          : "question d'apprentissage"
        : locale === 'en'
          ? 'additional support'
          : 'accompagnement additionnel';
    const base = { to, cc: [...(cc ?? []), deps.config.mail.team], locale, subjectRef: q.id };
    for (const percent of thresholds)
      out.push(
        outboxPut(
          {
            ...base,
            template: 'hours-threshold',
            data: {
              quartierName: q.name,
              year: entry.year,
              percent,
              availableMinutes: view.availableMinutes,
              axisLabel,
            },
          },
          now,
        ),
      );
    if (firstBillable)
      out.push(
        outboxPut(
          {
            ...base,
            template: 'hours-billable',
            data: { quartierName: q.name, year: entry.year, billableMinutes: view.billableMinutes, axisLabel },
          },
          now,
        ),
      );
  }
  return out;
}

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
  const settings = await deps.settings();
  const now = deps.clock.now();
  const today = localDateAt(now);
  // The key is the principal's own: two partners choosing the same key do not collide.
  const keyId = idempotencyKey
    ? createHash('sha256').update(`${by.sub}\n${idempotencyKey}`).digest('base64url').slice(0, 22)
    : undefined;
  const guard = keyId
    ? {
        key: keys.idempotency('hour-log', keyId),
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
      ? await deps.store.get<LoggedRequest>(keys.request(input.requestId))
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
    const seen = await deps.store.get<HourLogKey>(guard.key);
    if (seen) {
      const replay = await replayOf(deps, { id: `log-${keyId}` } as LedgerEntry, guard);
      if (replay) return replay;
    }
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

/** Hours or adjustments for a learning year the opening has not reached yet open that quartier's year first. */
async function applyOpeningIfNeeded(
  deps: Deps,
  quartier: QuartierItem,
  entry: LedgerEntry,
  delta: Partial<YearSums>,
  guard?: { key: { pk: string; sk: string }; hash: string },
): Promise<LedgerChangeOutcome> {
  const first = await applyLedgerChange(deps, quartier, entry, delta, guard);
  if (first.kind !== 'year-not-open') return first;
  await openQuartierYear(deps, quartier, entry.year);
  return applyLedgerChange(deps, quartier, entry, delta, guard);
}

export async function adjustLedger(
  deps: Deps,
  input: {
    quartierId: string;
    axis: Axis;
    year: string;
    target: 'allocation' | 'usage';
    minutes: number;
    reason: string;
  },
  by: Principal,
  /** Derived from the caller's Idempotency-Key: a replay finds its entry already written and changes nothing. */
  entryId?: string,
): Promise<LedgerChangeOutcome> {
  const quartier = await getQuartier(deps, input.quartierId);
  if (!quartier) return { kind: 'unknown-quartier' };
  const settings = await deps.settings();
  const now = deps.clock.now();
  // The same bounds as hour logs: nothing before the quartier joined, nothing in a year not begun.
  if (input.year < quartier.enrolledYear) return { kind: 'before-enrolment-year' };
  if (input.year > programYearOf(localDateAt(now), settings.yearStart)) return { kind: 'future-year' };
  const entry: LedgerEntry = {
    id: entryId ?? newId(now.getTime()),
    quartierId: quartier.id,
    axis: input.axis,
    year: input.year,
    kind: 'adjustment',
    target: input.target,
    minutes: input.minutes,
    reason: input.reason,
    author: by.sub,
    createdAt: now.toISOString(),
  };
  return applyOpeningIfNeeded(
    deps,
    quartier,
    entry,
    input.target === 'allocation' ? { allocatedMinutes: input.minutes } : { usedMinutes: input.minutes },
  );
}
