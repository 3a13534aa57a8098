/**
 * Dates and times as people type them, in Swedish, Norwegian bokmål and English:
 * `15/1`, `15.1`, `15.01.2027`, `15. januar`, `15 jan`, `jan 15`, `2027-01-15`, `tisdag`,
 * `tirsdag`, `nästa tisdag`, `neste tirsdag`, `tisdag nästa vecka`, `i tisdags`, `i morgon`,
 * `i morgen`, `idag`, `i dag`, `kl. 13`, `13.30`, `13:30`, `1pm`, and combinations such as
 * `tisdag kl. 13`, `kl 9 i morgon`, `fredag 15 januari 13:30`.
 *
 * Pure: the organisation's time zone and "now" are given, so the same text means the same day on
 * a server running in UTC as in Stockholm, and no date moves at midnight or across a DST change
 * (days are counted on the calendar, the instant is made in the zone only at the end).
 *
 * Nothing is guessed silently. When the year or the day had to be inferred and the reading is
 * doubtful — a day and month that have passed this year (`15/1` in December is read as next
 * January), a day already gone (`1/12` on 2 December), `nästa tisdag` early in the week, `tisdag`
 * on a Tuesday, a weekday that does not match the date — the result says `needsConfirmation` with
 * the reason, and the caller asks ("menar du fredag 15 januari 2027?"). A date typed with its year
 * (`1.12.2026`, `2026-12-01`) is taken as typed: that is how a person confirms.
 */
import { DateTime } from 'luxon';
import { fold } from './fold.ts';

/** Why a typed date must be confirmed before it is used. */
export type DateDoubt =
  /** Day and month without a year that have passed this year: read as next year's. */
  | 'nextYear'
  /** Read as last year's (a date in the past was expected, this year's is still ahead). */
  | 'lastYear'
  /** The day (or the time today) has already been, and a future one was expected. */
  | 'past'
  /** A past date was expected (e.g. when consent was given) and this one is ahead. */
  | 'future'
  /** More than one reading: `nästa tisdag` on a Monday, `tisdag` on a Tuesday, `10.10`. */
  | 'ambiguous'
  /** The weekday typed is not the weekday of the date typed (`torsdag 15 januari 2027`). */
  | 'weekdayMismatch';

/** A date (and optional time) read from text, in the organisation's calendar. */
export interface TypedWhen {
  /** The day, ISO `yyyy-MM-dd`. */
  date: string;
  /** `HH:mm`, when a time was typed. */
  time?: string;
  /** True when the person must confirm the reading before it is used; `reason` says why. */
  needsConfirmation: boolean;
  reason?: DateDoubt;
  /** True when only a time was typed (the date is today). */
  timeOnly?: boolean;
}

/** Where and when the text was typed, and which way the field points. */
export interface DateContext {
  /** The organisation's IANA time zone, e.g. `Europe/Stockholm`. */
  zone: string;
  now: Date;
  /** `future` (default: meetings, due dates) or `past` (when consent was given). */
  expect?: 'future' | 'past';
}

interface Tok {
  /** Folded and trimmed of surrounding punctuation. */
  w: string;
  start: number;
  end: number;
}

type Day = DateTime; // a calendar day in UTC (no zone arithmetic on days)

interface DatePart {
  day: Day;
  doubt?: DateDoubt;
  /** The weekday typed with a calendar date (1 = Monday), to check. */
  weekday?: number;
  /** The day had no year and the year was chosen here. */
  inferredYear?: boolean;
  /** Typed with its year (`1.12.2026`, `2026-12-01`): taken as typed, even when past. */
  explicit?: boolean;
}

interface TimePart {
  h: number;
  m: number;
  doubt?: DateDoubt;
}

interface Parsed {
  date?: DatePart;
  time?: TimePart;
  n: number;
}

