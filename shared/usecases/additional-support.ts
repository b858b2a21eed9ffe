/**
 * Axis 2: nine slots a year (configurable), first come first served. The store decides every grant:
 * one claim per quartier and year (conditional put), one holder per slot number (conditional put), a waiting
 * list whose tickets come from an atomic counter. A released slot is offered to the first person waiting,
 * once, whatever races with it: the slot's holder condition lets only one promotion through.
 */
import { keys } from '#adapters/dynamodb/keys';
import { cond } from '#adapters/dynamodb/expressions';
import { currentOf, refusedBy, type TxItem } from '#adapters/dynamodb/store';
import { localDateAt, programYearOf } from '#domain/program-year';
import { awaitsTrust, type SupportState } from '#domain/request-states';
import {
  offerDeadline,
  offerLastDay,
  offerOver,
  placementOf,
  waitingPosition,
  yearOver,
  type SlotCounter,
} from '#domain/slots';
import {
  balanceCreate,
  balanceWrite,
  entryPut,
  newBalance,
  readBalance,
  type BalanceItem,
} from '#adapters/dynamodb/ledger-repo';
import type { Deps } from '#shared/ports';
import { hashToken, newId, newSecretToken } from '#shared/ids';
import type { AdditionalSupportInput } from '#shared/schemas';
import { outboxPut } from './outbox.ts';
import { getQuartier, type QuartierItem } from './quartiers.ts';
import { findContact } from './contacts.ts';
import { mailQuotaTx, quotaSpent } from './abuse-limits.ts';
import {
  auditPut,
  bodyHash,
  findIdempotent,
  idempotencyPut,
  notMeUrl,
  statusUrl,
  verificationEmail,
  type RequestBase,
} from './requests.ts';

export type SupportStatus = SupportState;

export type SupportRequest = RequestBase & {
  kind: 'additional';
  status: SupportStatus;
  topic: string;
  /** The advisor named in the form: a note for coordination, never emailed (the advisor on file is). */
  advisorNote?: { name: string; email: string };
  estimatedMinutes?: number;
  slot?: number;
  ticket?: number;
  initialPosition?: number;
  offerExpiresAt?: string;
};

type SlotItem = {
  year: string;
  slot: number;
  requestId?: string;
  quartierId?: string;
  status: 'granted' | 'offered' | 'free';
  offerExpiresAt?: string;
  version: number;
};
type Counter = SlotCounter & { year: string };

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
  | { kind: 'unknown-quartier' | 'already-requested' | 'idempotency-key-reused' | 'too-many-emails' };

const RCL_URL = 'https://www.centraide-mtl.org/';

async function ensureCounter(deps: Deps, year: string): Promise<Counter> {
  const existing = await deps.store.get<Counter>(keys.supportCounter(year));
  if (existing) return existing;
  const settings = await deps.settings();
  const counter = { year, capacity: settings.additional.slotsPerYear, grantSeq: 0, waitSeq: 0, waitOut: 0 };
  await deps.store.put(
    { ...keys.supportCounter(year), ...counter, openedAt: deps.clock.now().toISOString() },
    cond.notExists(),
  );
  return (await deps.store.get<Counter>(keys.supportCounter(year)))!;
}

const requestIndex = (r: SupportRequest) => keys.requestIndex('additional', r.status, r.createdAt);

