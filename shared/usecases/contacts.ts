/**
 * The people who may speak for a quartier on the public forms. A request from a contact on file is served at once;
 * one from any other address waits until the address is proven and the advisor or coordination vouches for it
 * (shared/usecases/trust.ts), which adds it here. Hour notices go to these contacts, never to "whoever wrote last".
 */
import { keys } from '#adapters/dynamodb/keys';
import { cond } from '#adapters/dynamodb/expressions';
import type { TxItem } from '#adapters/dynamodb/store';
import type { Locale } from '#email/render';
import type { Deps } from '#shared/ports';

export type ContactItem = {
  quartierId: string;
  name: string;
  /** Lowercased: the same person typing their address in capitals is still on file. */
  email: string;
  locale: Locale;
  addedAt: string;
  /** Who put them on file: a staff member's id, `import`, `seed`, or `trust:<requestId>`. */
  addedBy: string;
};

export const normalEmail = (email: string) => email.trim().toLowerCase();

export async function listContacts(deps: Deps, quartierId: string): Promise<ContactItem[]> {
  const items = await deps.store.query<ContactItem>(keys.contactsOf(quartierId));
  return items.map(({ quartierId: q, name, email, locale, addedAt, addedBy }) => ({
    quartierId: q,
    name,
    email,
    locale,
    addedAt,
    addedBy,
  }));
}

export const findContact = (deps: Deps, quartierId: string, email: string) =>
  deps.store.get<ContactItem>(keys.quartierContact(quartierId, normalEmail(email)));

/** Puts a contact on file (or updates their name and language), provided the quartier exists. */
export function contactPutTx(contact: ContactItem): TxItem[] {
  return [{ check: keys.quartier(contact.quartierId), when: cond.exists() }, contactPut(contact)];
}

/** The contact's item alone, for a transaction that already guards the quartier (creates or updates it). */
export function contactPut(contact: ContactItem): TxItem {
  const email = normalEmail(contact.email);
  return { put: { ...keys.quartierContact(contact.quartierId, email), ...contact, email } };
}

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
  const done = await deps.store.transact(contactPutTx(contact));
  return done.ok ? { kind: 'added', contact } : { kind: 'not-found' };
}

export async function removeContact(deps: Deps, quartierId: string, email: string) {
  const done = await deps.store.transact([
    { delete: keys.quartierContact(quartierId, normalEmail(email)), when: cond.exists() },
  ]);
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
