/**
 * Writing to the hour ledger: an entry and its balance in one transaction, guarded by the balance's version,
 * and — for an entry dated in a closed year — the carry-in and expiry of every later year recomputed and
 * recorded as entries in the same transaction. Hour logs (log-hours.ts) and adjustments (adjust-ledger.ts) go
 * through here.
 */
import {
  billableAdded,
  carryOut,
  recomputeCarries,
  shiftBillable,
  summarize,
  sumsOf,
  thresholdsCrossed,
  type Balance,
  type LedgerEntry,
  type YearSums,
} from '#domain/ledger';
import { refusedBy } from '#shared/ports';
import type { Deps, Write } from '#shared/ports';
import type { QuartierItem } from './quartiers.ts';
import { noticeRecipients } from './contacts.ts';
import { openQuartierYear } from './open-year.ts';
import type { ProgramSettings } from '#domain/settings';

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

/** An entry whose id comes from an idempotency key: the key, and the hash of the body first sent with it. */
export type EntryGuard = { key: string; hash: string };

/** The key's first body, kept for good (as the entry): a replay finds where its entry was written. */
type HourLogKey = {
  bodyHash: string;
  entryKey: { year: string; axis: LedgerEntry['axis']; quartierId: string };
};

/** Idempotency keys of hour logs live in their own scope, beside the generic layer's (shared/usecases/idempotency.ts). */
const HOUR_LOG_SCOPE = 'hour-log';

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
  guard?: EntryGuard,
): Promise<LedgerChangeOutcome> {
  const settings = await deps.settings();
  const rules = rulesOf(settings);
  const ledger = deps.repos.ledger;
  for (let attempt = 0; attempt < 25; attempt++) {
    const read = await ledger.chain(quartier.id, entry.axis, entry.year);
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
    const tx: Write[] = [{ ...ledger.record(recorded, { unique: true }), name: 'entry' }];
    if (guard) {
      const record: HourLogKey = {
        bodyHash: guard.hash,
        entryKey: { year: entry.year, axis: entry.axis, quartierId: entry.quartierId },
      };
      tx.push({ ...deps.repos.guards.rememberKey(HOUR_LOG_SCOPE, guard.key, record), name: 'idempotency-key' });
    }

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
      const set: Partial<Balance> = {};
      const appendNotified = i === 0 ? notify : [];
      if (i === 0) Object.assign(set, { allocatedMinutes: newSums.allocatedMinutes, usedMinutes: newSums.usedMinutes });
      const carry = carryChanges.find((c) => c.year === b.year);
      if (carry) {
        set.carriedInMinutes = carry.carriedInMinutes;
        tx.push(
          ledger.record(
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
          const own = (await ledger.entries(quartier.id, entry.axis, b.year))
            .filter((e) => e.kind === 'consumption')
            .sort((x, y) => (x.date ?? '').localeCompare(y.date ?? '') || x.createdAt.localeCompare(y.createdAt));
          for (const e of shiftBillable(own, moved)) tx.push(ledger.record(e));
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
            ledger.record(
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
      if (Object.keys(set).length || appendNotified.length) tx.push(ledger.change(b, set, appendNotified));
    }

    const view = summarize(after);
    tx.push(...(await notifications(deps, quartier, entry, view, thresholds.map(Number), firstBillable)));
    const result = await deps.tx.commit(tx);
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
export async function replayOf(
  deps: Deps,
  entry: Pick<LedgerEntry, 'id'> & Partial<LedgerEntry>,
  guard?: EntryGuard,
): Promise<LedgerChangeOutcome | undefined> {
  const record = guard ? await deps.repos.guards.recalled<HourLogKey>(HOUR_LOG_SCOPE, guard.key) : undefined;
  if (record && record.bodyHash !== guard?.hash) return { kind: 'idempotency-key-reused' };
  const at = record?.entryKey ?? entry;
  // A replay checked before the entry exists (log-hours.ts) knows only its id: no record, nothing to answer.
  if (!at.quartierId || !at.axis || !at.year) return undefined;
  const ref = { quartierId: at.quartierId, axis: at.axis, year: at.year };
  const existing = await deps.repos.ledger.entry(ref, entry.id);
  if (!existing) return undefined;
  const now = sumsOf(await deps.repos.ledger.balance(ref.quartierId, ref.axis, ref.year));
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
): Promise<Write[]> {
  if (!thresholds.length && !firstBillable) return [];
  const now = deps.clock.now();
  const out: Write[] = [];
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
        deps.repos.outbox.enqueue(
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
        deps.repos.outbox.enqueue(
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

/** Hours or adjustments for a learning year the opening has not reached yet open that quartier's year first. */
export async function applyOpeningIfNeeded(
  deps: Deps,
  quartier: QuartierItem,
  entry: LedgerEntry,
  delta: Partial<YearSums>,
  guard?: EntryGuard,
): Promise<LedgerChangeOutcome> {
  const first = await applyLedgerChange(deps, quartier, entry, delta, guard);
  if (first.kind !== 'year-not-open') return first;
  await openQuartierYear(deps, quartier, entry.year);
  return applyLedgerChange(deps, quartier, entry, delta, guard);
}
