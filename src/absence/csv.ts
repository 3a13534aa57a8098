/**
 * Attendance CSV reading: decodes the bytes (UTF-8 with or without BOM, UTF-16 with BOM, or
 * Windows-1252 from older exports), tokenizes, maps the header to our fields and turns every
 * line into a typed row or a line-numbered error. Streams: memory stays flat for any file size.
 *
 * Expected columns (any order; names are matched case- and accent-insensitively; an
 * organisation maps other names with `settings.attendanceColumns`, e.g. `{ student: "Elev-ID" }`):
 *
 * | field          | default column names (sv / nb / en)                                 | required |
 * |----------------|----------------------------------------------------------------------|----------|
 * | student        | elev, elevid, personnummer, elevreferens, fodselsnummer, student     | yes      |
 * | unit           | skolenhet, skolenhetskod, skola, skole, school_unit, unit (a unit's code or name) | no |
 * | class          | klass, grupp, trinn, class                                           | no       |
 * | date           | datum, dato, date (ISO 2026-11-23; also 20261123 and 23.11.2026)     | yes      |
 * | lesson         | lektion, lektions_id, pass, starttid, time, time_nr, lesson, period  | no (one row per day) |
 * | scheduledMin   | schemalagd_tid, schemalagda_minuter, planlagt_min, scheduled_min     | no       |
 * | absentMin      | franvaro_min, franvaro_minuter, fravaer_min, absent_min              | no       |
 * | scheduledHours | schemalagda_timmar, planlagte_timer, scheduled_hours                 | no       |
 * | absentHours    | franvaro_timmar, fravaer_timer, absent_hours                         | no       |
 * | kind           | franvarotyp, typ, status, fravaerstype, kind, type                   | yes, unless absence minutes are 0 |
 *
 * Kinds: närvarande / present / til stede → PRESENT; giltig / anmäld / gyldig / valid → VALID;
 * ogiltig / oanmäld / skolk / sen ankomst / ugyldig / unauthorised → UNAUTHORISED. A reason such as
 * "sjuk" is stored only as VALID: we never keep a diagnosis. Numbers may use a decimal comma.
 */
import { DateTime } from 'luxon';
import { looksLikePersonnummer, isValidPersonnummer, isValidFodselsnummer } from '../cases/student-ref.ts';
import { CsvTokenizer, type CsvRecord, type Delimiter } from './csv-tokenizer.ts';

export const ATTENDANCE_FIELDS = ['student', 'unit', 'class', 'date', 'lesson', 'scheduledMin', 'absentMin', 'scheduledHours', 'absentHours', 'kind'] as const;
export type AttendanceField = (typeof ATTENDANCE_FIELDS)[number];
export type AttendanceKind = 'PRESENT' | 'VALID' | 'UNAUTHORISED';

/** Default header names per field, already normalised with `normaliseHeader`. */
export const DEFAULT_COLUMN_NAMES: Record<AttendanceField, readonly string[]> = {
  student: ['elev', 'elevid', 'elevnr', 'personnummer', 'pnr', 'elevreferens', 'fodselsnummer', 'fnr', 'student', 'studentid', 'studentref', 'pupil'],
  unit: ['skolenhet', 'skolenhetskod', 'skolenhetsid', 'skola', 'skole', 'skolekode', 'schoolunit', 'school', 'unit'],
  class: ['klass', 'grupp', 'undervisningsgrupp', 'trinn', 'basisgruppe', 'class', 'group'],
  date: ['datum', 'dato', 'dag', 'date', 'day'],
  lesson: ['lektion', 'lektionsid', 'lektionsnr', 'pass', 'starttid', 'lektionstid', 'time', 'timenr', 'okt', 'lesson', 'lessonid', 'period'],
  scheduledMin: ['schemalagdtid', 'schemalagdtidmin', 'schemalagdtidminuter', 'lektionstidmin', 'schemalagdaminuter', 'schemalagdmin', 'schematid', 'planlagtmin', 'planlagteminutter', 'scheduledmin', 'scheduledminutes'],
  absentMin: ['franvaromin', 'franvarotidmin', 'franvarominuter', 'franvarotid', 'fravaermin', 'fravaerminutter', 'absentmin', 'absentminutes', 'absencemin'],
  scheduledHours: ['schemalagdatimmar', 'schemalagdtimmar', 'planlagtetimer', 'scheduledhours'],
  absentHours: ['franvarotimmar', 'fravaertimer', 'absenthours', 'absencehours'],
  kind: ['franvarotyp', 'franvaroorsak', 'typ', 'status', 'fravaerstype', 'fravaer', 'kind', 'type', 'attendance'],
};

