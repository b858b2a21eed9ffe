import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../web/src/duration.ts';

describe('parseDuration: what people type on a time sheet', () => {
  it.each([
    ['1 h 30', 90],
    ['1h30', 90],
    ['1H30', 90],
    ['1:30', 90],
    ['90', 90],
    ['1,5 h', 90],
    ['1.5h', 90],
    ['2 h', 120],
    ['2h', 120],
    ['45 min', 45],
    ['0:45', 45],
    ['1 h 05', 65],
    ['  3 heures ', 180],
    ['1,25 h', 75],
  ])('%s is %i minutes', (text, minutes) => {
    expect(parseDuration(text)).toBe(minutes);
  });

  it.each(['', 'abc', '0', '1:75', '1 h 75', '-30', '1,5', 'h30', '0 h'])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});
