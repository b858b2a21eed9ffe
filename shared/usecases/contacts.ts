/**
 * The people who may speak for a quartier on the public forms. A request from a contact on file is served at once;
 * one from any other address waits until the address is proven and the advisor or coordination vouches for it
 * (shared/usecases/trust.ts), which adds it here. Hour notices go to these contacts, never to "whoever wrote last".
 */
import { normalEmail, type ContactItem } from '#domain/quartier';
import type { Locale } from '#email/render';
import type { Deps } from '#shared/ports';

export const listContacts = (deps: Deps, quartierId: string): Promise<ContactItem[]> =>
  deps.repos.quartiers.contacts(quartierId);

export const findContact = (deps: Deps, quartierId: string, email: string) =>
  deps.repos.quartiers.contact(quartierId, email);

export async function addContact(
  deps: Deps,
  quartierId: string,
  input: { name: string; email: string; locale?: Locale },
  by: string,
): Promise<{ kind: 'added'; contact: ContactItem } | { kind: 'not-found' }> {
  const contact: ContactItem = {
    quartierId,
    name: input.name,
    email: normalEmail(input.email),
    locale: input.locale ?? 'fr',
    addedAt: deps.clock.now().toISOString(),
    addedBy: by,
  };
  const { quartiers } = deps.repos;
  const done = await deps.tx.commit([quartiers.mustExist(quartierId), quartiers.putContact(contact)]);
  return done.ok ? { kind: 'added', contact } : { kind: 'not-found' };
}

export async function removeContact(deps: Deps, quartierId: string, email: string) {
  const done = await deps.tx.commit([deps.repos.quartiers.removeContact(quartierId, email)]);
  return done.ok ? ({ kind: 'removed' } as const) : ({ kind: 'not-found' } as const);
}

/**
 * Who hears of a quartier's hours: its contacts on file, in their own language (one email per language), the
 * advisor copied once. With nobody on file the advisor alone is told, in French.
 */
export async function noticeRecipients(
  deps: Deps,
  quartier: { id: string; advisor: { email: string } },
): Promise<Array<{ to: string[]; cc?: string[]; locale: Locale }>> {
  const contacts = await listContacts(deps, quartier.id);
  if (!contacts.length) return [{ to: [quartier.advisor.email], locale: 'fr' }];
  const byLocale = new Map<Locale, string[]>();
  for (const c of contacts) byLocale.set(c.locale, [...(byLocale.get(c.locale) ?? []), c.email]);
  return [...byLocale.entries()]
    .sort(([a], [b]) => (a === 'fr' ? -1 : b === 'fr' ? 1 : 0))
    .map(([locale, to], i) => ({ to, ...(i === 0 ? { cc: [quartier.advisor.email] } : {}), locale }));
}
