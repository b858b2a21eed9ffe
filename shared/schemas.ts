/**
 * Every API input and the main outputs, as zod schemas beside their types. The OpenAPI document comes from these.
 * Written with `zod/mini`: the API builds every one of them at each cold start, and mini's schemas cost a fraction
 * of the chainable API's to build (docs/benchmarks.md). Checks run in the order written: trimming before lengths.
 */
import * as z from 'zod/mini';

// Control characters (C0 and C1, other than line breaks and tabs in free text) have no place in what people
// type; explicit bidi embeddings, overrides and isolates reorder what a reader sees (a name that reads as
// another in an email); a lone surrogate is not text at all and breaks every encoder downstream.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const LINE_BREAK_OR_TAB = /[\t\n\r\u2028\u2029]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Zero-width spaces, joiners, word joiners, BOMs, fillers, soft hyphens…: typed alone, they make an empty name. */
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}]*$/u;

const wellFormed = (multiline: boolean) => [
  z.refine<string>((v) => !CONTROL.test(v) && (multiline || !LINE_BREAK_OR_TAB.test(v)), {
    message: 'control-characters',
  }),
  z.refine<string>((v) => !LONE_SURROGATE.test(v), { message: 'control-characters' }),
  z.refine<string>((v) => v === '' || !INVISIBLE_ONLY.test(v), { message: 'invisible-only' }),
];
/** Free text, on several lines (questions, reasons, bodies). */
const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max), ...wellFormed(true));
/** Free text that says something: at least `min` characters, with a message of its own below that. */
const prose = (min: number, max: number, tooShort: string) =>
  z
    .string()
    .check(z.trim(), z.minLength(1), z.maxLength(max), ...wellFormed(true), z.minLength(min, { message: tooShort }));
/** One line (names, subjects, places): what goes into an email header or a calendar field. */
const line = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max), ...wellFormed(false));
/** Free text that may be left empty. */
const note = (max: number, multiline = true) =>
  z.optional(z.string().check(z.trim(), z.maxLength(max), ...wellFormed(multiline)));
const slug = z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), z.maxLength(60));
const email = () => z.email().check(z.maxLength(254));
const int = () => z.number().check(z.int());
/** Ids the system makes (time-ordered, URL-safe). */
const id = () => z.string().check(z.minLength(1), z.maxLength(40), z.regex(/^[A-Za-z0-9_-]+$/));
const sessionId = () => z.string().check(z.minLength(1), z.maxLength(120), z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/));
const signature = () => z.string().check(z.minLength(10), z.maxLength(200));
/** A time of day, 00:00 to 23:59. */
const clock = () => z.string().check(z.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, { message: 'invalid-time' }));
/** Links people will click in an email: https only, to a named host. */
const httpsUrl = () =>
  z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'https-only' }).check(z.maxLength(2000));
export const LocaleSchema = z.enum(['fr', 'en']);
const locale = () => z._default(LocaleSchema, 'fr');
/**
 * Dates the program can mean: nothing it records predates 2000, and past 2099 a date is a typo (9999-12-31 breaks
 * reminders and invites). Tighter horizons that depend on today (a session at most ten years ahead, no hours in
 * the future) are checked against the clock where the date is used.
 */
export const DATE_MIN = '2000-01-01';
export const DATE_MAX = '2099-12-31';
export const YearIdSchema = z.string().check(
  z.regex(/^\d{4}-\d{4}$/),
  z.refine((v) => Number(v.slice(5)) === Number(v.slice(0, 4)) + 1),
  z.refine((v) => v.slice(0, 4) >= DATE_MIN.slice(0, 4) && v.slice(5) <= DATE_MAX.slice(0, 4), {
    message: 'date-out-of-range',
  }),
);
export const LocalDateSchema = z.iso
  .date()
  .check(z.refine((v) => v >= DATE_MIN && v <= DATE_MAX, { message: 'date-out-of-range' }));
