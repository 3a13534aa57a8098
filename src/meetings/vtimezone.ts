/**
 * VTIMEZONE components (RFC 5545 §3.6.5) computed from the runtime's IANA time-zone data, so
 * every TZID an invitation uses is defined in the file (§3.2.19) — without it ical.js and other
 * clients read the times as floating. Each offset change in the covered years becomes one
 * STANDARD or DAYLIGHT observance with an explicit DTSTART; no RRULE is needed because the
 * file only has to be right for the years around the meeting.
 */
import { DateTime } from 'luxon';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Transition {
  /** The instant the new offset begins. */
  at: number;
  fromMin: number;
  toMin: number;
  daylight: boolean;
}

function offsetAt(zone: string, ms: number): number {
  return DateTime.fromMillis(ms, { zone }).offset;
}

/** The offset changes of `zone` in [fromMs, toMs), each found to the minute. */
function transitions(zone: string, fromMs: number, toMs: number): Transition[] {
  const out: Transition[] = [];
  let prev = offsetAt(zone, fromMs);
  // Zones change offset at most a few times a year and never twice within a day.
  for (let t = fromMs; t < toMs; t += DAY) {
    const next = offsetAt(zone, t + DAY);
    if (next === prev) continue;
    let lo = t;
    let hi = t + DAY;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(zone, mid) === prev) lo = mid;
      else hi = mid;
    }
    out.push({ at: hi, fromMin: prev, toMin: next, daylight: DateTime.fromMillis(hi, { zone }).isInDST });
    prev = next;
  }
  return out;
}

function fmtOffset(min: number): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

/** Local wall time of `ms` at a fixed offset, as an iCalendar local DATE-TIME. */
function localAt(ms: number, offsetMin: number): string {
  return DateTime.fromMillis(ms + offsetMin * 60_000, { zone: 'utc' }).toFormat("yyyyLLdd'T'HHmmss");
}

/** Abbreviation such as CET/CEST when the runtime knows one; otherwise none (TZNAME is optional). */
function abbreviation(zone: string, ms: number): string | undefined {
  const part = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' }).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value;
  return part && /^[A-Z]{2,6}$/.test(part) ? part : undefined;
}

function observance(kind: 'STANDARD' | 'DAYLIGHT', dtstart: string, fromMin: number, toMin: number, name: string | undefined): string[] {
  return [`BEGIN:${kind}`, `DTSTART:${dtstart}`, `TZOFFSETFROM:${fmtOffset(fromMin)}`, `TZOFFSETTO:${fmtOffset(toMin)}`, ...(name ? [`TZNAME:${name}`] : []), `END:${kind}`];
}

/**
 * The VTIMEZONE for `zone` covering the years `fromYear`–`toYear` (inclusive), lines joined by
 * CRLF. The first observance starts at the beginning of `fromYear` with the offset then in force.
 */
export function vtimezone(zone: string, fromYear: number, toYear: number): string {
  const start = DateTime.fromObject({ year: fromYear, month: 1, day: 1 }, { zone }).toMillis();
  const end = DateTime.fromObject({ year: toYear + 1, month: 1, day: 1 }, { zone }).toMillis();
  const initial = offsetAt(zone, start);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const initialDst = DateTime.fromMillis(start, { zone }).isInDST;
  lines.push(...observance(initialDst ? 'DAYLIGHT' : 'STANDARD', localAt(start, initial), initial, initial, abbreviation(zone, start)));
  for (const t of transitions(zone, start, end)) {
    lines.push(...observance(t.daylight ? 'DAYLIGHT' : 'STANDARD', localAt(t.at, t.fromMin), t.fromMin, t.toMin, abbreviation(zone, t.at)));
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}
