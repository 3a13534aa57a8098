import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importAttendance, notifyPendingSignals, openCaseFromSignal, shortSignalId, type ImportProgress } from '../../src/absence/absence.service.ts';
import { importReply } from '../../src/chat/absence-view.ts';
import { openCase } from '../../src/cases/case.service.ts';
import { DomainError } from '../../src/shared/errors.ts';
import { createTestCore, type TestCore } from '../support/core.ts';
import type { NoticeParams } from '../../src/notices/notice.ts';
import { renderNotice } from '../../src/chat/notice-views.ts';

const EXAMPLE = new URL('../../examples/attendance/franvaro-vecka-45-47.csv', import.meta.url);

interface Sent {
  personId: string;
  sv: string;
  en: string;
  kind: string;
  caseId?: string;
}

describe('absence import and signals', () => {
  let c: TestCore;
  const person = async (user: string) => (await c.as(user)).personId;
  const readOutbox = async (): Promise<Sent[]> => {
    const rows = await c.deps.prisma.nudge.findMany({ where: { paramsEnc: { not: null } }, orderBy: { createdAt: 'asc' } });
    return rows.map((n) => {
      const params = JSON.parse(c.deps.cipher.decrypt(n.paramsEnc!)) as NoticeParams;
      const text = (lang: 'sv' | 'en') => renderNotice(n.kind, lang, params, { timeZone: 'Europe/Stockholm' })!.text;
      return { personId: n.personId!, sv: text('sv'), en: text('en'), kind: n.kind, caseId: n.caseId ?? undefined };
    });
  };

  beforeEach(async () => {
    // Monday after the three weeks in the example file.
    c = await createTestCore(new Date('2026-11-23T07:00:00+01:00'));
  });
  afterEach(async () => c.close());

  it('should import the example, signal three students and nudge the unit privately', async () => {
    const tove = await c.as('tove');
    const progress: ImportProgress[] = [];
    const r = await importAttendance(c.deps, tove, { fileName: 'franvaro.csv', content: await readFile(EXAMPLE), batchSize: 200, onProgress: (p) => progress.push(p) });
    expect(r).toMatchObject({ duplicateFile: false, rows: 720, added: 720, updated: 0, unchanged: 0, badRowCount: 0, students: 12 });
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress.at(-1)).toMatchObject({ rows: 720 });
    expect(r.signals).toEqual({ created: 3, notified: 3, pending: 0, linkedToCase: 0 });

    const signals = await c.deps.prisma.absenceSignal.findMany({ orderBy: { rule: 'asc' } });
    const hashOf = (ref: string) => c.deps.cipher.lookupHash(ref);
    expect(signals.map((s) => [s.studentRefHash, s.rule, s.periodKey]).sort()).toEqual(
      [[hashOf('E-1001'), 'occasions-5', '2026-HT'], [hashOf('E-1002'), 'percent-20', '2026-HT'], [hashOf('E-1005'), 'occasions-5', '2026-HT']].sort(),
    );
    // E-1001 reached its fifth occasion on Friday 2026-11-13.
    expect(signals.find((s) => s.studentRefHash === hashOf('E-1001'))!.triggeredAt.toISOString()).toBe('2026-11-12T23:00:00.000Z');

    // No mentor known yet: Norrskolan's EHT member and principal get one private message per student.
    const elin = await person('elin');
    const rasmus = await person('rasmus');
    const sent = await readOutbox();
    expect(new Set(sent.map((s) => s.personId))).toEqual(new Set([elin, rasmus]));
    expect(await readOutbox()).toHaveLength(6);
    const e1005 = sent.find((s) => s.personId === elin && s.sv.includes('E-1005'))!;
    expect(e1005.sv).toContain('klass 7B, Norrskolan'); // the class after the change
    expect(e1005.sv).toContain('5 ogiltiga frånvarotillfällen under 5 veckor (gräns: 5)');
    expect(e1005.sv).toContain('informera vårdnadshavare');
    expect(e1005.sv).toMatch(/svara `signal [0-9a-f]{8}`/);
    const e1002 = sent.find((s) => s.personId === elin && s.en.includes('E-1002'))!;
    expect(e1002.en).toContain('20 % unauthorised absence over 5 weeks (threshold: 20 %)');
    expect(sent.every((s) => s.kind === 'absence.signal')).toBe(true);

    // The importer's reply and the audit trail carry counts only.
    const reply = importReply(r, 'sv');
    expect(JSON.stringify(reply)).not.toMatch(/E-10\d\d/);
    const audit = await c.deps.prisma.auditEvent.findMany({ where: { action: { startsWith: 'absence.' } } });
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit.map((a) => a.detail))).not.toMatch(/E-10\d\d/);
    const rows = await c.deps.prisma.attendanceRecord.findMany({ take: 5 });
    expect(JSON.stringify(rows)).not.toMatch(/E-10\d\d/);
  });

  it('should add nothing when the same file is imported twice, and signal only once', async () => {
    const tove = await c.as('tove');
    const buf = await readFile(EXAMPLE);
    await importAttendance(c.deps, tove, { fileName: 'a.csv', content: buf });
    const again = await importAttendance(c.deps, tove, { fileName: 'a.csv', content: buf });
    expect(again).toMatchObject({ duplicateFile: true, rows: 0, added: 0 });
    // The same rows in another file (e.g. re-exported with a different name and order) add nothing either.
    const lines = buf.toString('utf8').split('\r\n');
    const reordered = [lines[0], ...lines.slice(1).reverse()].join('\n');
    const third = await importAttendance(c.deps, tove, { fileName: 'b.csv', content: reordered });
    expect(third).toMatchObject({ duplicateFile: false, rows: 720, added: 0, updated: 0, unchanged: 720 });
    expect(await c.deps.prisma.attendanceRecord.count()).toBe(720);
    expect(await c.deps.prisma.absenceSignal.count()).toBe(3);
    expect(await readOutbox()).toHaveLength(6);
    expect(await c.deps.prisma.absenceImport.count()).toBe(2);
  });

  it('should update a row that changed and evaluate again', async () => {
    const tove = await c.as('tove');
    const header = 'elev;skolenhet;klass;datum;lektion;schemalagd_tid;frånvaro_min;frånvarotyp';
    const days = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
    const file = (kind: string) => [header, ...days.map((d) => `X-1;NORR;8A;${d};1;60;60;${kind}`)].join('\n');
    const first = await importAttendance(c.deps, tove, { content: file('giltig') });
    expect(first.signals.created).toBe(0);
    const second = await importAttendance(c.deps, tove, { content: file('ogiltig') });
    expect(second).toMatchObject({ added: 0, updated: 5 });
    expect(second.signals.created).toBe(2); // five occasions and 100 %
  });

  it('should report bad rows by line number and import the rest', async () => {
    const tove = await c.as('tove');
    const r = await importAttendance(c.deps, tove, { fileName: 'x.csv', content: 'elev;datum;typ\nA-1;2026-11-20;ogiltig\nA-2;2026-11-31;ogiltig\nA-3;2026-11-20;vet ej\n' });
    expect(r).toMatchObject({ rows: 1, added: 1, badRowCount: 2 });
    expect(r.badRows).toEqual([{ line: 3, problem: 'date', column: 'datum' }, { line: 4, problem: 'kind', column: 'typ' }]);
    const text = JSON.stringify(importReply(r, 'sv'));
    expect(text).toContain('rad 3: ogiltigt datum');
    expect(text).toContain('rad 4: okänd frånvarotyp');
  });

  it('should explain missing columns', async () => {
    const err = await importAttendance(c.deps, await c.as('tove'), { content: 'namn;klass\nA;7A\n' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('INPUT.INVALID');
    expect(String((err as DomainError).params.problem)).toContain('elev, datum, frånvarotyp');
  });

  it('should name missing columns in the organisation\'s language, or as its own mapping names them', async () => {
    const missing = async (lang: 'sv' | 'en') => String(((await importAttendance(c.deps, await c.as('tove', lang), { content: 'namn;klass\nA;7A\n' }).catch((e: unknown) => e)) as DomainError).params.problem);
    expect(await missing('sv')).toMatch(/^Filen saknar kolumner: elev, datum, frånvarotyp\./);
    // An English-speaking reader still sees the names the (Swedish) organisation's files use.
    expect(await missing('en')).toMatch(/^The file lacks columns: elev, datum, frånvarotyp\./);
    const org = await c.deps.prisma.organisation.findFirstOrThrow();
    await c.deps.prisma.organisation.update({ where: { id: org.id }, data: { settings: { ...(org.settings as object), attendanceColumns: { student: 'Elevens id' } } } });
    expect(await missing('sv')).toMatch(/^Filen saknar kolumner: Elevens id, datum, frånvarotyp\./);
  });

  it('should match the school column to a unit by code or name, case- and accent-insensitively, and report an unknown school', async () => {
    const tove = await c.as('tove');
    const unitsBefore = await c.deps.prisma.schoolUnit.count();
    const content = [
      'Elev;Skola;Datum;Frånvarotyp',
      'U-1;NORR;2026-11-20;ogiltig',
      'U-2;norr;2026-11-20;ogiltig',
      'U-3;Norrskolan;2026-11-20;ogiltig',
      'U-4;SÖDERSKOLAN;2026-11-20;ogiltig',
      'U-5;soderskolan;2026-11-20;ogiltig',
      'U-6; Söder ;2026-11-20;närvarande',
      'U-7;Västerskolan;2026-11-20;ogiltig',
      'U-8;;2026-11-20;ogiltig',
    ].join('\n');
    const r = await importAttendance(c.deps, tove, { fileName: 'skolor.csv', content, evaluate: false });
    expect(r).toMatchObject({ rows: 7, badRowCount: 1 });
    expect(r.badRows).toEqual([{ line: 8, problem: 'unit', column: 'Skola' }]);
    const records = await c.deps.prisma.attendanceRecord.findMany({ select: { studentRefHash: true, schoolUnitCode: true } });
    const codeOf = (ref: string) => records.find((x) => x.studentRefHash === c.deps.cipher.lookupHash(ref))?.schoolUnitCode;
    expect(['U-1', 'U-2', 'U-3', 'U-4', 'U-5', 'U-6', 'U-8'].map(codeOf)).toEqual(['NORR', 'NORR', 'NORR', 'SODER', 'SODER', 'SODER', null]);
    expect(codeOf('U-7')).toBeUndefined();
    expect(await c.deps.prisma.schoolUnit.count()).toBe(unitsBefore);
    expect(JSON.stringify(importReply(r, 'sv'))).toContain('rad 8: okänd skolenhet – ange en av organisationens skolenheter med kod eller namn (Skola)');
    expect(JSON.stringify(importReply(r, 'nb'))).toContain('rad 8: ukjent skole');
  });

  it('should refuse an import by someone without a school or admin role', async () => {
    await expect(importAttendance(c.deps, await c.as('maria'), { content: 'elev;datum;typ\n' })).rejects.toMatchObject({ code: 'ACCESS.DENIED' });
  });

  it('should nudge the mentor of an open case, link the signal and leave the student reference out', async () => {
    const maria = await c.as('maria');
    const kase = await openCase(c.deps, maria, { playbookKey: 's0-elevvard', studentRef: 'E-1001', schoolUnitCode: 'NORR', firstRole: 'mentor' });
    const r = await importAttendance(c.deps, await c.as('tove'), { content: await readFile(EXAMPLE) });
    expect(r.signals.linkedToCase).toBe(1);
    const toMaria = (await readOutbox()).filter((s) => s.personId === maria.personId);
    expect(toMaria).toHaveLength(1);
    expect(toMaria[0]!.sv).toContain(`ärende ${kase.code}`);
    expect(toMaria[0]!.sv).not.toContain('E-1001');
    expect(toMaria[0]!.caseId).toBe(kase.caseId);
    const sig = await c.deps.prisma.absenceSignal.findFirstOrThrow({ where: { studentRefHash: c.deps.cipher.lookupHash('E-1001') } });
    expect(sig).toMatchObject({ caseId: kase.caseId, notifiedId: maria.personId });
  });

  it('should open a case from a signal once, for the notified person only', async () => {
    await importAttendance(c.deps, await c.as('tove'), { content: await readFile(EXAMPLE) });
    const msg = (await readOutbox()).find((s) => s.sv.includes('E-1002'))!;
    const id = /signal ([0-9a-f]{8})/.exec(msg.sv)![1]!;
    await expect(openCaseFromSignal(c.deps, await c.as('maria'), id)).rejects.toMatchObject({ code: 'ACCESS.DENIED' });
    const elin = await c.as('elin');
    const opened = await openCaseFromSignal(c.deps, elin, id);
    expect(opened.created).toBe(true);
    const kase = await c.deps.prisma.case.findUniqueOrThrow({ where: { id: opened.caseId }, include: { members: true, schoolUnit: true } });
    expect(kase).toMatchObject({ origin: 'ABSENCE_SIGNAL', playbookKey: 's0-elevvard', studentRefHash: c.deps.cipher.lookupHash('E-1002') });
    expect(kase.schoolUnit?.code).toBe('NORR');
    expect(kase.triggeredAt?.toISOString()).toBe('2026-11-19T23:00:00.000Z'); // window end, 2026-11-20
    expect(c.deps.cipher.decrypt(kase.studentRefEnc!)).toBe('E-1002');
    expect(kase.members.map((m) => m.role)).toEqual(['contact-person']);
    const again = await openCaseFromSignal(c.deps, elin, id);
    expect(again).toEqual({ caseId: opened.caseId, code: opened.code, created: false });
    const sig = await c.deps.prisma.absenceSignal.findFirstOrThrow({ where: { studentRefHash: kase.studentRefHash! } });
    expect(sig.caseId).toBe(opened.caseId);
    expect(shortSignalId(sig.id)).toBe(id);
  });

  it('should mark a signal notified only together with its notices: a failed outbox write leaves it pending', async () => {
    const notify = c.deps.notifyPerson;
    let calls = 0;
    c.deps.notifyPerson = async (tx, personId, notice, params, opts) => {
      // The second student's notices fail to be written (a database error mid-transaction).
      if (++calls === 3) throw new Error('outbox write failed');
      await notify(tx, personId, notice, params, opts);
    };
    const org = (await c.as('tove')).orgId;
    await expect(importAttendance(c.deps, { system: true, orgId: org }, { content: await readFile(EXAMPLE) })).rejects.toThrow('outbox write failed');
    const signals = await c.deps.prisma.absenceSignal.findMany();
    expect(signals).toHaveLength(3);
    // The first student's signal and its two notices committed together; the rest is untouched.
    expect(signals.filter((s) => s.notifiedId !== null)).toHaveLength(1);
    expect(await c.deps.prisma.nudge.count({ where: { kind: 'absence.signal' } })).toBe(2);
    c.deps.notifyPerson = notify;
    expect(await notifyPendingSignals(c.deps)).toEqual({ notified: 2, pending: 0 });
    expect(await readOutbox()).toHaveLength(6);
    expect(await notifyPendingSignals(c.deps)).toEqual({ notified: 0, pending: 0 });
    // A notice waits for the working day (07:30) and carries no student data in clear text.
    const rows = await c.deps.prisma.nudge.findMany({ where: { kind: 'absence.signal' } });
    expect(rows.every((n) => n.sendAt.toISOString() === '2026-11-23T06:30:00.000Z')).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/E-100\d/);
  });

  // The 100 000-row timing is a measurement: bench/absence-import.ts. This checks the same streaming at 10 000 rows.
  it('should stream 10 000 rows with progress and batch inserts', async () => {
    const tove = await c.as('tove');
    const students = 50;
    const days: string[] = [];
    for (let d = new Date('2026-09-01T00:00:00Z'); days.length < 50; d = new Date(d.getTime() + 86_400_000)) {
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days.push(d.toISOString().slice(0, 10));
    }
    async function* generate(): AsyncGenerator<string> {
      yield '\ufeffElev-ID;Skolenhet;Klass;Datum;Lektion;Schemalagd tid (min);Frånvaro (min);Frånvarotyp\r\n';
      for (let s = 0; s < students; s++) {
        let chunk = '';
        for (const d of days) {
          for (let l = 1; l <= 4; l++) {
            const absent = (s * 7 + l + d.length) % 23 === 0;
            chunk += `S-${s};${s % 2 ? 'NORR' : 'SODER'};${7 + (s % 3)}A;${d};${l};60;${absent ? '60' : '0'};${absent ? 'Ogiltig' : 'Närvarande'}\r\n`;
          }
        }
        yield chunk;
      }
    }
    const progress: ImportProgress[] = [];
    const r = await importAttendance(c.deps, tove, { fileName: 'big.csv', content: generate(), onProgress: (p) => progress.push(p), evaluate: false });
    expect(r).toMatchObject({ rows: 10_000, added: 10_000, badRowCount: 0, students: 50 });
    expect(progress).toHaveLength(10);
    expect(progress.map((p) => p.rows)).toEqual([...progress.map((p) => p.rows)].sort((a, b) => a - b));
    expect(progress.at(-1)!.bytes).toBeGreaterThan(400_000);
    expect(await c.deps.prisma.attendanceRecord.count()).toBe(10_000);
    // The stream's hash was recorded: the same content again is recognised as a duplicate.
    const imp = await c.deps.prisma.absenceImport.findFirstOrThrow();
    expect(imp).toMatchObject({ rows: 10_000, badRows: 0 });
    const again = await importAttendance(c.deps, tove, { content: generate(), evaluate: false });
    expect(again).toMatchObject({ duplicateFile: true, added: 0, unchanged: 10_000 });
  }, 120_000);
});
