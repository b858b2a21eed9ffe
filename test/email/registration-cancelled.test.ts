import { describe, expect, it } from 'vitest';
import { renderEmail } from '#email/templates';

/** A person's own cancellation: their registration ends, the session does not (snapshots per locale). */
const sample = {
  name: 'Zoé',
  activityTitle: 'Formation Impact collectif',
  date: '2027-01-20',
  place: 'Centraide',
  status: 'registration-cancelled',
  cancelUrl: 'https://pic.example/x',
};

describe('registration cancelled by the person', () => {
  for (const locale of ['fr', 'en'] as const) {
    it(`says the registration is cancelled, not the session (${locale})`, () => {
      const out = renderEmail('registration', sample, locale);
      expect(out.text).not.toMatch(/La session .* est annulée|session on .* is cancelled/);
      expect(out.text).toMatch(/Votre inscription .* est annulée|Your registration .* is cancelled/);
      expect(out).toMatchSnapshot();
    });
  }
});
