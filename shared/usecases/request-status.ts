/** The requester's view of one request, opened with the status token or the signed link of any status email. */
import { isErased } from '#domain/privacy';
import type { LearningRequest } from '#domain/learning-request';
import type { Deps } from '#shared/ports';
import type { Principal } from '#shared/auth';
import { tokenMatches } from '#shared/ids';
import { getBalance } from './get-balance.ts';
import { getPartner, getQuartier } from './quartiers.ts';
import { statusSignatureMatches, type RequestBase } from './requests.ts';
import { cancelLearningRequest } from './cancel-learning-request.ts';
import { offerLastDay } from '#domain/slots';
import { served } from '#domain/request-states';
import type { SupportRequest } from '#domain/slots';
import { releaseSlot } from './release-slot.ts';
import { waitlistPosition } from './support-board.ts';

export async function authorizeRequester(deps: Deps, id: string, token: string | undefined) {
  const r = await deps.repos.requests.get(id);
  // An erased requester's links all stop working, the signed ones of earlier emails included (issue 19).
  if (!r || isErased(r.contact.email)) return undefined;
  return tokenMatches(token, r.statusTokenHash) || statusSignatureMatches(deps, r.id, token) ? r : undefined;
}

/**
 * One request as its reader may see it: coordination and the partner holding it see the staff view, the requester
 * (status token or signed link) theirs. Coordination sees every request, so it may learn that one does not exist;
 * others are forbidden either way.
 */
export async function viewRequest(deps: Deps, id: string, principal: Principal | null, token: string | undefined) {
  const r = await deps.repos.requests.get<RequestBase & { partnerId?: string }>(id);
  if (!r && principal?.role === 'coordination') return { kind: 'not-found' } as const;
  const p = principal;
  const staff = !!p && r && (p.role === 'coordination' || (p.role === 'partner' && r.partnerId === p.partnerId));
  if (staff && r) return { kind: 'view', view: await requestView(deps, r, { staff: true }) } as const;
  const mine = await authorizeRequester(deps, id, token);
  return mine ? ({ kind: 'view', view: await requestView(deps, mine) } as const) : ({ kind: 'forbidden' } as const);
}

export async function requestView(deps: Deps, r: RequestBase, opts: { staff?: boolean } = {}) {
  const quartier = await getQuartier(deps, r.quartierId);
  const history = (await deps.repos.requests.history(r.id)).map((h) => ({
    at: h.at,
    event: h.event,
    reason: h.reason,
    ...(opts.staff ? { by: h.by } : {}),
  }));
  // Until trust is established the requester learns nothing of the quartier's hours.
  const open = served(r);
  const base = {
    id: r.id,
    kind: r.kind,
    year: r.year,
    status: r.status,
    createdAt: r.createdAt,
    quartier: { id: r.quartierId, name: quartier?.name },
    history,
    hours: open || opts.staff ? await hoursOf(deps, r) : [],
  };
  if (r.kind === 'learning') {
    const l = r as LearningRequest;
    const partner = l.partnerId ? await getPartner(deps, l.partnerId) : undefined;
    const balance = open || opts.staff ? await getBalance(deps, r.quartierId, 'learning', r.year) : null;
    return {
      ...base,
      question: l.question,
      focus: l.focus,
      step: l.step,
      mode: l.mode,
      estimatedMinutes: l.estimatedMinutes,
      partner: partner ? { id: partner.id, name: partner.name } : null,
      ...(opts.staff ? { routingReason: l.routingReason, declinedBy: l.declinedBy, contact: l.contact } : {}),
      balance,
    };
  }
  const s = r as SupportRequest;
  const counter = await deps.repos.slots.counter(r.year);
  const balance = open || opts.staff ? await getBalance(deps, r.quartierId, 'additional', r.year) : null;
  return {
    ...base,
    topic: s.topic,
    slot: s.slot ?? null,
    capacity: counter?.capacity ?? null,
    waitlistPosition: (await waitlistPosition(deps, s)) ?? null,
    offerExpiresAt: s.offerExpiresAt ?? null,
    offerLastDay: offerLastDay(s) ?? null,
    balance,
    ...(opts.staff ? { contact: s.contact, ...(s.advisorNote ? { advisorNote: s.advisorNote } : {}) } : {}),
  };
}

/**
 * The hour entries logged against a request (a partner's log and its corrections), oldest first: the quartier sees
 * what its balance was charged, billable part included.
 */
async function hoursOf(deps: Deps, r: RequestBase) {
  const axis = r.kind === 'learning' ? 'learning' : 'additional';
  const entries = (await deps.repos.ledger.entries(r.quartierId, axis, r.year))
    .filter((e) => e.requestId === r.id && (e.kind === 'consumption' || e.kind === 'adjustment'))
    .sort(
      (a, b) => (a.date ?? a.createdAt).localeCompare(b.date ?? b.createdAt) || a.createdAt.localeCompare(b.createdAt),
    );
  const partners = new Map<string, { id: string; name: string } | undefined>();
  for (const id of new Set(entries.flatMap((e) => (e.partnerId ? [e.partnerId] : []))))
    partners.set(id, await getPartner(deps, id).then((p) => (p ? { id: p.id, name: p.name } : undefined)));
  return entries.map((e) => ({
    date: e.date ?? e.createdAt.slice(0, 10),
    minutes: e.minutes,
    billableMinutes: e.billableMinutes ?? 0,
    ...(e.step ? { step: e.step } : {}),
    ...(e.partnerId && partners.get(e.partnerId) ? { partner: partners.get(e.partnerId) } : {}),
  }));
}

/**
 * The requester withdraws (from the status page, or the "this was not me" link of a confirmation), or coordination
 * cancels with a reason. Whatever the request held goes back: a slot passes to the first in line, and the
 * quartier's claim for the year is freed so that it may ask again.
 */
export async function withdrawRequest(deps: Deps, id: string, by: string, opts: { reason?: string; notMe?: boolean }) {
  const r = await deps.repos.requests.get(id);
  if (!r) return { kind: 'not-found' as const };
  const reason = opts.notMe ? (opts.reason ?? 'not-me') : opts.reason;
  if (r.kind === 'learning') {
    const out = await cancelLearningRequest(deps, id, by, reason);
    return out.kind === 'cancelled' ? { kind: 'withdrawn' as const, status: out.request.status } : out;
  }
  const out =
    r.status === 'offered'
      ? await releaseSlot(deps, id, by, reason, 'offer-declined')
      : await releaseSlot(deps, id, by, reason);
  if (out.kind !== 'released') return out;
  return { kind: 'withdrawn' as const, status: (await deps.repos.requests.get(id))!.status };
}