/** Lower case, å/ä → a, æ → ae, ö/ø → o, and only letters and digits kept: "Frånvaro (min)" → "franvaromin". */
export function normaliseHeader(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/[åä]/g, 'a')
    .replace(/[öø]/g, 'o')
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');
}

const KIND_WORDS: Record<AttendanceKind, readonly string[]> = {
  PRESENT: ['narvarande', 'narvaro', 'narvarig', 'present', 'tilstede', 'tilstedevaerende', 'attended', 'n', 'p'],
  VALID: ['giltig', 'giltigfranvaro', 'anmald', 'anmaldfranvaro', 'sjuk', 'sjukdom', 'ledig', 'beviljadledighet', 'gyldig', 'gyldigfravaer', 'dokumentert', 'dokumentertfravaer', 'valid', 'authorised', 'authorized', 'excused', 'g', 'v'],
  UNAUTHORISED: ['ogiltig', 'ogiltigfranvaro', 'oanmald', 'oanmaldfranvaro', 'skolk', 'sen', 'senankomst', 'ugyldig', 'ugyldigfravaer', 'udokumentert', 'udokumentertfravaer', 'unauthorised', 'unauthorized', 'unexcused', 'truant', 'late', 'o', 'u'],
};
const KIND_BY_WORD = new Map<string, AttendanceKind>(
  (Object.entries(KIND_WORDS) as [AttendanceKind, readonly string[]][]).flatMap(([k, words]) => words.map((w) => [w, k] as const)),
);

/** Maps an export's kind value to ours, or undefined when unknown. */
export function parseKind(value: string): AttendanceKind | undefined {
  return KIND_BY_WORD.get(normaliseHeader(value));
}

/** Parses "45", "45,5", "1 234,5", "45.5"; undefined for text that is not a number. */
export function parseDecimal(value: string): number | undefined {
  const v = value.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (!v) return undefined;
  const normalised = /^-?\d+(,\d+)?$/.test(v) ? v.replace(',', '.') : v;
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return undefined;
  return Number(normalised);
}

/** Parses an ISO date (optionally with a time), 20261123 or 23.11.2026 to YYYY-MM-DD. */
export function parseDate(value: string): string | undefined {
  const v = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(v);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(v))) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v))) [y, mo, d] = [Number(m[3]), Number(m[2]), Number(m[1])];
  else return undefined;
  const dt = DateTime.utc(y, mo, d);
  return dt.isValid && dt.year === y && dt.month === mo && dt.day === d ? dt.toISODate()! : undefined;
}

/** A typed attendance row. */
export interface AttendanceRow {
  line: number;
  studentRef: string;
  schoolUnitCode: string | null;
  className: string | null;
  /** YYYY-MM-DD. */
  date: string;
  /** The lesson's identity within the day; "DAY" for one row per day. */
  lessonKey: string;
  scheduledMin: number | null;
  absentMin: number | null;
  kind: AttendanceKind;
}

export type RowProblem = 'columns' | 'student' | 'personnummer' | 'date' | 'kind' | 'minutes' | 'quote' | 'tooLong' | 'unit';

/** A bad line: its number in the file, what is wrong, and the column concerned (never the value). */
export interface RowError {
  line: number;
  problem: RowProblem;
  column?: string;
}

export type ParsedItem = { ok: true; row: AttendanceRow } | { ok: false; error: RowError };

/** The header could not be mapped: required columns are missing. */
export class AttendanceHeaderError extends Error {
  readonly code = 'ABSENCE.COLUMNS';
  constructor(readonly missing: AttendanceField[], readonly found: string[]) {
    super(`missing columns: ${missing.join(', ')} (found: ${found.join(', ')})`);
  }
}