const minutes = int().check(z.positive(), z.maximum(100_000));

export const PersonSchema = z.strictObject({ name: line(120), email: email() });
export const ContactSchema = z.strictObject({
  name: line(120),
  email: email(),
  phone: z.optional(z.string().check(z.trim(), z.regex(/^[0-9+().\s-]{7,25}$/))),
});

export const FocusSchema = z.enum(['strategic-clarity', 'evaluation', 'other']);
export const PartnerIdSchema = z.enum(['dynamo', 'niska', 'yann-pezzini']);
export const LearningStepSchema = z.enum([
  'identify-questions',
  'plan',
  'collect-data',
  'analyse',
  'communicate',
  'reinvest',
]);
export const LEARNING_STEPS = LearningStepSchema.options;
const Axis = z.enum(['learning', 'additional']);
const Duration = z.enum(['half-day', 'full-day', 'two-days']);

export const QuartierSchema = z.strictObject({
  id: slug,
  name: line(120),
  advisor: PersonSchema,
  /** The first program year the quartier takes part in (a quartier that joined before the switch); default: now. */
  enrolledYear: z.optional(YearIdSchema),
  /** Who may speak for the quartier on the public forms. */
  contacts: z.optional(
    z
      .array(z.strictObject({ name: line(120), email: email(), locale: z.optional(LocaleSchema) }))
      .check(z.maxLength(50)),
  ),
});
export type Quartier = z.infer<typeof QuartierSchema>;

/** Coordination corrects a quartier: its name, its advisor, the year it joined. Fields left out stay as they are. */
export const QuartierPatchSchema = z.strictObject({
  name: z.optional(line(120)),
  advisor: z.optional(PersonSchema),
  enrolledYear: z.optional(YearIdSchema),
});
export type QuartierPatch = z.infer<typeof QuartierPatchSchema>;

/**
 * One row of the quartiers spreadsheet (shared/usecases/import-quartiers.ts), keyed by its column names so that an
 * issue names the column. Empty cells arrive as absent. A contact is both columns or neither.
 */
export const QuartierImportRowSchema = z
  .strictObject({
    id: slug,
    name: line(120),
    advisorName: line(120),
    advisorEmail: email(),
    contactName: z.optional(line(120)),
    contactEmail: z.optional(email()),
    enrolledYear: YearIdSchema,
    openingCarryMinutes: z.optional(
      z.pipe(
        z.string().check(z.trim(), z.regex(/^\d{1,6}$/, { message: 'whole-minutes' })),
        z.transform((v) => Number(v)),
      ),
    ),
  })
  .check(
    z.refine((r) => !r.contactEmail || !!r.contactName, { path: ['contactName'], message: 'required' }),
    z.refine((r) => !r.contactName || !!r.contactEmail, { path: ['contactEmail'], message: 'required' }),
  );
export type QuartierImportRow = z.infer<typeof QuartierImportRowSchema>;

export const LearningRequestSchema = z
  .strictObject({
    quartierId: slug,
    contact: ContactSchema,
    question: prose(10, 2000, 'question-too-short'),
    focus: FocusSchema,
    preferredPartnerId: z.optional(PartnerIdSchema),
    estimatedMinutes: z.optional(minutes),
    billableAcknowledged: z.optional(z.boolean()),
    mode: z._default(z.enum(['virtual', 'in-person']), 'virtual'),
    modeReason: note(500),
    locale: locale(),
  })
  .check(
    z.refine((r) => r.mode !== 'in-person' || (r.modeReason?.length ?? 0) > 0, {
      path: ['modeReason'],
      message: 'required-when-in-person',
    }),
  );
export type LearningRequestInput = z.infer<typeof LearningRequestSchema>;

