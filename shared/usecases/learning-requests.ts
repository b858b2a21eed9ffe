/**
 * Axis 1 requests: intake with the quartier's balance, routing to a partner, the partner's answer through
 * signed links or the portal, re-routing on decline or silence, the lifecycle through the learning loop.
 */
import { keys } from '#adapters/dynamodb/keys';
import { cond } from '#adapters/dynamodb/expressions';
import type { TxItem } from '#adapters/dynamodb/store';
import { choosePartner, describeRouting, type PartnerLoad, type RoutingReason } from '#domain/routing';
import { learningCancellable, type LearningState } from '#domain/request-states';
import { businessDaysBetween, localDateAt, previousYear, programYearOf } from '#domain/program-year';
import type { ProgramSettings } from '#domain/settings';
import type { Deps } from '#shared/ports';
import type { Principal } from '#shared/auth';
import { hashToken, newId, newSecretToken, signAction, verifyAction } from '#shared/ids';
import type { LearningRequestInput } from '#shared/schemas';
import { outboxPut } from './outbox.ts';
import { getPartner, getQuartier, listPartners, type PartnerItem, type QuartierItem } from './quartiers.ts';
import { balanceAnswer, getBalance } from './get-balance.ts';
import { normalEmail } from './contacts.ts';
import { mailQuotaTx, quotaSpent } from './abuse-limits.ts';
import {
  auditPut,
  bodyHash,
  findIdempotent,
  idempotencyPut,
  notMeUrl,
  statusUrl,
  verificationEmail,
  type IdempotencyRecord,
  type RequestBase,
} from './requests.ts';

export type LearningStatus = LearningState;

export type LearningRequest = RequestBase & {
  kind: 'learning';
  status: LearningStatus;
  question: string;
  focus: LearningRequestInput['focus'];
  preferredPartnerId?: string;
  estimatedMinutes?: number;
  billableAcknowledged?: boolean;
  mode: 'virtual' | 'in-person';
  modeReason?: string;
  partnerId?: string;
  assignment: number;
  routedAt?: string;
  remindedAssignment?: number;
  declinedBy: string[];
  routingReason?: RoutingReason;
  step?: string;
};

export type SubmitLearningOutcome =
  | {
      kind: 'created';
      response: {
        id: string;
        year: string;
        status: string;
        partnerId?: string;
        statusToken: string;
        availableMinutes?: number;
        routing: string;
      };
    }
  | { kind: 'unknown-quartier' | 'billable-not-acknowledged' | 'idempotency-key-reused' | 'too-many-emails' };

const answerFields = (id: string, partnerId: string, assignment: number, action: string) => [
  'answer',
  id,
  partnerId,
  String(assignment),
  action,
];

export function answerUrl(
  deps: Deps,
  r: Pick<LearningRequest, 'id' | 'assignment'>,
  partnerId: string,
  action: 'accept' | 'decline',
) {
  const sig = signAction(deps.config.linkSecret, answerFields(r.id, partnerId, r.assignment, action));
  const q = new URLSearchParams({ id: r.id, p: partnerId, a: String(r.assignment), action, sig });
  return `${deps.config.publicBaseUrl}/#/reponse?${q}`;
}

async function loadsOf(deps: Deps, partnerIds: string[]): Promise<Record<string, PartnerLoad>> {
  const items = await deps.store.batchGet<PartnerLoad & { partnerId: string }>(
    partnerIds.map((p) => keys.partnerLoad(p)),
  );
  return Object.fromEntries(
    items.map((i) => [i.partnerId, { openRequests: i.openRequests, committedMinutes: i.committedMinutes }]),
  );
}

/** Every partner some focus can be routed to. */
const routingCandidates = (settings: ProgramSettings) => [
  ...new Set(Object.values(settings.routing.candidatesByFocus).flat()),
];

async function route(deps: Deps, r: Pick<LearningRequest, 'focus' | 'preferredPartnerId' | 'declinedBy'>) {
  const settings = await deps.settings();
  const [cursor, loads] = await Promise.all([
    deps.store.update<{ value: number }>(keys.routingCursor(), { add: { value: 1 } }),
    loadsOf(deps, routingCandidates(settings)),
  ]);
  return choosePartner({
    focus: r.focus,
    preferredPartnerId: r.preferredPartnerId,
    candidatesByFocus: settings.routing.candidatesByFocus,
    declined: r.declinedBy,
    loads,
    cursor: cursor?.value ?? 0,
  });
}

