/**
 * Files both ways through the Teams adapter (local mode, real endpoint): a text attachment shows
 * as a collapsible text in the card, the PNG chart goes inline in 1:1 chats only, and an
 * attendance CSV sent in a 1:1 chat is downloaded (no credentials) and imported.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCard } from '../../../adapters/teams/cards/render-card.ts';
import { MAX_ATTACHMENT_TEXT } from '../../../adapters/teams/cards/render-attachment.ts';
import { textReply } from '../../../src/chat/reply.ts';
import { dbKind } from '../../support/db.ts';
import { cardOf, cardText, startFakeTeamsConnector, type CapturedActivity, type FakeTeamsConnector } from '../../support/fake-teams-connector.ts';
import { fileActivity, messageActivity, teamsUser } from '../../support/teams-activities.ts';
import { startTeamsTestService, TEAMS_ORG_FILE, type TeamsTestService } from '../../support/teams-service.ts';

const CSV = readFileSync(path.join(import.meta.dirname, '../../../examples/attendance/franvaro-vecka-45-47.csv'));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Målmöte *viktigt*\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';

type Att = { contentType?: string; contentUrl?: string; name?: string; content?: unknown };
const attachmentsOf = (c: CapturedActivity) => ((c.activity.attachments ?? []) as Att[]);

/** Every element of a card with `type`. */
function elements(card: unknown, type: string): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === type) out.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe('Teams attachment cards', () => {
  it('shows a text attachment (.ics) in a collapsible monospace container, literally', () => {
    const card = renderCard({ ...textReply('✅ Möte bokat'), attachment: { fileName: 'SL-26-0001-malmote.ics', mimeType: 'text/calendar', content: ICS } }, 'sv');
    const toggle = elements(card, 'Action.ToggleVisibility')[0]!;
    const container = elements(card, 'Container').find((c) => c.id === (toggle.targetElements as string[])[0])!;
    expect(container.isVisible).toBe(false);
    const run = elements(container, 'TextRun')[0]!;
    expect(run.text).toBe(ICS.replace(/\r\n/g, '\n'));
    expect(run.fontType).toBe('Monospace');
    expect(cardText(card)).toContain('SL-26-0001-malmote.ics');
  });

  it('truncates a long text file with a note, in the reader\'s language', () => {
    const content = 'x;y\n'.repeat(10_000);
    const card = renderCard({ ...textReply('CSV'), attachment: { fileName: 'statistik.csv', mimeType: 'text/csv', content } }, 'nb-NO');
    expect((elements(card, 'TextRun')[0]!.text as string).length).toBe(MAX_ATTACHMENT_TEXT);
    expect(cardText(card)).toMatch(/Viser de første 20000 av 40000 tegnene/);
    expect(JSON.stringify(card).length).toBeLessThan(30_000);
  });
});