const MONTHS: readonly (readonly string[])[] = [
  ['januari', 'januar', 'january'],
  ['februari', 'februar', 'february'],
  ['mars', 'march'],
  ['april'],
  ['maj', 'mai', 'may'],
  ['juni', 'june'],
  ['juli', 'july'],
  ['augusti', 'august'],
  ['september'],
  ['oktober', 'october'],
  ['november'],
  ['december', 'desember'],
];

/** 1..12 for a month name or its abbreviation of at least three letters (`jan`, `sept`, `des`); `maj`/`mai`/`may` whole. */
function monthOf(w: string): number | undefined {
  if (w.length < 3) return undefined;
  for (let i = 0; i < MONTHS.length; i++) if (MONTHS[i]!.some((name) => name.startsWith(w))) return i + 1;
  return undefined;
}

/** A word's value in a lookup table, never an inherited property (`__proto__`, `constructor`). */
const own = (table: Readonly<Record<string, number>>, w: string): number | undefined => (Object.hasOwn(table, w) ? table[w] : undefined);

const WEEKDAYS: Readonly<Record<string, number>> = {
  mandag: 1, monday: 1, tisdag: 2, tirsdag: 2, tuesday: 2, onsdag: 3, wednesday: 3, torsdag: 4, thursday: 4,
  fredag: 5, friday: 5, lordag: 6, saturday: 6, sondag: 7, sunday: 7,
};
/** Abbreviations ("tis", "man", "fre") are words too ("man ska ringa"): only a whole field may be one. */
const WEEKDAY_ABBR: Readonly<Record<string, number>> = {
  man: 1, mon: 1, tis: 2, tir: 2, tue: 2, tues: 2, ons: 3, wed: 3, tor: 4, tors: 4, thu: 4, thur: 4, thurs: 4,
  fre: 5, fri: 5, lor: 6, sat: 6, son: 7, sun: 7,
};
/** `i tisdags` (Swedish: the most recent Tuesday). */
const WEEKDAYS_PAST_SV: Readonly<Record<string, number>> = {
  mandags: 1, tisdags: 2, onsdags: 3, torsdags: 4, fredags: 5, lordags: 6, sondags: 7,
};

/** Words that make the weekday after them a habit. */
const RECURRING = new Set(['varje', 'varannan', 'hver', 'annenhver', 'every', 'alla']);
const NEXT = new Set(['nasta', 'neste', 'next']);
const COMING = new Set(['kommande', 'kommende', 'this', 'denna', 'denne']);
const LAST = new Set(['forra', 'forrige', 'sist', 'siste', 'last']);
const WEEK = new Set(['vecka', 'veckan', 'uke', 'uka', 'uken', 'week']);
/** Words before a date that belong to it (`på tisdag`, `senast fredag`, `innen 15. januar`, `by Friday`). */
const PREP = new Set(['pa', 'den', 'on', 'om', 'senast', 'senest', 'innan', 'innen', 'fore', 'for', 'till', 'til', 'until', 'by']);
const CLOCK = new Set(['kl', 'klockan', 'klokka', 'klokken', 'at', '@']);

