/**
 * Who is somebody in the organisation, through Teams' real endpoint (`/api/messages`, local
 * mode): activities from another tenant (also claiming a coordinator's Teams id), from unknown
 * users of the mapped tenant, and without a user id try every command, every card action and
 * every form. Nothing may leak and nothing but the refusals' audit rows may be written — not
 * even a stored conversation reference. And in a channel, a card action is answered like a
 * typed command: the details go to the person's 1:1 chat, never into the channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionVerb, formVerb } from '../../adapters/teams/verbs.ts';
import { openCase } from '../../src/cases/case.service.ts';
import { FORM } from '../../src/chat/forms.ts';
import { commandSpecs } from '../../src/commands/command-specs.ts';
import { resolveActor } from '../../src/orgs/org.service.ts';
import { recordMeetingOutcome } from '../../src/meetings/meeting.service.ts';
import { errorText } from '../../src/i18n/core.ts';
import { cardOf, cardText, startFakeTeamsConnector, type CapturedActivity, type FakeTeamsConnector } from '../support/fake-teams-connector.ts';
import { executeActivity, installActivity, messageActivity, TENANT_ID, teamsUser, type TeamsUser } from '../support/teams-activities.ts';
import { startTeamsTestService, TEAMS_ORG_FILE, type TeamsTestService } from '../support/teams-service.ts';
import { dbKind } from '../support/db.ts';
import { rowCounts } from '../support/row-counts.ts';

const STUDENT = 'Alva Lindqvist 20140315-2380';
const REASON = 'Alva har diabetes och bor på Storgatan 12';
const MINUTES = 'Mormor Gunnel hämtar Alva på tisdagar';
const PERSONAL = [/Alva/i, /Lindqvist/i, /20140315/, /2380/, /diabetes/i, /Storgatan/i, /Gunnel/i, /Mona Mentor/i, /Karin Koordinator/i];
const EVIL_TENANT = 'e5e5e5e5-0000-4000-8000-00000000e5e5';

const BUTTONS = [
  'case.new', 'case.open', 'case.mine', 'case.advance', 'case.meetings', 'case.meeting', 'case.action', 'case.decision', 'case.consent',
  'case.addPerson', 'case.handover', 'case.concern', 'case.close', 'case.tier', 'case.maintenancePlan', 'case.log', 'case.export',
  'case.accept', 'case.decline', 'meeting.record', 'meeting.recordUnplanned', 'meeting.reschedule', 'meeting.cancel', 'consent.withdraw',
  'case.hold', 'case.unhold', 'case.output', 'action.done', 'nudge.done', 'nudge.snooze', 'case.share', 'share.approve', 'share.decline', 'concern.view', 'meeting.confirmOutside',
];

/** Moves an activity to another tenant (conversation and channel data), as a foreign tenant would send it. */
function inTenant(activity: Record<string, unknown>, tenant: string): Record<string, unknown> {
  const a = structuredClone(activity) as { conversation: { tenantId?: string }; channelData: { tenant?: { id: string } } };
  a.conversation.tenantId = tenant;
  a.channelData = { ...a.channelData, tenant: { id: tenant } };
  return a as unknown as Record<string, unknown>;
}

/** The same activity without any user id on `from`. */
function anonymous(activity: Record<string, unknown>): Record<string, unknown> {
  const a = structuredClone(activity) as { from: Record<string, unknown> };
  a.from = { name: 'Ingen' };
  return a as unknown as Record<string, unknown>;
}

async function snapshot(svc: TeamsTestService): Promise<string> {
  const prisma = svc.service.db.prisma;
  // The audit trail grows with every refusal; JobClaim rows are the instance's own scheduled jobs
  // (retention, digest planning) claimed on a timer, not anything a request wrote.
  const counts = await rowCounts(prisma, ['AuditEvent', 'JobClaim']);
  const persons = await prisma.person.findMany({ select: { id: true, email: true, teamsUserId: true, teamsTenantId: true, language: true }, orderBy: { id: 'asc' } });
  const cases = await prisma.case.findMany({ select: { id: true, version: true, stage: true, batonHolderId: true, status: true, legalHold: true }, orderBy: { id: 'asc' } });
  return JSON.stringify({ counts, persons, cases });
}

