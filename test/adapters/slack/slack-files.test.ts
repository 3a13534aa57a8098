/**
 * Files both ways through the Slack adapter: attachments are uploaded with the external upload
 * flow (to the DM for private replies, never to a channel), and an attendance CSV shared in the
 * bot's DM is downloaded with the bot token and imported.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackAdapter } from '../../../adapters/slack/slack-app.ts';
import type { ChatPort } from '../../../src/ports/chat-port.ts';
import { textReply, type Reply } from '../../../src/ports/reply.ts';
import { dbKind } from '../../support/db.ts';
import { fileShareMessage, textOf } from '../../support/fake-slack-payloads.ts';
import type { FakeSlackUpload } from '../../support/fake-slack.ts';
import { people, startSlackTestEnv, type SlackTestEnv } from './slack-harness.ts';

const CHANNEL = 'C0ELEVHALSA';
const CSV = readFileSync(path.join(import.meta.dirname, '../../../examples/attendance/franvaro-vecka-45-47.csv'));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const dmOf = (who: { userId: string }) => `D${who.userId.slice(1)}`;

async function completedUpload(env: SlackTestEnv, from: number, pred: (u: FakeSlackUpload) => boolean): Promise<FakeSlackUpload> {
  // The first chart of a process loads the charting libraries: give a busy machine time.
  return env.fake.waitFor(() => env.fake.uploads.slice(from).find((u) => u.completed && pred(u)), 30_000);
}

describe(`Slack attachments and attendance files (${dbKind})`, () => {
  let env: SlackTestEnv;
  let code = '';
  beforeAll(async () => {
    env = await startSlackTestEnv();
    const { from } = await env.command(people.maria, 'ny');
    const modal = await env.modal(from);
    const sub = await env.submit(people.maria, modal, { studentRef: 'Elev Filsson 9C', unit: 'NORR', firstRole: 'mentor', reason: 'Frånvaro på måndagar' });
    code = /SL-\d{2}-\d{4}/.exec(textOf(await env.message(sub.from)))![0];
  });
  afterAll(async () => env?.close());

  it('uploads a private export (.md) asked for in a channel to the DM, never to the channel', async () => {
    const before = env.fake.uploads.length;
    const { from, hook } = await env.command(people.maria, `export ${code}`, { channelId: CHANNEL });
    const msg = await env.message(from, (c) => c.hook === hook);
    expect(msg.args.response_type).toBe('ephemeral');
    const up = await completedUpload(env, before, (u) => u.filename === `${code}.md`);
    expect(up.channelId).toBe(dmOf(people.maria));
    expect(up.bytes!.toString('utf8')).toContain(code);
    expect(up.bytes!.toString('utf8')).toContain('Filsson');
    // The upload went through the external flow: URL, bytes, completion.
    const methods = env.fake.calls.slice(from).map((c) => c.method);
    expect(methods).toEqual(expect.arrayContaining(['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']));
    expect(env.fake.uploads.slice(before).every((u) => u.channelId !== CHANNEL)).toBe(true);
    // The message names the file instead of printing it.
    expect(textOf(msg)).toContain(`${code}.md`);
    expect(textOf(msg)).not.toContain('```');
  });

  it('statistik in a channel: the shared PNG chart goes to the channel, the private CSV to the DM', async () => {
    const before = env.fake.uploads.length;
    await env.command(people.tove, 'statistik', { channelId: CHANNEL });
    const png = await completedUpload(env, before, (u) => u.filename.endsWith('.png'));
    expect(png.channelId).toBe(CHANNEL);
    expect(png.bytes!.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const csv = await completedUpload(env, before, (u) => u.filename.endsWith('.csv'));
    expect(csv.channelId).toBe(dmOf(people.tove));
    expect(csv.bytes!.length).toBeGreaterThan(0);
  });

  it('imports an attendance CSV shared in the DM by a person with an import role; the same file again adds nothing', async () => {
    const prisma = env.svc.db.prisma;
    const file = env.fake.addFile('franvaro-vecka-45-47.csv', CSV);
    const from = env.fake.calls.length;
    const res = await env.post(fileShareMessage(people.tove, [file]));
    expect(res.status).toBe(200);
    const msg = await env.message(from, (c) => c.method === 'chat.postMessage' && c.args.channel === dmOf(people.tove));
    expect(textOf(msg)).toContain('franvaro-vecka-45-47.csv');
    expect(textOf(msg)).toMatch(/720 nya/);
    expect(textOf(msg)).not.toMatch(/E-1001/);
    expect(env.fake.downloads.at(-1)).toEqual({ fileId: file.id, authorization: 'Bearer xoxb-test' });
    const records = await prisma.attendanceRecord.count();
    expect(records).toBeGreaterThan(0);
    const imports = await prisma.absenceImport.count();

    const again = env.fake.calls.length;
    await env.post(fileShareMessage(people.tove, [env.fake.addFile('franvaro-vecka-45-47.csv', CSV)]));
    await env.message(again, (c) => c.method === 'chat.postMessage' && c.args.channel === dmOf(people.tove));
    expect(await prisma.attendanceRecord.count()).toBe(records);
    expect(await prisma.absenceImport.count()).toBe(imports);
  });

  it('refuses a file that is not a CSV without downloading it, in the person\'s language', async () => {
    const file = env.fake.addFile('protokoll.pdf', Buffer.from('%PDF-1.4'));
    const downloads = env.fake.downloads.length;
    const from = env.fake.calls.length;
    await env.post(fileShareMessage(people.tove, [file]));
    const msg = await env.message(from, (c) => c.method === 'chat.postMessage' && c.args.channel === dmOf(people.tove));
    expect(textOf(msg)).toContain('bara läsa in närvarofiler i CSV-format');
    expect(textOf(msg)).toContain('protokoll.pdf');
    expect(env.fake.downloads.length).toBe(downloads);

    env.fake.users.set('U0NORA', { id: 'U0NORA', name: 'Nora', locale: 'nb-NO' });
    const nb = env.fake.calls.length;
    await env.post(fileShareMessage({ teamId: people.tove.teamId, userId: 'U0NORA' }, [env.fake.addFile('liste.xlsx', Buffer.from('PK'))]));
    expect(textOf(await env.message(nb, (c) => c.method === 'chat.postMessage'))).toContain('bare lese inn fraværsfiler');
  });

  it('a person without an import role gets the core\'s refusal and nothing is stored', async () => {
    const prisma = env.svc.db.prisma;
    const records = await prisma.attendanceRecord.count();
    const csv = Buffer.concat([CSV, Buffer.from('E-9999;NORR;7A;2026-11-20;08:15 Svenska;60;60;Ogiltig\n')]);
    const from = env.fake.calls.length;
    await env.post(fileShareMessage(people.maria, [env.fake.addFile('egen.csv', csv)]));
    const msg = await env.message(from, (c) => c.method === 'chat.postMessage' && c.args.channel === dmOf(people.maria));
    expect(textOf(msg)).toMatch(/behörighet/);
    expect(await prisma.attendanceRecord.count()).toBe(records);
  });
});

describe(`Slack attachment uploads with a stub core (${dbKind})`, () => {
  let env: SlackTestEnv;
  const ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Målmöte\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
  const withIcs = (visibility: Reply['visibility']): Reply => ({ ...textReply('✅ Möte bokat', visibility), attachments: [{ fileName: 'SL-26-0001-malmote.ics', mimeType: 'text/calendar', content: ICS }] });
  beforeAll(async () => {
    const chat: ChatPort = {
      handleText: async (_ref, text) => withIcs(text === 'delad' ? 'shared' : 'private'),
      submitForm: async () => ({ ok: true, reply: withIcs('private') }),
      handleAction: async () => withIcs('private'),
      home: async () => textReply('home'),
    };
    env = await startSlackTestEnv({}, [(ctx) => startSlackAdapter(ctx, { chat })]);
  });
  afterAll(async () => env?.close());

  it('a private .ics asked for in a channel is uploaded byte for byte to the DM only', async () => {
    const before = env.fake.uploads.length;
    await env.command(people.karin, 'möte', { channelId: CHANNEL });
    const up = await completedUpload(env, before, (u) => u.filename.endsWith('.ics'));
    expect(up.bytes!.equals(Buffer.from(ICS, 'utf8'))).toBe(true);
    expect(up.channelId).toBe(dmOf(people.karin));
    await env.svc.http.idle();
    expect(env.fake.uploads.slice(before).map((u) => u.channelId)).toEqual([dmOf(people.karin)]);
  });

  it('a shared reply whose channel refuses the upload falls back to the DM', async () => {
    const before = env.fake.uploads.length;
    env.fake.failNext('files.completeUploadExternal', { error: 'not_in_channel' });
    await env.command(people.karin, 'delad', { channelId: 'C0NOTJOINED' });
    const up = await completedUpload(env, before, (u) => u.filename.endsWith('.ics'));
    expect(up.channelId).toBe(dmOf(people.karin));
  });

  it('when uploads fail altogether (no files:write yet), a text attachment is shown inline in the DM', async () => {
    env.fake.failNext('files.getUploadURLExternal', { error: 'missing_scope' }, 5);
    const { from } = await env.command(people.karin, 'möte', { channelId: CHANNEL });
    const inline = await env.message(from, (c) => c.method === 'chat.postMessage' && textOf(c).includes('BEGIN:VCALENDAR'));
    expect(inline.args.channel).toBe(dmOf(people.karin));
  });
});