function assignmentEmail(deps: Deps, r: LearningRequest, q: QuartierItem, partner: PartnerItem, now: Date): TxItem {
  return outboxPut(
    {
      template: 'learning-request-routed',
      to: [partner.email],
      locale: 'fr',
      subjectRef: r.id,
      data: {
        requestId: r.id,
        quartierName: q.name,
        question: r.question,
        focus: r.focus,
        contactName: r.contact.name,
        contactEmail: r.contact.email,
        partnerName: partner.name,
        estimatedMinutes: r.estimatedMinutes,
        mode: r.mode,
        modeReason: r.modeReason,
        acceptUrl: answerUrl(deps, r, partner.id, 'accept'),
        declineUrl: answerUrl(deps, r, partner.id, 'decline'),
      },
    },
    now,
  );
}

const indexOf = (r: Pick<LearningRequest, 'status' | 'createdAt' | 'partnerId'>) => ({
  ...keys.requestIndex('learning', r.status, r.createdAt),
  ...(r.partnerId ? keys.partnerRequestIndex(r.partnerId, r.createdAt) : {}),
});

export async function submitLearningRequest(
  deps: Deps,
  input: LearningRequestInput,
  idempotencyKey?: string,
): Promise<SubmitLearningOutcome> {
  const hash = bodyHash(input);
  const prior = await findIdempotent(deps, 'learning', idempotencyKey);
  if (prior) return replayOf(prior, hash);

  const settings = await deps.settings();
  const now = deps.clock.now();
  const year = programYearOf(localDateAt(now), settings.yearStart);
  const token = newSecretToken();
  const at = now.toISOString();
  // Everything the decision needs in one BatchGetItem, then one transaction: two round trips in all.
  const candidates = routingCandidates(settings);
  const contactKey = keys.quartierContact(input.quartierId, normalEmail(input.contact.email));
  const [items, partners] = await Promise.all([
    deps.store.batchGet<Record<string, unknown> & { pk: string; sk: string }>([
      keys.quartier(input.quartierId),
      contactKey,
      keys.balance(input.quartierId, 'learning', year),
      keys.balance(input.quartierId, 'learning', previousYear(year)),
      keys.routingCursor(),
      ...candidates.map((p) => keys.partnerLoad(p)),
    ]),
    listPartners(deps),
  ]);
  const find = <T>(k: { pk: string; sk: string }) => items.find((i) => i.pk === k.pk && i.sk === k.sk) as T | undefined;
  const quartier = find<QuartierItem>(keys.quartier(input.quartierId));
  if (!quartier) return { kind: 'unknown-quartier' };
  const balance = balanceAnswer(
    settings,
    quartier.id,
    'learning',
    year,
    find(keys.balance(quartier.id, 'learning', year)),
    find(keys.balance(quartier.id, 'learning', previousYear(year))),
  );
  if ((input.estimatedMinutes ?? 0) > balance.availableMinutes && !input.billableAcknowledged)
    return { kind: 'billable-not-acknowledged' };

  const onFile = !!find(contactKey);
  const request: LearningRequest = {
    id: newId(now.getTime()),
    kind: 'learning',
    year,
    quartierId: quartier.id,
    contact: input.contact,
    locale: input.locale,
    status: 'unverified',
    statusTokenHash: hashToken(token),
    createdAt: at,
    updatedAt: at,
    question: input.question,
    focus: input.focus,
    preferredPartnerId: input.preferredPartnerId,
    estimatedMinutes: input.estimatedMinutes,
    billableAcknowledged: input.billableAcknowledged,
    mode: input.mode,
    modeReason: input.modeReason,
    assignment: 1,
    declinedBy: [],
  };
  let response: LearningCreated;
  const tx: TxItem[] = [];
  if (onFile) {
    // The round-robin position moves in the submission's own transaction (a tie between two simultaneous
    // submissions may then go the same way; the load decides the next ones).
    const cursor = find<{ value: number }>(keys.routingCursor())?.value ?? 0;
    const loads = Object.fromEntries(
      candidates.map((p) => [p, find<PartnerLoad>(keys.partnerLoad(p)) ?? { openRequests: 0, committedMinutes: 0 }]),
    );
    const decision = choosePartner({
      focus: input.focus,
      preferredPartnerId: input.preferredPartnerId,
      candidatesByFocus: settings.routing.candidatesByFocus,
      declined: [],
      loads,
      cursor,
    });
    const submitted = auditPut(request.id, { at, event: 'submitted', by: 'requester' });
    const admitted = admission(deps, { ...request, trust: 'on-file' }, quartier, partners, decision, balance, now, {
      token,
      notMe: true,
    });
    tx.push(
      {
        put: { ...keys.request(admitted.request.id), ...indexOf(admitted.request), ...admitted.request },
        when: cond.notExists(),
      },
      { update: keys.routingCursor(), spec: { add: { value: 1 } } },
      submitted,
      ...admitted.tx,
    );
    response = {
      id: request.id,
      year,
      status: admitted.request.status,
      partnerId: admitted.request.partnerId,
      availableMinutes: balance.availableMinutes,
      routing: admitted.routing,
    };
  } else {
    // An address the program has never seen: the request is kept, and only its own address hears of it.
    tx.push(
      { put: { ...keys.request(request.id), ...indexOf(request), ...request }, when: cond.notExists() },
      auditPut(request.id, { at, event: 'submitted', by: 'requester' }),
      verificationEmail(deps, request, quartier.name, token, now),
    );
    response = { id: request.id, year, status: 'unverified', routing: 'unverified' };
  }
  // At most a few acknowledgements to one address an hour, counted only if the submission commits.
  tx.push(mailQuotaTx('request-acknowledgement', input.contact.email, now));
  if (idempotencyKey)
    tx.push(
      idempotencyPut(
        deps,
        'learning',
        idempotencyKey,
        { requestId: request.id, bodyHash: hash, response, statusToken: token },
        now,
      ),
    );
  const result = await deps.store.transact(tx);
  if (!result.ok) {
    // The same key, sent at the same moment by a retrying client: answer what the first one answered.
    const replay = await findIdempotent(deps, 'learning', idempotencyKey);
    if (replay) return replayOf(replay, hash);
    if (quotaSpent(result)) return { kind: 'too-many-emails' };
    throw new Error('learning request: transaction refused');
  }
  return { kind: 'created', response: { ...response, statusToken: token } };
}

