import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAttendance } from '../../src/absence/absence.service.ts';
import { closeCase, openCase, recordConcern, recordDeviation } from '../../src/cases/case.service.ts';
import type { Reply } from '../../src/ports/reply.ts';
import { recordConsent, withdrawConsent } from '../../src/consent/consent.service.ts';
import { recordMeetingOutcome } from '../../src/meetings/meeting.service.ts';
import { computeFigures, suppress } from '../../src/stats/stats.service.ts';
import { computeStats, exportStatsCsv, statsChartPng } from '../../src/chat/stats-view.ts';
import { STATS_CSV_HEADER } from '../../src/chat/stats/stats-csv.ts';
import { CHART_WIDTH } from '../../src/chat/stats/stats-chart.ts';
import { createTestCore, DAY, type TestCore } from '../support/core.ts';
import { readPng } from '../support/png.ts';

/** Tuesday 1 September 2026, 08:00: every case is opened (triggered) then. */
const T0 = new Date('2026-09-01T08:00:00+02:00');

/** Undoes PNG row filters (8-bit RGBA) to get the pixels. */
function unfilterRgba(raw: Buffer, width: number, height: number): Buffer {
  const bpp = 4;
  const stride = width * bpp;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const type = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= bpp ? out[y * stride + x - bpp]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = type === 0 ? 0 : type === 1 ? a : type === 2 ? b : type === 3 ? (a + b) >> 1 : pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      out[y * stride + x] = (v + pred) & 0xff;
    }
  }
  return out;
}

/** LibreOffice Calc, when installed (CI installs libreoffice-calc-nogui). */
const soffice = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'].find((p) => existsSync(p));

type SheetCell = { type: string; text: string; value?: string };

/**
 * Opens a `;`-separated UTF-8 CSV in LibreOffice Calc headless with the given locale (1053 sv-SE,
 * 1033 en-US) and returns its first sheet as typed cells, read from the flat ODS it saves.
 */
async function openInLibreOffice(file: string, locale: number): Promise<SheetCell[][]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'stafett-lo-'));
  execFileSync(soffice!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--norestore', '--infilter=CSV:59,34,76,1,,' + locale + ',false,true', '--convert-to', 'fods', '--outdir', dir, path.resolve(file)], { stdio: 'pipe', timeout: 180_000 });
  const xml = readFileSync(path.join(dir, path.basename(file).replace(/\.csv$/, '.fods')), 'utf8');
  const table = xml.slice(xml.indexOf('<table:table '), xml.indexOf('</table:table>'));
  const rows: SheetCell[][] = [];
  for (const rowXml of table.split(/<table:table-row[^>]*>/).slice(1)) {
    const cells: SheetCell[] = [];
    for (const m of rowXml.matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)) {
      const attrs = m[1] ?? '';
      const repeat = Number(/table:number-columns-repeated="(\d+)"/.exec(attrs)?.[1] ?? 1);
      const cell: SheetCell = {
        type: /office:value-type="(\w+)"/.exec(attrs)?.[1] ?? 'empty',
        text: (m[2] ?? '').replace(/<[^>]+>/g, '').trim().replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'),
        ...(/office:value="([^"]*)"/.exec(attrs) ? { value: /office:value="([^"]*)"/.exec(attrs)![1] } : {}),
      };
      for (let i = 0; i < Math.min(repeat, 10); i++) cells.push(cell);
    }
    while (cells.length && cells.at(-1)!.type === 'empty') cells.pop();
    if (cells.length) rows.push(cells);
  }
  return rows.map((r) => r.map((c) => (c.type === 'string' ? { type: c.type, text: c.text } : c)));
}

const textOf = (r: Reply) => r.blocks.map((b) => ('text' in b ? b.text : 'items' in b ? b.items.join('\n') : '')).join('\n');

