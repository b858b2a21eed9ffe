import * as z from 'zod/mini';

const int = (min?: number, max?: number) =>
  z
    .number()
    .check(z.int(), ...(min === undefined ? [] : [z.minimum(min)]), ...(max === undefined ? [] : [z.maximum(max)]));

/**
 * The program's rules as numbers and addresses. Stored in the table (seeded from these defaults) so the
 * coordination team can change them; never literals elsewhere in code. `zod/mini`: every function reads it.
 */
export const ProgramSettingsSchema = z.strictObject({
  yearStart: z.strictObject({ month: int(1, 12), day: int(1, 28) }),
  learning: z.strictObject({
    annualMinutes: int(0),
    /** Cap on what can be available in one year: own allocation + carried-in. */
    availableCapMinutes: int(0),
    /** Carried hours still unused this many days before expiry trigger a reminder. */
    expiryReminderDays: int(1),
    thresholdsPercent: z.array(int(1, 100)),
  }),
  additional: z.strictObject({
    slotsPerYear: int(0),
    minutesPerSlot: int(0),
    offerDays: int(1),
  }),
  routing: z.strictObject({
    /** Candidate partners for each focus, in preference order. */
    candidatesByFocus: z.record(z.string(), z.array(z.string())),
    reminderBusinessDays: int(1),
  }),
  activities: z.strictObject({ reminderDaysBefore: z.array(int(1)) }),
});
export type ProgramSettings = z.infer<typeof ProgramSettingsSchema>;

export const DEFAULT_SETTINGS: ProgramSettings = {
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