type LearningCreated = Omit<Extract<SubmitLearningOutcome, { kind: 'created' }>['response'], 'statusToken'>;

const replayOf = (prior: IdempotencyRecord, hash: string): SubmitLearningOutcome =>
  prior.bodyHash === hash
    ? { kind: 'created', response: { ...(prior.response as LearningCreated), statusToken: prior.statusToken } }
    : { kind: 'idempotency-key-reused' };

/**
 * What serving a request writes besides the request itself: the audit of its routing, the requester's
 * acknowledgement, and the partner's assignment (or the team's decision). The same at submission (a contact on
 * file) and when trust is established later.
 */
function admission(
  deps: Deps,
  pending: LearningRequest,
  quartier: QuartierItem,
  partners: PartnerItem[],
  decision: ReturnType<typeof choosePartner>,
  balance: { availableMinutes: number },
  now: Date,
  opts: { token?: string; notMe?: boolean },
): { request: LearningRequest; routing: string; tx: TxItem[] } {
  const at = now.toISOString();
  const partner = decision.kind === 'routed' ? partners.find((p) => p.id === decision.partnerId) : undefined;
  const request: LearningRequest =
    partner && decision.kind === 'routed'
      ? { ...pending, status: 'routed', partnerId: partner.id, routedAt: at, routingReason: decision.reason }
      : { ...pending, status: 'needs-decision' };
  const routing =
    partner && decision.kind === 'routed'
      ? describeRouting(partner.name, decision.reason, request.locale)
      : 'needs-decision';
  const tx: TxItem[] = [
    auditPut(request.id, { at, event: request.status, by: 'system', reason: routing }),
    outboxPut(
      {
        template: 'learning-request-received',
        to: [request.contact.email],
        locale: request.locale,
        subjectRef: request.id,
        data: {
          requestId: request.id,
          quartierName: quartier.name,
          question: request.question,
          focus: request.focus,
          contactName: request.contact.name,
          contactEmail: request.contact.email,
          partnerName: partner?.name ?? (request.locale === 'en' ? 'the PIC team' : "l'équipe PIC"),
          mode: request.mode,
          statusUrl: statusUrl(deps, request.id, opts.token),
          ...(opts.notMe ? { notMeUrl: notMeUrl(deps, request.id) } : {}),
          availableMinutes: balance.availableMinutes,
        },
      },
      now,
    ),
    partner
      ? assignmentEmail(deps, request, quartier, partner, now)
      : needsDecisionEmail(deps, request, quartier, 'no partner available for this focus', now),
  ];
  return { request, routing, tx };
}