export const AnswerSchema = z.strictObject({
  action: z.enum(['accept', 'decline']),
  partnerId: PartnerIdSchema,
  assignment: int().check(z.positive()),
  signature: signature(),
  reason: note(1000),
});
export const PartnerAnswerSchema = z.strictObject({ reason: note(1000) });
export const ProgressSchema = z.strictObject({
  status: z.optional(z.enum(['in-progress', 'completed'])),
  step: z.optional(LearningStepSchema),
});
export const CancelSchema = z.strictObject({ reason: note(1000) });
export const ReassignSchema = z.strictObject({ partnerId: PartnerIdSchema, reason: text(1000) });

export const AdditionalSupportSchema = z.strictObject({
  quartierId: slug,
  contact: ContactSchema,
  topic: prose(10, 2000, 'topic-too-short'),
  /** The advisor the requester consulted, as they typed it: a note for coordination, never emailed (the advisor on
   * file is the one copied). */
  advisor: z.optional(PersonSchema),
  advisorConsulted: z.literal(true),
  estimatedMinutes: z.optional(minutes),
  locale: locale(),
});
export type AdditionalSupportInput = z.infer<typeof AdditionalSupportSchema>;
export const ReleaseSchema = z.strictObject({ reason: note(1000) });
/** A contact on file for a quartier (coordination). */
export const ContactInputSchema = z.strictObject({ name: line(120), email: email(), locale: z.optional(LocaleSchema) });
export type ContactInput = z.infer<typeof ContactInputSchema>;
/** The address's owner proves it: the signed link of the verification email. */
export const VerifyEmailSchema = z.strictObject({ signature: signature() });
/** The advisor (signed link) or coordination vouches, or not, that the requester speaks for the quartier. */
export const TrustDecisionSchema = z.strictObject({
  decision: z.enum(['confirm', 'refuse']),
  signature: z.optional(signature()),
  reason: note(1000),
});
/** The requester withdraws (`notMe`: from the "this was not me" link), or coordination cancels with a reason. */
export const WithdrawSchema = z.strictObject({ reason: note(1000), notMe: z.optional(z.boolean()) });
export const OfferAnswerSchema = z.strictObject({ accept: z.boolean() });
export const OverrideSchema = z.strictObject({ requestId: id(), reason: text(1000) });

/** One entry is one day's work at most: a day has 1,440 minutes; longer work is logged day by day. */
export const MAX_ENTRY_MINUTES = 24 * 60;
export const HourLogSchema = z
  .strictObject({
    quartierId: slug,
    axis: Axis,
    date: LocalDateSchema,
    minutes: int().check(z.positive(), z.maximum(MAX_ENTRY_MINUTES)),
    step: z.optional(LearningStepSchema),
    requestId: z.optional(id()),
    note: note(1000),
  })
  .check(
    // Learning hours are accounted by learning-loop step; reported as a missing field (input undefined).
    z.superRefine((log, ctx) => {
      if (log.axis === 'learning' && !log.step)
        ctx.issues.push({ code: 'custom', path: ['step'], message: 'required', input: undefined });
    }),
  );
export type HourLogInput = z.infer<typeof HourLogSchema>;

export const AdjustmentSchema = z.strictObject({
  quartierId: slug,
  axis: Axis,
  year: YearIdSchema,
  target: z.enum(['allocation', 'usage']),
  minutes: int().check(
    z.minimum(-100_000),
    z.maximum(100_000),
    z.refine((v) => v !== 0),
  ),
  reason: text(1000),
});

