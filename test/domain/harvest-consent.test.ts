/** The consent filter (issue 18): nothing unshared or personal ever reaches the public harvest. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { redact, sharedHarvest, type Author, type OutcomeStatement } from '#domain/harvest';

const WORDS = ['la', 'table', 'a', 'changé', 'ses', 'pratiques', 'grâce', 'au', 'bilan', 'membres', '2026', '—'];
const name = fc.stringMatching(/^[A-ZÉ][a-zéèô]{2,9}(?: [A-Z][a-zé]{2,9})?$/);
const phone = fc
  .tuple(fc.integer({ min: 200, max: 999 }), fc.integer({ min: 200, max: 999 }), fc.integer({ min: 0, max: 9999 }))
  .map(([a, b, c]) => `${a} ${b}-${String(c).padStart(4, '0')}`);
const contact = fc.record({ name, email: fc.emailAddress(), phone });
type Contact = { name: string; email: string; phone: string };

/** Free text made of ordinary words and, here and there, the request's contact details. */
const textWith = (c: Contact) =>
  fc
    .array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(c.name, c.email, c.phone, c.name.toUpperCase())), {
      minLength: 1,
      maxLength: 12,
    })
    .map((parts) => parts.join(' '));

const author: fc.Arbitrary<Author> = fc.oneof(
  fc.constant({ role: 'requester' as const }),
  fc.emailAddress().map((sub) => ({ role: 'coordination' as const, sub })),
  fc.emailAddress().map((sub) => ({ role: 'partner' as const, partnerId: 'niska', sub })),
);

const entry = fc
  .record({
    c: contact,
    requestId: fc.stringMatching(/^r[a-z0-9]{6}$/),
    quartierId: fc.constantFrom('verdun', 'rosemont'),
  })
  .chain(({ c, requestId, quartierId }) =>
    fc.record({
      contact: fc.constant(c),
      outcome: fc.record({
        id: fc.constant(`o${requestId}`),
        requestId: fc.constant(requestId),
        year: fc.constant('2026-2027'),
        quartierId: fc.constant(quartierId),
        partnerId: fc.constant('niska'),
        focus: fc.constantFrom('evaluation', 'other'),
        actor: textWith(c),
        change: textWith(c),
        contribution: textWith(c),
        evidence: fc.option(textWith(c), { nil: undefined }),
        themes: fc.subarray(['impact collectif', 'gouvernance collective']),
        shared: fc.boolean(),
        author,
        editedBy: fc.option(author, { nil: undefined }),
        at: fc.constant('2026-11-27T15:00:00.000Z'),
      }),
    }),
  );

const NAMES: Record<string, string> = { verdun: 'Verdun', rosemont: 'Rosemont' };
const word = (s: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu');

describe('the shared harvest', () => {
  it('holds only shared outcomes, the quartier by name, and no contact, author or account', () => {
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.outcome.requestId, maxLength: 15 }), (entries) => {
        // Each outcome marks itself: an unshared one's marker must not reach the output.
        const outcomes = entries.map((e) => ({ ...e.outcome, change: `${e.outcome.change} ${e.outcome.id}` }));
        const contacts = new Map(entries.map((e) => [e.outcome.requestId, e.contact]));
        const out = sharedHarvest(
          outcomes as OutcomeStatement[],
          (id) => NAMES[id],
          (id) => {
            const c = contacts.get(id)!;
            return [c.name, c.email, c.phone];
          },
        );
        expect(out).toHaveLength(outcomes.filter((o) => o.shared).length);
        const text = JSON.stringify(out);
        for (const o of outcomes) if (!o.shared) expect(text).not.toContain(o.id);
        for (const s of out) {
          expect(
            Object.keys(s).every((k) =>
              ['quartier', 'focus', 'themes', 'actor', 'change', 'contribution', 'evidence'].includes(k),
            ),
          ).toBe(true);
          expect(Object.values(NAMES)).toContain(s.quartier);
        }
        // Every personal detail of a shared outcome's own request is gone from it.
        const shared = outcomes.filter((o) => o.shared);
        out.forEach((s, i) => {
          const c = contacts.get(shared[i].requestId)!;
          for (const f of [s.actor, s.change, s.contribution, s.evidence ?? '']) {
            expect(f).not.toContain('@');
            expect(f).not.toContain(c.phone);
            expect(f).not.toMatch(word(c.name));
          }
        });
        for (const o of outcomes) {
          for (const a of [o.author, o.editedBy]) if (a && 'sub' in a) expect(text).not.toContain(a.sub);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('redacts addresses, phone numbers and the names given, whole words only', () => {
    expect(redact('Écrire à lea.t@example.org ou au 514 555-1234, dit Léa.', ['Léa'])).toBe(
      'Écrire à […] ou au […], dit […].',
    );
    expect(redact('Léanne a parlé', ['Léa'])).toBe('Léanne a parlé');
  });
});
