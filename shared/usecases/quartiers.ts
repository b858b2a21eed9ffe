import { keys } from '#adapters/dynamodb/keys';
import { cond } from '#adapters/dynamodb/expressions';
import type { Deps } from '#shared/ports';
import { cachedFor } from '#shared/cache';
import type { Locale } from '#email/render';
import { programYearOf, localDateAt } from '#domain/program-year';

export type QuartierItem = {
  id: string;
  name: string;
  advisor: { name: string; email: string };
  /** First program year the quartier takes part in. */
  enrolledYear: string;
  /** The latest contact person who wrote in, so hour notices reach someone. */
  lastContact?: { name: string; email: string; locale: Locale };
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
  input: { id: string; name: string; advisor: { name: string; email: string }; enrolledYear?: string },
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
  const ok = await deps.store.put(
    { ...keys.quartier(item.id), ...keys.quartierIndex(item.id), ...item },
    cond.notExists(),
  );
  return ok ? { kind: 'created', quartier: item } : { kind: 'already-exists' };
}

/** Remember who wrote in for the quartier (hour notices go to them). */
export function rememberContactTx(quartierId: string, contact: { name: string; email: string; locale: Locale }) {
  return { update: keys.quartier(quartierId), spec: { set: { lastContact: contact } }, when: cond.exists() };
}