/**
 * Trust is established for a request that waited (coordination or the advisor vouched): it is routed now, as a
 * contact on file's would have been, and the requester is put on file in the same transaction.
 */
export async function admitLearningRequest(
  deps: Deps,
  pending: LearningRequest,
  quartier: QuartierItem,
  trustWrites: TxItem[],
): Promise<{ kind: 'admitted'; request: LearningRequest } | { kind: 'invalid-transition' }> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const [decision, partners, balance] = await Promise.all([
    route(deps, pending),
    listPartners(deps),
    getBalance(deps, quartier.id, 'learning', pending.year),
  ]);
  const { request, tx } = admission(
    deps,
    { ...pending, trust: 'confirmed', updatedAt: at },
    quartier,
    partners,
    decision,
    balance,
    now,
    {},
  );
  const done = await deps.store.transact([
    {
      update: keys.request(request.id),
      spec: {
        set: {
          status: request.status,
          trust: 'confirmed',
          updatedAt: at,
          ...(request.partnerId
            ? { partnerId: request.partnerId, routedAt: request.routedAt, routingReason: request.routingReason }
            : {}),
          ...indexOf(request),
        },
      },
      when: cond.eq('status', 'awaiting-confirmation'),
    },
    ...trustWrites,
    ...tx,
  ]);
  return done.ok ? { kind: 'admitted', request } : { kind: 'invalid-transition' };
}

function needsDecisionEmail(deps: Deps, r: LearningRequest, q: QuartierItem, why: string, now: Date): TxItem {
  return outboxPut(
    {
      template: 'learning-request-needs-decision',
      to: [deps.config.mail.team],
      subjectRef: r.id,
      data: { requestId: r.id, quartierName: q.name, why, dashboardUrl: `${deps.config.publicBaseUrl}/#/coordination` },
    },
    now,
  );
}

type AnswerOutcome =
  | { kind: 'accepted' | 'rerouted' | 'needs-decision'; request: LearningRequest }
  | { kind: 'invalid-link' | 'not-found' | 'forbidden' };

/** The partner's answer from an emailed link: signed for this request, partner and assignment; usable once. */
export async function answerByLink(
  deps: Deps,
  id: string,
  a: { action: 'accept' | 'decline'; partnerId: string; assignment: number; signature: string; reason?: string },
): Promise<AnswerOutcome> {
  if (!verifyAction(deps.config.linkSecret, answerFields(id, a.partnerId, a.assignment, a.action), a.signature))
    return { kind: 'invalid-link' };
  return answer(deps, id, a.partnerId, a.assignment, a.action, `partner:${a.partnerId}`, a.reason);
}

/** The same answer from the partner portal. */
export async function answerAsPartner(
  deps: Deps,
  id: string,
  by: Principal,
  action: 'accept' | 'decline',
  reason?: string,
): Promise<AnswerOutcome> {
  if (by.role !== 'partner') return { kind: 'forbidden' };
  const r = await deps.store.get<LearningRequest>(keys.request(id));
  if (r?.kind !== 'learning') return { kind: 'not-found' };
  if (r.partnerId !== by.partnerId) return { kind: 'forbidden' };
  return answer(deps, id, by.partnerId, r.assignment, action, by.sub, reason);
}

