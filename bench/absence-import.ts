/**
 * Attendance import throughput: a generated export of 100 000 lesson rows (500 students × 50
 * school days × 4 lessons, Skola24-style columns) streamed through `importAttendance` with
 * progress and batch inserts, then the same content again (recognised as a duplicate by its hash).
 * Moved here from test/absence/absence.service.test.ts: a timing is a measurement, not a test.
 *   npx tsx bench/absence-import.ts    (BENCH_QUICK=1: 10 000 rows; BENCH_ROWS_STUDENTS=500;
 *   DATABASE_URL=postgresql://… for a PostgreSQL server, embedded PGlite otherwise)
 */
import { importAttendance, type ImportProgress } from '../src/absence/absence.service.ts';
import { createTestCore } from '../test/support/core.ts';
import { loadAverage, QUICK, report, round } from './support.ts';

const STUDENTS = Number(process.env.BENCH_ROWS_STUDENTS ?? (QUICK ? 50 : 500));
const DAYS = 50;
const LESSONS = 4;

function schoolDays(): string[] {
  const days: string[] = [];
  for (let d = new Date('2026-09-01T00:00:00Z'); days.length < DAYS; d = new Date(d.getTime() + 86_400_000)) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

async function* generate(days: string[]): AsyncGenerator<string> {
  yield '\ufeffElev-ID;Skolenhet;Klass;Datum;Lektion;Schemalagd tid (min);Frånvaro (min);Frånvarotyp\r\n';
  for (let s = 0; s < STUDENTS; s++) {
    let chunk = '';
    for (const d of days) {
      for (let l = 1; l <= LESSONS; l++) {
        const absent = (s * 7 + l + d.length) % 23 === 0;
        chunk += `S-${s};${s % 2 ? 'NORR' : 'SODER'};${7 + (s % 3)}A;${d};${l};60;${absent ? '60' : '0'};${absent ? 'Ogiltig' : 'Närvarande'}\r\n`;
      }
    }
    yield chunk;
  }
}

const c = await createTestCore(new Date('2026-11-23T07:00:00+01:00'));
try {
  const tove = await c.as('tove');
  const days = schoolDays();
  const rows = STUDENTS * DAYS * LESSONS;
  const progress: ImportProgress[] = [];
  const load = loadAverage();
  const t0 = performance.now();
  const r = await importAttendance(c.deps, tove, { fileName: 'big.csv', content: generate(days), onProgress: (p) => progress.push(p), evaluate: false });
  const ms = performance.now() - t0;
  if (r.rows !== rows || r.added !== rows) throw new Error(`imported ${r.rows} rows, added ${r.added}; expected ${rows}`);
  const t1 = performance.now();
  const again = await importAttendance(c.deps, tove, { content: generate(days), evaluate: false });
  const duplicateMs = performance.now() - t1;
  if (!again.duplicateFile) throw new Error('the same content again was not recognised as a duplicate');
  report({
    name: 'absence-import', db: process.env.DATABASE_URL ? 'postgres' : 'pglite', rows, ms: round(ms), rowsPerSecond: Math.round(rows / (ms / 1000)),
    bytes: progress.at(-1)?.bytes ?? null, progressEvents: progress.length, duplicateMs: round(duplicateMs), loadAverage: load,
  });
} finally {
  await c.close();
}
