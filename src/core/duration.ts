// biome-ignore format: one line per unit and its spellings
const UNIT_SECONDS: Record<string, number> = {
  s: 1, sec: 1, secs: 1,
  m: 60, min: 60, mins: 60,
  h: 3_600, hr: 3_600, hrs: 3_600,
  d: 86_400, day: 86_400, days: 86_400,
  w: 604_800, week: 604_800, weeks: 604_800,
  y: 31_557_600, year: 31_557_600, years: 31_557_600,
};

/**
 * Seconds in a duration as operators write them (`3600`, `30m`, `24h`, `7d`:
 * bare digits are seconds), or null when it is not one.
 */
export function durationSeconds(text: string): number | null {
  const match = /^(\d+)\s*([a-z]*)$/.exec(text.trim());
  if (!match) return null;
  const unit = UNIT_SECONDS[match[2] || 's'];
  return unit === undefined ? null : Number(match[1]) * unit;
}
