/**
 * The yearly harvest (issue 18): every outcome and after-action review of a program year with its quartier,
 * partner, focus and themes, and their counts; the public part is only what quartiers chose to share, with the
 * quartier's name and no personal data (shared/domain/harvest.ts `sharedHarvest`).
 */
import type { Deps } from '#shared/ports';
import type { Locale } from '#email/render';
import { harvestCounts, harvestRows, sharedHarvest } from '#domain/harvest';
import { toCsv, type Separator } from '#domain/csv';
import { listPartners, listQuartiers } from './quartiers.ts';

async function namesOf(deps: Deps) {
  const [quartiers, partners] = await Promise.all([listQuartiers(deps), listPartners(deps)]);
  const q = new Map(quartiers.map((x) => [x.id, x.name]));
  const p = new Map(partners.map((x) => [x.id, x.name]));
  return {
    quartier: (id: string) => q.get(id) ?? id,
    partner: (id: string | undefined) => (id ? (p.get(id) ?? id) : ''),
  };
}

export async function harvestYear(deps: Deps, year: string) {
  const [{ outcomes, reviews }, names] = await Promise.all([deps.repos.harvest.ofYear(year), namesOf(deps)]);
  const row = <T extends { quartierId: string; partnerId?: string }>(x: T) => ({
    ...x,
    quartierName: names.quartier(x.quartierId),
    partnerName: names.partner(x.partnerId),
  });
  return { year, counts: harvestCounts(outcomes, reviews), outcomes: outcomes.map(row), reviews: reviews.map(row) };
}

export async function harvestCsv(deps: Deps, year: string, locale: Locale, separator: Separator = ';') {
  const [{ outcomes, reviews }, names] = await Promise.all([deps.repos.harvest.ofYear(year), namesOf(deps)]);
  return toCsv(harvestRows(outcomes, reviews, names, locale), separator);
}

/** What anyone may read: the outcomes quartiers shared, without the personal details of their requests. */
export async function sharedHarvestOfYear(deps: Deps, year: string) {
  const [{ outcomes }, names] = await Promise.all([deps.repos.harvest.ofYear(year), namesOf(deps)]);
  const shared = outcomes.filter((o) => o.shared);
  // The contact of each request, to redact their name, address and phone wherever someone typed them.
  const requestIds = [...new Set(shared.map((o) => o.requestId))];
  const contacts = new Map(
    (await deps.repos.requests.many(requestIds)).map((r) => {
      const c = r.contact;
      return [r.id, [c.name, c.email, ...(c.phone ? [c.phone] : [])]] as const;
    }),
  );
  const statements = sharedHarvest(shared, names.quartier, (id) => contacts.get(id) ?? []);
  const byTheme: Record<string, number> = {};
  for (const s of statements) for (const t of s.themes) byTheme[t] = (byTheme[t] ?? 0) + 1;
  return { year, outcomes: statements, byTheme };
}

/**
 * The year's harvest in numbers, for the yearly opening's summary to the team; undefined when nothing was
 * harvested.
 */
export async function harvestInNumbers(deps: Deps, year: string) {
  const { outcomes, reviews } = await deps.repos.harvest.ofYear(year);
  if (outcomes.length === 0 && reviews.length === 0) return undefined;
  const c = harvestCounts(outcomes, reviews);
  return {
    year,
    outcomes: c.outcomes,
    shared: c.shared,
    reviews: c.reviews,
    quartiers: c.quartiers,
    byTheme: c.byTheme,
  };
}
