/**
 * The yearly opening: for every enrolled quartier, close the ended year (what it carries out, what of its
 * carried-in hours expire), carry into the new year and allocate its 31 h; open the new year's
 * additional-support slots. Each quartier is one transaction, so a run killed half-way leaves every quartier
 * either fully opened or untouched, and a rerun finishes the rest. A second run writes nothing.
 */
import { carryOut, emptyBalance, summarize, sumsOf, type Balance } from '#domain/ledger';
import { hasStarted, localDateAt, previousYear, yearStartDate } from '#domain/program-year';
import type { Deps, Write } from '#shared/ports';
import { listQuartiers, type QuartierItem } from './quartiers.ts';
import { harvestInNumbers } from './harvest-year.ts';

export type QuartierOpening = {
  changed: boolean;
  carriedMinutes: number;
  expiredMinutes: number;
  allocatedMinutes: number;
};

type Plan = { tx: Write[]; result: QuartierOpening };

const MAX_TX_ITEMS = 100;

async function planOpening(
  deps: Deps,
  quartierId: string,
  year: string,
  current: Balance | undefined,
  prev: Balance | undefined,
): Promise<Plan> {
  if (current?.opened)
    return { tx: [], result: { changed: false, carriedMinutes: 0, expiredMinutes: 0, allocatedMinutes: 0 } };
  const s = await deps.settings();
  const rules = { annualMinutes: s.learning.annualMinutes, availableCapMinutes: s.learning.availableCapMinutes };
  const at = deps.clock.now().toISOString();
  const prevSums = sumsOf(prev);
  const carried = prev?.opened ? carryOut(prevSums, rules, 'learning') : 0;
  const expired = prev?.opened ? summarize(prevSums).expiringCarryMinutes : 0;
  const allocated = s.learning.annualMinutes;
  const ledger = deps.repos.ledger;
  const entry = (y: string, kind: 'allocation' | 'carry-in' | 'expiry', minutes: number) =>
    ledger.record(
      {
        id: `opening-${kind}`,
        quartierId,
        axis: 'learning',
        year: y,
        kind,
        minutes,
        author: 'year-opening',
        createdAt: at,
      },
      { unique: true },
    );

  const tx: Write[] = [entry(year, 'allocation', allocated)];
  if (carried) tx.push(entry(year, 'carry-in', carried));
  // Hours may already have been logged in the new year (a balance exists but was never opened).
  const base = current ?? emptyBalance(quartierId, 'learning', year);
  const opened = { opened: true, allocatedMinutes: base.allocatedMinutes + allocated, carriedInMinutes: carried };
  tx.push(current ? ledger.change(current, opened) : ledger.create(base, opened));
  if (prev?.opened && !prev.closed) {
    if (expired) tx.push(entry(prev.year, 'expiry', -expired));
    tx.push(ledger.change(prev, { closed: true, carriedOutMinutes: carried, expiredMinutes: expired }));
  }
  return {
    tx,
    result: { changed: true, carriedMinutes: carried, expiredMinutes: expired, allocatedMinutes: allocated },
  };
}

/** Open one quartier's year (also used when hours arrive for a year the scheduled run has not opened yet). */
export async function openQuartierYear(
  deps: Deps,
  quartier: Pick<QuartierItem, 'id'>,
  year: string,
): Promise<QuartierOpening> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const [current, prev] = await Promise.all([
      deps.repos.ledger.balance(quartier.id, 'learning', year),
      deps.repos.ledger.balance(quartier.id, 'learning', previousYear(year)),
    ]);
    const plan = await planOpening(deps, quartier.id, year, current, prev);
    if (!plan.result.changed) return plan.result;
    if ((await deps.tx.commit(plan.tx)).ok) return plan.result;
  }
  throw new Error('year opening: the balance keeps changing');
}

/** The first day of `year` when it has not come yet (Montreal), otherwise null. */
export async function yearNotStarted(deps: Deps, year: string): Promise<string | null> {
  const { yearStart } = await deps.settings();
  return hasStarted(year, localDateAt(deps.clock.now()), yearStart) ? null : yearStartDate(year, yearStart);
}

export class YearNotStartedError extends Error {
  constructor(
    readonly year: string,
    readonly startsOn: string,
  ) {
    super(`year ${year} starts on ${startsOn}: it cannot be opened before`);
  }
}

export type OpenYearReport = {
  year: string;
  quartiers: number;
  carriedMinutes: number;
  expiredMinutes: number;
  allocatedMinutes: number;
  changed: number;
  dryRun: boolean;
};

