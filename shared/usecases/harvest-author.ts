/**
 * Who writes in a learning request's journal (issue 18): the partner holding the request, coordination, or the
 * quartier through its status link (the token, or the signed link of any status email). Another partner is refused.
 */
import type { Deps } from '#shared/ports';
import type { Principal } from '#shared/auth';
import type { Author } from '#domain/harvest';
import type { RequestBase } from '#domain/request-states';
import { tokenMatches } from '#shared/ids';
import { isErased } from '#domain/privacy';
import { statusSignatureMatches } from './requests.ts';

/** What a learning request tells the harvest. */
export type LearningRequestOfHarvest = RequestBase & { kind: 'learning'; focus: string; partnerId?: string };

export type Credentials = { principal: Principal | null; token?: string };

export type Authorized =
  | { kind: 'author'; request: LearningRequestOfHarvest; author: Author }
  | { kind: 'forbidden' }
  | { kind: 'not-found' };

export async function authorOf(deps: Deps, requestId: string, who: Credentials): Promise<Authorized> {
  const r = await deps.repos.requests.get<LearningRequestOfHarvest>(requestId);
  const p = who.principal;
  // Coordination sees every request, so it may learn that one does not exist; others get the same 403 either way.
  if (r?.kind !== 'learning') return { kind: p?.role === 'coordination' ? 'not-found' : 'forbidden' };
  if (p?.role === 'coordination') return { kind: 'author', request: r, author: { role: 'coordination', sub: p.sub } };
  if (p?.role === 'partner' && p.partnerId === r.partnerId)
    return { kind: 'author', request: r, author: { role: 'partner', partnerId: p.partnerId, sub: p.sub } };
  if (
    !isErased(r.contact.email) &&
    (tokenMatches(who.token, r.statusTokenHash) || statusSignatureMatches(deps, r.id, who.token))
  )
    return { kind: 'author', request: r, author: { role: 'requester' } };
  return { kind: 'forbidden' };
}

/** The request's context copied onto each entry. */
export const contextOf = (r: LearningRequestOfHarvest) => ({
  requestId: r.id,
  year: r.year,
  quartierId: r.quartierId,
  ...(r.partnerId ? { partnerId: r.partnerId } : {}),
  focus: r.focus,
});