describe('statistics on a fixture with known answers', () => {
  let c: TestCore;
  let reply: Reply;
  const s0Codes: string[] = [];

  beforeAll(async () => {
    c = await createTestCore(T0);
    const maria = await c.as('maria');
    const karin = await c.as('karin');
    const tove = await c.as('tove');
    const at = (day: number) => c.clock.set(new Date(T0.getTime() + day * DAY));

    // Eight S0 cases (six at Norrskolan, two at Söderskolan), all triggered at T0.
    const units = ['NORR', 'NORR', 'NORR', 'NORR', 'NORR', 'NORR', 'SODER', 'SODER'];
    for (const [i, unit] of units.entries()) {
      const k = await openCase(c.deps, maria, { playbookKey: 's0-elevvard', studentRef: `F-${i}`, schoolUnitCode: unit, firstRole: 'mentor' });
      s0Codes.push(k.code);
    }
    // Six S2 cases with tiers, seven S1 cases to close with reasons.
    const s2: string[] = [];
    for (let i = 0; i < 6; i++) s2.push((await openCase(c.deps, karin, { playbookKey: 's2-tomelilla', studentRef: `T-${i}`, schoolUnitCode: 'NORR', tier: i < 5 ? 'green' : 'yellow', consent: { scope: ['SCHOOL', 'SOCIAL_SERVICES'], givenBy: ['GUARDIAN'] } })).code);
    const s1: string[] = [];
    for (let i = 0; i < 7; i++) s1.push((await openCase(c.deps, karin, { playbookKey: 's1-vastbas', studentRef: `V-${i}`, schoolUnitCode: 'SODER', consent: { scope: ['SCHOOL', 'SOCIAL_SERVICES'], givenBy: ['GUARDIAN'] } })).code);

    // Meetings, in time order. Goal meeting (with the plan) on these days after the trigger:
    const goal = [7, 9, 10, 12, 14, 20, 8, 11];
    const network: [number, number][] = [[0, 21], [1, 23], [2, 31], [3, 33], [4, 42]];
    const followUp: [number, number][] = [[0, 56], [1, 58]];
    const events: [number, () => Promise<unknown>][] = [
      ...goal.map((d, i): [number, () => Promise<unknown>] => [d, () => recordMeetingOutcome(c.deps, maria, s0Codes[i]!, { type: 'malmote', actions: [{ text: 'Närvaroplan' }] })]),
      ...network.map(([i, d]): [number, () => Promise<unknown>] => [d, () => recordMeetingOutcome(c.deps, maria, s0Codes[i]!, { type: 'natverksmote' })]),
      ...followUp.map(([i, d]): [number, () => Promise<unknown>] => [d, () => recordMeetingOutcome(c.deps, maria, s0Codes[i]!, { type: 'natverksmote-utvardering' })]),
    ];
    events.sort((a, b) => a[0] - b[0]);
    for (const [d, run] of events) {
      at(d);
      await run();
    }
    at(59);
    for (const code of s0Codes) await recordConsent(c.deps, maria, code, { scope: ['SCHOOL', 'SOCIAL_SERVICES'], givenBy: [{ party: 'GUARDIAN' }] });
    await withdrawConsent(c.deps, maria, s0Codes[6]!);
    await withdrawConsent(c.deps, maria, s0Codes[7]!);
    await recordConsent(c.deps, karin, s2[0]!, { scope: ['SOCIAL_SERVICES'], givenBy: [{ party: 'GUARDIAN' }], status: 'DECLINED' });
    for (let i = 0; i < 5; i++) await recordConcern(c.deps, maria, s0Codes[i]!, {});
    for (let i = 0; i < 5; i++) await recordDeviation(c.deps, tove, undefined, { theme: 'late-collaboration' });
    for (let i = 0; i < 2; i++) await recordDeviation(c.deps, tove, undefined, { theme: 'language' });
    for (const [i, code] of s1.entries()) await closeCase(c.deps, karin, code, { reason: i < 5 ? 'goals-met' : 'other-measures' });

    // Attendance: four weeks before each plan 75 % (every 4th school day away), after 90 % (every 10th).
    const lines = ['Elev;Skolenhet;Klass;Datum;Lektion;Schemalagd tid (min);Frånvaro (min);Frånvarotyp'];
    for (const [i, d] of goal.entries()) {
      const plan = DateTime.fromJSDate(new Date(T0.getTime() + d * DAY), { zone: 'Europe/Stockholm' }).startOf('day');
      let before = 0;
      let after = 0;
      for (let x = plan.minus({ days: 28 }); x < plan.plus({ days: 28 }); x = x.plus({ days: 1 })) {
        if (x.weekday > 5) continue;
        const isBefore = x < plan;
        const away = isBefore ? before++ % 4 === 0 : after++ % 10 === 0;
        lines.push(`F-${i};${units[i]};7A;${x.toISODate()};DAY;300;${away ? '300' : '0'};${away ? 'Ogiltig' : 'Närvarande'}`);
      }
    }
    at(60);
    await importAttendance(c.deps, tove, { fileName: 'fixture.csv', content: lines.join('\n'), evaluate: false });
    reply = await computeStats(c.deps, tove, 'sv', 'Demo kommun');
  }, 240_000);
  afterAll(async () => c.close());

  it('should count cases per stage and tier, closures, consents, concerns and deviations', async () => {
    const f = await computeFigures(c.deps, (await c.as('tove')).orgId);
    expect(f.open).toBe(14);
    expect(f.closed).toBe(7);
    expect(f.openByStage).toEqual([{ playbook: 's0-elevvard', stage: 'signal', count: 8 }, { playbook: 's2-tomelilla', stage: 'beredning', count: 6 }]);
    expect(f.openByTier).toEqual([{ playbook: 's2-tomelilla', tier: 'green', count: 5 }, { playbook: 's2-tomelilla', tier: 'yellow', count: 1 }]);
    expect(f.closedByReason).toEqual([{ reason: 'goals-met', count: 5 }, { reason: 'other-measures', count: 2 }]);
    // Six S0 consents still given, plus the thirteen Västbas and Tomelilla cases opened with consent.
    expect(f.consents).toEqual({ given: 19, declined: 1, withdrawn: 2 });
    expect(f.concerns).toBe(5);
    expect(f.deviationsByTheme).toEqual([{ theme: 'late-collaboration', count: 5 }, { theme: 'language', count: 2 }]);
    // Overdue from the day after the due date (Stockholm time), not from the due time.
    const startOfToday = DateTime.fromJSDate(c.clock.now(), { zone: 'Europe/Stockholm' }).startOf('day').toJSDate();
    const overdue = await c.deps.prisma.deadline.count({ where: { status: 'OPEN', dueAt: { lt: startOfToday }, case: { status: 'OPEN' } } });
    expect(f.overdue).toBe(overdue);
    expect(f.overdueByRule.reduce((s, o) => s + o.count, 0)).toBe(overdue);
  });

  it('should compute median days to each meeting against the playbook deadlines', async () => {
    const f = await computeFigures(c.deps, (await c.as('tove')).orgId);
    const s0 = f.milestones.filter((m) => m.playbook === 's0-elevvard');
    expect(s0).toEqual([
      { playbook: 's0-elevvard', milestone: 'goal', meetingType: 'malmote', n: 8, medianDays: 10.5, deadline: { rule: 'malmote-after-threshold', offset: 'P2W', early: 0, onTime: 7, late: 1, overdue: 0 } },
      { playbook: 's0-elevvard', milestone: 'network', meetingType: 'natverksmote', n: 5, medianDays: 31, deadline: { rule: 'natverksmote-within-3-weeks', offset: 'P3W', early: 0, onTime: 4, late: 1, overdue: 3 } },
      { playbook: 's0-elevvard', milestone: 'followUp', meetingType: 'natverksmote-utvardering', n: 2, medianDays: 57, deadline: { rule: 'follow-up-within-6-weeks', offset: 'P6W', early: 0, onTime: 2, late: 0, overdue: 0 } },
    ]);
  });

  it('should compare attendance before and after the plan per case and per unit', async () => {
    const f = await computeFigures(c.deps, (await c.as('tove')).orgId);
    expect(f.attendance.cases).toHaveLength(8);
    for (const k of f.attendance.cases) {
      expect(k.before).toEqual({ scheduled: 20 * 300, absent: 5 * 300, unauthorised: 5 * 300 });
      expect(k.after).toEqual({ scheduled: 20 * 300, absent: 2 * 300, unauthorised: 2 * 300 });
    }
    const norr = f.attendance.units.find((u) => u.unitName === 'Norrskolan')!;
    expect(norr).toMatchObject({ n: 6, presentBefore: 75, presentAfter: 90, unauthorisedBefore: 25, unauthorisedAfter: 10 });
    expect(f.attendance.units.find((u) => u.unitName === 'Söderskolan')).toMatchObject({ n: 2 });
    expect(f.attendance.total).toMatchObject({ n: 8, presentBefore: 75, presentAfter: 90 });
  });

  it('should render the shared reply with small counts suppressed', () => {
    expect(reply.visibility).toBe('shared');
    const text = textOf(reply);
    expect(text).toContain('**Öppna ärenden:** 14 · **Avslutade ärenden:** 7');
    expect(text).toContain('**Orosanmälningar:** 5 · **Samtycken (lämnade / nekade / återkallade):** 19 / <5 / <5');
    expect(text).toContain('Elevvårdens 5 steg: Frånvaro uppmärksammad: 8');
    expect(text).toMatch(/Grön – generella insatser: 5\n.*Gul – riktade insatser: <5/);
    expect(text).toContain('Elevvårdens 5 steg – Målmöte: 10,5 dagar (n = 8) · tidsfrist 2 veckor: 7 i tid, <5 sent, 0 försenade');
    expect(text).toContain('Elevvårdens 5 steg – Nätverksmöte: 31 dagar (n = 5) · tidsfrist 3 veckor: <5 i tid, <5 sent, <5 försenade');
    expect(text).toContain('Elevvårdens 5 steg – Nätverksmöte/utvärdering: färre än 5 ärenden');
    expect(text).toContain('Målen uppnådda efter utvärdering: 5');
    expect(text).toContain('Andra åtgärder/myndighetsutövning: <5');
    expect(text).toContain('Norrskolan (6 ärenden): närvaro 75 % → 90 %, ogiltig frånvaro 25 % → 10 %');
    expect(text).toContain('Söderskolan: färre än 5 ärenden');
    // Söderskolan's 2 cases are withheld, so "all units" (8) is too: 8 − 6 would reveal them.
    expect(text).not.toContain('Alla enheter');
    expect(text).toContain('Samverkan startade sent: 5');
    expect(text).toContain('Olika språk och missförstånd: <5');
    // No student reference and no case code in the shared part.
    expect(JSON.stringify(reply.blocks)).not.toMatch(/F-\d|T-\d|V-\d|DEMO-/);
  });

  it('should attach a valid PNG chart with the attendance bars drawn', () => {
    expect(reply.attachments?.[0]).toMatchObject({ mimeType: 'image/png', encoding: 'base64' });
    const bytes = Buffer.from(reply.attachments![0]!.content, 'base64');
    const png = readPng(bytes);
    expect(png).toMatchObject({ width: CHART_WIDTH, bitDepth: 8, colourType: 6 });
    expect(png.height).toBeGreaterThan(500);
    // The "after" bars are drawn in the chart's blue (#1976d2).
    const px = unfilterRgba(png.raw, png.width, png.height);
    let blue = 0;
    for (let i = 0; i + 3 < px.length; i += 4) if (px[i] === 25 && px[i + 1] === 118 && px[i + 2] === 210) blue++;
    expect(blue).toBeGreaterThan(5000);
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync('test-artifacts/stats-chart-fixture-sv.png', bytes);
  });

  it('should give per-case attendance to members only, with the CSV, in a private follow-up', async () => {
    const forTove = reply.privateFollowUp!;
    expect(forTove.visibility).toBe('private');
    expect(textOf(forTove)).not.toContain('DEMO-');
    const forMaria = (await computeStats(c.deps, await c.as('maria'), 'sv', 'Demo kommun')).privateFollowUp!;
    const lines = textOf(forMaria);
    for (const code of s0Codes) expect(lines).toContain(`${code}: närvaro 75 % → 90 %, ogiltig frånvaro 25 % → 10 %`);
    expect(forMaria.attachments?.[0]).toMatchObject({ mimeType: 'text/csv' });
    expect(forMaria.attachments![0]!.fileName).toMatch(/^statistik-demo-kommun-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  // Validators: csv-parse in strict mode (exact column count, no loose quotes) and LibreOffice Calc
  // headless (`soffice --convert-to fods` with the Swedish/English locale), whose cell types say
  // whether a spreadsheet reads `value` as numbers.
  it('should export CSV with one row per figure, unique labels, numeric values and a suppressed column', async () => {
    const csv = reply.privateFollowUp!.attachments![0]!.content;
    expect(csv.startsWith('\ufeff')).toBe(true);
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync('test-artifacts/statistik-sv.csv', csv);
    const rows = parseCsv(csv, { delimiter: ';', bom: true, columns: true, strict: true, relax_column_count: false, skip_empty_lines: false, record_delimiter: '\r\n' } as never) as unknown as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...STATS_CSV_HEADER]);
    expect(new Set(rows.map((r) => r.label)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => `${r.section}|${r.key}`)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.value, r.label).toMatch(/^(-?\d+(,\d+)?)?$/);
      expect(r.suppressed).toMatch(/^[01]$/);
      if (r.suppressed === '1') expect([r.value, r.n]).toEqual(['', '']);
      expect(['count', 'percent', 'days']).toContain(r.unit);
      expect(r.label).not.toContain('<5');
    }
    const find = (section: string, key: string) => rows.find((r) => r.section === section && r.key === key)!;
    expect(find('summary', 'open')).toEqual({ section: 'summary', key: 'open', label: 'Öppna ärenden', value: '14', unit: 'count', suppressed: '0', n: '' });
    expect(find('consent', 'declined')).toMatchObject({ label: 'Samtycken nekade', value: '', suppressed: '1' });
    expect(find('consent', 'given').label).toBe('Samtycken lämnade');
    expect(find('stage', 's0-elevvard/signal')).toMatchObject({ value: '8', suppressed: '0' });
    expect(find('milestone.medianDays', 's0-elevvard/goal')).toMatchObject({ value: '10,5', unit: 'days', n: '8', suppressed: '0' });
    expect(find('milestone.medianDays', 's0-elevvard/followUp')).toMatchObject({ value: '', suppressed: '1', n: '' });
    expect(find('deadline.late', 's0-elevvard/malmote-after-threshold')).toMatchObject({ value: '', suppressed: '1' });
    expect(rows.filter((r) => r.section === 'attendance.presentAfter').map((r) => [r.label, r.value, r.suppressed, r.n])).toEqual([
      ['Norrskolan: närvaro efter plan (%)', '90', '0', '6'],
      ['Söderskolan: närvaro efter plan (%)', '', '1', ''],
    ]);
    expect(rows.some((r) => String(r.label).startsWith('Alla enheter'))).toBe(false);
    expect(find('closure', 'goals-met')).toMatchObject({ value: '5', suppressed: '0' });
    expect(find('deviation', 'language')).toMatchObject({ value: '', suppressed: '1' });
    const en = await exportStatsCsv(c.deps, await c.as('tove'), 'en');
    writeFileSync('test-artifacts/statistik-en.csv', en);
    const enRows = parseCsv(en, { delimiter: ';', bom: true, columns: true, strict: true } as never) as unknown as Record<string, string>[];
    expect(enRows.find((r) => r.section === 'milestone.medianDays' && r.key === 's0-elevvard/goal')).toMatchObject({ value: '10.5', n: '8' });

    if (!soffice) {
      console.warn('[stats csv] SKIPPED the LibreOffice check: soffice not found (apt-get install -y libreoffice-calc-nogui)');
      return;
    }
    for (const [lang, file, locale] of [['sv', 'test-artifacts/statistik-sv.csv', 1053], ['en', 'test-artifacts/statistik-en.csv', 1033]] as const) {
      const sheet = await openInLibreOffice(file, locale);
      expect(sheet[0]).toEqual([...STATS_CSV_HEADER].map((h) => ({ type: 'string', text: h })));
      const body = sheet.slice(1);
      expect(body.length, lang).toBe(rows.length);
      for (const [i, cells] of body.entries()) {
        const value = cells[3];
        const expected = (lang === 'sv' ? rows : enRows)[i]!;
        if (expected.value === '') expect(value?.text ?? '', expected.label).toBe('');
        else {
          expect(value?.type, `${lang} ${expected.label}`).toBe('float');
          expect(Number(value?.value), expected.label).toBeCloseTo(Number(String(expected.value).replace(',', '.')), 5);
        }
        expect(cells[2]?.type).toBe('string');
      }
    }
  }, 240_000);

  it('should render the chart alone and audit every read', async () => {
    const png = await statsChartPng(c.deps, await c.as('tove'), 'nb');
    expect(readPng(png).width).toBe(CHART_WIDTH);
    const actions = (await c.deps.prisma.auditEvent.findMany({ where: { action: { startsWith: 'stats.' } } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['stats.read', 'stats.export', 'stats.chart']));
  });
});

describe('suppression with few cases', () => {
  it('should show every count under 5 as <5 and no averages', async () => {
    expect([0, 1, 4, 5, 12].map(suppress)).toEqual(['0', '<5', '<5', '5', '12']);
    const c = await createTestCore(T0);
    try {
      const maria = await c.as('maria');
      for (let i = 0; i < 3; i++) {
        const k = await openCase(c.deps, maria, { playbookKey: 's0-elevvard', studentRef: `F-${i}`, schoolUnitCode: 'NORR', firstRole: 'mentor' });
        c.clock.set(new Date(T0.getTime() + (i + 5) * DAY));
        await recordMeetingOutcome(c.deps, maria, k.code, { type: 'malmote', actions: [{ text: 'Plan' }] });
      }
      const r = await computeStats(c.deps, maria, 'en', 'Demo');
      const text = textOf(r);
      expect(text).toContain('**Open cases:** <5');
      expect(text).toContain('Goal meeting: fewer than 5 cases');
      expect(text).not.toMatch(/\d+(\.\d)? days \(n = /);
      expect(text).toContain('No cases with attendance data before and after a plan.');
      readPng(Buffer.from(r.attachments![0]!.content, 'base64'));
    } finally {
      await c.close();
    }
  });
});
