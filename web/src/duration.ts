/**
 * A duration as people type it on a time sheet: `1 h 30`, `1h30`, `1:30`, `1,5 h`, `2 h`, `45 min`, or a bare number
 * of minutes (`90`). Whole minutes, or null when the text is not a duration (or is zero).
 */
export function parseDuration(text: string): number | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const minutes = fromClock(s) ?? fromHours(s) ?? fromDecimalHours(s) ?? fromMinutes(s);
  return minutes && minutes > 0 ? minutes : null;
}

const fromClock = (s: string) => {
  const m = s.match(/^(\d{1,3}):([0-5]\d)$/);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};
const fromHours = (s: string) => {
  const m = s.match(/^(\d{1,3}) ?h(?:eures?)? ?(?:(\d{1,2}) ?(?:min|mn|m)?)?$/);
  return m && Number(m[2] ?? 0) < 60 ? Number(m[1]) * 60 + Number(m[2] ?? 0) : null;
};
const fromDecimalHours = (s: string) => {
  const m = s.match(/^(\d{1,3})[.,](\d{1,2}) ?h(?:eures?)?$/);
  return m ? Math.round(Number(`${m[1]}.${m[2]}`) * 60) : null;
};
const fromMinutes = (s: string) => {
  const m = s.match(/^(\d{1,4}) ?(?:min|mn|minutes?)?$/);
  return m ? Number(m[1]) : null;
};
