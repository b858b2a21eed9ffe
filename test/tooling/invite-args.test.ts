/** `npm run invite`: its arguments are checked by the API's own schema, and each error names the option to fix. */
import { describe, expect, it } from 'vitest';
import { parseInviteArgs } from '../../scripts/invite.ts';

describe('the invite script’s arguments', () => {
  it('reads a partner invitation and a coordination one', () => {
    expect(
      parseInviteArgs(['--email', 'Marie@Example.org', '--role', 'partner', '--partner', 'niska', '--name', 'Marie G']),
    ).toEqual({
      ok: true,
      invitation: { email: 'marie@example.org', role: 'partner', partnerId: 'niska', name: 'Marie G', locale: 'fr' },
    });
    expect(parseInviteArgs(['--email=chef@centraide-mtl.org', '--role=coordination', '--locale=en'])).toEqual({
      ok: true,
      invitation: { email: 'chef@centraide-mtl.org', role: 'coordination', locale: 'en' },
    });
  });

  it('names the option of an unknown partner, a missing one, and one given to coordination', () => {
    const unknown = parseInviteArgs(['--email', 'a@example.org', '--role', 'partner', '--partner', 'atlantide']);
    expect(unknown).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^--partner — Partenaire : choisissez une des options proposées$/)],
    });
    expect(parseInviteArgs(['--email', 'a@example.org', '--role', 'partner'], 'en')).toEqual({
      ok: false,
      errors: ['--partner — Partner: required'],
    });
    const both = parseInviteArgs(['--email', 'a@example.org', '--role', 'coordination', '--partner', 'niska']);
    expect(both).toEqual({ ok: false, errors: [expect.stringMatching(/^--partner — .*aucun partenaire/)] });
  });

  it('names every missing or malformed option, and refuses options it does not know', () => {
    const none = parseInviteArgs([]);
    expect(none.ok || none.errors.map((e) => e.split(' — ')[0])).toEqual(['--email', '--role']);
    const bad = parseInviteArgs(['--email', 'pas-un-courriel', '--role', 'admin', '--locale', 'de']);
    expect(bad.ok || bad.errors.map((e) => e.split(' — ')[0])).toEqual(['--email', '--role', '--locale']);
    const extra = parseInviteArgs(['--email', 'a@example.org', '--role', 'coordination', '--group', 'x']);
    expect(extra).toEqual({ ok: false, errors: [expect.stringContaining("'--group'")] });
  });
});