async function answer(
  deps: Deps,
  id: string,
  partnerId: string,
  assignment: number,
  action: 'accept' | 'decline',
  by: string,
  reason?: string,
): Promise<AnswerOutcome> {
  const r = await deps.store.get<LearningRequest>(keys.request(id));
  if (r?.kind !== 'learning') return { kind: 'not-found' };
  if (r.status !== 'routed' || r.partnerId !== partnerId || r.assignment !== assignment)
    return { kind: 'invalid-link' };
  const q = (await getQuartier(deps, r.quartierId))!;
  const now = deps.clock.now();
  const at = now.toISOString();
  const stillAssigned = cond.and(
    cond.eq('status', 'routed'),
    cond.eq('partnerId', partnerId),
    cond.eq('assignment', assignment),
  );
  if (action === 'accept') {
    const accepted: LearningRequest = { ...r, status: 'accepted', updatedAt: at };
    const partner = (await getPartner(deps, partnerId))!;
    const done = await deps.store.transact([
      {
        update: keys.request(id),
        spec: { set: { status: 'accepted', updatedAt: at, acceptedAt: at, ...indexOf(accepted) } },
        when: stillAssigned,
      },
      {
        update: keys.partnerLoad(partnerId),
        spec: { add: { openRequests: 1, committedMinutes: r.estimatedMinutes ?? 0 } },
      },
      auditPut(id, { at, event: 'accepted', by }),
      statusEmail(deps, accepted, q, partner.name, now),
    ]);
    return done.ok ? { kind: 'accepted', request: accepted } : { kind: 'invalid-link' };
  }
  return reroute(deps, r, q, { by, reason: reason ?? 'declined', event: 'declined', when: stillAssigned });
}

function statusEmail(
  deps: Deps,
  r: LearningRequest,
  q: QuartierItem,
  partnerName: string,
  now: Date,
  reason?: string,
  token?: string,
): TxItem {
  return outboxPut(
    {
      template: 'learning-request-status',
      to: [r.contact.email],
      locale: r.locale,
      subjectRef: r.id,
      data: {
        contactName: r.contact.name,
        quartierName: q.name,
        partnerName,
        status: r.status,
        reason,
        statusUrl: statusUrl(deps, r.id, token),
      },
    },
    now,
  );
}

/** A decline (or silence past the delay): the next candidate who has not declined, or the coordination team. */
async function reroute(
  deps: Deps,
  r: LearningRequest,
  q: QuartierItem,
  x: { by: string; reason: string; event: string; when: ReturnType<typeof cond.and> },
): Promise<AnswerOutcome> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const declinedBy = [...new Set([...r.declinedBy, r.partnerId!])];
  const decision = await route(deps, { focus: r.focus, preferredPartnerId: r.preferredPartnerId, declinedBy });
  const partner = decision.kind === 'routed' ? await getPartner(deps, decision.partnerId) : undefined;
  const next: LearningRequest =
    partner && decision.kind === 'routed'
      ? {
          ...r,
          status: 'routed',
          partnerId: partner.id,
          assignment: r.assignment + 1,
          declinedBy,
          routedAt: at,
          routingReason: decision.reason,
          updatedAt: at,
        }
      : {
          ...r,
          status: 'needs-decision',
          partnerId: undefined,
          assignment: r.assignment + 1,
          declinedBy,
          updatedAt: at,
        };
  const routing =
    partner && decision.kind === 'routed' ? describeRouting(partner.name, decision.reason) : 'needs-decision';
  const tx: TxItem[] = [
    {
      update: keys.request(r.id),
      spec: {
        set: {
          status: next.status,
          partnerId: next.partnerId,
          assignment: next.assignment,
          declinedBy,
          routedAt: next.routedAt,
          routingReason: next.routingReason,
          updatedAt: at,
          ...indexOf(next),
        },
        remove: next.partnerId ? [] : ['partnerId', 'gsi2pk', 'gsi2sk'],
      },
      when: x.when,
    },
    auditPut(r.id, { at, event: x.event, by: x.by, reason: x.reason, detail: { partnerId: r.partnerId } }),
    auditPut(r.id, {
      at,
      event: next.status === 'routed' ? 'rerouted' : 'needs-decision',
      by: 'system',
      reason: routing,
    }),
    partner
      ? assignmentEmail(deps, next, q, partner, now)
      : needsDecisionEmail(deps, next, q, `every partner declined (${declinedBy.join(', ')})`, now),
  ];
  const done = await deps.store.transact(tx);
  if (!done.ok) return { kind: 'invalid-link' };
  return { kind: next.status === 'routed' ? 'rerouted' : 'needs-decision', request: next };
}

