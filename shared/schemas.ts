/**
 * Every API input and the main outputs, as zod schemas beside their types. The OpenAPI document comes from these.
 * Written with `zod/mini`: the API builds every one of them at each cold start, and mini's schemas cost a fraction
 * of the chainable API's to build (docs/benchmarks.md). Checks run in the order written: trimming before lengths.
 */
import * as z from 'zod/mini';

// Control characters (other than line breaks and tabs) have no place in what people type.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const text = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
    z.refine((v) => !CONTROL.test(v), { message: 'control-characters' }),
  );
/** Free text that may be left empty. */
const note = (max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max)));
const slug = z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), z.maxLength(60));
const email = () => z.email().check(z.maxLength(254));
const int = () => z.number().check(z.int());
const id = () => z.string().check(z.minLength(1), z.maxLength(40));
const signature = () => z.string().check(z.minLength(10), z.maxLength(200));
const clock = () => z.string().check(z.regex(/^\d{2}:\d{2}$/));
export const LocaleSchema = z.enum(['fr', 'en']);
const locale = () => z._default(LocaleSchema, 'fr');
export const YearIdSchema = z.string().check(
  z.regex(/^\d{4}-\d{4}$/),
  z.refine((v) => Number(v.slice(5)) === Number(v.slice(0, 4)) + 1),
);
export const LocalDateSchema = z.iso.date();
const minutes = int().check(z.positive(), z.maximum(100_000));

export const PersonSchema = z.strictObject({ name: text(120), email: email() });
export const ContactSchema = z.strictObject({
  name: text(120),
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
  name: text(120),
  advisor: PersonSchema,
  contactEmail: z.optional(z.email()),
});
export type Quartier = z.infer<typeof QuartierSchema>;

export const LearningRequestSchema = z
  .strictObject({
    quartierId: slug,
    contact: ContactSchema,
    question: text(2000),
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
  topic: text(2000),
  advisor: PersonSchema,
  advisorConsulted: z.literal(true),
  estimatedMinutes: z.optional(minutes),
  locale: locale(),
});
export type AdditionalSupportInput = z.infer<typeof AdditionalSupportSchema>;
export const ReleaseSchema = z.strictObject({ reason: note(1000) });
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
  name: text(120),
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
  place: note(300),
  virtualUrl: z.optional(z.url()),
});
export const SessionPatchSchema = z.strictObject({
  date: z.optional(LocalDateSchema),
  startTime: z.optional(clock()),
  duration: z.optional(Duration),
  capacity: z.optional(z.nullable(int().check(z.positive(), z.maximum(10_000)))),
  place: note(300),
  status: z.optional(z.enum(['cancelled'])),
});
export const TopicProposalSchema = z.strictObject({
  name: text(120),
  email: email(),
  quartierId: z.optional(slug),
  topic: text(300),
  details: note(3000),
  locale: locale(),
});
export const SubscribeSchema = z.strictObject({ email: email(), consent: z.literal(true), locale: locale() });
export const BulkMessageSchema = z.strictObject({
  audience: z.enum(['session-registrants', 'session-waitlist', 'mailing-list']),
  sessionId: z.optional(z.string().check(z.maxLength(60))),
  subject: text(200),
  body: text(20_000),
});
export const LocalSignInSchema = z.strictObject({
  role: z.enum(['coordination', 'partner']),
  partnerId: z.optional(PartnerIdSchema),
});
