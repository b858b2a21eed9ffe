/**
 * Writing to the hour ledger: an entry and its balance in one transaction, guarded by the balance's version,
 * and — for an entry dated in a closed year — the carry-in and expiry of every later year recomputed and
 * recorded as entries in the same transaction.
 */
import { carryOut, recomputeCarries, summarize, thresholdsCrossed, type Axis, type YearSums } from '#domain/ledger';
import { localDateAt, programYearOf } from '#domain/program-year';
import {
  balanceWrite,
  entryPut,
  readChain,
  sumsOf,
  type BalanceItem,
  type LedgerEntry,
} from '#adapters/dynamodb/ledger-repo';
import { keys } from '#adapters/dynamodb/keys';
import type { TxItem } from '#adapters/dynamodb/store';
import type { Deps } from '#shared/ports';
import { createHash } from 'node:crypto';
import { newId } from '#shared/ids';
import { outboxPut } from './outbox.ts';
import { getQuartier, type QuartierItem } from './quartiers.ts';
import { openQuartierYear } from './open-year.ts';
import type { ProgramSettings } from '#domain/settings';
import type { Principal } from '#shared/auth';

export type LedgerChangeOutcome =
  | { kind: 'recorded'; entry: LedgerEntry; balance: ReturnType<typeof summarize> }
  | { kind: 'future-date' | 'before-enrolment' | 'no-slot' | 'unknown-quartier' | 'year-not-open' };

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
): Promise<LedgerChangeOutcome> {
  const settings = await deps.settings();
  const rules = rulesOf(settings);
  for (let attempt = 0; attempt < 25; attempt++) {
    const chain = await readChain(deps.store, quartier.id, entry.axis, entry.year);
    const current = chain[0];
    if (!current || current.year !== entry.year || !current.opened)
      return { kind: entry.axis === 'additional' ? 'no-slot' : 'year-not-open' };

    const before = sumsOf(current);
    const after: YearSums = {
      allocatedMinutes: before.allocatedMinutes + (delta.allocatedMinutes ?? 0),
      carriedInMinutes: before.carriedInMinutes,
      usedMinutes: before.usedMinutes + (delta.usedMinutes ?? 0),
    };
    const billable = Math.max(0, summarize(after).billableMinutes - summarize(before).billableMinutes);
    const recorded: LedgerEntry = { ...entry, ...(billable > 0 ? { billableMinutes: billable } : {}) };
    const tx: TxItem[] = [entryPut(recorded, { unique: true })];

    const thresholds =
      entry.kind === 'consumption'
        ? thresholdsCrossed(before, after, settings.learning.thresholdsPercent, current.notified ?? []).map(String)
        : [];
    const firstBillable = billable > 0 && !(current.notified ?? []).includes('billable');
    const notify = [...thresholds, ...(firstBillable ? ['billable'] : [])];

    const sums = chain.map((b, i) => ({ year: b.year, sums: i === 0 ? after : sumsOf(b) }));
    const carryChanges = recomputeCarries(sums, rules, entry.axis);
    chain.forEach((b, i) => {
      const newSums = sums[i].sums;
      const set: Partial<BalanceItem> = {};
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
      if (Object.keys(set).length || (i === 0 && notify.length)) tx.push(balanceWrite(b, set, i === 0 ? notify : []));
    });

    const view = summarize(after);
    tx.push(...notifications(deps, quartier, entry, view, thresholds.map(Number), firstBillable));
    const result = await deps.store.transact(tx);
    if (result.ok) return { kind: 'recorded', entry: recorded, balance: view };
    if (result.reasons[0] === 'condition') {
      // The entry already exists: the same log sent twice (same idempotency key). Answer as the first time.
      const existing = await deps.store.get<LedgerEntry>(
        keys.ledgerEntry(entry.quartierId, entry.axis, entry.year, entry.id),
      );
      const now = sumsOf(await deps.store.get<BalanceItem>(keys.balance(entry.quartierId, entry.axis, entry.year)));
      if (existing) return { kind: 'recorded', entry: existing, balance: summarize(now) };
    }
    await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
  }
  throw new Error('ledger change: too many concurrent writers');
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

function notifications(
  deps: Deps,
  q: QuartierItem,
  entry: LedgerEntry,
  view: ReturnType<typeof summarize>,
  thresholds: number[],
  firstBillable: boolean,
): TxItem[] {
  const now = deps.clock.now();
  const to = [q.lastContact?.email, q.advisor.email].filter((x): x is string => !!x);
  const locale = q.lastContact?.locale ?? 'fr';
  const axisLabel =
    entry.axis === 'learning'
      ? locale === 'en'
        ? 'learning question'
        : "question d'apprentissage"
      : locale === 'en'
        ? 'additional support'
        : 'accompagnement additionnel';
  const base = { to, cc: [deps.config.mail.team], locale, subjectRef: q.id };
  return [
    ...thresholds.map((percent) =>
      outboxPut(
        {
          ...base,
          template: 'hours-threshold',
          data: { quartierName: q.name, year: entry.year, percent, availableMinutes: view.availableMinutes, axisLabel },
        },
        now,
      ),
    ),
    ...(firstBillable
      ? [
          outboxPut(
            {
              ...base,
              template: 'hours-billable',
              data: { quartierName: q.name, year: entry.year, billableMinutes: view.billableMinutes, axisLabel },
            },
            now,
          ),
        ]
      : []),
  ];
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

export async function logHours(
  deps: Deps,
  input: HourLog,
  by: Principal,
  idempotencyKey?: string,
): Promise<LedgerChangeOutcome> {
  const settings = await deps.settings();
  const now = deps.clock.now();
  const today = localDateAt(now);
  if (input.date > today) return { kind: 'future-date' };
  const quartier = await getQuartier(deps, input.quartierId);
  if (!quartier) return { kind: 'unknown-quartier' };
  const year = programYearOf(input.date, settings.yearStart);
  if (year < quartier.enrolledYear) return { kind: 'before-enrolment' };
  const id = idempotencyKey
    ? `log-${createHash('sha256').update(`${by.sub}\n${idempotencyKey}`).digest('base64url').slice(0, 22)}`
    : newId(now.getTime());
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
  return applyOpeningIfNeeded(deps, quartier, entry, { usedMinutes: input.minutes });
}

/** Hours or adjustments for a learning year the opening has not reached yet open that quartier's year first. */
async function applyOpeningIfNeeded(
  deps: Deps,
  quartier: QuartierItem,
  entry: LedgerEntry,
  delta: Partial<YearSums>,
): Promise<LedgerChangeOutcome> {
  const first = await applyLedgerChange(deps, quartier, entry, delta);
  if (first.kind !== 'year-not-open') return first;
  await openQuartierYear(deps, quartier, entry.year);
  return applyLedgerChange(deps, quartier, entry, delta);
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
): Promise<LedgerChangeOutcome> {
  const quartier = await getQuartier(deps, input.quartierId);
  if (!quartier) return { kind: 'unknown-quartier' };
  const now = deps.clock.now();
  const entry: LedgerEntry = {
    id: newId(now.getTime()),
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