export interface ReadOptions {
  /** field → column name in the file (organisation setting `attendanceColumns`). */
  columns?: Partial<Record<string, string>>;
  /** Force a separator instead of detecting it from the header. */
  delimiter?: Delimiter;
  /** Called with the number of bytes read so far. */
  onBytes?: (bytes: number) => void;
  /**
   * The organisation's school units: a unit cell must name one (by code or name, case- and
   * accent-insensitively) and is stored as its code; any other school makes the row bad.
   */
  units?: readonly { code: string; name: string }[];
}

/** Case- and accent-insensitive form of a school's code or name: "Söder-skolan " → "soderskolan". */
export function normaliseUnitName(value: string): string {
  return value
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Resolves a unit cell to the unit's code, or undefined for a school the organisation lacks. */
export function unitResolver(units: readonly { code: string; name: string }[]): (value: string) => string | undefined {
  const byKey = new Map<string, string>();
  // Codes win over names when a code happens to equal another unit's name.
  for (const u of units) byKey.set(normaliseUnitName(u.name), u.code);
  for (const u of units) byKey.set(normaliseUnitName(u.code), u.code);
  return (value) => byKey.get(normaliseUnitName(value));
}

export type CsvSource = Buffer | Uint8Array | string | AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

const CHUNK = 64 * 1024;

async function* chunksOf(source: CsvSource): AsyncGenerator<Uint8Array | string> {
  if (typeof source === 'string' || source instanceof Uint8Array) {
    for (let i = 0; i < source.length; i += CHUNK) yield source.slice(i, i + CHUNK);
    return;
  }
  if (Symbol.asyncIterator in source) {
    for await (const c of source as AsyncIterable<Uint8Array | string>) yield c;
    return;
  }
  for (const c of source as Iterable<Uint8Array | string>) yield c;
}

/**
 * Bytes → text. The encoding is chosen from the first bytes: a UTF-16 BOM, else UTF-8 when the
 * first chunk is valid UTF-8, else Windows-1252 (Excel's "CSV (semicolon)" on Swedish Windows).
 */
export async function* decodeText(source: CsvSource, onBytes?: (bytes: number) => void): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let bytes = 0;
  for await (const chunk of chunksOf(source)) {
    if (typeof chunk === 'string') {
      yield bytes === 0 && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
      bytes += chunk.length;
      onBytes?.(bytes);
      continue;
    }
    if (!decoder) decoder = chooseDecoder(chunk);
    bytes += chunk.length;
    yield decoder.decode(chunk, { stream: true });
    onBytes?.(bytes);
  }
  if (decoder) {
    const tail = decoder.decode();
    if (tail) yield tail;
  }
}

function chooseDecoder(first: Uint8Array): TextDecoder {
  if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder('utf-16le');
  if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder('utf-16be');
  try {
    // Trailing bytes of a multi-byte character cut by the chunk boundary are not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(first, { stream: true });
    return new TextDecoder('utf-8');
  } catch {
    return new TextDecoder('windows-1252');
  }
}

type ColumnIndex = Partial<Record<AttendanceField, number>>;

/** Maps header cells to fields: the organisation's mapping first, then the default names. */
export function mapHeader(header: string[], columns: ReadOptions['columns'] = {}): ColumnIndex {
  const norm = header.map(normaliseHeader);
  const index: ColumnIndex = {};
  const taken = new Set<number>();
  for (const f of ATTENDANCE_FIELDS) {
    const custom = columns[f];
    if (!custom) continue;
    const i = norm.indexOf(normaliseHeader(custom));
    if (i >= 0) {
      index[f] = i;
      taken.add(i);
    }
  }
  for (const f of ATTENDANCE_FIELDS) {
    if (index[f] !== undefined) continue;
    const i = norm.findIndex((h, idx) => !taken.has(idx) && DEFAULT_COLUMN_NAMES[f].includes(h));
    if (i >= 0) {
      index[f] = i;
      taken.add(i);
    }
  }
  const missing: AttendanceField[] = [];
  if (index.student === undefined) missing.push('student');
  if (index.date === undefined) missing.push('date');
  if (index.kind === undefined && index.absentMin === undefined && index.absentHours === undefined) missing.push('kind');
  if (missing.length) throw new AttendanceHeaderError(missing, header);
  return index;
}

const MAX_FIELD = 200;

