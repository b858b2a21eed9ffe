import * as z from 'zod/mini';
import { FocusSchema, PartnerIdSchema } from '#shared/schemas';

const int = (min?: number, max?: number) =>
  z
    .number()
    .check(z.int(), ...(min === undefined ? [] : [z.minimum(min)]), ...(max === undefined ? [] : [z.maximum(max)]));

const ascending = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]);
const distinct = (xs: unknown[]) => new Set(xs).size === xs.length;

/** The themes the program's document names: collective impact, collective governance, evaluation and learning. */
const DEFAULT_THEMES = ['impact collectif', 'gouvernance collective', 'évaluation et apprentissage'];

/** Centraide's person in charge of personal data until coordination names someone in the settings. */
const DEFAULT_PRIVACY = {
  officer: {
    name: 'Responsable de la protection des renseignements personnels, Centraide du Grand Montréal',
    email: 'confidentialite@centraide-mtl.org',
    address: '493, rue Sherbrooke Ouest, Montréal (Québec) H3A 1B6',
  },
  retentionYears: 2,
};

/**
 * The program's rules as numbers and addresses. Stored in the table (seeded from these defaults) so the
 * coordination team can change them; never literals elsewhere in code. `zod/mini`: every function reads it.
 * Validated as a whole: a document that parses field by field can still describe a program that cannot run.
 * Upper bounds keep a typo (an extra zero or three) from becoming the rule.
 */
export const ProgramSettingsSchema = z
  .strictObject({
    yearStart: z.strictObject({ month: int(1, 12), day: int(1, 28) }),
    learning: z.strictObject({
      annualMinutes: int(0, 100_000),
      /** Cap on what can be available in one year: own allocation + carried-in. */
      availableCapMinutes: int(0, 200_000),
      /** Carried hours still unused this many days before expiry trigger a reminder. */
      expiryReminderDays: int(1, 365),
      thresholdsPercent: z.array(int(1, 100)).check(z.maxLength(10), z.refine(ascending, { message: 'not-ascending' })),
    }),
    additional: z.strictObject({
      slotsPerYear: int(0, 1000),
      minutesPerSlot: int(0, 100_000),
      offerDays: int(1, 365),
    }),
    routing: z.strictObject({
      /** Candidate partners for each focus, in preference order: every focus, known partners, each once. */
      candidatesByFocus: z.record(
        FocusSchema,
        z.array(PartnerIdSchema).check(z.minLength(1), z.refine(distinct, { message: 'duplicates' })),
      ),
      reminderBusinessDays: int(1, 60),
    }),
    activities: z.strictObject({
      reminderDaysBefore: z.array(int(1, 365)).check(z.maxLength(10), z.refine(distinct, { message: 'duplicates' })),
    }),
    /**
     * The learning harvest's themes, which outcome statements are tagged with (issue 18). A default: settings
     * stored before the harvest keep parsing (and keep their other values) until coordination edits the list.
     */
    harvest: z._default(
      z.strictObject({
        themes: z
          .array(z.string().check(z.trim(), z.minLength(1), z.maxLength(80)))
          .check(z.minLength(1), z.maxLength(30), z.refine(distinct, { message: 'duplicates' })),
      }),
      () => ({ themes: [...DEFAULT_THEMES] }),
    ),
    /**
     * Law 25 (issue 19): who answers for personal data and how to reach them (shown on the privacy notice), and
     * how many years personal data is kept after a request closes or a session ends. A default, as for the harvest.
     */
    privacy: z._default(
      z.strictObject({
        officer: z.strictObject({
          name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
          email: z.email(),
          address: z.string().check(z.trim(), z.minLength(1), z.maxLength(300)),
        }),
        retentionYears: int(1, 10),
      }),
      () => structuredClone(DEFAULT_PRIVACY),
    ),
  })
  .check(
    z.refine((s) => s.learning.availableCapMinutes >= s.learning.annualMinutes, {
      path: ['learning', 'availableCapMinutes'],
      message: 'cap-below-allocation',
    }),
  );
export type ProgramSettings = z.infer<typeof ProgramSettingsSchema>;

export const DEFAULT_SETTINGS: ProgramSettings = {
  harvest: { themes: [...DEFAULT_THEMES] },
  privacy: structuredClone(DEFAULT_PRIVACY),
  yearStart: { month: 4, day: 1 },
  learning: {
    annualMinutes: 31 * 60,
    availableCapMinutes: 62 * 60,
    expiryReminderDays: 60,
    thresholdsPercent: [50, 80, 100],
  },
  additional: { slotsPerYear: 9, minutesPerSlot: 30 * 60, offerDays: 10 },
  routing: {
    candidatesByFocus: {
      'strategic-clarity': ['niska', 'yann-pezzini', 'dynamo'],
      evaluation: ['dynamo', 'niska', 'yann-pezzini'],
      other: ['dynamo', 'niska', 'yann-pezzini'],
    },
    reminderBusinessDays: 5,
  },
  activities: { reminderDaysBefore: [7, 1] },
};