export async function submitAdditionalSupport(
  deps: Deps,
  input: AdditionalSupportInput,
  idempotencyKey?: string,
): Promise<SubmitSupportOutcome> {
  const hash = bodyHash(input);
  const prior = await findIdempotent(deps, 'additional', idempotencyKey);
  if (prior)
    return prior.bodyHash === hash
      ? resume(deps, prior.requestId, prior.statusToken)
      : { kind: 'idempotency-key-reused' };
  const [quartier, onFile] = await Promise.all([
    getQuartier(deps, input.quartierId),
    findContact(deps, input.quartierId, input.contact.email),
  ]);
  if (!quartier) return { kind: 'unknown-quartier' };
  const settings = await deps.settings();
  const now = deps.clock.now();
  const at = now.toISOString();
  const year = programYearOf(localDateAt(now), settings.yearStart);

  const token = newSecretToken();
  const request: SupportRequest = {
    id: newId(now.getTime()),
    kind: 'additional',
    year,
    quartierId: quartier.id,
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
  };
  const tx: TxItem[] = [
    { put: { ...keys.request(request.id), ...requestIndex(request), ...request }, when: cond.notExists() },
    auditPut(request.id, { at, event: 'submitted', by: 'requester', detail: { advisorConsulted: true } }),
  ];
  if (idempotencyKey)
    tx.push(
      idempotencyPut(
        deps,
        'additional',
        idempotencyKey,
        { requestId: request.id, bodyHash: hash, statusToken: token },
        now,
      ),
    );
  // At most a few acknowledgements to one address an hour, counted only if the submission commits.
  const quota = mailQuotaTx('request-acknowledgement', input.contact.email, now);
  if (!onFile) {
    // An address the program has never seen: no claim, no slot, no place in line, no email but to that address.
    const stored = await deps.store.transact([
      quota,
      ...tx,
      verificationEmail(deps, request, quartier.name, token, now),
    ]);
    if (!stored.ok) {
      if (!(await findIdempotent(deps, 'additional', idempotencyKey)) && quotaSpent(stored))
        return { kind: 'too-many-emails' };
      return replayOrThrow(deps, idempotencyKey, hash);
    }
    return { kind: 'created', response: { id: request.id, year, outcome: 'unverified', statusToken: token } };
  }
  await ensureCounter(deps, year);
  // Step 1: the quartier's one claim for the year, with the request itself. The claim is what makes
  // twenty simultaneous submissions from one quartier a single request.
  const claimed = await deps.store.transact([claimPut(request, at), quota, ...tx]);
  if (!claimed.ok) {
    // The same key sent twice at once finds the first one's claim: answer what the first one answers.
    if (await findIdempotent(deps, 'additional', idempotencyKey)) return replayOrThrow(deps, idempotencyKey, hash);
    if (refusedBy(claimed, 'claim')) return { kind: 'already-requested' };
    if (quotaSpent(claimed)) return { kind: 'too-many-emails' };
    throw new Error('additional support: claim refused');
  }
  // Step 2: a slot, or the waiting list. A crash between the steps leaves a "received" request that a
  // retry with the same key, or the daily job, takes on from here.
  return resume(deps, request.id, token, { request, quartier });
}

async function replayOrThrow(deps: Deps, key: string | undefined, hash: string): Promise<SubmitSupportOutcome> {
  const replay = await findIdempotent(deps, 'additional', key);
  if (!replay) throw new Error('additional support: submission refused');
  return replay.bodyHash === hash
    ? resume(deps, replay.requestId, replay.statusToken)
    : { kind: 'idempotency-key-reused' };
}

/** The quartier's one claim on the year's slots: held from trust to withdrawal. */
const claimPut = (r: SupportRequest, at: string): TxItem => ({
  name: 'claim',
  put: { ...keys.supportClaim(r.year, r.quartierId), requestId: r.id, at },
  when: cond.notExists(),
});
/** Withdrawing gives the claim back: the quartier may ask again, behind those already waiting. */
const claimFree = (r: SupportRequest): TxItem => ({
  delete: keys.supportClaim(r.year, r.quartierId),
  when: cond.or(cond.notExists(), cond.eq('requestId', r.id)),
});

/**
 * Trust is established for a request that waited: it takes the quartier's claim now and enters the
 * first-come-first-served order at this moment (a slot, or the waiting list), as a contact on file's would have.
 */