describe(`trust boundary through Teams activities (${dbKind})`, () => {
  let svc: TeamsTestService;
  let connector: FakeTeamsConnector;
  const mona = teamsUser('mona', 'Mona Mentor');
  const karin = teamsUser('karin', 'Karin Koordinator');
  let code = '';
  let meetingId = '';
  const figures = { tried: 0, refused: 0 };

  beforeAll(async () => {
    connector = await startFakeTeamsConnector();
    svc = await startTeamsTestService({ STAFETT_ORG_FILE: TEAMS_ORG_FILE });
    const prisma = svc.service.db.prisma;
    const actor = await resolveActor(prisma, { platform: 'TEAMS', userId: mona.aadObjectId, workspaceId: TENANT_ID });
    ({ code } = await openCase(svc.service.core.deps, actor, { playbookKey: 's0-elevvard', schoolUnitCode: 'NORR', studentRef: STUDENT, firstRole: 'mentor', reason: REASON }));
    await recordMeetingOutcome(svc.service.core.deps, actor, code, { type: 'malmote', minutes: MINUTES, decisions: [], actions: [] });
    const kase = await prisma.case.findFirstOrThrow({ where: { code } });
    meetingId = (await prisma.meeting.create({ data: { caseId: kase.id, type: 'natverksmote', startsAt: new Date(Date.now() + 86_400_000) } })).id;
  });
  afterAll(async () => {
    await svc?.close();
    await connector?.close();
  });

  /** Every card or text the bot produced for one activity (invoke response and connector posts). */
  async function attempt(activity: Record<string, unknown>): Promise<string[]> {
    const before = connector.sent.length;
    const res = await svc.post(activity);
    expect(res.status).toBe(200);
    const out: string[] = [];
    if (activity.type === 'invoke') {
      out.push(JSON.stringify((res.body as { value?: unknown } | undefined)?.value ?? res.body ?? ''));
    } else {
      const reply = await connector.waitFor((c) => connector.sent.indexOf(c) >= before && c.pathActivityId === activity.id, 5000).catch(() => undefined);
      if (reply) out.push(cardText(cardOf(reply)) || JSON.stringify(reply.activity));
    }
    await svc.service.http.idle();
    // What the bot posted: its cards and summaries (the envelope names the recipient, which is the requester).
    out.push(...connector.sent.slice(before).map((c: CapturedActivity) => `${cardText(cardOf(c))}\n${String(c.activity.summary ?? '')}\n${String(c.activity.text ?? '')}`));
    return out;
  }

  async function tryEverything(user: TeamsUser, shape: (a: Record<string, unknown>) => Record<string, unknown>, expected: string): Promise<number> {
    const where = { serviceUrl: connector.url, user };
    const activities: Record<string, unknown>[] = [installActivity(where)];
    for (const s of commandSpecs) {
      for (const text of [s.aliases.sv[0]!, `${s.aliases.sv[0]} ${code}`, `${s.aliases.sv[0]} ${code} Alva mår bra`]) {
        activities.push(messageActivity({ ...where, text }));
        activities.push(messageActivity({ ...where, text, kind: 'channel', mentionBot: true }));
      }
    }
    for (const action of BUTTONS) activities.push(executeActivity({ ...where, verb: actionVerb(action), data: { value: `${code}|${meetingId}` } }));
    for (const formId of Object.values(FORM)) {
      activities.push(executeActivity({ ...where, verb: formVerb(formId), data: { context: { code, meetingId, playbook: 's0-elevvard' }, 'f:text': 'Alva ska flyttas', 'f:person': 'Karin Koordinator', 'f:studentRef': 'Ny Elev' } }));
    }
    let n = 0;
    for (let i = 0; i < activities.length; i += 6) {
      const batch = activities.slice(i, i + 6).map(shape);
      const results = await Promise.all(batch.map((a) => attempt(a)));
      results.forEach((texts, j) => {
        const a = batch[j]!;
        for (const text of texts) {
          for (const p of PERSONAL) expect(text, `leaked ${p}`).not.toMatch(p);
          expect(text).not.toContain(code);
        }
        // In a channel a private answer is never posted there; the bot says to use the 1:1 chat.
        const personal = (a as { conversation?: { conversationType?: string } }).conversation?.conversationType === 'personal';
        if (personal && a.type !== 'conversationUpdate') expect(texts.join('\n'), `no refusal for ${JSON.stringify((a as { text?: string }).text ?? (a as { value?: unknown }).value)}`).toContain(expected.slice(0, 30));
      });
      n += batch.length;
    }
    return n;
  }

  it('another tenant — also claiming a coordinator\'s Teams id — gets a short refusal; nothing is stored, not even a conversation reference', { timeout: 300_000 }, async () => {
    const before = await snapshot(svc);
    const auditsBefore = await svc.service.db.prisma.auditEvent.count();
    const refusal = errorText('sv', 'IDENTITY.WORKSPACE_NOT_MAPPED');
    let tried = await tryEverything(teamsUser('evil', 'Eve'), (a) => inTenant(a, EVIL_TENANT), refusal);
    tried += await tryEverything(karin, (a) => inTenant(a, EVIL_TENANT), refusal);
    expect(await snapshot(svc)).toBe(before);
    const audits = await svc.service.db.prisma.auditEvent.findMany({ skip: auditsBefore, orderBy: { id: 'asc' } });
    expect(audits.length).toBeGreaterThanOrEqual(tried);
    expect(audits.every((a) => a.outcome === 'DENIED' && a.action === 'identity.resolve' && a.orgId === null)).toBe(true);
    figures.tried += tried;
    figures.refused += tried;
  });

  it('unknown users of the mapped tenant are not created; they are told who can add them', { timeout: 300_000 }, async () => {
    const before = await snapshot(svc);
    const tried = await tryEverything(teamsUser('stranger', 'Stig Främling'), (a) => a, errorText('sv', 'IDENTITY.UNKNOWN_USER'));
    expect(await snapshot(svc)).toBe(before);
    figures.tried += tried;
    figures.refused += tried;
  });

  it('an activity without any user id is refused', { timeout: 300_000 }, async () => {
    const before = await snapshot(svc);
    const tried = await tryEverything(teamsUser('nobody', 'Ingen'), anonymous, errorText('sv', 'IDENTITY.NO_USER'));
    expect(await snapshot(svc)).toBe(before);
    figures.tried += tried;
    figures.refused += tried;
  });

  it('a card action from a channel is answered like a typed command: the log goes to the 1:1 chat, the channel gets no details', { timeout: 300_000 }, async () => {
    // Mona's 1:1 chat is known once she has talked to the bot there.
    await attempt(installActivity({ serviceUrl: connector.url, user: mona }));
    const channel = `19:elevhalsa-${Date.now()}@thread.tacv2`;
    for (const action of ['case.log', 'case.export', 'case.open', 'case.meetings', 'case.consent', 'case.meeting']) {
      const before = connector.sent.length;
      const res = await svc.post(executeActivity({ serviceUrl: connector.url, user: mona, kind: 'channel', conversationId: channel, verb: actionVerb(action), data: { value: code } }));
      expect(res.status).toBe(200);
      const inChannel = JSON.stringify((res.body as { value?: unknown }).value);
      for (const p of PERSONAL) expect(inChannel, `${action} put ${p} in the channel`).not.toMatch(p);
      expect(inChannel).not.toMatch(/"type":"Input\./);
      await svc.service.http.idle();
      const posted = connector.sent.slice(before);
      for (const c of posted.filter((x) => x.conversationId.startsWith('19:'))) {
        for (const p of PERSONAL) expect(JSON.stringify(c.activity), `${action} posted ${p} to the channel`).not.toMatch(p);
      }
      if (action === 'case.log') {
        const personal = await connector.waitFor((c) => connector.sent.indexOf(c) >= before && c.conversationId === `a:personal-${mona.aadObjectId}`);
        expect(JSON.stringify(personal.activity)).toMatch(/Gunnel|Alva/);
      }
    }
  });

  it('SECURITY.md figures', () => {
    console.log(`[trust-boundary teams ${dbKind}] tried ${figures.tried}, refused ${figures.refused}, leaked 0, written 0`);
    expect(figures.refused).toBe(figures.tried);
    expect(figures.tried).toBeGreaterThan(400);
  });
});
