import { keys } from '#adapters/dynamodb/keys';
import { cond } from '#adapters/dynamodb/expressions';
import type { Deps } from '#shared/ports';
import { cachedFor } from '#shared/cache';
import { programYearOf, localDateAt } from '#domain/program-year';
import type { Locale } from '#email/render';
import { normalEmail } from './contacts.ts';

export type QuartierItem = {
  id: string;
  name: string;
  advisor: { name: string; email: string };
  /** First program year the quartier takes part in. */
  enrolledYear: string;
  createdAt: string;
};

export type PartnerItem = { id: string; name: string; email: string; description: { fr: string; en: string } };

export const getQuartier = (deps: Deps, id: string) => deps.store.get<QuartierItem>(keys.quartier(id));
const PARTNERS_TTL_MS = 30_000;
const partnerLists = new WeakMap<Deps['store'], () => Promise<PartnerItem[]>>();

/** Partners change rarely (three, seeded): read once per 30 s per process, like the settings. */
export function listPartners(deps: Deps): Promise<PartnerItem[]> {
  let list = partnerLists.get(deps.store);
  if (!list) {
    list = cachedFor(PARTNERS_TTL_MS, () => deps.store.query<PartnerItem>(keys.partnersList()));
    partnerLists.set(deps.store, list);
  }
  return list();
}

export const getPartner = async (deps: Deps, id: string) => (await listPartners(deps)).find((p) => p.id === id);

export async function listQuartiers(deps: Deps): Promise<QuartierItem[]> {
  return deps.store.query<QuartierItem>(keys.quartiersList());
}

export async function createQuartier(
  deps: Deps,
  input: {
    id: string;
    name: string;
    advisor: { name: string; email: string };
    enrolledYear?: string;
    contacts?: Array<{ name: string; email: string; locale?: Locale }>;
  },
  by = 'system',
): Promise<{ kind: 'created'; quartier: QuartierItem } | { kind: 'already-exists' }> {
  const settings = await deps.settings();
  const now = deps.clock.now();
  const item: QuartierItem = {
    id: input.id,
    name: input.name,
    advisor: input.advisor,
    enrolledYear: input.enrolledYear ?? programYearOf(localDateAt(now), settings.yearStart),
    createdAt: now.toISOString(),
  };
  const contacts = (input.contacts ?? []).map((c) => ({
    put: {
      ...keys.quartierContact(item.id, normalEmail(c.email)),
      quartierId: item.id,
      name: c.name,
      email: normalEmail(c.email),
      locale: c.locale ?? 'fr',
      addedAt: item.createdAt,
      addedBy: by,
    },
  }));
  const done = await deps.store.transact([
    { put: { ...keys.quartier(item.id), ...keys.quartierIndex(item.id), ...item }, when: cond.notExists() },
    ...contacts,
  ]);
  return done.ok ? { kind: 'created', quartier: item } : { kind: 'already-exists' };
}

export const quartierOut = ({ id, name, advisor, enrolledYear, createdAt }: QuartierItem): QuartierItem => ({
  id,
  name,
  advisor: { name: advisor.name, email: advisor.email },
  enrolledYear,
  createdAt,
});

/** The first year the quartier has a balance in, on either axis (hours logged, adjusted or carried), if any. */
export async function firstLedgerYear(deps: Deps, id: string): Promise<string | undefined> {
  const years = await Promise.all(
    (['learning', 'additional'] as const).map((axis) =>
      deps.store.query<{ year: string }>(keys.balancesOfQuartier(id, axis)),
    ),
  );
  return years
    .flat()
    .map((b) => b.year)
    .sort()[0];
}

/**
 * Coordination corrects a quartier's name, advisor or enrolment year; fields left out stay as they are. The year it
 * joined cannot move past a year it already has hours in: those hours would predate its enrolment.
 */
export async function updateQuartier(
  deps: Deps,
  id: string,
  patch: { name?: string; advisor?: { name: string; email: string }; enrolledYear?: string },
): Promise<{ kind: 'updated'; quartier: QuartierItem } | { kind: 'not-found' } | { kind: 'hours-before-enrolment' }> {
  if (patch.enrolledYear) {
    const first = await firstLedgerYear(deps, id);
    if (first && first < patch.enrolledYear) return { kind: 'hours-before-enrolment' };
  }
  const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const item = Object.keys(set).length
    ? await deps.store.update<QuartierItem>(keys.quartier(id), { set }, cond.exists())
    : await getQuartier(deps, id);
  return item ? { kind: 'updated', quartier: quartierOut(item) } : { kind: 'not-found' };
}