export async function admitAdditionalSupport(
  deps: Deps,
  pending: SupportRequest,
  quartier: QuartierItem,
  trustWrites: TxItem[],
): Promise<{ kind: 'admitted'; request: SupportRequest } | { kind: 'already-requested' | 'invalid-transition' }> {
  const at = deps.clock.now().toISOString();
  await ensureCounter(deps, pending.year);
  const received: SupportRequest = { ...pending, status: 'received', trust: 'confirmed', updatedAt: at };
  const done = await deps.store.transact([
    claimPut(received, at),
    {
      update: keys.request(pending.id),
      spec: { set: { status: 'received', trust: 'confirmed', updatedAt: at, ...requestIndex(received) } },
      when: cond.eq('status', 'awaiting-confirmation'),
    },
    ...trustWrites,
  ]);
  if (!done.ok) return { kind: refusedBy(done, 'claim') ? 'already-requested' : 'invalid-transition' };
  return { kind: 'admitted', request: await placeRequest(deps, received, '', quartier) };
}

async function resume(
  deps: Deps,
  requestId: string,
  token: string,
  known?: { request: SupportRequest; quartier: QuartierItem },
): Promise<SubmitSupportOutcome> {
  let r = known?.request ?? (await deps.store.get<SupportRequest>(keys.request(requestId)))!;
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

function grantLedger(r: SupportRequest, existing: BalanceItem | undefined, minutes: number, at: string): TxItem[] {
  const entry = entryPut(
    {
      id: `grant-${r.id}`,
      quartierId: r.quartierId,
      axis: 'additional',
      year: r.year,
      kind: 'allocation',
      minutes,
      requestId: r.id,
      author: 'additional-support',
      createdAt: at,
    },
    { unique: true },
  );
  const set = { opened: true, allocatedMinutes: (existing?.allocatedMinutes ?? 0) + minutes };
  return [
    entry,
    existing ? balanceWrite(existing, set) : balanceCreate(newBalance(r.quartierId, 'additional', r.year), set),
  ];
}

function emails(
  deps: Deps,
  r: SupportRequest,
  q: QuartierItem,
  token: string | undefined,
  capacity: number,
  outcome: 'granted' | 'waitlisted' | 'offered',
  now: Date,
): TxItem[] {
  const link = statusUrl(deps, r.id, token);
  // A contact on file is served at once: their acknowledgement lets the real owner of the address say "not me".
  const notMe = r.trust === 'on-file' && outcome !== 'offered' ? { notMeUrl: notMeUrl(deps, r.id) } : {};
  const out: TxItem[] = [
    outboxPut(
      {
        template: 'additional-support-outcome',
        to: [r.contact.email],
        ...(outcome === 'offered' ? { cc: [q.advisor.email] } : {}),
        locale: r.locale,
        subjectRef: r.id,
        data: {
          contactName: r.contact.name,
          quartierName: q.name,
          outcome,
          slot: r.slot,
          capacity,
          position: r.initialPosition,
          advisorName: q.advisor.name,
          statusUrl: link,
          ...notMe,
          offerExpiresOn: offerLastDay(r),
          rclUrl: RCL_URL,
        },
      },
      now,
    ),
  ];
  if (outcome !== 'offered') {
    out.push(
      outboxPut(
        {
          template: 'additional-support-request',
          to: [deps.config.mail.dynamoContact.email],
          cc: [q.advisor.email],
          subjectRef: r.id,
          data: {
            requestId: r.id,
            quartierName: q.name,
            topic: r.topic,
            contactName: r.contact.name,
            contactEmail: r.contact.email,
            contactPhone: r.contact.phone,
            advisorName: q.advisor.name,
            advisorEmail: q.advisor.email,
            outcome,
            slot: r.slot,
            capacity,
            position: r.initialPosition,
            estimatedMinutes: r.estimatedMinutes,
          },
        },
        now,
      ),
    );
  }
  return out;
}

function grantTx(
  deps: Deps,
  r: SupportRequest,
  slot: number,
  slotWrite: TxItem,
  existing: BalanceItem | undefined,
  minutesPerSlot: number,
  q: QuartierItem,
  token: string,
  capacity: number,
  now: Date,
): { granted: SupportRequest; tx: TxItem[] } {
  const at = now.toISOString();
  const granted: SupportRequest = { ...r, status: 'granted', slot, updatedAt: at };
  return {
    granted,
    tx: [
      { ...slotWrite, name: 'slot' },
      {
        name: 'request',
        update: keys.request(r.id),
        spec: { set: { status: 'granted', slot, updatedAt: at, ...requestIndex(granted) } },
        when: cond.eq('status', 'received'),
      },
      auditPut(r.id, { at, event: 'granted', by: 'system', detail: { slot } }),
      ...grantLedger(granted, existing, minutesPerSlot, at),
      ...emails(deps, granted, q, token, capacity, 'granted', now),
    ],
  };
}

/**
 * Arrival order is the order of an atomic counter: the n-th request of the year holds slot n while n is within
 * capacity (its conditional put cannot collide). Later arrivals take a slot only if one was explicitly freed
 * (released with nobody waiting), else they join the waiting list with a ticket from a second atomic counter.
 */
async function placeRequest(
  deps: Deps,
  r: SupportRequest,
  token: string,
  quartier?: QuartierItem,
): Promise<SupportRequest> {
  const settings = await deps.settings();
  const q = quartier ?? (await getQuartier(deps, r.quartierId))!;
  if (!quartier) await ensureCounter(deps, r.year);
  const reserved = (await deps.store.update<Counter>(
    keys.supportCounter(r.year),
    { add: { grantSeq: 1 } },
    cond.exists(),
  ))!;
  // Each candidate slot with what taking it writes: the n-th arrival's own slot, else a freed one.
  const candidates: Array<{ slot: number; write: TxItem; counterWrite?: TxItem }> = [];
  const placement = placementOf(reserved);
  if (placement.kind === 'own-slot') {
    const slot = placement.slot;
    candidates.push({
      slot,
      write: {
        put: {
          ...keys.supportSlot(r.year, slot),
          year: r.year,
          slot,
          requestId: r.id,
          quartierId: r.quartierId,
          status: 'granted',
          version: 1,
        },
        when: cond.notExists(),
      },
    });
  } else if ((reserved.freeSlots ?? 0) > 0) {
    for (const free of (await deps.store.query<SlotItem>(keys.supportSlots(r.year))).filter(
      (s) => s.status === 'free',
    )) {
      candidates.push({
        slot: free.slot,
        write: {
          update: keys.supportSlot(r.year, free.slot),
          spec: { set: { requestId: r.id, quartierId: r.quartierId, status: 'granted', version: free.version + 1 } },
          when: cond.and(cond.eq('status', 'free'), cond.eq('version', free.version)),
        },
        counterWrite: { update: keys.supportCounter(r.year), spec: { add: { freeSlots: -1 } } },
      });
    }
  }
  for (const c of candidates) {
    for (let attempt = 0; attempt < 5; attempt++) {
      // Read on each attempt: a refusal that is neither the slot's nor the request's is this balance having moved.
      const existing = await readBalance(deps.store, r.quartierId, 'additional', r.year);
      const { granted, tx } = grantTx(
        deps,
        r,
        c.slot,
        c.write,
        existing,
        settings.additional.minutesPerSlot,
        q,
        token,
        reserved.capacity,
        deps.clock.now(),
      );
      const result = await deps.store.transact(c.counterWrite ? [...tx, c.counterWrite] : tx);
      if (result.ok) return granted;
      // Another path placed this request already: it comes back as it stands. The slot taken: next candidate.
      if (refusedBy(result, 'request'))
        return (
          currentOf<SupportRequest>(result, 'request') ?? (await deps.store.get<SupportRequest>(keys.request(r.id)))!
        );
      if (refusedBy(result, 'slot')) break;
    }
  }
  // Full: the ticket is the place in line; the position subtracts those who already left the line.
  const ticketed = (await deps.store.update<Counter>(
    keys.supportCounter(r.year),
    { add: { waitSeq: 1 } },
    cond.exists(),
  ))!;
  const now = deps.clock.now();
  const at = now.toISOString();
  const waiting: SupportRequest = {
    ...r,
    status: 'waitlisted',
    ticket: ticketed.waitSeq,
    initialPosition: waitingPosition(ticketed),
    updatedAt: at,
  };
  const result = await deps.store.transact([
    {
      update: keys.request(r.id),
      spec: {
        set: {
          status: 'waitlisted',
          ticket: waiting.ticket,
          initialPosition: waiting.initialPosition,
          updatedAt: at,
          ...requestIndex(waiting),
          ...keys.waitlistIndex(r.year, waiting.ticket!),
        },
      },
      when: cond.eq('status', 'received'),
    },
    auditPut(r.id, { at, event: 'waitlisted', by: 'system', detail: { position: waiting.initialPosition } }),
    ...emails(deps, waiting, q, token, ticketed.capacity, 'waitlisted', now),
  ]);
  return result.ok ? waiting : (await deps.store.get<SupportRequest>(keys.request(r.id)))!;
}

/** Daily: finish requests a crash left between the claim and the placement. */
export async function resumeReceivedSupportRequests(deps: Deps) {
  const stale = new Date(deps.clock.now().getTime() - 60_000).toISOString();
  const received = await deps.store.query<SupportRequest>({
    ...keys.requestsOfKindAndStatus('additional', 'received'),
    skTo: stale,
  });
  for (const r of received) await placeRequest(deps, r, '');
  return { resumed: received.length };
}

type ReleaseOutcome =
  | { kind: 'released'; offeredTo?: string }
  | { kind: 'not-found' | 'invalid-transition' | 'hours-logged' };

/**
 * Give up a slot (the requester, or the coordination team with a reason, before hours are logged on it),
 * decline an offer, or let one expire: in each case the slot goes to the first person waiting, once.
 */
export async function releaseSlot(
  deps: Deps,
  requestId: string,
  by: string,
  reason?: string,
  cause: 'released' | 'offer-declined' | 'offer-expired' = 'released',
): Promise<ReleaseOutcome> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const r = await deps.store.get<SupportRequest>(keys.request(requestId));
    if (r?.kind !== 'additional') return { kind: 'not-found' };
    if (cause === 'released' && (r.status === 'waitlisted' || awaitsTrust(r))) return withdraw(deps, r, by, reason);
    const expected = cause === 'released' ? 'granted' : 'offered';
    if (r.status !== expected || !r.slot) return { kind: 'invalid-transition' };
    const slotItem = await deps.store.get<SlotItem>(keys.supportSlot(r.year, r.slot));
    if (!slotItem || slotItem.requestId !== r.id) return { kind: 'invalid-transition' };
    const balance = await readBalance(deps.store, r.quartierId, 'additional', r.year);
    if (cause === 'released' && (balance?.usedMinutes ?? 0) > 0) return { kind: 'hours-logged' };

    const settings = await deps.settings();
    const now = deps.clock.now();
    const at = now.toISOString();
    const q = (await getQuartier(deps, r.quartierId))!;
    const counter = (await deps.store.get<Counter>(keys.supportCounter(r.year)))!;
    const left: SupportRequest = { ...r, status: cause, updatedAt: at };
    // Once the slot's year is over there is nothing left to offer: the slot stays free.
    const [next] = yearOver(r.year, now, settings.yearStart)
      ? []
      : await deps.store.query<SupportRequest>({ ...keys.waitlistOf(r.year), limit: 1 });

    const tx: TxItem[] = [
      {
        update: keys.request(r.id),
        spec: { set: { status: cause, updatedAt: at, ...requestIndex(left) }, remove: ['offerExpiresAt'] },
        when: cond.and(cond.eq('status', expected), cond.eq('updatedAt', r.updatedAt)),
      },
      auditPut(r.id, { at, event: cause, by, reason, detail: { slot: r.slot } }),
      claimFree(r),
    ];
    if (cause === 'released' && balance?.opened) {
      tx.push(
        entryPut(
          {
            id: `release-${r.id}`,
            quartierId: r.quartierId,
            axis: 'additional',
            year: r.year,
            kind: 'adjustment',
            target: 'allocation',
            minutes: -settings.additional.minutesPerSlot,
            requestId: r.id,
            author: by,
            reason: reason ?? 'slot released',
            createdAt: at,
          },
          { unique: true },
        ),
      );
      tx.push({
        // No longer opened: a later hour log on this slot meets the ledger's own `no-slot` refusal.
        ...balanceWrite(balance, {
          allocatedMinutes: balance.allocatedMinutes - settings.additional.minutesPerSlot,
          opened: false,
        }),
        when: cond.and(cond.eq('version', balance.version), cond.eq('usedMinutes', 0)),
      });
    }
    const slotGuard = cond.and(cond.eq('requestId', r.id), cond.eq('version', slotItem.version));
    let nextQuartier: QuartierItem | undefined;
    if (next) {
      nextQuartier = await getQuartier(deps, next.quartierId);
      const expiresIso = offerDeadline(
        localDateAt(now),
        settings.additional.offerDays,
        r.year,
        settings.yearStart,
      ).toISOString();
      const offered: SupportRequest = {
        ...next,
        status: 'offered',
        slot: r.slot,
        offerExpiresAt: expiresIso,
        updatedAt: at,
      };
      tx.push(
        {
          update: keys.supportSlot(r.year, r.slot),
          spec: {
            set: {
              requestId: next.id,
              quartierId: next.quartierId,
              status: 'offered',
              offerExpiresAt: expiresIso,
              version: slotItem.version + 1,
              ...keys.offerIndex(expiresIso),
            },
          },
          when: slotGuard,
        },
        {
          update: keys.request(next.id),
          spec: {
            set: {
              status: 'offered',
              slot: r.slot,
              offerExpiresAt: expiresIso,
              updatedAt: at,
              ...requestIndex(offered),
            },
            remove: ['gsi2pk', 'gsi2sk'],
          },
          when: cond.eq('status', 'waitlisted'),
        },
        { update: keys.supportCounter(r.year), spec: { add: { waitOut: 1 } } },
        auditPut(next.id, { at, event: 'offered', by: 'system', detail: { slot: r.slot, expiresAt: expiresIso } }),
        ...emails(deps, offered, nextQuartier!, undefined, counter.capacity, 'offered', now),
      );
    } else {
      // Nobody waiting: the slot is marked free for the next arrival (kept, so its number is not reissued twice).
      tx.push({
        update: keys.supportSlot(r.year, r.slot),
        spec: {
          set: { status: 'free', version: slotItem.version + 1 },
          remove: ['requestId', 'quartierId', 'offerExpiresAt', 'gsi2pk', 'gsi2sk'],
        },
        when: slotGuard,
      });
      tx.push({ update: keys.supportCounter(r.year), spec: { add: { freeSlots: 1 } } });
    }
    tx.push(
      outboxPut(
        {
          template: 'additional-support-change',
          to: [deps.config.mail.dynamoContact.email, deps.config.mail.team],
          cc: [q.advisor.email],
          subjectRef: r.id,
          data: {
            quartierName: q.name,
            change: cause,
            slot: r.slot,
            capacity: counter.capacity,
            by,
            reason,
            nextQuartierName: nextQuartier?.name,
          },
        },
        now,
      ),
    );
    // The requester hears of their own release; a quartier whose offer lapsed hears it too (its advisor copied,
    // as on the offer), since nobody acted and the slot has moved on.
    if (cause === 'released' || cause === 'offer-expired')
      tx.push(
        outboxPut(
          {
            template: 'additional-support-outcome',
            to: [r.contact.email],
            ...(cause === 'offer-expired' ? { cc: [q.advisor.email] } : {}),
            locale: r.locale,
            subjectRef: r.id,
            data: {
              contactName: r.contact.name,
              quartierName: q.name,
              outcome: cause,
              slot: r.slot,
              capacity: counter.capacity,
              advisorName: q.advisor.name,
              statusUrl: statusUrl(deps, r.id),
              offerExpiresOn: offerLastDay(r),
              rclUrl: RCL_URL,
            },
          },
          now,
        ),
      );
    const done = await deps.store.transact(tx);
    if (done.ok) return { kind: 'released', offeredTo: next?.id };
    await new Promise((res) => setTimeout(res, Math.random() * 20));
  }
  throw new Error('release: too many concurrent changes');
}