/** Coordination decides: assign to a partner (after declines, or to override), with a reason. */
export async function assignRequest(deps: Deps, id: string, partnerId: string, reason: string, by: Principal) {
  const r = await deps.store.get<LearningRequest>(keys.request(id));
  if (r?.kind !== 'learning') return { kind: 'not-found' as const };
  if (!['routed', 'needs-decision'].includes(r.status)) return { kind: 'invalid-transition' as const };
  const partner = await getPartner(deps, partnerId);
  if (!partner) return { kind: 'not-found' as const };
  const q = (await getQuartier(deps, r.quartierId))!;
  const now = deps.clock.now();
  const at = now.toISOString();
  const next: LearningRequest = {
    ...r,
    status: 'routed',
    partnerId,
    assignment: r.assignment + 1,
    routedAt: at,
    updatedAt: at,
  };
  const done = await deps.store.transact([
    {
      update: keys.request(id),
      spec: {
        set: {
          status: 'routed',
          partnerId,
          assignment: next.assignment,
          routedAt: at,
          updatedAt: at,
          ...indexOf(next),
        },
      },
      when: cond.eq('assignment', r.assignment),
    },
    auditPut(id, { at, event: 'assigned', by: by.sub, reason, detail: { partnerId } }),
    assignmentEmail(deps, next, q, partner, now),
  ]);
  return done.ok ? { kind: 'assigned' as const, request: next } : { kind: 'invalid-transition' as const };
}

const NEXT: Record<string, string[]> = { accepted: ['in-progress', 'completed'], 'in-progress': ['completed'] };

/** The partner moves the request through the learning loop and its lifecycle. */
export async function updateProgress(
  deps: Deps,
  id: string,
  by: Principal,
  p: { status?: 'in-progress' | 'completed'; step?: string },
) {
  const r = await deps.store.get<LearningRequest>(keys.request(id));
  if (r?.kind !== 'learning') return { kind: 'not-found' as const };
  if (by.role === 'partner' && r.partnerId !== by.partnerId) return { kind: 'forbidden' as const };
  if (!['accepted', 'in-progress'].includes(r.status)) return { kind: 'invalid-transition' as const };
  const status = p.status ?? (p.step && r.status === 'accepted' ? 'in-progress' : r.status);
  if (status !== r.status && !(NEXT[r.status] ?? []).includes(status)) return { kind: 'invalid-transition' as const };
  const now = deps.clock.now();
  const at = now.toISOString();
  const next: LearningRequest = { ...r, status: status as LearningStatus, step: p.step ?? r.step, updatedAt: at };
  const tx: TxItem[] = [
    {
      update: keys.request(id),
      spec: { set: { status: next.status, step: next.step, updatedAt: at, ...indexOf(next) } },
      when: cond.eq('updatedAt', r.updatedAt),
    },
    auditPut(id, { at, event: p.step && p.step !== r.step ? `step:${p.step}` : next.status, by: by.sub }),
  ];
  if (next.status === 'completed') {
    tx.push({
      update: keys.partnerLoad(r.partnerId!),
      spec: { add: { openRequests: -1, committedMinutes: -(r.estimatedMinutes ?? 0) } },
    });
    const q = (await getQuartier(deps, r.quartierId))!;
    tx.push(statusEmail(deps, next, q, (await getPartner(deps, r.partnerId!))!.name, now));
  }
  const done = await deps.store.transact(tx);
  return done.ok ? { kind: 'updated' as const, request: next } : { kind: 'invalid-transition' as const };
}