/** Turns one record into a row or an error. */
export function toRow(rec: CsvRecord, idx: ColumnIndex, header: string[], resolveUnit?: (value: string) => string | undefined): ParsedItem {
  const fail = (problem: RowProblem, field?: AttendanceField): ParsedItem => ({
    ok: false,
    error: { line: rec.line, problem, ...(field && idx[field] !== undefined ? { column: header[idx[field]]! } : {}) },
  });
  if (rec.unterminated) return fail('quote');
  if (rec.fields.length === 1 && header.length > 1) return fail('columns');
  const get = (f: AttendanceField): string | undefined => {
    const i = idx[f];
    return i === undefined ? undefined : rec.fields[i]?.trim();
  };
  for (const f of ATTENDANCE_FIELDS) if ((get(f)?.length ?? 0) > MAX_FIELD) return fail('tooLong', f);
  const studentRef = get('student');
  if (!studentRef || studentRef.length < 2) return fail(rec.fields.length < header.length ? 'columns' : 'student', 'student');
  const compact = studentRef.replace(/\s/g, '');
  if (/^\d{11}$/.test(compact) ? !isValidFodselsnummer(compact) : looksLikePersonnummer(studentRef) && !isValidPersonnummer(studentRef)) {
    return fail('personnummer', 'student');
  }
  const date = parseDate(get('date') ?? '');
  if (!date) return fail(rec.fields.length < header.length ? 'columns' : 'date', 'date');

  const minutes = (minField: AttendanceField, hourField: AttendanceField): number | null | 'bad' => {
    const m = get(minField);
    if (m) {
      const n = parseDecimal(m);
      return n === undefined || n < 0 || n > 24 * 60 ? 'bad' : Math.round(n);
    }
    const h = get(hourField);
    if (h) {
      const n = parseDecimal(h);
      return n === undefined || n < 0 || n > 24 ? 'bad' : Math.round(n * 60);
    }
    return null;
  };
  const scheduledMin = minutes('scheduledMin', 'scheduledHours');
  if (scheduledMin === 'bad') return fail('minutes', idx.scheduledMin !== undefined ? 'scheduledMin' : 'scheduledHours');
  let absentMin = minutes('absentMin', 'absentHours');
  if (absentMin === 'bad') return fail('minutes', idx.absentMin !== undefined ? 'absentMin' : 'absentHours');
  if (scheduledMin !== null && absentMin !== null && absentMin > scheduledMin) return fail('minutes', idx.absentMin !== undefined ? 'absentMin' : 'absentHours');

  const kindText = get('kind');
  let kind: AttendanceKind | undefined;
  if (kindText) {
    kind = parseKind(kindText);
    if (!kind) return fail('kind', 'kind');
  } else if (absentMin === 0) {
    kind = 'PRESENT';
  } else {
    return fail('kind', 'kind');
  }
  const unitText = get('unit') || null;
  const schoolUnitCode = unitText && resolveUnit ? resolveUnit(unitText) : unitText;
  if (schoolUnitCode === undefined) return fail('unit', 'unit');

  if (kind !== 'PRESENT' && absentMin === null) absentMin = scheduledMin;
  if (kind === 'PRESENT' && absentMin === null) absentMin = 0;

  return {
    ok: true,
    row: {
      line: rec.line,
      studentRef,
      schoolUnitCode,
      className: get('class') || null,
      date,
      lessonKey: get('lesson') || 'DAY',
      scheduledMin,
      absentMin,
      kind,
    },
  };
}

/**
 * Reads an attendance export: yields one item per data line, in file order. Throws
 * `AttendanceHeaderError` when the header lacks required columns.
 */
export async function* readAttendanceCsv(source: CsvSource, opts: ReadOptions = {}): AsyncGenerator<ParsedItem> {
  const tok = new CsvTokenizer(opts.delimiter);
  let header: string[] | undefined;
  let idx: ColumnIndex | undefined;
  const resolveUnit = opts.units ? unitResolver(opts.units) : undefined;
  const handle = function* (records: CsvRecord[]): Generator<ParsedItem> {
    for (const rec of records) {
      if (!header) {
        header = rec.fields.map((f) => f.trim());
        idx = mapHeader(header, opts.columns);
        continue;
      }
      yield toRow(rec, idx!, header, resolveUnit);
    }
  };
  for await (const text of decodeText(source, opts.onBytes)) yield* handle(tok.push(text));
  yield* handle(tok.end());
  if (!header) throw new AttendanceHeaderError(['student', 'date', 'kind'], []);
}
