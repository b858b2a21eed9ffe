/** A session's registrations as a CSV file for the team. */
import { toCsv } from '#domain/csv';
import type { RegistrationItem } from '#domain/sessions';
import type { Locale } from '#email/render';

/** The CSV is read by the team in Excel: statuses in words, not codes, French unless asked in English. */
const REGISTRATION_STATUS: Record<RegistrationItem['status'], Record<Locale, string>> = {
  registered: { fr: 'Inscrite', en: 'Registered' },
  waitlisted: { fr: "Sur la liste d'attente", en: 'On the waiting list' },
  cancelled: { fr: 'Annulée', en: 'Cancelled' },
};
const HEADER: Record<Locale, string[]> = {
  fr: ['Nom', 'Courriel', 'Quartier', 'Statut', 'Inscrit le'],
  en: ['Name', 'Email', 'Neighbourhood', 'Status', 'Registered on'],
};

/**
 * CSV for a French Excel: UTF-8 with BOM, `;` by default. Cells are quoted and formula-leading characters
 * neutralised.
 */
export function registrationsCsv(
  regs: RegistrationItem[],
  separator: ';' | ',' = ';',
  quartierName: (id: string) => string = (id) => id,
  locale: Locale = 'fr',
): string {
  const header = HEADER[locale];
  const rows = regs.map((r) => [
    r.name,
    r.email,
    r.quartierId ? quartierName(r.quartierId) : '',
    REGISTRATION_STATUS[r.status][locale],
    r.createdAt.slice(0, 10),
  ]);
  return toCsv([header, ...rows], separator);
}