/** Cancelled by the requester (status token) or the coordination team. */
export async function cancelLearningRequest(deps: Deps, id: string, by: string, reason?: string) {
  const r = await deps.store.get<LearningRequest>(keys.request(id));
  if (r?.kind !== 'learning') return { kind: 'not-found' as const };
  if (!learningCancellable(r.status)) return { kind: 'invalid-transition' as const };
  const now = deps.clock.now();
  const at = now.toISOString();
  const next: LearningRequest = { ...r, status: 'cancelled', updatedAt: at };
  const q = (await getQuartier(deps, r.quartierId))!;
  const partner = r.partnerId ? await getPartner(deps, r.partnerId) : undefined;
  const tx: TxItem[] = [
    {
      update: keys.request(id),
      spec: { set: { status: 'cancelled', updatedAt: at, ...indexOf(next) } },
      when: cond.eq('updatedAt', r.updatedAt),
    },
    auditPut(id, { at, event: 'cancelled', by, reason }),
    statusEmail(deps, next, q, partner?.name ?? 'PIC', now, reason),
  ];
  if (partner)
    tx.push(
      outboxPut(
        {
          template: 'learning-request-status',
          to: [partner.email],
          subjectRef: id,
          data: {
            contactName: partner.name,
            quartierName: q.name,
            partnerName: partner.name,
            status: 'cancelled',
            reason,
            statusUrl: `${deps.config.publicBaseUrl}/#/partenaire`,
          },
        },
        now,
      ),
    );
  if (r.status === 'accepted' || r.status === 'in-progress')
    tx.push({
      update: keys.partnerLoad(r.partnerId!),
      spec: { add: { openRequests: -1, committedMinutes: -(r.estimatedMinutes ?? 0) } },
    });
  const done = await deps.store.transact(tx);
  return done.ok ? { kind: 'cancelled' as const, request: next } : { kind: 'invalid-transition' as const };
}

/** Daily: remind partners who have not answered after N business days; after 2N, re-route and tell the team. */
export async function chaseUnansweredRequests(deps: Deps): Promise<{ reminded: number; rerouted: number }> {
  const settings = await deps.settings();
  const today = localDateAt(deps.clock.now());
  const n = settings.routing.reminderBusinessDays;
  let reminded = 0,
    rerouted = 0;
  for (const r of await deps.store.query<LearningRequest>(keys.requestsOfKindAndStatus('learning', 'routed'))) {
    const waited = businessDaysBetween(localDateAt(new Date(r.routedAt!)), today);
    const q = (await getQuartier(deps, r.quartierId))!;
    if (waited >= 2 * n) {
      const out = await reroute(deps, r, q, {
        by: 'system',
        reason: `no answer after ${waited} business days`,
        event: 'no-answer',
        when: cond.and(cond.eq('status', 'routed'), cond.eq('assignment', r.assignment)),
      });
      if ('request' in out) {
        rerouted++;
        await deps.store.transact([
          needsDecisionEmail(
            deps,
            out.request,
            q,
            `no answer from ${r.partnerId} after ${waited} business days; ${out.kind === 'rerouted' ? `re-routed to ${out.request.partnerId}` : 'no partner left'}`,
            deps.clock.now(),
          ),
        ]);
      }
    } else if (waited >= n && r.remindedAssignment !== r.assignment) {
      const partner = (await getPartner(deps, r.partnerId!))!;
      const done = await deps.store.transact([
        {
          update: keys.request(r.id),
          spec: { set: { remindedAssignment: r.assignment } },
          when: cond.and(cond.eq('status', 'routed'), cond.eq('assignment', r.assignment)),
        },
        outboxPut(
          {
            template: 'partner-reminder',
            to: [partner.email],
            subjectRef: r.id,
            data: {
              partnerName: partner.name,
              quartierName: q.name,
              requestId: r.id,
              businessDays: waited,
              acceptUrl: answerUrl(deps, r, partner.id, 'accept'),
              declineUrl: answerUrl(deps, r, partner.id, 'decline'),
            },
          },
          deps.clock.now(),
        ),
      ]);
      if (done.ok) reminded++;
    }
  }
  return { reminded, rerouted };
}

export async function listLearningRequests(deps: Deps, filter: { status?: string; partnerId?: string }) {
  const statuses = filter.status
    ? [filter.status]
    : ['routed', 'accepted', 'in-progress', 'needs-decision', 'completed', 'cancelled'];
  const items = filter.partnerId
    ? (await deps.store.query<LearningRequest>(keys.requestsOfPartner(filter.partnerId))).filter(
        (r) => !filter.status || r.status === filter.status,
      )
    : (
        await Promise.all(
          statuses.map((s) => deps.store.query<LearningRequest>(keys.requestsOfKindAndStatus('learning', s))),
        )
      ).flat();
  return items.map(({ statusTokenHash, ...r }) => stripKeys(r)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function stripKeys<T extends Record<string, unknown>>(item: T) {
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, ...rest } = item as Record<string, unknown>;
  return rest as Omit<T, 'pk' | 'sk' | 'gsi1pk' | 'gsi1sk' | 'gsi2pk' | 'gsi2sk'>;
}
