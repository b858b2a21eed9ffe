/** Every API input and the main outputs, as zod schemas beside their types. The OpenAPI document comes from these. */
import * as z from 'zod';

// Control characters (other than line breaks and tabs) have no place in what people type.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const text = (max: number) => z.string().trim().min(1).max(max).refine((v) => !CONTROL.test(v), { message: 'control-characters' });
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(60);
export const LocaleSchema = z.enum(['fr', 'en']);
export const YearIdSchema = z.string().regex(/^\d{4}-\d{4}$/).refine((v) => Number(v.slice(5)) === Number(v.slice(0, 4)) + 1);
export const LocalDateSchema = z.iso.date();
const minutes = z.number().int().positive().max(100_000);

export const PersonSchema = z.strictObject({ name: text(120), email: z.email().max(254) });
export const ContactSchema = z.strictObject({
  name: text(120),
  email: z.email().max(254),
  phone: z.string().trim().regex(/^[0-9+().\s-]{7,25}$/).optional(),
});

export const FocusSchema = z.enum(['strategic-clarity', 'evaluation', 'other']);
export const PartnerIdSchema = z.enum(['dynamo', 'niska', 'yann-pezzini']);
export const LearningStepSchema = z.enum(['identify-questions', 'plan', 'collect-data', 'analyse', 'communicate', 'reinvest']);
export const LEARNING_STEPS = LearningStepSchema.options;

export const QuartierSchema = z.strictObject({ id: slug, name: text(120), advisor: PersonSchema, contactEmail: z.email().optional() });
export type Quartier = z.infer<typeof QuartierSchema>;

export const LearningRequestSchema = z
  .strictObject({
    quartierId: slug,
    contact: ContactSchema,
    question: text(2000),
    focus: FocusSchema,
    preferredPartnerId: PartnerIdSchema.optional(),
    estimatedMinutes: minutes.optional(),
    billableAcknowledged: z.boolean().optional(),
    mode: z.enum(['virtual', 'in-person']).default('virtual'),
    modeReason: z.string().trim().max(500).optional(),
    locale: LocaleSchema.default('fr'),
  })
  .refine((r) => r.mode !== 'in-person' || (r.modeReason?.length ?? 0) > 0, { path: ['modeReason'], message: 'required-when-in-person' });
export type LearningRequestInput = z.infer<typeof LearningRequestSchema>;

export const AnswerSchema = z.strictObject({
  action: z.enum(['accept', 'decline']),
  partnerId: PartnerIdSchema,
  assignment: z.number().int().positive(),
  signature: z.string().min(10).max(200),
  reason: z.string().trim().max(1000).optional(),
});
export const PartnerAnswerSchema = z.strictObject({ reason: z.string().trim().max(1000).optional() });
export const ProgressSchema = z.strictObject({ status: z.enum(['in-progress', 'completed']).optional(), step: LearningStepSchema.optional() });
export const CancelSchema = z.strictObject({ reason: z.string().trim().max(1000).optional() });
export const ReassignSchema = z.strictObject({ partnerId: PartnerIdSchema, reason: text(1000) });

export const AdditionalSupportSchema = z.strictObject({
  quartierId: slug,
  contact: ContactSchema,
  topic: text(2000),
  advisor: PersonSchema,
  advisorConsulted: z.literal(true),
  estimatedMinutes: minutes.optional(),
  locale: LocaleSchema.default('fr'),
});
export type AdditionalSupportInput = z.infer<typeof AdditionalSupportSchema>;
export const ReleaseSchema = z.strictObject({ reason: z.string().trim().max(1000).optional() });
export const OfferAnswerSchema = z.strictObject({ accept: z.boolean() });
export const OverrideSchema = z.strictObject({ requestId: z.string().min(1).max(40), reason: text(1000) });

export const HourLogSchema = z.strictObject({
  quartierId: slug,
  axis: z.enum(['learning', 'additional']),
  date: LocalDateSchema,
  minutes,
  step: LearningStepSchema.optional(),
  requestId: z.string().min(1).max(40).optional(),
  note: z.string().trim().max(1000).optional(),
});
export type HourLogInput = z.infer<typeof HourLogSchema>;

export const AdjustmentSchema = z.strictObject({
  quartierId: slug,
  axis: z.enum(['learning', 'additional']),
  year: YearIdSchema,
  target: z.enum(['allocation', 'usage']),
  minutes: z.number().int().min(-100_000).max(100_000).refine((v) => v !== 0),
  reason: text(1000),
});

export const RegistrationSchema = z.strictObject({
  name: text(120),
  email: z.email().max(254),
  quartierId: slug.optional(),
  locale: LocaleSchema.default('fr'),
});
export const SessionInputSchema = z.strictObject({
  activityId: slug,
  date: LocalDateSchema,
  startTime: z.string().regex(/^\d{2}:\d{2}$/).default('09:00'),
  duration: z.enum(['half-day', 'full-day', 'two-days']),
  capacity: z.number().int().positive().max(10_000).optional(),
  place: z.string().trim().max(300).optional(),
  virtualUrl: z.url().optional(),
});
export const SessionPatchSchema = z.strictObject({
  date: LocalDateSchema.optional(),
  startTime: z.string().regex(/^\d{2}:\d{2}$/).optional(),
  duration: z.enum(['half-day', 'full-day', 'two-days']).optional(),
  capacity: z.number().int().positive().max(10_000).nullable().optional(),
  place: z.string().trim().max(300).optional(),
  status: z.enum(['cancelled']).optional(),
});
export const TopicProposalSchema = z.strictObject({
  name: text(120), email: z.email().max(254), quartierId: slug.optional(), topic: text(300), details: z.string().trim().max(3000).optional(),
  locale: LocaleSchema.default('fr'),
});
export const SubscribeSchema = z.strictObject({ email: z.email().max(254), consent: z.literal(true), locale: LocaleSchema.default('fr') });
export const BulkMessageSchema = z.strictObject({
  audience: z.enum(['session-registrants', 'session-waitlist', 'mailing-list']),
  sessionId: z.string().max(60).optional(),
  subject: text(200),
  body: text(20_000),
});
export const LocalSignInSchema = z.strictObject({ role: z.enum(['coordination', 'partner']), partnerId: PartnerIdSchema.optional() });