/** Relative days, one word or `i` + word. */
const REL_ONE: Readonly<Record<string, number>> = {
  idag: 0, today: 0, imorgon: 1, imorgen: 1, tomorrow: 1, overmorgon: 2, overmorgen: 2, iovermorgon: 2, iovermorgen: 2,
  igar: -1, yesterday: -1, iforrgar: -2, forrgar: -2, iforgars: -2, forgars: -2,
};
const REL_AFTER_I: Readonly<Record<string, number>> = { dag: 0, morgon: 1, morgen: 1, overmorgon: 2, overmorgen: 2, gar: -1, forrgar: -2, forgars: -2 };

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  for (const m of text.matchAll(/\S+/g)) {
    const raw = m[0];
    const w = fold(raw).replace(/^[("'“”‘’«»]+/, '').replace(/[)"'“”‘’«»,;:!?.]+$/, '');
    out.push({ w, start: m.index, end: m.index + raw.length });
  }
  return out;
}

const isoDay = (d: Day) => d.toISODate()!;
const validDay = (y: number, m: number, d: number): Day | null => {
  const day = DateTime.utc(y, m, d);
  return day.isValid && day.day === d ? day : null;
};
/** The first year from `y` stepping by `step` in which the day exists (29 February), within eight years. */
const firstValid = (mo: number, d: number, y: number, step: 1 | -1): Day | null => {
  for (let k = 0; k < 8; k++) {
    const day = validDay(y + k * step, mo, d);
    if (day) return day;
  }
  return null;
};
const year4 = (s: string) => (s.length === 2 ? 2000 + Number(s) : Number(s));

class Reader {
  private readonly today: Day;
  private readonly expect: 'future' | 'past';
  constructor(
    private readonly toks: Tok[],
    private readonly ctx: DateContext,
    /** Whole-field mode: weekday abbreviations are accepted. */
    private readonly strict: boolean,
  ) {
    const local = DateTime.fromJSDate(ctx.now, { zone: ctx.zone });
    this.today = DateTime.utc(local.year, local.month, local.day);
    this.expect = ctx.expect ?? 'future';
  }

  private w(i: number): string {
    return this.toks[i]?.w ?? '';
  }

  /** A calendar date: ISO, d/m[/y], d.m[.y], d [.] month [y], month d [y]; `n` tokens. */
  private calDate(i: number): { part: DatePart; n: number } | null {
    const w = this.w(i);
    let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(w);
    if (m) {
      const day = validDay(Number(m[1]), Number(m[2]), Number(m[3]));
      return day ? { part: { day, explicit: true }, n: 1 } : null;
    }
    m = /^(\d{1,2})([/.])(\d{1,2})(?:\2(\d{4}|\d{2}))?$/.exec(w);
    if (m) {
      const d = Number(m[1]);
      const mo = Number(m[3]);
      if (m[4]) {
        const day = validDay(year4(m[4]), mo, d);
        return day ? { part: { day, explicit: true }, n: 1 } : null;
      }
      // A year as the next word: `15/1 2027`.
      const y = /^(\d{4})$/.exec(this.w(i + 1));
      if (y) {
        const day = validDay(Number(y[1]), mo, d);
        if (day) return { part: { day, explicit: true }, n: 2 };
      }
      const part = this.yearless(mo, d);
      return part ? { part, n: 1 } : null;
    }
    // `15 jan`, `15. januar`, `15:e januari`, `15th January`, then an optional year.
    m = /^(\d{1,2})(?::e|:a|st|nd|rd|th)?$/.exec(w);
    if (m) {
      const mo = monthOf(this.w(i + 1));
      if (!mo) return null;
      return this.withYear(i + 2, mo, Number(m[1]), 2);
    }
    // `jan 15`, `January 15th, 2027`.
    const mo = monthOf(w);
    if (mo) {
      const d = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(this.w(i + 1));
      if (!d) return null;
      return this.withYear(i + 2, mo, Number(d[1]), 2);
    }
    return null;
  }

  private withYear(j: number, mo: number, d: number, n: number): { part: DatePart; n: number } | null {
    const y = /^(\d{4})$/.exec(this.w(j));
    if (y) {
      const day = validDay(Number(y[1]), mo, d);
      if (day) return { part: { day, explicit: true }, n: n + 1 };
    }
    const part = this.yearless(mo, d);
    return part ? { part, n } : null;
  }

  /** A day and month without a year: the nearest such day in the direction expected, never silently moved. */
  private yearless(mo: number, d: number): DatePart | null {
    const y = this.today.year;
    const cand = validDay(y, mo, d);
    if (this.expect === 'future') {
      if (cand && cand >= this.today) return { day: cand, inferredYear: true };
      const next = firstValid(mo, d, y + 1, 1);
      if (!next) return null;
      if (cand && this.today.diff(cand, 'days').days <= next.diff(this.today, 'days').days) return { day: cand, doubt: 'past', inferredYear: true };
      return { day: next, doubt: 'nextYear', inferredYear: true };
    }
    if (cand && cand <= this.today) return { day: cand, inferredYear: true };
    const prev = firstValid(mo, d, y - 1, -1);
    if (!prev) return null;
    if (cand && cand.diff(this.today, 'days').days < this.today.diff(prev, 'days').days) return { day: cand, doubt: 'future', inferredYear: true };
    return { day: prev, doubt: 'lastYear', inferredYear: true };
  }

  private weekdayAt(i: number): number | undefined {
    const w = this.w(i);
    return own(WEEKDAYS, w) ?? (this.strict ? own(WEEKDAY_ABBR, w) : undefined);
  }

  /** Monday of the week `offset` weeks from this one. */
  private monday(offset: number): Day {
    return this.today.minus({ days: this.today.weekday - 1 }).plus({ weeks: offset });
  }

  /** `tisdag`, `nästa tisdag`, `förra tisdagen`, `i tisdags`, `tisdag nästa vecka`, `fredag (den) 15 januari`. */
  private weekdayExpr(i: number): { part: DatePart; n: number } | null {
    let j = i;
    let mode: 'plain' | 'next' | 'last' | 'coming' = 'plain';
    const pastWd = this.w(j) === 'i' ? own(WEEKDAYS_PAST_SV, this.w(j + 1)) : undefined;
    if (pastWd) {
      const wd = pastWd;
      const back = (this.today.weekday - wd + 7) % 7 || 7;
      return { part: { day: this.today.minus({ days: back }) }, n: 2 };
    }
    if (NEXT.has(this.w(j))) mode = 'next';
    else if (LAST.has(this.w(j))) mode = 'last';
    else if (COMING.has(this.w(j))) mode = 'coming';
    if (mode !== 'plain') j++;
    const wd = this.weekdayAt(j);
    if (!wd) return null;
    j++;
    if (mode === 'plain') {
      // A calendar date after the weekday decides the day; the weekday is checked.
      const k = this.w(j) === 'den' ? j + 1 : j;
      const cal = this.calDate(k);
      if (cal) return { part: { ...cal.part, weekday: wd }, n: k + cal.n - i };
      // `tisdag nästa vecka`, `tirsdag i neste uke`.
      const k2 = this.w(j) === 'i' || this.w(j) === 'om' ? j + 1 : j;
      if (NEXT.has(this.w(k2)) && WEEK.has(this.w(k2 + 1))) return { part: { day: this.monday(1).plus({ days: wd - 1 }) }, n: k2 + 2 - i };
    }
    const fwd = (wd - this.today.weekday + 7) % 7;
    const back = (this.today.weekday - wd + 7) % 7;
    switch (mode) {
      case 'next': {
        const day = this.monday(1).plus({ days: wd - 1 });
        // Early in the week `nästa tisdag` may mean this week's Tuesday (the next one to come).
        return { part: fwd > 0 && wd > this.today.weekday ? { day, doubt: 'ambiguous' } : { day }, n: j - i };
      }
      case 'last': {
        const day = this.monday(-1).plus({ days: wd - 1 });
        return { part: back > 0 && wd < this.today.weekday ? { day, doubt: 'ambiguous' } : { day }, n: j - i };
      }
      case 'coming':
        return { part: { day: this.today.plus({ days: fwd }) }, n: j - i };
      default:
        if (this.expect === 'past') return { part: back === 0 ? { day: this.today.minus({ days: 7 }), doubt: 'ambiguous' } : { day: this.today.minus({ days: back }) }, n: j - i };
        // On a Tuesday, `tisdag` may be today or next week: ask.
        return { part: fwd === 0 ? { day: this.today.plus({ days: 7 }), doubt: 'ambiguous' } : { day: this.today.plus({ days: fwd }) }, n: j - i };
    }
  }

  private relative(i: number): { part: DatePart; n: number } | null {
    const w = this.w(i);
    if (Object.hasOwn(REL_ONE, w)) return { part: { day: this.today.plus({ days: REL_ONE[w]! }) }, n: 1 };
    if (w === 'i' && Object.hasOwn(REL_AFTER_I, this.w(i + 1))) return { part: { day: this.today.plus({ days: REL_AFTER_I[this.w(i + 1)]! }) }, n: 2 };
    if (w === 'day' && this.w(i + 1) === 'after' && this.w(i + 2) === 'tomorrow') return { part: { day: this.today.plus({ days: 2 }) }, n: 3 };
    return null;
  }

  private datePart(i: number): { part: DatePart; n: number } | null {
    return this.relative(i) ?? this.weekdayExpr(i) ?? this.calDate(i);
  }

  /** `kl. 13`, `kl 13.30`, `klokken 9`, `13:30`, `1pm`; `13.30` after a date or when it cannot be a date. */
  private timePart(i: number, afterDate: boolean): { part: TimePart; n: number } | null {
    const hm = (h: number, m: number, n: number) => (h <= 23 && m <= 59 ? { part: { h, m }, n } : null);
    const w = this.w(i);
    const ampm = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)$/.exec(w);
    if (ampm) {
      const h = Number(ampm[1]);
      if (h < 1 || h > 12) return null;
      return hm((h % 12) + (ampm[3] === 'pm' ? 12 : 0), Number(ampm[2] ?? 0), 1);
    }
    if (CLOCK.has(w)) {
      const t = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(this.w(i + 1));
      return t ? hm(Number(t[1]), Number(t[2] ?? 0), 2) : null;
    }
    let t = /^(\d{1,2}):(\d{2})$/.exec(w);
    if (t) return hm(Number(t[1]), Number(t[2]), 1);
    t = /^(\d{1,2})\.(\d{2})$/.exec(w);
    if (t) {
      const a = Number(t[1]);
      const b = Number(t[2]);
      if (afterDate || b > 12 || b === 0 || a > 31) return hm(a, b, 1);
    }
    return null;
  }

  /** One date/time expression starting at token `i`. */
  expr(i: number): Parsed | null {
    const prep = PREP.has(this.w(i)) ? 1 : 0;
    const d = this.datePart(i + prep);
    if (d) {
      let j = i + prep + d.n;
      const t = this.timePart(j, true);
      if (t) j += t.n;
      return { date: d.part, time: t?.part, n: j - i };
    }
    if (prep) return null;
    const t = this.timePart(i, false);
    if (!t) return null;
    let j = i + t.n;
    const p2 = PREP.has(this.w(j)) ? 1 : 0;
    const d2 = this.datePart(j + p2);
    if (d2) j += p2 + d2.n;
    return { date: d2?.part, time: t.part, n: j - i };
  }

  /** Resolves a parsed expression into the result with its doubt. */
  resolve(p: Parsed, zone: string): TypedWhen {
    let day = p.date?.day ?? this.today;
    let doubt = p.date?.doubt;
    if (p.date?.weekday) {
      if (p.date.weekday !== day.weekday) doubt = 'weekdayMismatch';
      // The weekday fits the year chosen: that is how the person said which year.
      else if (doubt === 'nextYear' || doubt === 'lastYear') doubt = undefined;
    }
    // Relative words, weekdays and a bare time are checked against today; an explicit date is not.
    const relative = !p.date || (!p.date.inferredYear && !p.date.explicit);
    if (!doubt && relative && p.date) {
      if (this.expect === 'future' && day < this.today) doubt = 'past';
      if (this.expect === 'past' && day > this.today) doubt = 'future';
    }
    const time = p.time ? `${String(p.time.h).padStart(2, '0')}:${String(p.time.m).padStart(2, '0')}` : undefined;
    if (!doubt && time && !p.date?.explicit && +day === +this.today) {
      const at = DateTime.fromISO(`${isoDay(day)}T${time}`, { zone });
      if (this.expect === 'future' && at.toMillis() < this.ctx.now.getTime()) doubt = 'past';
      if (this.expect === 'past' && at.toMillis() > this.ctx.now.getTime()) doubt = 'future';
    }
    if (p.time?.doubt && !doubt) doubt = p.time.doubt;
    day = day.startOf('day');
    const out: TypedWhen = { date: isoDay(day), needsConfirmation: doubt !== undefined };
    if (time) out.time = time;
    if (doubt) out.reason = doubt;
    if (!p.date) out.timeOnly = true;
    return out;
  }
}

/**
 * Reads a whole field (`15/1`, `tisdag kl. 13`, `2027-01-15 09:00`) as a date and optional time.
 * Null when the text is not a date; a doubtful reading comes back with `needsConfirmation`.
 */
export function parseTypedDate(text: string, ctx: DateContext): TypedWhen | null {
  const toks = tokenize(text).filter((t) => t.w !== '');
  if (!toks.length || text.length > 200) return null;
  // `2027-01-15T09:00`: the ISO form a form prefill uses.
  const iso = /^(\d{4}-\d{1,2}-\d{1,2})t(\d{1,2}[:.]\d{2})$/.exec(toks[0]!.w);
  if (iso && toks.length === 1) toks.splice(0, 1, { w: iso[1]!, start: 0, end: 0 }, { w: iso[2]!, start: 0, end: 0 });
  const r = new Reader(toks, ctx, true);
  const p = r.expr(0);
  if (!p || p.n !== toks.length) return null;
  return r.resolve(p, ctx.zone);
}

/** A date expression found inside free text, with where it stands (UTF-16 offsets into the text). */
export interface FoundWhen {
  when: TypedWhen;
  start: number;
  end: number;
}

/**
 * Finds the first date/time expression in free text (`nätverksmöte tisdag kl. 13`,
 * `Ringa mamma <@U1> 15 jan`) so the caller can prefill a form and cut it out of the text.
 * Weekday abbreviations are not read here (`man ska ringa` is no Monday).
 */
export function findTypedDate(text: string, ctx: DateContext): FoundWhen | null {
  const toks = tokenize(text);
  const r = new Reader(toks, ctx, false);
  for (let i = 0; i < toks.length; i++) {
    if (!toks[i]!.w) continue;
    // `varje måndag`, `hver mandag`, `every Monday`: a habit, not a day.
    if (RECURRING.has(toks[i - 1]?.w ?? '') && own(WEEKDAYS, toks[i]!.w)) continue;
    const p = r.expr(i);
    if (!p) continue;
    return { when: r.resolve(p, ctx.zone), start: toks[i]!.start, end: toks[i + p.n - 1]!.end };
  }
  return null;
}

/** The text with a found expression cut out, spaces tidied. */
export function withoutWhen(text: string, found: FoundWhen): string {
  return `${text.slice(0, found.start)} ${text.slice(found.end)}`.replace(/\s+/g, ' ').trim();
}

/** The instant of a reading in the zone; `defaultTime` (`HH:mm`) when no time was typed. */
export function whenToInstant(when: Pick<TypedWhen, 'date' | 'time'>, zone: string, defaultTime = '09:00'): Date {
  return DateTime.fromISO(`${when.date}T${when.time ?? defaultTime}`, { zone }).toJSDate();
}

/** The reading as a form value that reads back without doubt: `2027-01-15` or `2027-01-15 13:00`. */
export function whenToFieldValue(when: Pick<TypedWhen, 'date' | 'time'>): string {
  return when.time ? `${when.date} ${when.time}` : when.date;
}
