/**
 * Erasure (issue 19, Law 25): one person anonymised everywhere, in transactions. Names, addresses and phone numbers
 * are replaced; emails not yet sent to them are cancelled; their status link (and the verify and confirm links
 * signed with it) stops working. Hours, slots, seats and the harvest's figures stay as they are: only who they were
 * goes. What is kept of the erasure itself is who erased, when and why, never the address (nor a hash of it).
 */
import type { Deps, Write } from '#shared/ports';
import type { OutboxRecord } from '#domain/outbox';
import { ERASED_EMAIL, ERASED_NAME, scrub } from '#domain/privacy';
import { newId } from '#shared/ids';
import { personalRecords, type PersonalRecords } from './export-personal-data.ts';

/** What an anonymised record holds instead of the person. */
const ERASED = { name: ERASED_NAME, email: ERASED_EMAIL };
/** No status token hashes to this: every link signed with the old token stops working. */
const DEAD_TOKEN_HASH = 'erased';
/** Writes per transaction: well under DynamoDB's limit of 100 items, small enough to retry cheaply. */
const CHUNK = 25;

export type ErasureOutcome = { kind: 'erased'; records: number; cancelledEmails: number };

export async function erasePerson(
  deps: Pick<Deps, 'repos' | 'tx' | 'clock'>,
  input: { email: string; reason: string },
  by: string,
): Promise<ErasureOutcome> {
  const found = await personalRecords(deps, input.email);
  const at = deps.clock.now().toISOString();
  const writes = recordWrites(deps, found, { at, by, reason: input.reason });
  const forgotten = await deps.repos.guards.forgetAddress(found.email);
  const records = writes.length + forgotten.length;
  const cancelled = await settleEmails(deps, found);
  const erasure = deps.repos.privacy.recordErasure({
    id: newId(deps.clock.now().getTime()),
    at,
    by,
    reason: input.reason,
    cause: 'erase',
    records: records + found.emails.length,
  });
  await commitInChunks(deps, [...writes, ...forgotten, erasure]);
  return { kind: 'erased', records: records + found.emails.length, cancelledEmails: cancelled };
}

/** The writes that anonymise every record found (the emails apart: see `settleEmails`). */
function recordWrites(
  deps: Pick<Deps, 'repos'>,
  found: PersonalRecords,
  why: { at: string; by: string; reason: string },
): Write[] {
  const { requests, sessions, community, quartiers } = deps.repos;
  return [
    ...found.requests.flatMap((r) => [
      requests.change(r, { set: { contact: { ...ERASED }, statusTokenHash: DEAD_TOKEN_HASH } }),
      requests.audit(r.id, { at: why.at, event: 'erased', by: why.by, reason: why.reason }),
    ]),
    ...found.registrations.flatMap((reg) => sessions.anonymiseRegistration(reg, ERASED)),
    ...(found.subscriber ? [community.forgetSubscriber(found.subscriber.email)] : []),
    ...found.contacts.map((c) => quartiers.removeContact(c.quartierId, c.email)),
    ...found.proposals.map((p) => community.anonymiseProposal(p, ERASED)),
    ...harvestWrites(deps, found),
  ];
}

/**
 * Journal entries and outcomes of their requests that name them: the name, address or phone taken out of the
 * text (the public harvest redacts a request's contact, which is no longer known once erased). Counts stay.
 */
function harvestWrites(deps: Pick<Deps, 'repos'>, found: PersonalRecords): Write[] {
  const { harvest } = deps.repos;
  const needles = [...namesOf(found), ...phonesOf(found)];
  const clean = <T>(v: T) => scrub(v, found.email, needles);
  const changed = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);
  return [
    ...found.journal.flatMap((e) => {
      const text = clean(e.text);
      return changed(text, e.text) ? [harvest.editEntry(e, { set: { text } })] : [];
    }),
    ...found.outcomes.flatMap((o) => {
      const was = { actor: o.actor, change: o.change, contribution: o.contribution, evidence: o.evidence };
      const now = clean(was);
      if (!changed(now, was)) return [];
      return [harvest.editOutcome(o, { set: Object.fromEntries(Object.entries(now).filter(([, v]) => v)) })];
    }),
  ];
}

const phonesOf = (found: PersonalRecords) => found.requests.flatMap((r) => (r.contact.phone ? [r.contact.phone] : []));

/** Every name the person went by in the records found, to take out of the emails that name them. */
const namesOf = (found: PersonalRecords) => [
  ...new Set([
    ...found.requests.map((r) => r.contact.name),
    ...found.registrations.map((r) => r.name),
    ...found.contacts.map((c) => c.name),
    ...found.proposals.map((p) => p.name),
  ]),
];

/**
 * A message to them not sent yet is cancelled; every other message that names them is rewritten without them.
 * One transaction each: a message claimed by the sender meanwhile refuses its cancellation, and is rewritten.
 */
async function settleEmails(deps: Pick<Deps, 'repos' | 'tx'>, found: PersonalRecords) {
  const names = namesOf(found);
  let cancelled = 0;
  for (const message of found.emails) {
    const toThem = [...message.to, ...message.cc].some((a) => a.toLowerCase() === found.email);
    if (toThem && (message.status === 'pending' || message.status === 'retrying')) {
      const result = await deps.tx.commit([deps.repos.outbox.cancel(message)]);
      if (result.ok) {
        cancelled++;
        continue;
      }
    }
    await deps.tx.commit([deps.repos.outbox.rewrite(message, anonymised(message, found.email, names))]);
  }
  return cancelled;
}

function anonymised(message: OutboxRecord, email: string, names: string[]) {
  const others = (list: string[]) => list.filter((a) => a.toLowerCase() !== email);
  const to = others(message.to);
  return {
    // A message left with no recipient keeps the erased address, which no mail server accepts (.invalid).
    to: to.length ? to : [ERASED_EMAIL],
    cc: others(message.cc ?? []),
    data: scrub(message.data, email, names),
    calendar: message.calendar ? scrub(message.calendar, email, names) : undefined,
  };
}

async function commitInChunks(deps: Pick<Deps, 'tx'>, writes: Write[]) {
  for (let i = 0; i < writes.length; i += CHUNK) {
    const result = await deps.tx.commit(writes.slice(i, i + CHUNK));
    // Unconditional writes are refused only by a conflict that outlasted the store's retries: a fault.
    if (!result.ok) throw new Error('erasure write refused');
  }
}