async function withdraw(deps: Deps, r: SupportRequest, by: string, reason?: string): Promise<ReleaseOutcome> {
  const at = deps.clock.now().toISOString();
  const done = await deps.store.transact([
    {
      update: keys.request(r.id),
      spec: {
        set: { status: 'withdrawn', updatedAt: at, ...requestIndex({ ...r, status: 'withdrawn' }) },
        remove: ['gsi2pk', 'gsi2sk'],
      },
      when: cond.eq('status', r.status),
    },
    ...(r.status === 'waitlisted'
      ? [{ update: keys.supportCounter(r.year), spec: { add: { waitOut: 1 } } }, claimFree(r)]
      : []),
    auditPut(r.id, { at, event: 'withdrawn', by, reason }),
  ]);
  return done.ok ? { kind: 'released' } : { kind: 'invalid-transition' };
}

/** The promoted quartier accepts its offer (or declines it, which passes the slot on). */
export async function answerOffer(deps: Deps, requestId: string, accept: boolean, by: string) {
  const r = await deps.store.get<SupportRequest>(keys.request(requestId));
  if (r?.kind !== 'additional') return { kind: 'not-found' as const };
  const settings = await deps.settings();
  const now = deps.clock.now();
  const at = now.toISOString();
  // Past its deadline an offer is over even before the expiry job (every 15 minutes) has passed it on.
  if (r.status !== 'offered' || !r.slot || offerOver(r, now, settings.yearStart)) return { kind: 'no-offer' as const };
  if (!accept) return releaseSlot(deps, requestId, by, undefined, 'offer-declined');
  const slotItem = (await deps.store.get<SlotItem>(keys.supportSlot(r.year, r.slot)))!;
  const q = (await getQuartier(deps, r.quartierId))!;
  const granted: SupportRequest = { ...r, status: 'granted', updatedAt: at };
  const existing = await readBalance(deps.store, r.quartierId, 'additional', r.year);
  const counter = (await deps.store.get<Counter>(keys.supportCounter(r.year)))!;
  const done = await deps.store.transact([
    {
      update: keys.supportSlot(r.year, r.slot),
      spec: {
        set: { status: 'granted', version: slotItem.version + 1 },
        remove: ['offerExpiresAt', 'gsi2pk', 'gsi2sk'],
      },
      when: cond.and(cond.eq('requestId', r.id), cond.eq('status', 'offered'), cond.eq('version', slotItem.version)),
    },
    {
      update: keys.request(r.id),
      spec: { set: { status: 'granted', updatedAt: at, ...requestIndex(granted) }, remove: ['offerExpiresAt'] },
      when: cond.eq('status', 'offered'),
    },
    auditPut(r.id, { at, event: 'offer-accepted', by, detail: { slot: r.slot } }),
    ...grantLedger(granted, existing, settings.additional.minutesPerSlot, at),
    ...emails(deps, granted, q, undefined, counter.capacity, 'granted', now),
  ]);
  return done.ok ? { kind: 'granted' as const, slot: r.slot } : { kind: 'no-offer' as const };
}

