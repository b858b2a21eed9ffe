/**
 * Access and portability (issue 19, Law 25): every record that holds one address, as JSON or CSV, for the
 * coordination team to hand back to the person within 30 days.
 */
import type { Deps } from '#shared/ports';
import { normalEmail } from '#domain/quartier';
import { exportRows } from '#domain/privacy';
import { toCsv, type Separator } from '#domain/csv';
import type { RequestBase } from '#domain/request-states';

type Reads = Pick<Deps, 'repos'>;

/** What the program holds that names this address, found through every repository that may hold it. */
export async function personalRecords(deps: Reads, rawEmail: string) {
  const email = normalEmail(rawEmail);
  const { repos } = deps;
  const [requests, registrations, subscriber, contacts, proposals, emails] = await Promise.all([
    repos.requests.withContact<RequestBase & Record<string, unknown>>(email),
    repos.sessions.registrationsWithEmail(email),
    repos.community.subscriber(email),
    repos.quartiers.contactsWithEmail(email),
    repos.community.proposals().then((all) => all.filter((p) => normalEmail(p.email) === email)),
    repos.outbox.mentioning(email),
  ]);
  // Their requests' journals and outcomes: who wrote each entry is a role, but any entry may name them.
  const harvest = await Promise.all(
    requests.map(async (r) => {
      const [journal, outcomes] = await Promise.all([repos.harvest.journalOf(r.id), repos.harvest.outcomesOf(r.id)]);
      return { journal, outcomes };
    }),
  );
  return {
    email,
    requests,
    registrations,
    subscriber,
    contacts,
    proposals,
    journal: harvest.flatMap((h) => h.journal),
    outcomes: harvest.flatMap((h) => h.outcomes),
    emails,
  };
}
export type PersonalRecords = Awaited<ReturnType<typeof personalRecords>>;

/** The export itself: what the person provided and what was recorded about them, without internal secrets. */
export async function exportPersonalData(deps: Reads & Pick<Deps, 'clock'>, email: string) {
  const found = await personalRecords(deps, email);
  return {
    email: found.email,
    exportedAt: deps.clock.now().toISOString(),
    // The status link's hash is a secret of the system, not the person's data.
    requests: found.requests.map(({ statusTokenHash, ...r }) => r),
    registrations: found.registrations,
    mailingList: found.subscriber ? [found.subscriber] : [],
    quartierContacts: found.contacts,
    proposals: found.proposals,
    // What they wrote through their status link (staff entries are the staff's).
    journal: found.journal.filter((e) => e.author.role === 'requester'),
    outcomes: found.outcomes.filter((o) => o.author.role === 'requester'),
    emails: found.emails.map(({ id, template, status, createdAt, sentAt, subjectRef }) => ({
      id,
      template,
      status,
      createdAt,
      sentAt,
      subjectRef,
    })),
  };
}
export type PersonalDataExport = Awaited<ReturnType<typeof exportPersonalData>>;

/** The same export as one CSV line per field of each record (record, id, field, value). */
export function personalDataCsv(data: PersonalDataExport, separator: Separator = ';') {
  const { email, exportedAt, ...records } = data;
  return toCsv(exportRows(records as unknown as Record<string, Array<Record<string, unknown>>>), separator);
}
