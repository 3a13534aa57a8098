/**
 * Files both ways through the Teams adapter (local mode, real endpoint): a text attachment shows
 * as a collapsible text in the card, the PNG chart goes inline in 1:1 chats only, and an
 * attendance CSV sent in a 1:1 chat is downloaded (no credentials) and imported.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderCard } from '../../../adapters/teams/cards/render-card.ts';
import { textReply } from '../../../src/ports/reply.ts';
import { dbKind } from '../../support/db.ts';
import { cardOf, cardText, type CapturedActivity, type FakeTeamsConnector } from '../../support/fake-teams-connector.ts';
import { fileActivity, fileConsentActivity, messageActivity, teamsUser, TENANT_ID } from '../../support/teams-activities.ts';
import { FILE_CONSENT_CARD, FILE_INFO_CARD } from '../../../adapters/teams/file-offers.ts';
import { openCase } from '../../../src/cases/case.service.ts';
import { recordDecision } from '../../../src/plans/plan.service.ts';
import { resolveActor } from '../../../src/orgs/org.service.ts';
import { type TeamsTestService, useTeamsService } from '../../support/teams-service.ts';

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
  it('names each file and says what happens to it, never that it is attached when it is not', () => {
    const reply = { ...textReply('✅ Möte bokat'), attachments: [{ fileName: 'SL-26-0001-malmote.ics', mimeType: 'text/calendar', content: ICS }] };
    expect(cardText(renderCard(reply, 'sv', { files: 'offered' }))).toMatch(/SL-26-0001-malmote\.ics[\s\S]*kommer strax under\. Välj Tillåt/);
    expect(cardText(renderCard(reply, 'nb-NO', { files: 'sentPrivately' }))).toMatch(/sendt til deg i vår private chat/);
    const nowhere = cardText(renderCard(reply, 'en'));
    expect(nowhere).toMatch(/can only be sent in a private chat/);
    for (const mode of ['offered', 'sentPrivately', undefined] as const) {
      const card = renderCard(reply, 'sv', { files: mode });
      // The file's content is not pasted into the card (no truncated copy posing as the file).
      expect(JSON.stringify(card)).not.toContain('BEGIN:VCALENDAR');
      expect(cardText(card)).not.toMatch(/bifogad|konsolen eller Slack/);
    }
  });
});

describe(`Teams files over HTTP (${dbKind})`, () => {
  let svc: TeamsTestService;
  let connector: FakeTeamsConnector;
  const tove = teamsUser('tove', 'Tove Teamledare');
  const mona = teamsUser('mona-files', 'Mona Mentor');
  const personal = (u: { aadObjectId: string }) => `a:personal-${u.aadObjectId}`;

  // The fixture's Tove (TEAM_LEAD + ADMIN: may import attendance) is this Teams user.
  useTeamsService((s, c) => { svc = s; connector = c; });

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

  it('statistik in the 1:1 chat: the chart arrives as an inline PNG, the CSV as a file behind a consent card', async () => {
    const [chart, csv, consent] = await send(messageActivity({ serviceUrl: connector.url, user: tove, text: 'statistik' }), 3);
    const image = attachmentsOf(chart!).find((a) => a.contentType === 'image/png')!;
    expect(image.name).toMatch(/^statistik-.*\.png$/);
    const bytes = Buffer.from(image.contentUrl!.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(cardText(cardOf(chart!))).toContain(image.name!);
    expect(cardText(cardOf(csv!))).toMatch(/statistik-.*\.csv[\s\S]*kommer strax under/);
    expect(elements(cardOf(csv!), 'TextRun')).toHaveLength(0);
    const offer = attachmentsOf(consent!)[0]!;
    expect(offer.contentType).toBe(FILE_CONSENT_CARD);
    expect(offer.name).toMatch(/^statistik-.*\.csv$/);
  });

  it('statistik in a channel: no image and no CSV land in the channel', async () => {
    const activity = messageActivity({ serviceUrl: connector.url, user: tove, kind: 'channel', text: 'statistik', mentionBot: true });
    const replies = await send(activity);
    await svc.service.http.idle();
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

  describe('the case export', () => {
    let code = '';
    let markdown = '';
    type Offer = { name: string; content: { sizeInBytes: number; acceptContext: unknown; description: string } };
    const offersIn = (replies: CapturedActivity[]) => replies.flatMap((r) => attachmentsOf(r).filter((a) => a.contentType === FILE_CONSENT_CARD)) as unknown as Offer[];
    const consent = (user: typeof tove, action: 'accept' | 'decline', o: Offer) =>
      svc.post(fileConsentActivity({ serviceUrl: connector.url, user, action, context: o.content.acceptContext, name: o.name, uploadUrl: connector.uploadUrl(o.name) }));

    beforeAll(async () => {
      const core = svc.service.core;
      const actor = await resolveActor(core.db.prisma, { platform: 'TEAMS', userId: tove.aadObjectId, workspaceId: TENANT_ID });
      code = (await openCase(core.deps, actor, { playbookKey: 's0-elevvard', studentRef: 'Elev Åström', schoolUnitCode: 'NORR', reason: 'Frånvaro' })).code;
      // Far more than the 20,000 characters the card used to show.
      for (let i = 0; i < 40; i++) await recordDecision(core.deps, actor, code, { text: `Beslut ${i}: ${'Eleven får stöd i matematik och svenska varje vecka. '.repeat(12)}` });
      markdown = (await import('../../../src/chat/export.ts')).exportMarkdown(await (await import('../../../src/chat/export.ts')).buildCaseExport(core.deps, actor, code, 'sv', 'Europe/Stockholm'));
      expect(markdown.length).toBeGreaterThan(25_000);
      // Let the event loop see the server close the idle keep-alive socket first (else fetch may reuse it: ECONNRESET).
      await new Promise((r) => setTimeout(r, 100));
    }, 120_000);

    it('export in the 1:1 chat: a card naming both files, then one consent card per file; nothing pasted', async () => {
      const replies = await send(messageActivity({ serviceUrl: connector.url, user: tove, text: `export ${code}` }), 3);
      const text = cardText(cardOf(replies[0]!));
      expect(text).toContain(`${code}.md`);
      expect(text).toContain(`${code}.pdf`);
      expect(text).not.toMatch(/bifogad|Visar de första/);
      expect(JSON.stringify(replies)).not.toContain('Beslut 39');
      const offers = offersIn(replies);
      expect(offers.map((o) => o.name)).toEqual([`${code}.md`, `${code}.pdf`]);
      expect(offers[0]!.content.sizeInBytes).toBe(Buffer.byteLength(markdown, 'utf8'));
      expect(offers[0]!.content.description).toMatch(/personuppgifter/);
    });

    it('Allow uploads the whole file to the person\'s upload session and posts a FileInfoCard', async () => {
      const replies = await send(messageActivity({ serviceUrl: connector.url, user: tove, text: `export ${code}` }), 3);
      const [md, pdf] = offersIn(replies);
      const before = connector.uploads.length;
      const res = await consent(tove, 'accept', md!);
      expect(res.status).toBe(200);
      expect(connector.uploads.length).toBe(before + 1);
      const up = connector.uploads.at(-1)!;
      // Byte for byte the whole export (the card used to show the first 20,000 characters).
      const created = (t: string) => t.replace(/^Skapad .*$/m, '');
      expect(created(up.bytes.toString('utf8'))).toBe(created(markdown));
      expect(up.bytes.length).toBe(md!.content.sizeInBytes);
      expect(up.contentRange).toBe(`bytes 0-${up.bytes.length - 1}/${up.bytes.length}`);
      const info = await connector.waitFor((c) => attachmentsOf(c).some((a) => a.contentType === FILE_INFO_CARD && a.name === `${code}.md`));
      expect(attachmentsOf(info).find((a) => a.contentType === FILE_INFO_CARD)!.contentUrl).toMatch(/sharepoint\.com/);

      expect((await consent(tove, 'accept', pdf!)).status).toBe(200);
      const pdfBytes = connector.uploads.at(-1)!.bytes;
      expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdfBytes.length).toBe(pdf!.content.sizeInBytes);

      // Once taken, an offer is gone: accepting the same card again uploads nothing.
      const count = connector.uploads.length;
      expect((await consent(tove, 'accept', md!)).status).toBe(200);
      expect(connector.uploads.length).toBe(count);
    });

    it('only the person it was made for can take a file; others get nothing and the attempt is audited', async () => {
      const replies = await send(messageActivity({ serviceUrl: connector.url, user: tove, text: `export ${code}` }), 3);
      const [md] = offersIn(replies);
      const before = connector.uploads.length;
      const denied = await svc.service.db.prisma.auditEvent.count({ where: { action: 'file.take', outcome: 'DENIED' } });
      expect((await consent(mona, 'accept', md!)).status).toBe(200);
      expect(connector.uploads.length).toBe(before);
      expect(await svc.service.db.prisma.auditEvent.count({ where: { action: 'file.take', outcome: 'DENIED' } })).toBe(denied + 1);
      // The rightful person still can.
      expect((await consent(tove, 'accept', md!)).status).toBe(200);
      expect(connector.uploads.length).toBe(before + 1);
    });

    it('an expired offer uploads nothing; a declined one is deleted', async () => {
      const prisma = svc.service.db.prisma;
      const replies = await send(messageActivity({ serviceUrl: connector.url, user: tove, text: `export ${code}` }), 3);
      const [md, pdf] = offersIn(replies);
      const mdId = (md!.content.acceptContext as { offerId: string }).offerId;
      await prisma.offeredFile.update({ where: { id: mdId }, data: { expiresAt: new Date(Date.now() - 1000) } });
      const before = connector.uploads.length;
      expect((await consent(tove, 'accept', md!)).status).toBe(200);
      expect(connector.uploads.length).toBe(before);
      const pdfId = (pdf!.content.acceptContext as { offerId: string }).offerId;
      expect((await consent(tove, 'decline', pdf!)).status).toBe(200);
      expect(await prisma.offeredFile.findUnique({ where: { id: pdfId } })).toBeNull();
      // The stored file is encrypted, not the export in clear.
      const any = await prisma.offeredFile.findFirst();
      if (any) expect(any.contentEnc).not.toContain('Beslut');
    });

    it('export asked in a channel: the channel only hears that the answer went to the private chat', async () => {
      const activity = messageActivity({ serviceUrl: connector.url, user: tove, kind: 'channel', text: `export ${code}`, mentionBot: true });
      const before = connector.sent.length;
      const [reply] = await send(activity);
      expect(reply!.conversationId.startsWith('19:')).toBe(true);
      expect(cardText(cardOf(reply!))).toMatch(/privata chatt/);
      const offer = await connector.waitFor((c) => connector.sent.indexOf(c) >= before && attachmentsOf(c).some((a) => a.contentType === FILE_CONSENT_CARD));
      expect(offer.conversationId).toBe(personal(tove));
      for (const c of connector.sent.slice(before)) if (c.conversationId.startsWith('19:')) expect(attachmentsOf(c).some((a) => a.contentType === FILE_CONSENT_CARD)).toBe(false);
    });
  });
});