/** Scheduled: offers past their deadline, or outliving their year, pass to the next person waiting (if any). */
export async function expireOffers(deps: Deps) {
  const settings = await deps.settings();
  const now = deps.clock.now();
  // All open offers (a handful): one made before offers were cut at the end of the year may have a later deadline.
  const due = (await deps.store.query<SlotItem>(keys.openOffers())).filter((s) =>
    offerOver(s, now, settings.yearStart),
  );
  let expired = 0;
  for (const s of due)
    if (
      s.requestId &&
      (await releaseSlot(deps, s.requestId, 'system', 'offer expired', 'offer-expired')).kind === 'released'
    )
      expired++;
  return { expired };
}

/** The coordination team moves a waiting request to the front, with a written reason kept in the audit trail. */
export async function overrideWaitlist(deps: Deps, year: string, requestId: string, reason: string, by: string) {
  const r = await deps.store.get<SupportRequest>(keys.request(requestId));
  if (r?.kind !== 'additional' || r.year !== year) return { kind: 'not-found' as const };
  if (r.status !== 'waitlisted') return { kind: 'invalid-transition' as const };
  const at = deps.clock.now().toISOString();
  // '!' sorts before every zero-padded ticket: the request becomes first in line.
  const done = await deps.store.transact([
    {
      update: keys.request(r.id),
      spec: { set: { gsi2sk: `!${at}`, updatedAt: at } },
      when: cond.eq('status', 'waitlisted'),
    },
    auditPut(r.id, { at, event: 'waitlist-override', by, reason }),
  ]);
  return done.ok ? { kind: 'moved' as const } : { kind: 'invalid-transition' as const };
}

