/** Every key and index value of the table, in one place. Use cases never build key strings. */
import type { Axis } from '#domain/ledger';

const pad = (n: number, width = 6) => String(n).padStart(width, '0');

export const keys = {
  settings: () => ({ pk: 'CONFIG', sk: 'PROGRAM' }),
  routingCursor: () => ({ pk: 'CONFIG', sk: 'ROUTING_CURSOR' }),
  /** The next free SES send slot, shared by every process that sends (shared/adapters/ses/rate-limiter.ts). */
  sesSendSlot: () => ({ pk: 'CONFIG', sk: 'SES_SEND_SLOT' }),
  /** Marks a table that holds the local sample (local/demo-sample.ts): `npm start` seeds it once. */
  demoSample: () => ({ pk: 'CONFIG', sk: 'DEMO_SAMPLE' }),

  quartier: (id: string) => ({ pk: `QUARTIER#${id}`, sk: 'PROFILE' }),
  quartierIndex: (id: string) => ({ gsi1pk: 'QUARTIERS', gsi1sk: id }),
  quartiersList: () => ({ index: 'gsi1' as const, pk: 'QUARTIERS' }),
  /** A contact on file: who may speak for the quartier on the public forms (email lowercased). */
  quartierContact: (quartierId: string, email: string) => ({ pk: `QUARTIER#${quartierId}`, sk: `CONTACT#${email}` }),
  contactsOf: (quartierId: string) => ({ pk: `QUARTIER#${quartierId}`, skPrefix: 'CONTACT#' }),

  partner: (id: string) => ({ pk: `PARTNER#${id}`, sk: 'PROFILE' }),
  partnerIndex: (id: string) => ({ gsi1pk: 'PARTNERS', gsi1sk: id }),
  partnersList: () => ({ index: 'gsi1' as const, pk: 'PARTNERS' }),
  partnerLoad: (id: string) => ({ pk: `PARTNER#${id}`, sk: 'LOAD' }),

  balance: (quartierId: string, axis: Axis, year: string) => ({
    pk: `LEDGER#${quartierId}#${axis}`,
    sk: `YEAR#${year}`,
  }),
  balanceIndex: (quartierId: string, axis: Axis, year: string) => ({
    gsi1pk: `BALANCES#${axis}#${year}`,
    gsi1sk: quartierId,
  }),
  balancesOfYear: (axis: Axis, year: string) => ({ index: 'gsi1' as const, pk: `BALANCES#${axis}#${year}` }),
  balancesOfQuartier: (quartierId: string, axis: Axis) => ({ pk: `LEDGER#${quartierId}#${axis}`, skPrefix: 'YEAR#' }),
  ledgerEntry: (quartierId: string, axis: Axis, year: string, entryId: string) => ({
    pk: `LEDGER#${quartierId}#${axis}`,
    sk: `ENTRY#${year}#${entryId}`,
  }),
  ledgerEntriesOfYear: (quartierId: string, axis: Axis, year: string) => ({
    pk: `LEDGER#${quartierId}#${axis}`,
    skPrefix: `ENTRY#${year}#`,
  }),

  yearOpening: (year: string) => ({ pk: `YEAR#${year}`, sk: 'OPENING' }),

  request: (id: string) => ({ pk: `REQUEST#${id}`, sk: 'REQUEST' }),
  /** Requests by kind and status (dashboard, daily jobs); learning requests also by assigned partner. */
  requestIndex: (kind: string, status: string, createdAt: string) => ({
    gsi1pk: `REQUESTS#${kind}#${status}`,
    gsi1sk: createdAt,
  }),
  partnerRequestIndex: (partnerId: string, createdAt: string) => ({
    gsi2pk: `PARTNER_REQUESTS#${partnerId}`,
    gsi2sk: createdAt,
  }),
  requestsOfKindAndStatus: (kind: string, status: string) => ({
    index: 'gsi1' as const,
    pk: `REQUESTS#${kind}#${status}`,
  }),
  requestsOfPartner: (partnerId: string) => ({ index: 'gsi2' as const, pk: `PARTNER_REQUESTS#${partnerId}` }),
  auditEntry: (requestId: string, at: string, id: string) => ({ pk: `REQUEST#${requestId}`, sk: `AUDIT#${at}#${id}` }),
  auditOf: (requestId: string) => ({ pk: `REQUEST#${requestId}`, skPrefix: 'AUDIT#' }),

  outbox: (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'MESSAGE' }),
  outboxIndex: (status: string, sortKey: string) => ({ gsi1pk: `OUTBOX#${status}`, gsi1sk: sortKey }),
  outboxByStatus: (status: string) => ({ index: 'gsi1' as const, pk: `OUTBOX#${status}` }),

  idempotency: (scope: string, key: string) => ({ pk: `IDEMPOTENCY#${scope}#${key}`, sk: 'KEY' }),

  supportCounter: (year: string) => ({ pk: `SUPPORT#${year}`, sk: 'COUNTER' }),
  supportClaim: (year: string, quartierId: string) => ({ pk: `SUPPORT#${year}`, sk: `CLAIM#${quartierId}` }),
  supportSlot: (year: string, slot: number) => ({ pk: `SUPPORT#${year}`, sk: `SLOT#${pad(slot, 3)}` }),
  supportSlots: (year: string) => ({ pk: `SUPPORT#${year}`, skPrefix: 'SLOT#' }),
  waitlistIndex: (year: string, ticket: number) => ({ gsi2pk: `WAITLIST#${year}`, gsi2sk: pad(ticket) }),
  waitlistOf: (year: string) => ({ index: 'gsi2' as const, pk: `WAITLIST#${year}` }),
  offerIndex: (expiresAt: string) => ({ gsi2pk: 'OFFERS', gsi2sk: expiresAt }),
  openOffers: () => ({ index: 'gsi2' as const, pk: 'OFFERS' }),

  activity: (id: string) => ({ pk: `ACTIVITY#${id}`, sk: 'ACTIVITY' }),
  activityIndex: (id: string) => ({ gsi1pk: 'ACTIVITIES', gsi1sk: id }),
  activitiesList: () => ({ index: 'gsi1' as const, pk: 'ACTIVITIES' }),
  session: (id: string) => ({ pk: `SESSION#${id}`, sk: 'SESSION' }),
  sessionIndex: (date: string, id: string) => ({ gsi1pk: 'SESSIONS', gsi1sk: `${date}#${id}` }),
  sessionsList: () => ({ index: 'gsi1' as const, pk: 'SESSIONS' }),
  registration: (sessionId: string, id: string) => ({ pk: `SESSION#${sessionId}`, sk: `REG#${id}` }),
  registrationsOf: (sessionId: string) => ({ pk: `SESSION#${sessionId}`, skPrefix: 'REG#' }),
  registrant: (sessionId: string, email: string) => ({ pk: `SESSION#${sessionId}`, sk: `EMAIL#${email}` }),
  sessionWaitIndex: (sessionId: string, ticket: number) => ({
    gsi2pk: `SESSION_WAIT#${sessionId}`,
    gsi2sk: pad(ticket),
  }),
  sessionWaitlist: (sessionId: string) => ({ index: 'gsi2' as const, pk: `SESSION_WAIT#${sessionId}` }),

  proposal: (id: string) => ({ pk: `PROPOSAL#${id}`, sk: 'PROPOSAL' }),
  proposalIndex: (createdAt: string) => ({ gsi1pk: 'PROPOSALS', gsi1sk: createdAt }),
  proposalsList: () => ({ index: 'gsi1' as const, pk: 'PROPOSALS' }),
  subscriber: (email: string) => ({ pk: `SUBSCRIBER#${email}`, sk: 'SUBSCRIBER' }),
  subscriberIndex: (status: string, email: string) => ({ gsi1pk: `SUBSCRIBERS#${status}`, gsi1sk: email }),
  subscribersByStatus: (status: string) => ({ index: 'gsi1' as const, pk: `SUBSCRIBERS#${status}` }),

  /** Staff accounts on this machine only (shared/adapters/dynamodb/staff-directory.ts); in AWS Cognito holds them. */
  staffAccount: (email: string) => ({ pk: `STAFF#${email}`, sk: 'ACCOUNT' }),
  staffIndex: (email: string) => ({ gsi1pk: 'STAFF', gsi1sk: email }),
  staffList: () => ({ index: 'gsi1' as const, pk: 'STAFF' }),
  /** Emails of one kind sent to one address from public actions in one hour (`hour`: yyyy-mm-ddThh, UTC). */
  mailQuota: (kind: string, email: string, hour: string) => ({
    pk: `LIMIT#MAIL#${kind}#${email.toLowerCase()}`,
    sk: `HOUR#${hour}`,
  }),
  /** Public POSTs of one client (a keyed hash of its address) in one hour, with a count per minute inside. */
  clientWindow: (client: string, hour: string) => ({ pk: `LIMIT#CLIENT#${client}`, sk: `HOUR#${hour}` }),

  // ─── harvest (issue 18): a request's journal and outcome statements, findable by year and by quartier ───
  journalEntry: (requestId: string, id: string) => ({ pk: `REQUEST#${requestId}`, sk: `JOURNAL#${id}` }),
  journalOf: (requestId: string) => ({ pk: `REQUEST#${requestId}`, skPrefix: 'JOURNAL#' }),
  outcome: (requestId: string, id: string) => ({ pk: `REQUEST#${requestId}`, sk: `OUTCOME#${id}` }),
  outcomesOf: (requestId: string) => ({ pk: `REQUEST#${requestId}`, skPrefix: 'OUTCOME#' }),
  /** Outcomes (`OUTCOME#`) and after-action reviews (`REVIEW#`) of a program year. */
  harvestIndex: (year: string, what: 'OUTCOME' | 'REVIEW', id: string) => ({
    gsi1pk: `HARVEST#${year}`,
    gsi1sk: `${what}#${id}`,
  }),
  harvestOfYear: (year: string, what: 'OUTCOME' | 'REVIEW') => ({
    index: 'gsi1' as const,
    pk: `HARVEST#${year}`,
    skPrefix: `${what}#`,
  }),
  /** A quartier's learnings across years, for the next request it opens. */
  learningsIndex: (quartierId: string, at: string, id: string) => ({
    gsi2pk: `LEARNINGS#${quartierId}`,
    gsi2sk: `${at}#${id}`,
  }),
  learningsOf: (quartierId: string) => ({ index: 'gsi2' as const, pk: `LEARNINGS#${quartierId}` }),

  // ─── privacy (issue 19): where a person's address may be, for the scans a privacy request makes ───
  requestsScan: () => 'REQUEST#',
  isRequest: (item: { sk?: unknown }) => item.sk === 'REQUEST',
  sessionsScan: () => 'SESSION#',
  isRegistration: (item: { sk?: unknown }) => typeof item.sk === 'string' && item.sk.startsWith('REG#'),
  quartiersScan: () => 'QUARTIER#',
  isContact: (item: { sk?: unknown }) => typeof item.sk === 'string' && item.sk.startsWith('CONTACT#'),
  outboxScan: () => 'OUTBOX#',
  mailQuotaScan: () => 'LIMIT#MAIL#',
  idempotencyScan: () => 'IDEMPOTENCY#',
  erasure: (at: string, id: string) => ({ pk: 'PRIVACY', sk: `ERASURE#${at}#${id}` }),
  erasures: () => ({ pk: 'PRIVACY', skPrefix: 'ERASURE#' }),
} as const;

/** Abuse-limit counters: they expire on their own (TTL) and are no record of anyone's data. */
export const isLimitCounter = (key: { pk?: unknown }) => typeof key.pk === 'string' && key.pk.startsWith('LIMIT#');
