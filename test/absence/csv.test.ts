import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvTokenizer, detectDelimiter } from '../../src/absence/csv-tokenizer.ts';
import { AttendanceHeaderError, normaliseHeader, normaliseUnitName, parseDate, parseDecimal, parseKind, readAttendanceCsv, unitResolver, type ParsedItem } from '../../src/absence/csv.ts';

async function collect(source: Parameters<typeof readAttendanceCsv>[0], opts?: Parameters<typeof readAttendanceCsv>[1]): Promise<ParsedItem[]> {
  const out: ParsedItem[] = [];
  for await (const item of readAttendanceCsv(source, opts)) out.push(item);
  return out;
}
const rows = (items: ParsedItem[]) => items.flatMap((i) => (i.ok ? [i.row] : []));
const errors = (items: ParsedItem[]) => items.flatMap((i) => (i.ok ? [] : [i.error]));

function* bytewise(buf: Buffer): Generator<Uint8Array> {
  for (let i = 0; i < buf.length; i++) yield buf.subarray(i, i + 1);
}

describe('CsvTokenizer', () => {
  it('should detect the separator from the header', () => {
    expect(detectDelimiter('elev;datum;typ')).toBe(';');
    expect(detectDelimiter('elev,datum,typ')).toBe(',');
    expect(detectDelimiter('elev\tdatum\ttyp')).toBe('\t');
    expect(detectDelimiter('"a;b",c,d')).toBe(',');
  });

  it('should handle quoted separators, doubled quotes, CRLF and line breaks inside quotes', () => {
    const t = new CsvTokenizer();
    const recs = [...t.push('a;b;c\r\n"x;1";"say ""hi""";"two\r\nlines"\r\n'), ...t.push('4;5;6'), ...t.end()];
    expect(recs.map((r) => r.fields)).toEqual([['a', 'b', 'c'], ['x;1', 'say "hi"', 'two\nlines'], ['4', '5', '6']]);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('should give the same records whatever the chunking', () => {
    const text = 'a;b\r\n"1;x";"q""q"\n\n3;"multi\nline"\r\n5;6';
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: text.length }), { maxLength: 6 }), (cuts) => {
        const points = [...new Set(cuts)].sort((x, y) => x - y);
        const t = new CsvTokenizer();
        const recs = [];
        let prev = 0;
        for (const p of [...points, text.length]) {
          recs.push(...t.push(text.slice(prev, p)));
          prev = p;
        }
        recs.push(...t.end());
        expect(recs.map((r) => [r.line, r.fields])).toEqual([[1, ['a', 'b']], [2, ['1;x', 'q"q']], [4, ['3', 'multi\nline']], [6, ['5', '6']]]);
      }),
    );
  });

  it('should flag an unterminated quote at the end of the file', () => {
    const t = new CsvTokenizer(';');
    const recs = [...t.push('a;b\n1;"open'), ...t.end()];
    expect(recs[1]).toMatchObject({ line: 2, unterminated: true });
  });
});

describe('value parsing', () => {
  it('should parse Swedish decimal commas', () => {
    expect(parseDecimal('12,5')).toBe(12.5);
    expect(parseDecimal('1 234,5')).toBe(1234.5);
    expect(parseDecimal('45')).toBe(45);
    expect(parseDecimal('45.5')).toBe(45.5);
    expect(parseDecimal('4,5,6')).toBeUndefined();
    expect(parseDecimal('abc')).toBeUndefined();
  });

  it('should parse ISO, compact and Norwegian dates and refuse impossible ones', () => {
    expect(parseDate('2026-11-23')).toBe('2026-11-23');
    expect(parseDate('2026-11-23 08:15')).toBe('2026-11-23');
    expect(parseDate('20261123')).toBe('2026-11-23');
    expect(parseDate('23.11.2026')).toBe('2026-11-23');
    expect(parseDate('2026-02-30')).toBeUndefined();
    expect(parseDate('23/11/2026')).toBeUndefined();
  });

  it('should map kinds in Swedish, Norwegian and English, never keeping a reason', () => {
    expect(parseKind('Ogiltig frånvaro')).toBe('UNAUTHORISED');
    expect(parseKind('Sen ankomst')).toBe('UNAUTHORISED');
    expect(parseKind('Sjuk')).toBe('VALID');
    expect(parseKind('Gyldig fravær')).toBe('VALID');
    expect(parseKind('Närvarande')).toBe('PRESENT');
    expect(parseKind('til stede')).toBe('PRESENT');
    expect(parseKind('kanske')).toBeUndefined();
    expect(normaliseHeader('Frånvaro (min)')).toBe('franvaromin');
  });
});

