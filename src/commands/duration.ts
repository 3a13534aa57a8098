import { DateTime, Duration } from 'luxon';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Largest shift the parser accepts (ten years), so a typo cannot produce an absurd clock. */
export const MAX_DURATION_MS = 3653 * DAY;

/** The time zone used for absolute times typed without an offset. */
export const DEFAULT_TIME_ZONE = 'Europe/Stockholm';

// Unit words in sv/nb/en; `m` is minutes (months are calendar-dependent and not supported).
const UNIT_MS: ReadonlyMap<string, number> = new Map([
  ...['w', 'wk', 'wks', 'week', 'weeks', 'v', 'vecka', 'veckor', 'u', 'uke', 'uker'].map((u) => [u, WEEK] as const),
  ...['d', 'day', 'days', 'dag', 'dagar', 'dager', 'dygn'].map((u) => [u, DAY] as const),
  ...['h', 'hr', 'hrs', 'hour', 'hours', 't', 'tim', 'timme', 'timmar', 'time', 'timer'].map((u) => [u, HOUR] as const),
  ...['m', 'min', 'mins', 'minute', 'minutes', 'minut', 'minuter', 'minutt', 'minutter'].map((u) => [u, MINUTE] as const),
  ...['s', 'sec', 'secs', 'second', 'seconds', 'sek', 'sekund', 'sekunder'].map((u) => [u, 1000] as const),
]);

const SHORT_PART = /(\d{1,6})\s*([a-zåäø]+)/giy;
const ABSOLUTE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses a relative duration into signed milliseconds: `+2d`, `3h`, `+30m`, `+1w`, `-1d`,
 * `+1d12h`, `2 dagar`, or ISO 8601 `P2D` / `PT3H` / `P1DT2H30M`. Returns null when not a duration.
 */
export function parseDuration(text: string): number | null {
  let s = text.trim();
  let sign = 1;
  if (s.startsWith('+')) s = s.slice(1).trimStart();
  else if (s.startsWith('-') || s.startsWith('−')) {
    sign = -1;
    s = s.slice(1).trimStart();
  }
  if (s === '') return null;
  const ms = /^p/i.test(s) ? parseIsoDuration(s) : parseShortDuration(s);
  if (ms === null || ms > MAX_DURATION_MS) return null;
  return sign * ms;
}

/**
 * ISO 8601 durations through luxon. Years and months are refused (their length depends on the
 * calendar), as are fractions and negative parts; weeks, days, hours, minutes and seconds add up.
 */
function parseIsoDuration(s: string): number | null {
  const d = Duration.fromISO(s.toUpperCase());
  if (!d.isValid) return null;
  const o = d.toObject();
  if (o.years || o.quarters || o.months) return null;
  const parts = [o.weeks, o.days, o.hours, o.minutes, o.seconds, o.milliseconds];
  if (parts.every((x) => x === undefined) || parts.some((x) => x !== undefined && (!Number.isInteger(x) || x < 0))) return null;
  return d.as('milliseconds');
}

function parseShortDuration(s: string): number | null {
  const lower = s.toLowerCase();
  SHORT_PART.lastIndex = 0;
  let total = 0;
  let parts = 0;
  while (SHORT_PART.lastIndex < lower.length) {
    const m = SHORT_PART.exec(lower);
    if (!m) return null;
    const unit = UNIT_MS.get(m[2] ?? '');
    if (unit === undefined) return null;
    total += n(m[1]) * unit;
    parts++;
    // Allow spaces or commas between parts: "1d 2h", "1 dag, 2 timmar".
    const sep = /[\s,]*/y;
    sep.lastIndex = SHORT_PART.lastIndex;
    sep.exec(lower);
    SHORT_PART.lastIndex = sep.lastIndex;
  }
  return parts > 0 ? total : null;
}

function n(x: string | undefined): number {
  return x === undefined ? 0 : Number(x);
}

/**
 * Parses an absolute ISO time (`2026-12-01T08:00`, `2026-12-01 08:00`, `2026-12-01`, with or
 * without `Z`/offset). Times without an offset are read in `zone`. Returns null when invalid.
 */
export function parseAbsoluteTime(text: string, zone: string = DEFAULT_TIME_ZONE): Date | null {
  const s = text.trim();
  if (!ABSOLUTE.test(s)) return null;
  try {
    const dt = DateTime.fromISO(s.replace(' ', 'T'), { zone });
    return dt.isValid ? dt.toJSDate() : null;
  } catch {
    return null;
  }
}

/** A time given to the clock command: a shift relative to now, or an absolute instant. */
export type TimeSpec = { kind: 'relative'; ms: number } | { kind: 'absolute'; at: Date };

/** Parses either a relative duration or an absolute ISO time; null when it is neither. */
export function parseTimeSpec(text: string, zone: string = DEFAULT_TIME_ZONE): TimeSpec | null {
  const at = parseAbsoluteTime(text, zone);
  if (at) return { kind: 'absolute', at };
  const ms = parseDuration(text);
  return ms === null ? null : { kind: 'relative', ms };
}