export async function openYear(
  deps: Deps,
  year: string,
  opts: {
    dryRun: boolean;
    concurrency?: number;
    maxItemsPerTransaction?: number;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<OpenYearReport> {
  // Opening closes the running year and expires its carried hours: never before the new year's first day.
  const startsOn = opts.dryRun ? null : await yearNotStarted(deps, year);
  if (startsOn) throw new YearNotStartedError(year, startsOn);
  const settings = await deps.settings();
  const quartiers = (await listQuartiers(deps)).filter((q) => q.enrolledYear <= year);
  const refs = quartiers.flatMap((q) => [
    { quartierId: q.id, axis: 'learning' as const, year },
    { quartierId: q.id, axis: 'learning' as const, year: previousYear(year) },
  ]);
  const balances = new Map((await deps.repos.ledger.balances(refs)).map((b) => [`${b.quartierId}#${b.year}`, b]));
  const report: OpenYearReport = {
    year,
    quartiers: quartiers.length,
    carriedMinutes: 0,
    expiredMinutes: 0,
    allocatedMinutes: 0,
    changed: 0,
    dryRun: opts.dryRun,
  };

  const add = (r: QuartierOpening) => {
    if (!r.changed) return;
    report.changed++;
    report.carriedMinutes += r.carriedMinutes;
    report.expiredMinutes += r.expiredMinutes;
    report.allocatedMinutes += r.allocatedMinutes;
  };

  // The summary speaks for the whole year: quartiers opened before this run (by an hour log, or a run that
  // crashed) count with what their opening carried and expired, as the store holds it now.
  const before = { quartiers: 0, carriedMinutes: 0, expiredMinutes: 0, allocatedMinutes: 0 };
  const plans: Array<{ q: QuartierItem; plan: Plan }> = [];
  for (const q of quartiers) {
    const current = balances.get(`${q.id}#${year}`);
    const prev = balances.get(`${q.id}#${previousYear(year)}`);
    if (current?.opened) {
      before.quartiers++;
      before.carriedMinutes += current.carriedInMinutes;
      before.expiredMinutes += prev?.expiredMinutes ?? 0;
      before.allocatedMinutes += settings.learning.annualMinutes;
      continue;
    }
    const plan = await planOpening(deps, q.id, year, current, prev);
    if (plan.result.changed) plans.push({ q, plan });
  }
  if (opts.dryRun) for (const p of plans) add(p.plan.result);
  else {
    // Several quartiers per transaction (at most 100 items): each group is all-or-nothing, so a crash leaves
    // every quartier opened or untouched. A group refused because one balance moved meanwhile (an hour log)
    // is redone quartier by quartier, each re-reading its balances.
    const groups: Array<typeof plans> = [];
    for (const p of plans) {
      const last = groups.at(-1);
      if (
        last &&
        last.reduce((n, x) => n + x.plan.tx.length, 0) + p.plan.tx.length <=
          (opts.maxItemsPerTransaction ?? MAX_TX_ITEMS)
      )
        last.push(p);
      else groups.push([p]);
    }
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < groups.length) {
        const group = groups[next++];
        const result = await deps.tx.commit(group.flatMap((p) => p.plan.tx));
        if (result.ok) for (const p of group) add(p.plan.result);
        else for (const p of group) add(await openQuartierYear(deps, p.q, year));
        done += group.length;
        if (Math.floor(done / 1000) > Math.floor((done - group.length) / 1000)) {
          opts.onProgress?.(done, plans.length);
          deps.log.info('year opening progress', { year, done, total: plans.length });
        }
      }
    };
    // One group at a time by default: a 100-item transaction already batches the work, and concurrent
    // transactions only contend (DynamoDB Local answers them with conflicts; measured in docs/benchmarks.md).
    await Promise.all(Array.from({ length: opts.concurrency ?? 1 }, worker));
  }

  if (opts.dryRun) {
    if (!(await deps.repos.ledger.slotsOpened(year))) report.changed++;
    return report;
  }
  const at = deps.clock.now().toISOString();
  // Read first: a rerun must not even send a (refused) write.
  const slotsOpened =
    !(await deps.repos.ledger.slotsOpened(year)) &&
    (await deps.repos.ledger.openSlots(year, settings.additional.slotsPerYear, at));
  if (slotsOpened) report.changed++;
  if (report.changed > 0) {
    const openedNow = report.changed - (slotsOpened ? 1 : 0);
    // One summary per run that changed something; its id makes a retried run's summary the same message.
    await deps.tx.commit([
      deps.repos.ledger.recordOpening({ ...report, lastRunAt: at }),
      deps.repos.outbox.enqueue(
        {
          template: 'year-opening-summary',
          to: [deps.config.mail.team],
          data: {
            year,
            quartiers: before.quartiers + openedNow,
            openedBefore: before.quartiers,
            carriedMinutes: before.carriedMinutes + report.carriedMinutes,
            expiredMinutes: before.expiredMinutes + report.expiredMinutes,
            allocatedMinutes: before.allocatedMinutes + report.allocatedMinutes,
            // Only a run that opened the slots says so: a later run (a new quartier) did not.
            ...(slotsOpened ? { slots: settings.additional.slotsPerYear } : {}),
            // What the year just closed taught (issue 18), in numbers.
            harvest: await harvestInNumbers(deps, previousYear(year)),
          },
          subjectRef: year,
        },
        deps.clock.now(),
      ),
    ]);
  }
  deps.log.info('year opening done', { year, quartiers: report.quartiers, changed: report.changed });
  return report;
}