describe('readAttendanceCsv', () => {
  it('should read the Swedish example export (BOM, semicolons, CRLF, decimal comma, quoted ;)', async () => {
    const buf = await readFile(new URL('../../examples/attendance/franvaro-vecka-45-47.csv', import.meta.url));
    expect(buf.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const items = await collect(buf);
    expect(errors(items)).toEqual([]);
    const r = rows(items);
    expect(r).toHaveLength(720);
    expect(r[0]).toEqual({ line: 2, studentRef: 'E-1001', schoolUnitCode: 'NORR', className: '7A', date: '2026-11-02', lessonKey: '08:15 Svenska', scheduledMin: 60, absentMin: 0, kind: 'PRESENT' });
    const late = r.find((x) => x.studentRef === 'E-1009' && x.kind === 'UNAUTHORISED')!;
    expect(late.absentMin).toBe(13); // 12,5 minutes rounded
    expect(r.some((x) => x.lessonKey === '13:00 Idrott och hälsa; praktisk')).toBe(true);
  });

  it('should report bad rows with their line numbers and keep the rest', async () => {
    const csv = [
      'elev;datum;lektion;frånvarotyp;frånvaro_min;schemalagd_tid',
      'A-1;2026-11-02;1;ogiltig;60;60',
      'A-1;2026-13-02;2;ogiltig;60;60', // bad date
      'A-1;2026-11-02;3;kanske;60;60', // bad kind
      ';2026-11-02;4;ogiltig;60;60', // no student
      'A-1;2026-11-02;5;ogiltig;9x;60', // bad minutes
      'A-1;2026-11-02;6;ogiltig;90;60', // more absent than scheduled
      '850101-1235;2026-11-02;1;ogiltig;60;60', // bad personnummer check digit
      'just one field',
      'A-2;2026-11-02;1;närvarande;0;60',
    ].join('\n');
    const items = await collect(csv);
    expect(rows(items).map((r) => [r.line, r.studentRef])).toEqual([[2, 'A-1'], [10, 'A-2']]);
    expect(errors(items)).toEqual([
      { line: 3, problem: 'date', column: 'datum' },
      { line: 4, problem: 'kind', column: 'frånvarotyp' },
      { line: 5, problem: 'student', column: 'elev' },
      { line: 6, problem: 'minutes', column: 'frånvaro_min' },
      { line: 7, problem: 'minutes', column: 'frånvaro_min' },
      { line: 8, problem: 'personnummer', column: 'elev' },
      { line: 9, problem: 'columns' },
    ]);
  });

  it('should read comma-separated files with quoted fields and without a lesson column', async () => {
    const csv = 'Student,Date,Kind,Absent hours,Scheduled hours\r\n"S,1",2026-11-02,unauthorised,"1,5",6\r\nS2,2026-11-02,present,0,6\r\n';
    const r = rows(await collect(csv));
    expect(r).toEqual([
      expect.objectContaining({ studentRef: 'S,1', lessonKey: 'DAY', absentMin: 90, scheduledMin: 360, kind: 'UNAUTHORISED' }),
      expect.objectContaining({ studentRef: 'S2', absentMin: 0, kind: 'PRESENT' }),
    ]);
  });

  it('should decode Windows-1252 and UTF-16 exports', async () => {
    const text = 'Elev;Datum;Frånvarotyp\r\nÅsa-1;2026-11-02;Närvarande\r\n';
    const latin = Buffer.from(text, 'latin1');
    expect(rows(await collect(latin))[0]).toMatchObject({ studentRef: 'Åsa-1', kind: 'PRESENT' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/;/g, '\t'), 'utf16le')]);
    expect(rows(await collect(utf16))[0]).toMatchObject({ studentRef: 'Åsa-1', kind: 'PRESENT' });
  });

  it('should survive multi-byte characters split across chunks', async () => {
    const buf = Buffer.from('\ufeffElev;Datum;Frånvarotyp\nÖrjan-1;2026-11-02;Ogiltig\n', 'utf8');
    const r = rows(await collect(bytewise(buf)));
    expect(r[0]).toMatchObject({ studentRef: 'Örjan-1', kind: 'UNAUTHORISED', line: 2 });
  });

  it('should use the organisation column mapping', async () => {
    const csv = 'Id;Dag;Närvaro\nX-1;2026-11-02;ogiltig\n';
    await expect(collect(csv)).rejects.toBeInstanceOf(AttendanceHeaderError);
    const r = rows(await collect(csv, { columns: { student: 'Id', date: 'Dag', kind: 'Närvaro' } }));
    expect(r[0]).toMatchObject({ studentRef: 'X-1', date: '2026-11-02', kind: 'UNAUTHORISED' });
  });

  it('should name the missing required columns', async () => {
    const err = await collect('namn;klass\nA;7A\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AttendanceHeaderError);
    expect((err as AttendanceHeaderError).missing).toEqual(['student', 'date', 'kind']);
  });
});

describe('school unit matching', () => {
  const units = [{ code: 'NORR', name: 'Norrskolan' }, { code: 'SODER', name: 'Söderskolan' }, { code: 'AE-1', name: 'Ærøskolen' }];
  it('resolves a code or a name, ignoring case, accents, spaces and punctuation', () => {
    const resolve = unitResolver(units);
    expect(['NORR', 'norr', ' Norrskolan ', 'NORRSKOLAN', 'Söderskolan', 'soderskolan', 'SÖDER', 'ærøskolen', 'AEROSKOLEN', 'ae-1', 'Ae 1'].map(resolve)).toEqual(['NORR', 'NORR', 'NORR', 'NORR', 'SODER', 'SODER', 'SODER', 'AE-1', 'AE-1', 'AE-1', 'AE-1']);
    expect(resolve('Västerskolan')).toBeUndefined();
    expect(normaliseUnitName('Ålidhem-skolan F–9')).toBe('alidhemskolanf9');
  });

  it('reports a row naming an unknown school as bad, with the column as the file names it', async () => {
    const r = await collect('Elev-ID;Skolenhet;Datum;Typ\nE-1;norrskolan;2026-11-02;ogiltig\nE-2;Okänd skola;2026-11-02;ogiltig\n', { units });
    expect(r[0]).toMatchObject({ ok: true, row: { schoolUnitCode: 'NORR' } });
    expect(r[1]).toEqual({ ok: false, error: { line: 3, problem: 'unit', column: 'Skolenhet' } });
  });
});
