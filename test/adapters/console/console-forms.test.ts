/**
 * The console as people use it: forms, confirmations and numbered buttons, through the same
 * ChatService as Slack and Teams.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../../adapters/console/console-adapter.ts';
import { dbKind } from '../../support/db.ts';
import { startTestService, type TestService } from '../../support/service.ts';

async function runScript(s: TestService, lines: string[], user = 'maria'): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (d) => (out += d));
  const session = new ConsoleSession(s.core.chat, { input, output, user });
  s.core.notifier.register('CONSOLE', { deliver: async (t, m) => { session.notifyReply(m.reply, t.person?.consoleUser ?? null); return { ok: true }; } });
  const done = new Promise<void>((resolve) => void session.run(resolve));
  input.end(lines.map((l) => `${l}\n`).join(''));
  await done;
  return out;
}

describe(`console forms (${dbKind})`, () => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService();
  });
  afterAll(async () => s.close());

  it('warns when a network meeting is booked outside 2–3 weeks after the goal meeting and books on "Boka ändå"', async () => {
    // Tuesday 1 Dec 2026: case opened and the goal meeting documented the same day.
    await runScript(s, ['klocka 2026-12-01T09:00', 'ny s0', 'Elev Fönster', '1', '1', '']);
    const k = await s.db.prisma.case.findFirstOrThrow({ where: { code: 'DEMO-26-0001' } });
    const maria = await s.db.prisma.person.findFirstOrThrow({ where: { consoleUser: 'maria' } });
    await s.db.prisma.meeting.create({ data: { caseId: k.id, type: 'malmote', startsAt: new Date('2026-12-01T08:00:00Z'), createdById: maria.id, createdAt: new Date('2026-12-01T08:00:00Z') } });
    const m = await s.db.prisma.meeting.findFirstOrThrow({ where: { caseId: k.id } });
    await s.core.chat.submitForm({ platform: 'CONSOLE', userId: 'maria' }, 'meeting.outcome', { code: k.code, meetingId: m.id }, { outputs: 'esterOwner' });
    const out = await runScript(s, ['möte DEMO-26-0001', '3', '2026-12-08 13:00', '', 'Konferensrummet', '1']);
    expect(out).toMatch(/Nätverksmöte .*8 dec.* ligger före tidsfristen ”Nätverksmöte inom 2–3 veckor efter målmötet” \(15 dec.*–22 dec.*\)\. Vill du boka ändå\?/);
    expect(out).toMatch(/\[1\] Boka ändå/);
    expect(out).toMatch(/Mötet är bokat: Nätverksmöte/);
    const booked = await s.db.prisma.meeting.findFirstOrThrow({ where: { caseId: k.id, type: 'natverksmote' } });
    // The place is stored encrypted (SECURITY.md); read through the service's cipher.
    expect(s.core.deps.cipher.decryptOpt(booked.locationEnc)).toBe('Konferensrummet');
    const log = await s.db.prisma.caseLogEntry.findFirstOrThrow({ where: { caseId: k.id, kind: 'meeting.scheduled' } });
    expect(log.params).toMatchObject({ outsideWindow: 'early' });
  });

  it('cancels a form on `avbryt`, says at once which field is wrong, and shows labels, not keys', async () => {
    const before = await s.db.prisma.meeting.count();
    // The case has a meeting already: "Boka nytt möte" is button 4 of the meeting list.
    const out = await runScript(s, ['möte DEMO-26-0001', '4', '3', 'nästa vecka', '2026-12-22 13:00', 'avbryt']);
    // The wrong date is named before the next field is asked for.
    expect(out).toMatch(/Datum och tid \(t\.ex\. 2026-12-03 13:00\): ⚠ Skriv datum och tid som 2026-12-03 13:00\.\nDatum och tid/);
    expect(out).toMatch(/Avbrutet – inget sparades\./);
    expect(await s.db.prisma.meeting.count()).toBe(before);
    const consent = await runScript(s, ['samtycke DEMO-26-0001', 'cancel']);
    expect(consent).toMatch(/Svar \[Samtycke lämnat\]/);
    expect(consent).not.toMatch(/\[GIVEN\]|\[SCHOOL|\[GUARDIAN\]/);
    const who = await runScript(s, ['som karin']);
    expect(who).toMatch(/Du är nu Karin Koordinator \(koordinator\)/);
  });

  it('asks about a date typed without its year or already gone, and takes it once confirmed with the year', async () => {
    // Wednesday 2 December 2026, 10:00 in Stockholm.
    const opened = await runScript(s, ['klocka 2026-12-02T09:00', 'ny s4', 'Elev Datum', '1', '1', '']);
    const code = /DEMO-26-\d{4}/.exec(opened)![0];
    const out = await runScript(s, [`möte ${code}`, '1', '15/1 kl. 13', '1/12 13:00', '2027-01-15 13:00', '', '', '']);
    // `15/1` in December is next January only once the person says so; `1/12` has been.
    expect(out).toMatch(/⚠ Menar du fredag 15 januari 2027 kl\. 13:00\? Skriv datumet med år \(2027-01-15 13:00\) för att bekräfta, eller ett annat datum\./);
    expect(out).toMatch(/⚠ Det datumet har redan varit: menar du tisdag 1 december 2026 kl\. 13:00\?/);
    const k = await s.db.prisma.case.findFirstOrThrow({ where: { code } });
    const booked = await s.db.prisma.meeting.findFirstOrThrow({ where: { caseId: k.id } });
    expect(booked.startsAt.toISOString()).toBe('2027-01-15T12:00:00.000Z');
  });

  it('prefills a meeting and an action from what is typed after the case code, and asks about a doubtful date', async () => {
    // Wednesday 2 December 2026, 10:00 in Stockholm.
    const opened = await runScript(s, ['klocka 2026-12-02T09:00', 'ny s4', 'Elev Förifylld', '1', '1', '']);
    const code = /DEMO-26-\d{4}/.exec(opened)![0];
    const k = await s.db.prisma.case.findFirstOrThrow({ where: { code } });
    // Type, date and time from the command: Enter keeps each prefilled value.
    const booked = await runScript(s, [`möte ${code} konsultation tisdag kl. 13`, '', '', '', '']);
    expect(booked).toMatch(/2026-12-08 13:00/);
    expect(booked).not.toMatch(/Menar du/);
    expect((await s.db.prisma.meeting.findFirstOrThrow({ where: { caseId: k.id } })).startsAt.toISOString()).toBe('2026-12-08T12:00:00.000Z');
    // `12/1` in December: next January, asked about at the top of the form, not silently.
    const asked = await runScript(s, [`möte ${code} konsultation 12/1 kl 13`, '', '', '', '']);
    expect(asked).toMatch(/⚠ Menar du tisdag 12 januari 2027 kl\. 13:00\? Formuläret har det datumet ifyllt – ändra det om det inte stämmer\./);
    expect((await s.db.prisma.meeting.findMany({ where: { caseId: k.id }, orderBy: { startsAt: 'asc' } })).map((m) => m.startsAt.toISOString())).toEqual(['2026-12-08T12:00:00.000Z', '2027-01-12T12:00:00.000Z']);
    // What, who and when of an action.
    const action = await runScript(s, [`åtgärd ${code} Ringa mamma varje måndag @karin 15 jan`, '', '', '', '', '', '']);
    expect(action).toMatch(/⚠ Menar du fredag 15 januari 2027\?/);
    expect(action).toMatch(/Åtgärd 1 är tillagd i .*Påminnelserna går till Karin Koordinator/);
    const a = await s.db.prisma.caseAction.findFirstOrThrow({ where: { caseId: k.id } });
    expect(s.core.deps.cipher.decrypt(a.textEnc)).toBe('Ringa mamma varje måndag');
    expect(a.ownerId).toBe((await s.db.prisma.person.findFirstOrThrow({ where: { consoleUser: 'karin' } })).id);
    expect(a.dueAt?.toISOString()).toBe('2027-01-15T15:00:00.000Z');
  });

  it('a reminder\'s buttons work by number for the person it is for', async () => {
    const opened = await runScript(s, ['klocka 2026-12-02T09:00', 'ny s4', 'Elev Påminnelse', '1', '1', '']);
    const code = /DEMO-26-\d{4}/.exec(opened)![0];
    const out = await runScript(s, [`möte ${code}`, '1', 'i morgon 13:00', '', '', 'klocka +1d', '1']);
    expect(out).toMatch(new RegExp(`🔔 .*I dag: Verksamhetsöverskridande konsultation i ärende ${code}`));
    expect(out).toMatch(/\[1\] Klart/);
    expect(out).toMatch(/Klart – markerat som gjort\./);
  });

  it('the audit view and the clock speak words, not keys', async () => {
    const out = await runScript(s, ['granskning DEMO-26-0001', 'klocka -2d']);
    expect(out).toMatch(/Maria Mentor · konsolen · läste ärendet/);
    expect(out).not.toMatch(/CONSOLE|case\.details\.read|case\.summary\.read/);
    expect(out).toMatch(/Klockan har flyttats tillbaka till/);
  });

  it('uses what is typed after the case code, and help shows the organisation\'s own codes', async () => {
    const help = await runScript(s, ['hjälp']);
    expect(help).toMatch(/DEMO-\d{2}-0042/);
    expect(help).not.toMatch(/ST-26-0042/);
    const meeting = await runScript(s, ['möte DEMO-26-0001 nätverksmöte', 'avbryt']);
    expect(meeting).toMatch(/Mötestyp \[Nätverksmöte\]/);
    const consent = await runScript(s, ['samtycke DEMO-26-0001 skolan och socialtjänsten', '', '', '', '', '']);
    expect(consent).toMatch(/Samtycket gäller \[Skolan, Socialtjänsten\]/);
    expect(consent).toMatch(/✅/);
    // With a consent in force, `samtycke KOD` offers its withdrawal as well.
    const again = await runScript(s, ['samtycke DEMO-26-0001']);
    expect(again).toMatch(/Gällande samtycke i DEMO-26-0001: Skolan, Socialtjänsten\./);
    expect(again).toMatch(/\[2\] Återkalla samtycke/);
  });

  it('opens a Tomelilla case only with the consent asked for in the same form', async () => {
    const out = await runScript(s, ['ny s2', 'Elev Samtycke', '1', '1', '', '2', '1', '1,2', '']);
    expect(out).toMatch(/först när vårdnadshavarens samtycke finns/);
    expect(out).toMatch(/Lämnat av/);
    const k = await s.db.prisma.case.findFirstOrThrow({ where: { playbookKey: 's2-tomelilla' }, include: { consents: true } });
    expect(k.consents.map((x) => ({ status: x.status, scope: x.scope }))).toEqual([{ status: 'GIVEN', scope: ['SCHOOL', 'SOCIAL_SERVICES'] }]);
    expect(k.tier).toBe('yellow');
  });
});