describe(`Teams files over HTTP (${dbKind})`, () => {
  let svc: TeamsTestService;
  let connector: FakeTeamsConnector;
  const tove = teamsUser('tove', 'Tove Teamledare');
  const mona = teamsUser('mona-files', 'Mona Mentor');
  const personal = (u: { aadObjectId: string }) => `a:personal-${u.aadObjectId}`;

  beforeAll(async () => {
    connector = await startFakeTeamsConnector();
    svc = await startTeamsTestService({ STAFETT_ORG_FILE: TEAMS_ORG_FILE });
    // The fixture's Tove (TEAM_LEAD + ADMIN: may import attendance) is this Teams user.
  });
  afterAll(async () => {
    await svc?.close();
    await connector?.close();
  });

  /** Posts an activity; returns what the bot sent in reply to it once `count` replies arrived. */
  async function send(activity: Record<string, unknown>, count = 1): Promise<CapturedActivity[]> {
    const res = await svc.post(activity);
    expect(res.status).toBe(200);
    // Typing indicators (teams-ai sends them when a turn takes over a second) are not replies.
    const replies = () => connector.sent.filter((c) => c.pathActivityId === activity.id && c.activity.type !== 'typing');
    const until = Date.now() + 30_000;
    while (replies().length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(replies().length).toBeGreaterThanOrEqual(count);
    return replies();
  }

  it('statistik in the 1:1 chat: the chart arrives as an inline PNG, the CSV as a collapsible text', async () => {
    const [chart, csv] = await send(messageActivity({ serviceUrl: connector.url, user: tove, text: 'statistik' }), 2);
    const image = attachmentsOf(chart!).find((a) => a.contentType === 'image/png')!;
    expect(image.name).toMatch(/^statistik-.*\.png$/);
    const bytes = Buffer.from(image.contentUrl!.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(cardText(cardOf(chart!))).toContain(image.name!);
    const csvCard = cardOf(csv!)!;
    expect(elements(csvCard, 'Action.ToggleVisibility')).toHaveLength(1);
    expect(String(elements(csvCard, 'TextRun')[0]!.text)).toMatch(/;/);
    expect(attachmentsOf(csv!).some((a) => a.contentType === 'image/png')).toBe(false);
  });

  it('statistik in a channel: no image and no CSV land in the channel', async () => {
    const activity = messageActivity({ serviceUrl: connector.url, user: tove, kind: 'channel', text: 'statistik', mentionBot: true });
    const replies = await send(activity);
    await new Promise((r) => setTimeout(r, 300));
    const inChannel = connector.sent.filter((c) => c.conversationId.startsWith('19:'));
    expect(replies.every((c) => c.conversationId.startsWith('19:'))).toBe(true);
    for (const c of inChannel) {
      expect(attachmentsOf(c).some((a) => a.contentType === 'image/png')).toBe(false);
      expect(elements(cardOf(c), 'TextRun')).toHaveLength(0);
    }
    expect(cardText(cardOf(replies[0]!))).toMatch(/privat chatt/);
  });

  it('imports an attendance CSV sent in the 1:1 chat; the same file again adds nothing', async () => {
    const prisma = svc.service.db.prisma;
    const url = connector.serveFile('franvaro-vecka-45-47.csv', CSV);
    const [reply] = await send(fileActivity({ serviceUrl: connector.url, user: tove, name: 'franvaro-vecka-45-47.csv', downloadUrl: url }));
    expect(reply!.conversationId).toBe(personal(tove));
    expect(cardText(cardOf(reply!))).toMatch(/720 nya/);
    expect(connector.downloads.at(-1)).toEqual({ name: 'franvaro-vecka-45-47.csv' });
    const records = await prisma.attendanceRecord.count();
    expect(records).toBeGreaterThan(0);
    const imports = await prisma.absenceImport.count();

    const [again] = await send(fileActivity({ serviceUrl: connector.url, user: tove, name: 'franvaro-vecka-45-47.csv', downloadUrl: connector.serveFile('franvaro-vecka-45-47.csv', CSV) }));
    expect(cardOf(again!)).toBeDefined();
    expect(await prisma.attendanceRecord.count()).toBe(records);
    expect(await prisma.absenceImport.count()).toBe(imports);
  });

  it('refuses a file that is not a CSV without downloading it, in the person\'s language', async () => {
    const downloads = connector.downloads.length;
    const [sv] = await send(fileActivity({ serviceUrl: connector.url, user: tove, name: 'protokoll.pdf', downloadUrl: connector.serveFile('protokoll.pdf', Buffer.from('%PDF')) }));
    expect(cardText(cardOf(sv!))).toContain('bara läsa in närvarofiler i CSV-format');
    const [nb] = await send(fileActivity({ serviceUrl: connector.url, user: mona, locale: 'nb-NO', name: 'liste.xlsx', downloadUrl: connector.serveFile('liste.xlsx', Buffer.from('PK')) }));
    expect(cardText(cardOf(nb!))).toContain('bare lese inn fraværsfiler');
    expect(connector.downloads.length).toBe(downloads);
  });

  it('a CSV in a channel is not imported, and a person without an import role is refused by the core', async () => {
    const prisma = svc.service.db.prisma;
    const records = await prisma.attendanceRecord.count();
    const downloads = connector.downloads.length;
    const [channel] = await send(fileActivity({ serviceUrl: connector.url, user: tove, kind: 'channel', name: 'franvaro.csv', downloadUrl: connector.serveFile('franvaro.csv', CSV) }));
    expect(cardText(cardOf(channel!))).toMatch(/privata chatt/);
    expect(connector.downloads.length).toBe(downloads);

    const other = Buffer.concat([CSV, Buffer.from('E-9999;NORR;7A;2026-11-20;08:15 Svenska;60;60;Ogiltig\n')]);
    const [denied] = await send(fileActivity({ serviceUrl: connector.url, user: mona, name: 'egen.csv', downloadUrl: connector.serveFile('egen.csv', other) }));
    expect(cardText(cardOf(denied!))).toMatch(/tilgang/); // Mona first wrote in nb-NO: the core answers in her stored language
    expect(await prisma.attendanceRecord.count()).toBe(records);
  });
});
