/**
 * One catalogue: the words for a focus, a status or a step live in shared/labels.ts alone, and the API's messages,
 * the emails and the pages all take them from there. The program's numbers come from the settings, never from a
 * literal in a template, a catalogue or a page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '#domain/settings';
import { FOCUS_LABELS, STATUS_LABELS, inSentence } from '#shared/labels';
import { renderEmail } from '#email/templates';
import { describeRouting } from '#domain/routing';

const ROOT = join(import.meta.dirname, '..', '..');
const filesUnder = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : /\.(ts|html)$/.test(e.name) ? [join(dir, e.name)] : [],
  );

/** Where people read words: the emails, the server's and the pages' catalogues, the pages, index.html. */
const WORDING = [...filesUnder('shared/email'), 'shared/i18n.ts', ...filesUnder('web/src'), 'web/index.html'];

const hours = (minutes: number) => minutes / 60;
const { learning, additional } = DEFAULT_SETTINGS;

/** Each default number as people would write it: "31 heures", "30 h", "62 hours", "/ 9", "9 places", "sur 9"… */
const PROGRAM_LITERALS = [
  ...[learning.annualMinutes, learning.availableCapMinutes, additional.minutesPerSlot].map(
    (m) => new RegExp(`\\b${hours(m)}\\s*(h\\b|heures?\\b|hours?\\b)`, 'i'),
  ),
  new RegExp(
    `(/\\s*${additional.slotsPerYear}\\b|\\b(sur|of)\\s+${additional.slotsPerYear}\\b|` +
      `\\b${additional.slotsPerYear}\\s+(places?|slots?|quartiers|neighbourhoods)\\b)`,
    'i',
  ),
];

describe('the program numbers', () => {
  it('are written in no template, catalogue, page or index.html: they come from the settings', () => {
    const found = WORDING.flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          PROGRAM_LITERALS.some((re) => re.test(line)) ? [`${relative(ROOT, join(ROOT, file))}:${i + 1}`] : [],
        ),
    );
    expect(found).toEqual([]);
  });

  it("a granted slot's email says the slot's hours from its data", () => {
    const data = {
      contactName: 'Léa',
      quartierName: 'Verdun',
      outcome: 'granted' as const,
      slot: 2,
      capacity: 7,
      advisorName: 'Marc',
      statusUrl: 'https://pic.example/s',
      rclUrl: 'https://pic.example/rcl',
      slotMinutes: 25 * 60,
    };
    expect(renderEmail('additional-support-outcome', data, 'fr').text).toContain("jusqu'à 25 h d'accompagnement");
    expect(renderEmail('additional-support-outcome', data, 'en').text).toContain('up to 25 h of additional support');
  });
});

describe('the labels', () => {
  it('are defined in shared/labels.ts alone: no other map names a focus, a status or a step', () => {
    const sources = [...filesUnder('shared'), ...filesUnder('functions'), ...filesUnder('web/src')].filter(
      (f) => f !== join('shared', 'labels.ts'),
    );
    // A key of its own (not the end of a longer one, 'learning-request-needs-decision') given a word or a label.
    const map =
      /(?<![\w-])['"]?(strategic-clarity|needs-decision|in-progress|identify-questions|routed)['"]?\s*:\s*[{'"]/;
    const found = sources.filter((f) => map.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(found).toEqual([]);
  });

  it('read the same in the emails, the routing note and the pages', () => {
    for (const locale of ['fr', 'en'] as const) {
      const email = renderEmail(
        'learning-request-status',
        {
          contactName: 'Léa',
          quartierName: 'Verdun',
          partnerName: 'Niska',
          status: 'needs-decision',
          statusUrl: 'https://pic.example/s',
        },
        locale,
      );
      expect(email.subject).toContain(inSentence(STATUS_LABELS['needs-decision'][locale]));
      const note = describeRouting('Niska', { code: 'lowest-load', focus: 'other' }, locale);
      expect(note).toContain(inSentence(FOCUS_LABELS.other[locale]));
    }
  });
});