export const RegistrationSchema = z.strictObject({
  name: line(120),
  email: email(),
  quartierId: z.optional(slug),
  locale: locale(),
});
export const SessionInputSchema = z.strictObject({
  activityId: slug,
  date: LocalDateSchema,
  startTime: z._default(clock(), '09:00'),
  duration: Duration,
  capacity: z.optional(int().check(z.positive(), z.maximum(10_000))),
  place: note(300, false),
  virtualUrl: z.optional(httpsUrl()),
  /** Where people register when it is not here (the organiser's own site): the in-house form is then refused. */
  registrationUrl: z.optional(httpsUrl()),
});
/** `null` clears an optional field (no capacity, no place, no virtual link, registration here again). */
export const SessionPatchSchema = z.strictObject({
  date: z.optional(LocalDateSchema),
  startTime: z.optional(clock()),
  duration: z.optional(Duration),
  capacity: z.optional(z.nullable(int().check(z.positive(), z.maximum(10_000)))),
  place: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(300), ...wellFormed(false)))),
  virtualUrl: z.optional(z.nullable(httpsUrl())),
  registrationUrl: z.optional(z.nullable(httpsUrl())),
  status: z.optional(z.enum(['cancelled'])),
});
export const TopicProposalSchema = z.strictObject({
  name: line(120),
  email: email(),
  quartierId: z.optional(slug),
  topic: line(300),
  details: note(3000),
  locale: locale(),
});
export const SubscribeSchema = z.strictObject({ email: email(), consent: z.literal(true), locale: locale() });
export const BulkMessageSchema = z
  .strictObject({
    audience: z.enum(['session-registrants', 'session-waitlist', 'mailing-list']),
    sessionId: z.optional(sessionId()),
    subject: line(200),
    body: text(20_000),
  })
  .check(z.refine((b) => b.audience === 'mailing-list' || !!b.sessionId, { path: ['sessionId'], message: 'required' }));
/** An invitation to the staff pages: a partner's people name their partner, coordination names none. */
export const StaffInviteSchema = z
  .strictObject({
    email: email().check(z.toLowerCase()),
    role: z.enum(['coordination', 'partner']),
    partnerId: z.optional(PartnerIdSchema),
    name: z.optional(line(120)),
    locale: locale(),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (v.role === 'partner' && !v.partnerId)
        ctx.issues.push({ code: 'custom', path: ['partnerId'], message: 'required', input: undefined });
      if (v.role === 'coordination' && v.partnerId)
        ctx.issues.push({
          code: 'custom',
          path: ['partnerId'],
          message: 'partner-not-for-coordination',
          input: v.partnerId,
        });
    }),
  );
export type StaffInviteInput = z.infer<typeof StaffInviteSchema>;
export const LocalSignInSchema = z.strictObject({
  role: z.enum(['coordination', 'partner']),
  partnerId: z.optional(PartnerIdSchema),
});

// Answers. What the API sends back, for the OpenAPI document (test/functions/openapi-document.test.ts holds each
// to what its route really answers). Plain objects: a field the route sends and the schema does not name fails
// that test, since the document says no other property comes. Each is built on first use: only the document
// (built on its first GET) and the tests read them, and building them all would add to every cold start.

const lazy = <S extends z.ZodMiniType>(build: () => S) => {
  let built: S | undefined;
  return () => (built ??= build());
};

