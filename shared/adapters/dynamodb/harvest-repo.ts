/**
 * HarvestRepository (shared/ports.ts) on the one table. A journal entry is `REQUEST#id / JOURNAL#entryId`, an
 * outcome `REQUEST#id / OUTCOME#outcomeId`, beside the request and its history. Outcomes and after-action reviews
 * are also in their year's harvest (gsi1 `HARVEST#year`) and their quartier's learnings (gsi2 `LEARNINGS#quartier`):
 * the year is one query, whatever the number of requests.
 */
import type { HarvestChange, HarvestRepository, Write } from '#shared/ports';
import type { JournalEntry, OutcomeStatement } from '#domain/harvest';
import { keys } from './keys.ts';
import { cond, type Condition } from './expressions.ts';
import { withoutKeys } from './requests-repo.ts';
import type { Store } from './store.ts';

/** Tells outcomes from reviews where both share an index (a quartier's learnings). */
type Stored = { record?: 'journal' | 'outcome' } & Record<string, unknown>;

const strip = <T>(item: Stored): T => {
  const { record: _, ...rest } = withoutKeys<Stored>(item);
  return rest as T;
};

const guarded = (change: HarvestChange): Condition => {
  const parts = Object.entries(change.while ?? {}).map(([attr, v]) => cond.eq(attr, v));
  return parts.length ? cond.and(cond.exists(), ...parts) : cond.exists();
};

const edit = (key: { pk: string; sk: string }, change: HarvestChange): Write => {
  const set = Object.fromEntries(Object.entries(change.set).filter(([, v]) => v !== undefined));
  const remove = Object.entries(change.set)
    .filter(([, v]) => v === undefined)
    .map(([k]) => k);
  return { update: key, spec: { set, ...(remove.length ? { remove } : {}) }, when: guarded(change) };
};

const byTime = <T extends { at: string; id: string }>(a: T, b: T) =>
  a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1;

export function harvestRepository(store: Store): HarvestRepository {
  return {
    async journalOf(requestId) {
      const items = await store.query<Stored>(keys.journalOf(requestId));
      return items.map((i) => strip<JournalEntry>(i)).sort(byTime);
    },

    async entry(requestId, id) {
      const item = await store.get<Stored>(keys.journalEntry(requestId, id));
      return item ? strip<JournalEntry>(item) : undefined;
    },

    addEntry(e): Write {
      const review =
        e.kind === 'after-action'
          ? { ...keys.harvestIndex(e.year, 'REVIEW', e.id), ...keys.learningsIndex(e.quartierId, e.at, e.id) }
          : {};
      return {
        put: { ...keys.journalEntry(e.requestId, e.id), ...review, record: 'journal', ...e },
        when: cond.notExists(),
      };
    },

    editEntry(e, change) {
      return edit(keys.journalEntry(e.requestId, e.id), change);
    },

    async outcomesOf(requestId) {
      const items = await store.query<Stored>(keys.outcomesOf(requestId));
      return items.map((i) => strip<OutcomeStatement>(i)).sort(byTime);
    },

    async outcome(requestId, id) {
      const item = await store.get<Stored>(keys.outcome(requestId, id));
      return item ? strip<OutcomeStatement>(item) : undefined;
    },

    addOutcome(o): Write {
      return {
        put: {
          ...keys.outcome(o.requestId, o.id),
          ...keys.harvestIndex(o.year, 'OUTCOME', o.id),
          ...keys.learningsIndex(o.quartierId, o.at, o.id),
          record: 'outcome',
          ...o,
        },
        when: cond.notExists(),
      };
    },

    editOutcome(o, change) {
      return edit(keys.outcome(o.requestId, o.id), change);
    },

    async ofYear(year) {
      const [outcomes, reviews] = await Promise.all([
        store.query<Stored>(keys.harvestOfYear(year, 'OUTCOME')),
        store.query<Stored>(keys.harvestOfYear(year, 'REVIEW')),
      ]);
      return {
        outcomes: outcomes.map((i) => strip<OutcomeStatement>(i)).sort(byTime),
        reviews: reviews.map((i) => strip<JournalEntry>(i)).sort(byTime),
      };
    },

    async ofQuartier(quartierId) {
      const items = await store.query<Stored>({ ...keys.learningsOf(quartierId), forward: false });
      return {
        outcomes: items.filter((i) => i.record === 'outcome').map((i) => strip<OutcomeStatement>(i)),
        reviews: items.filter((i) => i.record === 'journal').map((i) => strip<JournalEntry>(i)),
      };
    },
  };
}