export async function supportBoard(deps: Deps, year: string) {
  const settings = await deps.settings();
  const counter = await deps.store.get<Counter>(keys.supportCounter(year));
  const slots = await deps.store.query<SlotItem>(keys.supportSlots(year));
  const waiting = await deps.store.query<SupportRequest>(keys.waitlistOf(year));
  return {
    year,
    capacity: counter?.capacity ?? settings.additional.slotsPerYear,
    granted: slots
      .filter((s) => s.status === 'granted')
      .map((s) => ({ quartierId: s.quartierId, slot: s.slot, requestId: s.requestId })),
    free: slots.filter((s) => s.status === 'free').map((s) => s.slot),
    offers: slots
      .filter((s) => s.status === 'offered')
      .map((s) => ({ quartierId: s.quartierId, slot: s.slot, requestId: s.requestId, expiresAt: s.offerExpiresAt })),
    waitlist: waiting.map((w, i) => ({ quartierId: w.quartierId, position: i + 1, requestId: w.id })),
  };
}

/**
 * What anyone may know before asking (the public form): how many of the year's places are held (granted or offered)
 * and how many requests wait. Counts only: no quartier, no request id.
 */
export async function supportAvailability(deps: Deps) {
  const settings = await deps.settings();
  const year = programYearOf(localDateAt(deps.clock.now()), settings.yearStart);
  const [counter, slots, waiting] = await Promise.all([
    deps.store.get<Counter>(keys.supportCounter(year)),
    deps.store.query<SlotItem>(keys.supportSlots(year)),
    deps.store.query<SupportRequest>(keys.waitlistOf(year)),
  ]);
  return {
    year,
    capacity: counter?.capacity ?? settings.additional.slotsPerYear,
    taken: slots.filter((s) => s.status === 'granted' || s.status === 'offered').length,
    waiting: waiting.length,
  };
}

export async function waitlistPosition(deps: Deps, r: SupportRequest): Promise<number | undefined> {
  if (r.status !== 'waitlisted') return undefined;
  const waiting = await deps.store.query<SupportRequest>(keys.waitlistOf(r.year));
  const i = waiting.findIndex((w) => w.id === r.id);
  return i < 0 ? undefined : i + 1;
}
