import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../../adapters/console/console-adapter.ts';
import { openCase } from '../../../src/cases/case.service.ts';
import { resolveActor } from '../../../src/orgs/org.service.ts';
import { renderReplyText } from '../../../adapters/console/render-text.ts';
import { dbKind } from '../../support/db.ts';
import { startTestService, type TestService } from '../../support/service.ts';

/** Drives a console session with scripted input and returns everything it printed. */
async function runScript(s: TestService, lines: string[], user = 'maria', filesDir?: string): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (d) => (out += d));
  const session = new ConsoleSession(s.core.chat, { input, output, user, filesDir });
  // Nudges print into this session, as the console adapter wires it in `npm start`.
  s.core.notifier.register('CONSOLE', {
    deliver: async (target, message) => {
      session.notify(`${target.person?.consoleUser ? `(${target.person.consoleUser}) ` : ''}${renderReplyText(message.reply).text}`);
      return { ok: true };
    },
  });
  const done = new Promise<void>((resolve) => void session.run(resolve));
  input.end(lines.map((l) => `${l}\n`).join(''));
  await done;
  return out;
}

describe(`local console (${dbKind})`, () => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService();
  });
  afterAll(async () => s.close());

  it('answers hjälp with the command list', async () => {
    const out = await runScript(s, ['hjälp']);
    expect(out).toMatch(/Stafett – kommandon/);
    expect(out).toMatch(/ny – Startar ett nytt ärende/);
  });

  it('opens a case through the form prompts and shows its status', async () => {
    const out = await runScript(s, ['ny s0', 'Elev Exempelsson', '1', '1', 'Fem skolktillfällen', 'status DEMO-26-0001']);
    expect(out).toMatch(/Ärende \*\*DEMO-26-0001\*\*|Ärende DEMO-26-0001 är startat/);
    expect(out).toMatch(/ÄRENDE DEMO-26-0001/);
    expect(out).toMatch(/Elev: Elev Exempelsson/);
    const kase = await s.db.prisma.case.findFirstOrThrow({ where: { code: 'DEMO-26-0001' } });
    expect(kase.studentRefEnc).not.toContain('Exempelsson');
  });

  it('suggests the closest command for a typo and never prints a stack trace', async () => {
    const out = await runScript(s, ['stauts DEMO-26-0001', 'status XX-99-9999']);
    expect(out).toMatch(/status/);
    expect(out).toMatch(/Inget ärende med koden XX-99-9999/);
    expect(out).not.toMatch(/at .*\.ts:\d+/);
  });

  it('switches persona; a non-member sees only the summary', async () => {
    const out = await runScript(s, ['som sara', 'status DEMO-26-0001'], 'maria');
    expect(out).toMatch(/Sara Socialsekreterare/);
    expect(out).toMatch(/ser bara översikten/);
    expect(out).not.toMatch(/Exempelsson/);
  });

  it('a scheduled meeting produces its nudges in the console as the clock is advanced', async () => {
    // A fixed Tuesday morning, so working hours and weekends do not depend on when the test runs.
    const out = await runScript(s, ['klocka 2026-12-01T09:00', 'ny s4', 'Elev Klocka', '1', '1', '', 'möte DEMO-26-0002', '1', 'imorgon 13:00', '', 'Konferensrummet', 'klocka +1d']);
    expect(out).toMatch(/Ärende \*\*DEMO-26-0002\*\*|Ärende DEMO-26-0002 är startat/);
    expect(out).toMatch(/Mötet är bokat/);
    expect(out).toMatch(/Klockan har flyttats fram/);
    expect(out).toMatch(/🔔 (\(maria\) )?I dag: Verksamhetsöverskridande konsultation i ärende DEMO-26-0002 kl\. 13:00/);
  });

  it('reads a case status sensibly in English', async () => {
    await s.db.prisma.person.updateMany({ where: { consoleUser: 'kalle' }, data: { language: 'en' } });
    const out = await runScript(s, ['som kalle', 'status DEMO-26-0001']);
    expect(out).toMatch(/CASE DEMO-26-0001 · STUDENT WELFARE IN 5 STEPS/);
    expect(out).toMatch(/Stage: Absence noticed/);
    expect(out).toMatch(/In this step: The mentor informs the guardian/);
    expect(out).toMatch(/Baton: Maria Mentor \(Mentor/);
  });

  it('writes the files the bot hands out under the files folder and prints their paths', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'stafett-console-files-'));
    try {
      const maria = await resolveActor(s.db.prisma, { platform: 'CONSOLE', userId: 'maria' });
      const { code } = await openCase(s.core.deps, maria, { playbookKey: 's0-elevvard', studentRef: 'Elev Filsson', schoolUnitCode: 'NORR' });
      const out = await runScript(s, [`export ${code}`], 'maria', dir);
      const md = path.join(dir, `${code}.md`);
      const pdf = path.join(dir, `${code}.pdf`);
      expect(out).toContain(`📎 ${code}.md → ${md}`);
      expect(out).toContain(`📎 ${code}.pdf → ${pdf}`);
      expect(await readFile(md, 'utf8')).toMatch(new RegExp(`^# Ärendeexport ${code}\\n`));
      expect((await readFile(pdf)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // A booked meeting's invitation.
      const booked = await runScript(s, [`möte ${code}`, '1', '2026-12-15 13:30', '', ''], 'maria', dir);
      const ics = /📎 (\S+\.ics) → (\S+)/.exec(booked);
      expect(ics, booked).not.toBeNull();
      expect(await readFile(ics![2]!, 'utf8')).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*DTSTART;TZID=Europe\/Stockholm:20261215T133000\r\n/);
      // The statistics: the chart and (in the private part) the CSV.
      const stats = await runScript(s, ['statistik'], 'tove', dir);
      expect(stats).toMatch(/📎 statistik-[\d-]+\.png → /);
      expect(stats).toMatch(/📎 statistik-demo-kommun-[\d-]+\.csv → /);
      const files = await readdir(dir);
      expect(files.some((f) => f.endsWith('.csv'))).toBe(true);
      expect(files.some((f) => f.endsWith('.png'))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
