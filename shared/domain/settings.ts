import { z } from 'zod';

/**
 * The program's rules as numbers and addresses. Stored in the table (seeded from these defaults) so the
 * coordination team can change them; never literals elsewhere in code.
 */
export const ProgramSettingsSchema = z.strictObject({
  yearStart: z.strictObject({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(28) }),
  learning: z.strictObject({
    annualMinutes: z.number().int().nonnegative(),
    /** Cap on what can be available in one year: own allocation + carried-in. */
    availableCapMinutes: z.number().int().nonnegative(),
    /** Carried hours still unused this many days before expiry trigger a reminder. */
    expiryReminderDays: z.number().int().positive(),
    thresholdsPercent: z.array(z.number().int().min(1).max(100)),
  }),
  additional: z.strictObject({
    slotsPerYear: z.number().int().nonnegative(),
    minutesPerSlot: z.number().int().nonnegative(),
    offerDays: z.number().int().positive(),
  }),
  routing: z.strictObject({
    /** Candidate partners for each focus, in preference order. */
    candidatesByFocus: z.record(z.string(), z.array(z.string())),
    reminderBusinessDays: z.number().int().positive(),
  }),
  activities: z.strictObject({ reminderDaysBefore: z.array(z.number().int().positive()) }),
});
export type ProgramSettings = z.infer<typeof ProgramSettingsSchema>;

export const DEFAULT_SETTINGS: ProgramSettings = {
  yearStart: { month: 4, day: 1 },
  learning: { annualMinutes: 31 * 60, availableCapMinutes: 62 * 60, expiryReminderDays: 60, thresholdsPercent: [50, 80, 100] },
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
