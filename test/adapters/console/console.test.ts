import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../../adapters/console/console-adapter.ts';
import { dbKind } from '../../support/db.ts';
import { startTestService, type TestService } from '../../support/service.ts';

/** Drives a console session with scripted input and returns everything it printed. */
async function runScript(s: TestService, lines: string[], user = 'maria'): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (d) => (out += d));
  const session = new ConsoleSession(s.core.chat, { input, output, user });
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
});
