/**
 * Axis 2: nine slots a year (configurable), first come first served. The store decides every grant: one claim per
 * quartier and year (conditional put), one holder per slot number (conditional put), a waiting line whose tickets
 * come from an atomic counter (shared/usecases/place-request.ts). A quartier claims here: with the public form, or
 * once trust is established for a request that waited.
 */
import { currentOf, refusedBy } from '#shared/ports';
import { localDateAt, programYearOf } from '#domain/program-year';
import type { SupportRequest } from '#domain/slots';
import type { Deps, Write } from '#shared/ports';
import { hashToken, newId, newSecretToken } from '#shared/ids';
import type { AdditionalSupportInput } from '#shared/schemas';
import { getQuartier, type QuartierItem } from './quartiers.ts';
import { findContact } from './contacts.ts';
import { normalEmail } from '#domain/quartier';
import { commitCountingPost, mailQuotaTx, quotaSpent, type PublicPostVerdict } from './abuse-limits.ts';
import { bodyHash, findIdempotent, idempotencyPut, verificationEmail, type IdempotencyRecord } from './requests.ts';
import { placeRequest } from './place-request.ts';

export type SupportResponse = {
  id: string;
  year: string;
  outcome: 'granted' | 'waitlisted' | 'unverified';
  slot?: number;
  waitlistPosition?: number;
  statusToken: string;
};
export type SubmitSupportOutcome =
  | { kind: 'created'; response: SupportResponse }
  | { kind: 'unknown-quartier' | 'idempotency-key-reused' | 'too-many-emails' }
  | Extract<PublicPostVerdict, { kind: 'too-many-requests' }>
  /** `requestId`: the quartier's request of the year, which its claim names (its number; its link stays secret). */
  | { kind: 'already-requested'; requestId?: string };

export async function submitAdditionalSupport(
  deps: Deps,
  input: AdditionalSupportInput,
  idempotencyKey?: string,
  /** The client whose public POST this is, when the claim counts it (`postCount` in shared/http.ts). */
  client?: string,
): Promise<SubmitSupportOutcome> {
  const hash = bodyHash(input);
  const settings = await deps.settings();
  const now = deps.clock.now();
  const at = now.toISOString();
  const year = programYearOf(localDateAt(now), settings.yearStart);

  const token = newSecretToken();
  const id = newId(now.getTime());
  const requestOf = (onFile: boolean): SupportRequest => ({
    id,
    kind: 'additional',
    year,
    quartierId: input.quartierId,
    contact: input.contact,
    locale: input.locale,
    status: onFile ? 'received' : 'unverified',
    ...(onFile ? { trust: 'on-file' as const } : {}),
    statusTokenHash: hashToken(token),
    createdAt: at,
    updatedAt: at,
    topic: input.topic,
    advisorNote: input.advisor,
    estimatedMinutes: input.estimatedMinutes,
  });
  const writes = (request: SupportRequest): Write[] => [
    // At most a few acknowledgements to one address an hour, counted only if the submission commits.
    mailQuotaTx(deps, 'request-acknowledgement', input.contact.email, now),
    deps.repos.requests.create(request),
    deps.repos.requests.audit(request.id, {
      at,
      event: 'submitted',
      by: 'requester',
      detail: { advisorConsulted: true },
    }),
    // The key's record is written with the request, so a key sent again is refused here and answered below.
    ...(idempotencyKey
      ? [idempotencyPut(deps, 'additional', idempotencyKey, { requestId: id, bodyHash: hash, statusToken: token }, now)]
      : []),
  ];
  // Step 1: the quartier's one claim for the year, with the request itself, as a contact on file of a known
  // quartier: both checked inside the transaction rather than read before it. The claim is what makes twenty
  // simultaneous submissions from one quartier a single request. The client's post is counted in it too.
  const request = requestOf(true);
  const claimed = await commitCountingPost(deps, client, [
    ...deps.repos.slots.claimOnFile(request, normalEmail(input.contact.email), at),
    ...writes(request),
  ]);
  if (!('ok' in claimed)) return claimed;
  if (claimed.ok) {
    // Step 2: a slot, or the waiting line. A crash between the steps leaves a "received" request that a retry with
    // the same key, or the daily job, takes on from here.
    return resume(deps, id, token, { request });
  }
  // The key was used before (or is being used now, by the same request sent twice at once): its answer.
  const prior = await findIdempotent(deps, 'additional', idempotencyKey);
  if (prior) return replay(deps, prior, hash);
  if (refusedBy(claimed, 'quartier')) return { kind: 'unknown-quartier' };
  // Not refused by `on-file` need not mean on file: a transaction may stop at its first refusal.
  const onFile = !refusedBy(claimed, 'on-file') && !!(await findContact(deps, input.quartierId, input.contact.email));
  if (onFile) {
    if (refusedBy(claimed, 'claim'))
      return { kind: 'already-requested', requestId: currentOf<{ requestId?: string }>(claimed, 'claim')?.requestId };
    if (quotaSpent(claimed)) return { kind: 'too-many-emails' };
    throw new Error('additional support: claim claimed');
  }
  // An address the program has never seen: no claim, no slot, no place in line, no email but to that address.
  const quartier = await getQuartier(deps, input.quartierId);
  if (!quartier) return { kind: 'unknown-quartier' };
  const unverified = requestOf(false);
  const stored = await deps.tx.commit([
    ...writes(unverified),
    verificationEmail(deps, unverified, quartier.name, token, now),
  ]);
  if (!stored.ok) {
    const prior = await findIdempotent(deps, 'additional', idempotencyKey);
    if (prior) return replay(deps, prior, hash);
    if (quotaSpent(stored)) return { kind: 'too-many-emails' };
    throw new Error('additional support: submission refused');
  }
  return { kind: 'created', response: { id, year, outcome: 'unverified', statusToken: token } };
}