export const ValidationErrorSchema = lazy(() =>
  z.object({
    error: z.literal('validation'),
    issues: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
);
/** A refusal by a rule (409), or 401, 403, 404, 413, 415: a code and a sentence in the caller's language. */
export const RefusalSchema = lazy(() => z.looseObject({ error: z.string(), message: z.string() }));

const count = () => int().check(z.nonnegative());
export const BalanceSchema = lazy(() =>
  z.object({
    quartierId: z.string(),
    axis: Axis,
    year: z.string(),
    opened: z.boolean(),
    allocatedMinutes: int(),
    carriedInMinutes: int(),
    usedMinutes: int(),
    availableMinutes: int(),
    billableMinutes: int(),
    expiringCarryMinutes: int(),
    carryExpiresOn: z.nullable(z.string()),
  }),
);
/** Every quartier's balance on both axes for a year (the coordination dashboard). */
export const BalancesSchema = lazy(() =>
  z.array(
    z.object({ quartierId: z.string(), name: z.string(), learning: BalanceSchema(), additional: BalanceSchema() }),
  ),
);
export const LearningRequestCreatedSchema = lazy(() =>
  z.object({
    id: z.string(),
    year: z.string(),
    /** `unverified`: the address is not on file; the request waits for trust (the status page says what for). */
    status: z.enum(['routed', 'needs-decision', 'unverified']),
    partnerId: z.optional(PartnerIdSchema),
    statusToken: z.string(),
    /** Absent while the request waits for trust: an unknown address learns nothing of the quartier. */
    availableMinutes: z.optional(int()),
    /** Why this partner, in the requester's language; `needs-decision` when the team must choose. */
    routing: z.string(),
    /** When routed: the business days within which the partner is expected to write (its reminder delay). */
    answerWithinBusinessDays: z.optional(int()),
  }),
);
export const AdditionalSupportCreatedSchema = lazy(() =>
  z.object({
    id: z.string(),
    year: z.string(),
    /** `unverified`: no slot and no place in line until trust is established. */
    outcome: z.enum(['granted', 'waitlisted', 'unverified']),
    slot: z.optional(int()),
    waitlistPosition: z.optional(int()),
    statusToken: z.string(),
  }),
);
/** The status page's view; `contact`, `advisor`, `routingReason`, `declinedBy` and `history[].by` for staff only. */
export const RequestViewSchema = lazy(() => {
  const ContactOut = z.object({ name: z.string(), email: z.string(), phone: z.optional(z.string()) });
  const RequestViewBase = {
    id: z.string(),
    year: z.string(),
    status: z.string(),
    createdAt: z.string(),
    quartier: z.object({ id: z.string(), name: z.optional(z.string()) }),
    history: z.array(
      z.object({ at: z.string(), event: z.string(), reason: z.optional(z.string()), by: z.optional(z.string()) }),
    ),
    /** Null while the request waits for trust. */
    balance: z.nullable(BalanceSchema()),
    /** The hours logged against the request, oldest first (empty while it waits for trust). */
    hours: z.array(
      z.object({
        date: z.string(),
        minutes: int(),
        billableMinutes: int(),
        step: z.optional(z.string()),
        partner: z.optional(z.object({ id: z.string(), name: z.string() })),
      }),
    ),
  };
  return z.union([
    z.object({
      ...RequestViewBase,
      kind: z.literal('learning'),
      question: z.string(),
      focus: FocusSchema,
      step: z.optional(LearningStepSchema),
      mode: z.optional(z.enum(['virtual', 'in-person'])),
      estimatedMinutes: z.optional(int()),
      partner: z.nullable(z.object({ id: z.string(), name: z.string() })),
      routingReason: z.optional(
        z.object({ code: z.string(), focus: z.optional(z.string()), tiedWith: z.optional(z.array(z.string())) }),
      ),
      declinedBy: z.optional(z.array(z.string())),
      contact: z.optional(ContactOut),
    }),
    z.object({
      ...RequestViewBase,
      kind: z.literal('additional'),
      topic: z.string(),
      slot: z.nullable(int()),
      capacity: z.nullable(int()),
      waitlistPosition: z.nullable(int()),
      offerExpiresAt: z.nullable(z.string()),
      offerLastDay: z.nullable(z.string()),
      contact: z.optional(ContactOut),
      /** The advisor named in the form, as typed (staff only): the one copied is the advisor on file. */
      advisorNote: z.optional(z.object({ name: z.string(), email: z.string() })),
    }),
  ]);
});
export const SupportBoardSchema = lazy(() =>
  z.object({
    year: z.string(),
    capacity: count(),
    granted: z.array(z.object({ quartierId: z.string(), slot: int(), requestId: z.string() })),
    free: z.array(int()),
    offers: z.array(
      z.object({ quartierId: z.string(), slot: int(), requestId: z.string(), expiresAt: z.optional(z.string()) }),
    ),
    waitlist: z.array(z.object({ quartierId: z.string(), position: int(), requestId: z.string() })),
  }),
);
/** The public count of the year's additional-support places: no quartier, no id. */
export const SupportAvailabilitySchema = lazy(() =>
  z.object({ year: z.string(), capacity: count(), taken: count(), waiting: count() }),
);
export const HourLogRecordedSchema = lazy(() =>
  z.object({
    id: z.string(),
    year: z.string(),
    billableMinutes: int(),
    balance: z.object({ availableMinutes: int(), usedMinutes: int(), billableMinutes: int() }),
    /** Later years whose carry-in or billable minutes this entry changed (an entry dated in a closed year). */
    laterYears: z.array(
      z.object({
        year: z.string(),
        carriedInMinutes: int(),
        carriedInDeltaMinutes: int(),
        billableMinutes: int(),
        billableDeltaMinutes: int(),
      }),
    ),
  }),
);
export const YearOpeningSchema = lazy(() =>
  z.object({
    year: z.string(),
    quartiers: count(),
    carriedMinutes: count(),
    expiredMinutes: count(),
    allocatedMinutes: count(),
    changed: count(),
    dryRun: z.boolean(),
  }),
);
export const RegistrationCreatedSchema = lazy(() =>
  z.object({ id: z.string(), status: z.enum(['registered', 'waitlisted']) }),
);
export const QuartierListSchema = lazy(() => z.array(z.object({ id: z.string(), name: z.string() })));
export const PartnerListSchema = lazy(() =>
  z.array(z.object({ id: PartnerIdSchema, name: z.string(), description: z.string() })),
);
/** A partner's answer to an assignment, by the signed link or in the portal. */
export const PartnerAnswerResultSchema = lazy(() =>
  z.object({
    id: z.string(),
    status: z.string(),
    partnerId: z.nullable(z.string()),
    outcome: z.enum(['accepted', 'rerouted', 'needs-decision']),
  }),
);
const StaffAccountShape = () =>
  z.object({
    email: z.string(),
    role: z.nullable(z.enum(['coordination', 'partner'])),
    partnerId: z.optional(z.string()),
    name: z.optional(z.string()),
    status: z.enum(['invited', 'active', 'disabled']),
    createdAt: z.string(),
  });
/** Who has access to the staff pages (coordination only). */
export const StaffAccountSchema = lazy(StaffAccountShape);
export const StaffListSchema = lazy(() => z.array(StaffAccountShape()));
export const StaffRevokedSchema = lazy(() => z.object({ email: z.string(), status: z.literal('disabled') }));
/** The program's numbers the public pages quote (GET /api/program), from the settings. */
export const ProgramNumbersSchema = lazy(() =>
  z.object({
    learning: z.object({ annualMinutes: int(), availableCapMinutes: int() }),
    additional: z.object({ slotsPerYear: count(), minutesPerSlot: int() }),
  }),
);
export const HealthSchema = lazy(() => z.object({ ok: z.literal(true) }));
export const ConsentWordingSchema = lazy(() => z.object({ wording: z.string() }));
/** Something recorded whose answer is only its id (a topic proposal). */
export const CreatedIdSchema = lazy(() => z.object({ id: z.string() }));
export const SubscriptionSchema = lazy(() => z.object({ status: z.enum(['pending', 'confirmed']) }));
export const BulkQueuedSchema = lazy(() =>
  z.object({ kind: z.literal('queued'), batchId: z.string(), recipients: count() }),
);
export const NotificationQueuedSchema = lazy(() => z.object({ id: z.string(), status: z.literal('pending') }));
export const RequestStatusSchema = lazy(() => z.object({ id: z.string(), status: z.string() }));
export const AssignedSchema = lazy(() => z.object({ id: z.string(), status: z.string(), partnerId: z.string() }));
export const SlotReleasedSchema = lazy(() =>
  z.object({ id: z.string(), released: z.literal(true), offeredTo: z.nullable(z.string()) }),
);
export const OfferAnsweredSchema = lazy(() => z.object({ id: z.string(), outcome: z.enum(['granted', 'released']) }));
export const RegistrationCancelledSchema = lazy(() => z.object({ status: z.literal('cancelled'), promoted: count() }));
export const ContactOutSchema = lazy(() =>
  z.object({ name: z.string(), email: z.string(), locale: LocaleSchema, addedAt: z.string(), addedBy: z.string() }),
);
export const ContactListSchema = lazy(() => z.array(ContactOutSchema()));
/** What the advisor's confirmation page shows: who asks, for which quartier, and what. */
export const TrustViewSchema = lazy(() =>
  z.object({
    id: z.string(),
    kind: z.enum(['learning', 'additional']),
    status: z.string(),
    createdAt: z.string(),
    quartier: z.object({ id: z.string(), name: z.string() }),
    contact: z.object({ name: z.string(), email: z.string() }),
    summary: z.string(),
    advisorNote: z.optional(z.object({ name: z.string(), email: z.string() })),
  }),
);
export const AwaitingTrustSchema = lazy(() => z.array(TrustViewSchema()));
/** A quartier as coordination sees it (after a change). */
export const QuartierOutSchema = lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    advisor: z.object({ name: z.string(), email: z.string() }),
    enrolledYear: z.string(),
    createdAt: z.string(),
  }),
);
/** What an import did (or, as a preview, would do), row by row. */
export const QuartierImportReportSchema = lazy(() =>
  z.object({
    dryRun: z.boolean(),
    year: z.string(),
    created: count(),
    updated: count(),
    unchanged: count(),
    rows: z.array(
      z.object({
        line: count(),
        id: z.string(),
        status: z.enum(['created', 'updated', 'unchanged']),
        /** What differs from the file on record: name, advisor, enrolledYear, contact, openingCarryMinutes. */
        changes: z.array(z.string()),
        openingCarryMinutes: z.optional(count()),
        /** The carry as the file gave it, when the carry rule capped it. */
        openingCarryRequested: z.optional(count()),
      }),
    ),
  }),
);

