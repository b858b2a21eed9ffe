/** A session's registrations as a CSV file for the team. */
import { toCsv } from '#domain/csv';
import type { RegistrationItem } from '#domain/sessions';

/** The CSV is read by the team in a French Excel: statuses in words, not codes. */
const REGISTRATION_STATUS: Record<RegistrationItem['status'], string> = {
  registered: 'Inscrite',
  waitlisted: "Sur la liste d'attente",
  cancelled: 'Annulée',
};

/**
 * CSV for a French Excel: UTF-8 with BOM, `;` by default. Cells are quoted and formula-leading characters
 * neutralised.
 */
export function registrationsCsv(
  regs: RegistrationItem[],
  separator: ';' | ',' = ';',
  quartierName: (id: string) => string = (id) => id,
): string {
  const header = ['Nom', 'Courriel', 'Quartier', 'Statut', 'Inscrit le'];
  const rows = regs.map((r) => [
    r.name,
    r.email,
    r.quartierId ? quartierName(r.quartierId) : '',
    REGISTRATION_STATUS[r.status],
    r.createdAt.slice(0, 10),
  ]);
  return toCsv([header, ...rows], separator);
}
