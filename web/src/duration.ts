/**
 * A duration as people type it on a time sheet: `1 h 30`, `1h30`, `1:30`, `1,5 h`, `2 h`, `45 min`, or a bare number
 * of minutes (`90`). Whole minutes, or null when the text is not a duration (or is zero).
 */
export function parseDuration(text: string): number | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!s) return null;
  let minutes: number | null = null;
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{1,3}):([0-5]\d)$/))) minutes = Number(m[1]) * 60 + Number(m[2]);
  else if ((m = s.match(/^(\d{1,3}) ?h(?:eures?)? ?(?:(\d{1,2}) ?(?:min|mn|m)?)?$/)) && Number(m[2] ?? 0) < 60)
    minutes = Number(m[1]) * 60 + Number(m[2] ?? 0);
  else if ((m = s.match(/^(\d{1,3})[.,](\d{1,2}) ?h(?:eures?)?$/)))
    minutes = Math.round(Number(`${m[1]}.${m[2]}`) * 60);
  else if ((m = s.match(/^(\d{1,4}) ?(?:min|mn|minutes?)?$/))) minutes = Number(m[1]);
  return minutes && minutes > 0 ? minutes : null;
}
