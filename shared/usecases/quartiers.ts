/** Quartiers and partners: their profiles, as coordination sets them up and corrects them. */
import type { Deps } from '#shared/ports';
import { programYearOf, localDateAt } from '#domain/program-year';
import { normalEmail, type QuartierItem } from '#domain/quartier';
import type { Locale } from '#email/render';

export type { PartnerItem, QuartierItem } from '#domain/quartier';

export const getQuartier = (deps: Deps, id: string) => deps.repos.quartiers.get(id);

export const listPartners = (deps: Deps) => deps.repos.quartiers.partners();

export const getPartner = async (deps: Deps, id: string) => (await listPartners(deps)).find((p) => p.id === id);

export const listQuartiers = (deps: Deps): Promise<QuartierItem[]> => deps.repos.quartiers.list();

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
  const { quartiers } = deps.repos;
  const contacts = (input.contacts ?? []).map((c) =>
    quartiers.putContact({
      quartierId: item.id,
      name: c.name,
      email: normalEmail(c.email),
      locale: c.locale ?? 'fr',
      addedAt: item.createdAt,
      addedBy: by,
    }),
  );
  const done = await deps.tx.commit([quartiers.create(item), ...contacts]);
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
export const firstLedgerYear = (deps: Deps, id: string) => deps.repos.quartiers.firstLedgerYear(id);

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
  const item = Object.keys(set).length ? await deps.repos.quartiers.update(id, set) : await getQuartier(deps, id);
  return item ? { kind: 'updated', quartier: quartierOut(item) } : { kind: 'not-found' };
}
