/** Every status change the store writes is one the domain's table allows (shared/domain/request-states.ts). */
import { describe, expect, it } from 'vitest';
import { testDeps } from '../support/harness.ts';

describe('requests.change', () => {
  it('builds an allowed move, and refuses to build one the table does not allow', async () => {
    const deps = await testDeps({ seed: false });
    const r = { id: 'r1', kind: 'additional' as const, createdAt: '2027-06-01T15:00:00Z', status: 'granted' };
    expect(deps.repos.requests.change(r, { set: { status: 'released' }, while: { status: 'granted' } })).toBeTruthy();
    expect(() => deps.repos.requests.change(r, { set: { status: 'withdrawn' } })).toThrow(/no move from granted/);
    expect(() =>
      deps.repos.requests.change(r, { set: { status: 'granted' }, while: { status: 'waitlisted' } }),
    ).toThrow(/no move from waitlisted to granted/);
  });
});
