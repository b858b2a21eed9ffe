/** The harvest's rules (issue 18): when a journal takes what, who may share, settings stored before the harvest. */
import { describe, expect, it } from 'vitest';
import { journalRefusal, mayShare, outcomeRefusal, unknownThemes } from '#domain/harvest';
import { DEFAULT_SETTINGS, ProgramSettingsSchema } from '#domain/settings';

describe('the journal and outcomes', () => {
  it('open with routing and close with cancellation; reviews and outcomes wait for the work', () => {
    for (const s of ['unverified', 'awaiting-confirmation', 'not-confirmed', 'cancelled'])
      expect(journalRefusal(s, 'intent')).toBe('journal-closed');
    expect(journalRefusal('routed', 'intent')).toBeUndefined();
    expect(journalRefusal('routed', 'after-action')).toBe('too-early-for-review');
    expect(journalRefusal('completed', 'after-action')).toBeUndefined();
    expect(outcomeRefusal('routed')).toBe('too-early-for-review');
    expect(outcomeRefusal('accepted')).toBeUndefined();
    expect(outcomeRefusal('cancelled')).toBe('journal-closed');
  });

  it('take consent to share from the quartier only, and themes from the list', () => {
    expect(mayShare({ role: 'requester' }, true)).toBe(true);
    expect(mayShare({ role: 'partner', partnerId: 'niska', sub: 'x' }, true)).toBe(false);
    expect(mayShare({ role: 'coordination', sub: 'x' }, false)).toBe(true);
    expect(unknownThemes(['impact collectif', 'météo'], DEFAULT_SETTINGS.harvest.themes)).toEqual(['météo']);
  });
});

describe('the themes setting', () => {
  it('defaults for settings stored before the harvest, keeping their other values', () => {
    const { harvest: _, ...before } = DEFAULT_SETTINGS;
    const parsed = ProgramSettingsSchema.parse({ ...before, additional: { ...before.additional, slotsPerYear: 12 } });
    expect(parsed.harvest.themes).toEqual([
      'impact collectif',
      'gouvernance collective',
      'évaluation et apprentissage',
    ]);
    expect(parsed.additional.slotsPerYear).toBe(12);
    expect(ProgramSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, harvest: { themes: ['a', 'a'] } }).success).toBe(
      false,
    );
  });
});
