import { describe, expect, it } from 'vitest';
import { choosePartner, describeRouting } from '#domain/routing';
import { DEFAULT_SETTINGS } from '#domain/settings';

const candidatesByFocus = DEFAULT_SETTINGS.routing.candidatesByFocus;
const idle = { openRequests: 0, committedMinutes: 0 };
const loads = (d: number, n: number, y: number) => ({
  dynamo: { ...idle, openRequests: d },
  niska: { ...idle, openRequests: n },
  'yann-pezzini': { ...idle, openRequests: y },
});

describe('routing rules', () => {
  it.each([
    {
      name: 'a stated preference is honoured',
      focus: 'evaluation',
      preferred: 'yann-pezzini',
      declined: [],
      loads: loads(0, 0, 9),
      cursor: 0,
      expect: 'yann-pezzini',
      code: 'preference',
    },
    {
      name: 'a preference that declined is not chosen again',
      focus: 'evaluation',
      preferred: 'yann-pezzini',
      declined: ['yann-pezzini'],
      loads: loads(1, 0, 0),
      cursor: 0,
      expect: 'niska',
      code: 'lowest-load',
    },
    {
      name: 'the least loaded candidate of the focus wins',
      focus: 'strategic-clarity',
      declined: [],
      loads: loads(0, 2, 1),
      cursor: 0,
      expect: 'dynamo',
      code: 'lowest-load',
    },
    {
      name: 'committed minutes break a tie in open requests',
      focus: 'other',
      declined: [],
      loads: {
        dynamo: { openRequests: 1, committedMinutes: 600 },
        niska: { openRequests: 1, committedMinutes: 300 },
        'yann-pezzini': { openRequests: 2, committedMinutes: 0 },
      },
      cursor: 0,
      expect: 'niska',
      code: 'lowest-load',
    },
    {
      name: 'a tie goes round-robin (cursor 0)',
      focus: 'evaluation',
      declined: [],
      loads: loads(0, 0, 0),
      cursor: 0,
      expect: 'dynamo',
      code: 'tie-round-robin',
    },
    {
      name: 'a tie goes round-robin (cursor 1)',
      focus: 'evaluation',
      declined: [],
      loads: loads(0, 0, 0),
      cursor: 1,
      expect: 'niska',
      code: 'tie-round-robin',
    },
    {
      name: 'a tie goes round-robin (cursor 5)',
      focus: 'evaluation',
      declined: [],
      loads: loads(0, 0, 0),
      cursor: 5,
      expect: 'yann-pezzini',
      code: 'tie-round-robin',
    },
    {
      name: 'declined partners are skipped',
      focus: 'evaluation',
      declined: ['dynamo', 'niska'],
      loads: loads(0, 0, 5),
      cursor: 0,
      expect: 'yann-pezzini',
      code: 'only-candidate',
    },
  ])('$name', (c) => {
    const d = choosePartner({
      focus: c.focus,
      preferredPartnerId: c.preferred,
      candidatesByFocus,
      declined: c.declined,
      loads: c.loads,
      cursor: c.cursor,
    });
    expect(d).toMatchObject({ kind: 'routed', partnerId: c.expect, reason: { code: c.code } });
  });

  it('asks the coordination team when every partner declined', () => {
    expect(
      choosePartner({
        focus: 'evaluation',
        candidatesByFocus,
        declined: ['dynamo', 'niska', 'yann-pezzini'],
        loads: {},
        cursor: 0,
      }),
    ).toEqual({ kind: 'no-candidate' });
  });

  it('explains the decision', () => {
    expect(describeRouting('Niska', { code: 'lowest-load', focus: 'strategic-clarity' }, 'en')).toBe(
      'routed to Niska: focus strategic clarity, lowest load',
    );
    expect(describeRouting('Niska', { code: 'lowest-load', focus: 'strategic-clarity' })).toBe(
      'acheminée à Niska : orientation clarté stratégique, charge la plus faible',
    );
  });
});