// ─── harvest (issue 18): a learning request's journal and outcome statements ───
export const JournalKindSchema = z.enum(['intent', 'step', 'after-action']);
export const JournalEntryInputSchema = z.strictObject({
  kind: JournalKindSchema,
  step: z.optional(LearningStepSchema),
  text: text(4000),
});
export const JournalEditSchema = z.strictObject({ text: text(4000) });
const themes = () => z.optional(z.array(line(80)).check(z.maxLength(10)));
export const OutcomeInputSchema = z.strictObject({
  actor: text(500),
  change: text(2000),
  contribution: text(2000),
  evidence: note(2000),
  themes: themes(),
  /** The quartier's consent to show it beyond the program team: only the quartier may give it. */
  shared: z.boolean(),
});
export const OutcomeEditSchema = z.strictObject({
  actor: z.optional(text(500)),
  change: z.optional(text(2000)),
  contribution: z.optional(text(2000)),
  evidence: note(2000),
  themes: themes(),
});
export const ShareOutcomeSchema = z.strictObject({ shared: z.boolean() });

// ─── privacy (issue 19) ───
/** Whose records to export: the address, and the file's format. */
export const PrivacyExportQuerySchema = z.object({
  email: email(),
  format: z._default(z.enum(['json', 'csv']), 'json'),
  separator: z._default(z.enum([';', ',']), ';'),
});
/** Whom to erase, and why (the why is kept; the address is not). */
export const PrivacyEraseSchema = z.strictObject({ email: email(), reason: line(500) });
export const ErasureOutSchema = z.object({
  erased: z.literal(true),
  records: z.number(),
  cancelledEmails: z.number(),
});
export const RetentionPreviewSchema = z.object({
  cutoff: z.string(),
  requests: z.number(),
  registrations: z.number(),
  /** Topic proposals, addresses off the mailing list, emails sent long ago. */
  others: z.number(),
});
