import { describe, expect, it } from 'vitest';
import { LEARNING_MOVES, LEARNING_STATES, mayMove, SUPPORT_MOVES, SUPPORT_STATES } from '#domain/request-states';

/** The states reachable from `start` by allowed moves. */
function reachable(moves: Record<string, readonly string[]>, start: string[]) {
  const seen = new Set(start);
  for (const s of seen) for (const next of moves[s] ?? []) seen.add(next);
  return seen;
}

describe("a request's allowed moves, in one table", () => {
  it('every state is reachable, from the unverified start or the state a contact on file starts in', () => {
    expect([...reachable(LEARNING_MOVES, ['unverified', 'routed', 'needs-decision'])].sort()).toEqual(
      [...LEARNING_STATES].sort(),
    );
    expect([...reachable(SUPPORT_MOVES, ['unverified', 'received'])].sort()).toEqual([...SUPPORT_STATES].sort());
  });

  it('ends are ends, and moves go where the program says', () => {
    for (const end of ['not-confirmed', 'completed', 'cancelled'])
      expect(LEARNING_STATES.filter((to) => mayMove('learning', end, to))).toEqual([end]);
    for (const end of ['not-confirmed', 'released', 'withdrawn', 'offer-declined', 'offer-expired'])
      expect(SUPPORT_STATES.filter((to) => mayMove('additional', end, to))).toEqual([end]);
    expect(mayMove('additional', 'waitlisted', 'offered')).toBe(true);
    // A request in line never takes a slot but by an offer; a granted slot is released, never withdrawn.
    expect(mayMove('additional', 'waitlisted', 'granted')).toBe(false);
    expect(mayMove('additional', 'granted', 'withdrawn')).toBe(false);
    // Nothing is served before trust.
    expect(mayMove('additional', 'unverified', 'received')).toBe(false);
    expect(mayMove('learning', 'unverified', 'routed')).toBe(false);
    expect(mayMove('learning', 'in-progress', 'in-progress')).toBe(true);
  });
});