/** The answer to a key sent again: the first submission's, or a refusal if the body differs. */
function replay(
  deps: Deps,
  prior: IdempotencyRecord,
  hash: string,
): Promise<SubmitSupportOutcome> | SubmitSupportOutcome {
  return prior.bodyHash === hash
    ? resume(deps, prior.requestId, prior.statusToken)
    : { kind: 'idempotency-key-reused' };
}

/**
 * Trust is established for a request that waited: it takes the quartier's claim now and enters the
 * first-come-first-served order at this moment (a slot, or the waiting line), as a contact on file's would have.
 */
export async function admitAdditionalSupport(
  deps: Deps,
  pending: SupportRequest,
  quartier: QuartierItem,
  trustWrites: Write[],
): Promise<{ kind: 'admitted'; request: SupportRequest } | { kind: 'already-requested' | 'invalid-transition' }> {
  const at = deps.clock.now().toISOString();
  const received: SupportRequest = { ...pending, status: 'received', trust: 'confirmed', updatedAt: at };
  const done = await deps.tx.commit([
    deps.repos.slots.claim(received, at),
    deps.repos.requests.change(pending, {
      set: { status: 'received', trust: 'confirmed', updatedAt: at },
      while: { status: 'awaiting-confirmation' },
    }),
    ...trustWrites,
  ]);
  if (!done.ok) return { kind: refusedBy(done, 'claim') ? 'already-requested' : 'invalid-transition' };
  return { kind: 'admitted', request: await placeRequest(deps, received, '', quartier) };
}

async function resume(
  deps: Deps,
  requestId: string,
  token: string,
  known?: { request: SupportRequest; quartier?: QuartierItem },
): Promise<SubmitSupportOutcome> {
  let r = known?.request ?? (await deps.repos.requests.get<SupportRequest>(requestId))!;
  if (r.status === 'received') r = await placeRequest(deps, r, token, known?.quartier);
  const outcome = r.status === 'waitlisted' ? 'waitlisted' : 'granted';
  return {
    kind: 'created',
    response: {
      id: r.id,
      year: r.year,
      outcome,
      ...(outcome === 'granted' ? { slot: r.slot } : { waitlistPosition: r.initialPosition }),
      statusToken: token,
    },
  };
}
