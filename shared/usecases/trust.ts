/**
 * Who speaks for a quartier. A request from an address not on file waits: first its owner proves the address (the
 * verification email's link), then the quartier's advisor on file or coordination vouches for the person in one
 * click — which puts them on file and serves the request from that moment — or refuses, which closes it.
 */
import type { LearningRequest } from '#domain/learning-request';
import { isErased } from '#domain/privacy';
import type { Deps } from '#shared/ports';
import type { Principal } from '#shared/auth';
import { getQuartier } from './quartiers.ts';
import { confirmSignatureMatches, confirmUrl, verifySignatureMatches, type RequestBase } from './requests.ts';
import { admitLearningRequest } from './admit-learning-request.ts';
import { admitAdditionalSupport } from './claim-slot.ts';
import type { SupportRequest } from '#domain/slots';

type Pending = (LearningRequest | SupportRequest) & RequestBase;

const summaryOf = (r: Pending) =>
  r.kind === 'learning' ? (r as LearningRequest).question : (r as SupportRequest).topic;

/** The address's owner followed the verification link: the advisor on file and coordination are asked to vouch. */
export async function verifyEmail(deps: Deps, id: string, signature: string) {
  if (!verifySignatureMatches(deps, id, signature)) return { kind: 'invalid-link' as const };
  const { requests } = deps.repos;
  const r = await requests.get<Pending>(id);
  if (!r || isErased(r.contact.email)) return { kind: 'not-found' as const };
  // A second click (or a mail scanner's) changes nothing and says where the request stands.
  if (r.status !== 'unverified') return { kind: 'verified' as const, status: r.status };
  const q = (await getQuartier(deps, r.quartierId))!;
  const now = deps.clock.now();
  const at = now.toISOString();
  const done = await deps.tx.commit([
    requests.change(r, { set: { status: 'awaiting-confirmation', updatedAt: at }, while: { status: 'unverified' } }),
    requests.audit(id, { at, event: 'email-verified', by: 'requester' }),
    deps.repos.outbox.enqueue(
      {
        template: 'trust-confirm',
        to: [q.advisor.email],
        cc: [deps.config.mail.team],
        subjectRef: id,
        data: {
          quartierName: q.name,
          contactName: r.contact.name,
          contactEmail: r.contact.email,
          kind: r.kind,
          summary: summaryOf(r),
          confirmUrl: confirmUrl(deps, id),
        },
      },
      now,
    ),
  ]);
  if (!done.ok) return { kind: 'verified' as const, status: (await requests.get(id))!.status };
  return { kind: 'verified' as const, status: 'awaiting-confirmation' };
}

/** Who may vouch: coordination, or whoever holds the link sent to the advisor on file (and the team). */
const mayVouch = (deps: Deps, id: string, by: { principal: Principal | null; signature?: string }) =>
  by.principal?.role === 'coordination' || confirmSignatureMatches(deps, id, by.signature);

export async function trustView(deps: Deps, id: string, by: { principal: Principal | null; signature?: string }) {
  if (!mayVouch(deps, id, by)) return { kind: 'forbidden' as const };
  const r = await deps.repos.requests.get<Pending>(id);
  if (!r || isErased(r.contact.email)) return { kind: 'not-found' as const };
  return { kind: 'view' as const, view: await viewOf(deps, r) };
}

async function viewOf(deps: Deps, r: Pending) {
  const q = await getQuartier(deps, r.quartierId);
  const advisorNote = r.kind === 'additional' ? (r as SupportRequest).advisorNote : undefined;
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    createdAt: r.createdAt,
    quartier: { id: r.quartierId, name: q?.name ?? r.quartierId },
    contact: { name: r.contact.name, email: r.contact.email },
    summary: summaryOf(r),
    ...(advisorNote ? { advisorNote } : {}),
  };
}

/** Requests whose address is proven, waiting for someone to vouch (the coordination dashboard), oldest first. */
export async function listAwaitingTrust(deps: Deps) {
  const lists = await Promise.all(
    (['learning', 'additional'] as const).map((kind) =>
      deps.repos.requests.withStatus<Pending>(kind, 'awaiting-confirmation'),
    ),
  );
  const all = lists.flat().sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return Promise.all(all.map((r) => viewOf(deps, r)));
}

export type TrustOutcome =
  | { kind: 'confirmed'; status: string }
  | { kind: 'refused' }
  | { kind: 'forbidden' | 'not-found' | 'invalid-transition' | 'email-not-verified' | 'already-requested' };

export async function decideTrust(
  deps: Deps,
  id: string,
  decision: { decision: 'confirm' | 'refuse'; reason?: string },
  by: { principal: Principal | null; signature?: string },
): Promise<TrustOutcome> {
  if (!mayVouch(deps, id, by)) return { kind: 'forbidden' };
  const { requests, quartiers } = deps.repos;
  const r = await requests.get<Pending>(id);
  if (!r || isErased(r.contact.email)) return { kind: 'not-found' };
  if (r.status === 'unverified') return { kind: 'email-not-verified' };
  if (r.status !== 'awaiting-confirmation') return { kind: 'invalid-transition' };
  const q = (await getQuartier(deps, r.quartierId))!;
  const who = by.principal?.role === 'coordination' ? by.principal.sub : 'advisor';
  const now = deps.clock.now();
  const at = now.toISOString();
  if (decision.decision === 'refuse') {
    const done = await deps.tx.commit([
      requests.change(r, {
        set: { status: 'not-confirmed', updatedAt: at },
        while: { status: 'awaiting-confirmation' },
      }),
      requests.audit(id, { at, event: 'not-confirmed', by: who, reason: decision.reason }),
      deps.repos.outbox.enqueue(
        {
          template: 'trust-refused',
          to: [r.contact.email],
          locale: r.locale,
          subjectRef: id,
          data: {
            contactName: r.contact.name,
            quartierName: q.name,
            reason: decision.reason,
            teamEmail: deps.config.mail.team,
          },
        },
        now,
      ),
    ]);
    return done.ok ? { kind: 'refused' } : { kind: 'invalid-transition' };
  }
  const trustWrites = [
    quartiers.mustExist(q.id),
    quartiers.putContact({
      quartierId: q.id,
      name: r.contact.name,
      email: r.contact.email,
      locale: r.locale,
      addedAt: at,
      addedBy: `trust:${r.id}`,
    }),
    requests.audit(id, { at, event: 'trust-confirmed', by: who, reason: decision.reason }),
  ];
  const out =
    r.kind === 'learning'
      ? await admitLearningRequest(deps, r as LearningRequest, q, trustWrites)
      : await admitAdditionalSupport(deps, r as SupportRequest, q, trustWrites);
  return out.kind === 'admitted' ? { kind: 'confirmed', status: out.request.status } : { kind: out.kind };
}
