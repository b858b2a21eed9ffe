import { describe, expect, it } from 'vitest';
import { renderEmail } from '#email/templates';

const base = {
  contactName: 'Léa',
  quartierName: 'Lachine',
  slot: 3,
  capacity: 9,
  advisorName: 'Conseil PIC',
  statusUrl: 'https://pic.example/#/demande/r2?t=sig',
  offerExpiresOn: '2027-03-31',
  rclUrl: 'https://rcl.example/',
};

describe('slot offer and lapse emails', () => {
  for (const outcome of ['offered', 'offer-expired'] as const)
    for (const locale of ['fr', 'en'] as const)
      it(`${outcome} (${locale}): the deadline, and a link that opens the request`, () => {
        const out = renderEmail('additional-support-outcome', { ...base, outcome }, locale);
        expect(out.text).toContain(locale === 'fr' ? '31 mars 2027' : 'March 31, 2027');
        expect(out.text).toContain(base.statusUrl);
        expect(out.html).toContain(`lang="${locale}"`);
        expect(out).toMatchSnapshot();
      });
});
