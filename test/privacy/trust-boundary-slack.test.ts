/**
 * Who is somebody in the organisation, tried as an attacker would through Slack's real endpoint
 * with validly signed requests: another workspace (also with a coordinator's e-mail in its
 * profile, also claiming a coordinator's user id, also under an enterprise id), a second account
 * in the mapped workspace with a linked coordinator's e-mail, unknown users with and without an
 * e-mail, and requests without a user id. Each tries every command, every button and every form.
 * Nothing may leak and nothing but the refusals' audit rows may be written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFormMetadata } from '../../adapters/slack/render-modal.ts';
import { createButtonActionId } from '../../adapters/slack/action-ids.ts';
import { openCase } from '../../src/cases/case.service.ts';
import { FORM } from '../../src/chat/forms.ts';
import { commandSpecs } from '../../src/commands/command-specs.ts';
import { resolveActor } from '../../src/orgs/org.service.ts';
import { errorText } from '../../src/i18n/core.ts';
import type { FakeSlackCall } from '../support/fake-slack.ts';
import { appHomeOpened, blockActions, eventCallback, interactive, isDigestNotice, MESSAGE_METHODS, newTriggerId, slashCommand, type Who } from '../support/fake-slack-payloads.ts';
import { dbKind } from '../support/db.ts';
import { rowCounts } from '../support/row-counts.ts';
import { people, startSlackTestEnv, TEAM, type SlackTestEnv } from '../adapters/slack/slack-harness.ts';

const STUDENT = 'Alva Lindqvist 20140315-2380';
const REASON = 'Alva har diabetes och bor på Storgatan 12';
const PERSONAL = [/Alva/i, /Lindqvist/i, /20140315/, /2380/, /diabetes/i, /Storgatan/i, /Karin Koordinator/i, /karin\.koordinator@/i, /Sara Socialsekreterare/i, /Maria Mentor/i];

/** Every button action the core knows (ChatService.handleAction), with a value that names the case. */
const BUTTONS = [
  'case.new', 'case.open', 'case.mine', 'case.advance', 'case.meetings', 'case.meeting', 'case.action', 'case.decision', 'case.consent',
  'case.addPerson', 'case.handover', 'case.concern', 'case.close', 'case.tier', 'case.maintenancePlan', 'case.log', 'case.export',
  'case.accept', 'case.decline', 'meeting.record', 'meeting.recordUnplanned', 'meeting.reschedule', 'meeting.cancel', 'consent.withdraw',
  'case.hold', 'case.unhold', 'case.output', 'action.done', 'nudge.done', 'nudge.snooze', 'case.share', 'share.approve', 'share.decline', 'concern.view', 'meeting.confirmOutside', 'slack.rerun',
];

/** Row counts of every table, and the identity columns of every person: what "nothing written" means. */
async function snapshot(env: SlackTestEnv): Promise<string> {
  const prisma = env.svc.db.prisma;
  // The audit trail grows with every refusal; JobClaim rows are the instance's own scheduled jobs
  // (retention, digest planning) claimed on a timer, not anything a request wrote; InboxEntry is
  // the transport's own record of a request (payload emptied once answered), not case data.
  const counts = await rowCounts(prisma, ['AuditEvent', 'JobClaim', 'InboxEntry']);
  const persons = await prisma.person.findMany({ select: { id: true, email: true, slackUserId: true, slackTeamId: true, teamsUserId: true, language: true, active: true }, orderBy: { id: 'asc' } });
  const cases = await prisma.case.findMany({ select: { id: true, version: true, stage: true, batonHolderId: true, status: true, legalHold: true }, orderBy: { id: 'asc' } });
  return JSON.stringify({ counts, persons, cases });
}

function callText(c: FakeSlackCall): string {
  return JSON.stringify(c.args ?? {});
}

describe(`trust boundary through signed Slack requests (${dbKind})`, () => {
  let env: SlackTestEnv;
  let code = '';
  let meetingId = '';
  const evilTeam = 'T0EVIL';

  beforeAll(async () => {
    env = await startSlackTestEnv();
    const u = (id: string, name: string, email?: string) => env.fake.users.set(id, { id, name, ...(email ? { email } : {}), locale: 'sv-SE' });
    u('U0EVIL', 'Karin Koordinator', 'karin.koordinator@slackby.example'); // another workspace, the coordinator's e-mail
    u('U0TAKE', 'Karin K', 'karin.koordinator@slackby.example'); // the mapped workspace, a second account with her e-mail
    u('U0NEW', 'Ny Person'); // the mapped workspace, no e-mail
    u('U0STRANGER', 'Stranger', 'someone@elsewhere.example'); // the mapped workspace, an e-mail nobody knows
    u('U0NORA', 'Nora N', 'nora.nykomling@slackby.example'); // a colleague who never used Stafett
    const prisma = env.svc.db.prisma;
    const karin = await resolveActor(prisma, { platform: 'SLACK', userId: people.karin.userId, workspaceId: TEAM });
    ({ code } = await openCase(env.svc.core.deps, karin, { playbookKey: 's0-elevvard', schoolUnitCode: 'NORR', studentRef: STUDENT, firstRole: 'mentor', reason: REASON }));
    const kase = await prisma.case.findFirstOrThrow({ where: { code } });
    meetingId = (await prisma.meeting.create({ data: { caseId: kase.id, type: 'malmote', startsAt: new Date(Date.now() + 86_400_000), durationMin: 60 } })).id;
  });
  afterAll(async () => env?.close());

  /** Posts one signed request and returns every Slack call it caused once its answer arrived. */
  async function attempt(body: ReturnType<typeof slashCommand>, hook: string | null, settle?: (calls: FakeSlackCall[]) => boolean): Promise<FakeSlackCall[]> {
    const from = env.fake.calls.length;
    const res = await env.post(body);
    expect(res.status).toBe(200);
    const done = settle ?? ((calls: FakeSlackCall[]) => calls.some((c) => (hook ? c.hook === hook : MESSAGE_METHODS.includes(c.method) || c.method === 'views.publish')));
    await env.fake.waitFor((calls) => (done(calls.slice(from)) ? true : undefined));
    // Everything the request does (a second message, a modal) is done before judging.
    await env.svc.http.idle();
    return env.fake.calls.slice(from).filter((c) => !hook || c.hook === hook || c.method !== 'response_url');
  }

  let seq = 0;
  /** Every command, every button and every form, as `who`; returns how many requests were tried. */
  async function tryEverything(who: Who, expected: string): Promise<number> {
    const texts = commandSpecs.flatMap((s) => [s.aliases.sv[0]!, `${s.aliases.sv[0]} ${code}`, `${s.aliases.sv[0]} ${code} Alva mår bra <@U0KARIN>`]);
    const requests: { body: ReturnType<typeof slashCommand>; hook: string }[] = [];
    for (const text of texts) {
      const hook = `evil${++seq}`;
      requests.push({ hook, body: slashCommand(who, text, { responseUrl: env.fake.responseUrl(hook), channelId: seq % 2 ? 'DDIRECT1' : 'C0CHANNEL' }) });
    }
    for (const action of BUTTONS) {
      const hook = `evil${++seq}`;
      requests.push({ hook, body: blockActions(who, { action_id: createButtonActionId(0, action), value: action === 'slack.rerun' ? `status ${code}` : `${code}|${meetingId}` }, { channelId: 'DDIRECT1', responseUrl: env.fake.responseUrl(hook) }) });
    }
    for (const formId of Object.values(FORM)) {
      const hook = `evil${++seq}`;
      const meta = encodeFormMetadata({ formId, context: { code, meetingId, playbook: 's0-elevvard' }, channelId: 'DDIRECT1', responseUrl: env.fake.responseUrl(hook) });
      const values = { 'f:text': { v: { type: 'plain_text_input', value: 'Alva ska flyttas' } }, 'f:person': { v: { type: 'users_select', selected_user: who.userId || 'U0KARIN' } }, 'f:studentRef': { v: { type: 'plain_text_input', value: 'Ny Elev' } } };
      requests.push({
        hook,
        body: interactive({
          type: 'view_submission', team: who.teamId ? { id: who.teamId, domain: 'evil' } : null, user: { id: who.userId, username: 'x', name: 'x', team_id: who.teamId }, api_app_id: 'A0STAFETT', token: 'x', trigger_id: newTriggerId(),
          view: { id: `VEVIL${seq}`, type: 'modal', callback_id: 'stafett.form', private_metadata: meta, blocks: [], state: { values }, hash: '1', team_id: who.teamId, app_id: 'A0STAFETT', bot_id: 'B' },
          response_urls: [], is_enterprise_install: false, enterprise: null,
        }),
      });
    }
    const replies: FakeSlackCall[][] = [];
    for (let i = 0; i < requests.length; i += 6) {
      replies.push(...(await Promise.all(requests.slice(i, i + 6).map((r) => attempt(r.body, r.hook)))));
    }
    // Home tab and a DM typed to the bot.
    replies.push(await attempt(appHomeOpened(who), null, (calls) => calls.some((c) => c.method === 'views.publish')));
    const dm = eventCallback(who.teamId, { type: 'message', channel_type: 'im', channel: 'DDIRECT1', user: who.userId, text: `export ${code}`, ts: `${Date.now() / 1000}`, client_msg_id: `m${++seq}` });
    if (who.userId) replies.push(await attempt(dm, null));
    else {
      // A DM event without a user is dropped before it reaches the core: no answer at all.
      const from = env.fake.calls.length;
      expect((await env.post(dm)).status).toBe(200);
      await env.svc.http.idle();
      expect(env.fake.calls.slice(from).filter((c) => !isDigestNotice(c))).toEqual([]);
    }
    for (const calls of replies) {
      expect(calls.some((c) => c.method === 'views.open'), 'a form was opened for an outsider').toBe(false);
      // users.info is Stafett's own profile lookup; everything else is what the requester sees.
      // Proactive notices (a digest to Karin the dispatcher sends meanwhile) are not answers.
      const answers = calls.filter((x) => x.method !== 'users.info' && (x.args as { metadata?: { event_type?: string } } | undefined)?.metadata?.event_type !== 'stafett_notice');
      for (const c of answers) {
        const text = callText(c);
        for (const p of PERSONAL) expect(text, `${c.method} leaked ${p}`).not.toMatch(p);
        if (c.method !== 'conversations.open') expect(text).toContain(expected.slice(0, 30));
        expect(text).not.toContain(code);
      }
    }
    return requests.length + 2;
  }

  const figures = { tried: 0, refused: 0 };

  it('another workspace — even with a coordinator\'s e-mail or her user id — gets a short refusal and nothing else', { timeout: 300_000 }, async () => {
    const before = await snapshot(env);
    const auditsBefore = await env.svc.db.prisma.auditEvent.count();
    const refusal = errorText('sv', 'IDENTITY.WORKSPACE_NOT_MAPPED');
    let tried = 0;
    tried += await tryEverything({ teamId: evilTeam, userId: 'U0EVIL' }, refusal);
    tried += await tryEverything({ teamId: evilTeam, userId: people.karin.userId }, refusal);
    expect(await snapshot(env)).toBe(before);
    const audits = await env.svc.db.prisma.auditEvent.findMany({ skip: auditsBefore, orderBy: { id: 'asc' } });
    expect(audits.length).toBeGreaterThanOrEqual(tried);
    expect(audits.every((a) => a.outcome === 'DENIED' && a.action === 'identity.resolve' && a.orgId === null && a.actorId === null)).toBe(true);
    expect(new Set(audits.map((a) => (a.detail as { reason?: string }).reason))).toEqual(new Set(['workspace-not-mapped']));
    // Karin is still Karin: her Slack account was not re-linked to the attacker.
    const karin = await env.svc.db.prisma.person.findFirstOrThrow({ where: { email: 'karin.koordinator@slackby.example' } });
    expect(karin.slackUserId).toBe(people.karin.userId);
    figures.tried += tried;
    figures.refused += tried;
  });

  it('a second account in the mapped workspace with a linked coordinator\'s e-mail is refused (ask an admin) and audited', { timeout: 300_000 }, async () => {
    const before = await snapshot(env);
    const tried = await tryEverything({ teamId: TEAM, userId: 'U0TAKE' }, errorText('sv', 'IDENTITY.ALREADY_LINKED'));
    expect(await snapshot(env)).toBe(before);
    const karin = await env.svc.db.prisma.person.findFirstOrThrow({ where: { email: 'karin.koordinator@slackby.example' } });
    const denied = await env.svc.db.prisma.auditEvent.count({ where: { action: 'identity.resolve', outcome: 'DENIED', detail: { path: ['personId'], equals: karin.id } } });
    expect(denied).toBeGreaterThanOrEqual(tried);
    figures.tried += tried;
    figures.refused += tried;
  });

  it('unknown users of the mapped workspace (with or without e-mail) are not created: help and who can add them', { timeout: 300_000 }, async () => {
    const before = await snapshot(env);
    let tried = 0;
    tried += await tryEverything({ teamId: TEAM, userId: 'U0NEW' }, errorText('sv', 'IDENTITY.UNKNOWN_USER'));
    tried += await tryEverything({ teamId: TEAM, userId: 'U0STRANGER' }, errorText('sv', 'IDENTITY.UNKNOWN_USER'));
    expect(await snapshot(env)).toBe(before);
    expect(await env.svc.db.prisma.person.count({ where: { slackUserId: { in: ['U0NEW', 'U0STRANGER'] } } })).toBe(0);
    // The refusal carries the help text and names `personal` and the organisation file.
    const hook = `help${++seq}`;
    const [reply] = (await attempt(slashCommand({ teamId: TEAM, userId: 'U0NEW' }, 'ny', { responseUrl: env.fake.responseUrl(hook) }), hook)).filter((c) => c.hook === hook);
    expect(callText(reply!)).toMatch(/personal/);
    expect(callText(reply!)).toMatch(/organisationsfilen/);
    expect(callText(reply!)).toMatch(/hjälp|ny/);
    figures.tried += tried + 1;
    figures.refused += tried + 1;
  });

  it('a signed request without a user id is refused, not answered as some existing person', { timeout: 300_000 }, async () => {
    const before = await snapshot(env);
    const tried = await tryEverything({ teamId: TEAM, userId: '' }, errorText('sv', 'IDENTITY.NO_USER'));
    expect(await snapshot(env)).toBe(before);
    figures.tried += tried;
    figures.refused += tried;
  });

  it('a colleague who never used Stafett is linked by the profile e-mail inside the mapped workspace (audited), not from another workspace', { timeout: 300_000 }, async () => {
    const prisma = env.svc.db.prisma;
    const from = await attempt(slashCommand({ teamId: evilTeam, userId: 'U0NORA' }, 'mina', { responseUrl: env.fake.responseUrl('nora1') }), 'nora1');
    expect(callText(from.find((c) => c.hook === 'nora1')!)).toContain(errorText('sv', 'IDENTITY.WORKSPACE_NOT_MAPPED').slice(0, 30));
    expect((await prisma.person.findFirstOrThrow({ where: { email: 'nora.nykomling@slackby.example' } })).slackUserId).toBeNull();
    const ok = await attempt(slashCommand({ teamId: TEAM, userId: 'U0NORA' }, 'mina', { responseUrl: env.fake.responseUrl('nora2') }), 'nora2');
    expect(callText(ok.find((c) => c.hook === 'nora2')!)).not.toContain('⚠');
    const nora = await prisma.person.findFirstOrThrow({ where: { email: 'nora.nykomling@slackby.example' } });
    expect(nora.slackUserId).toBe('U0NORA');
    expect(nora.slackTeamId).toBe(TEAM);
    expect(await prisma.auditEvent.count({ where: { action: 'identity.link', actorId: nora.id } })).toBe(1);
  });

  it('SECURITY.md figures', () => {
    // Printed for SECURITY.md; the assertions above are what makes them true.
    console.log(`[trust-boundary slack ${dbKind}] tried ${figures.tried}, refused ${figures.refused}, leaked 0, written 0`);
    expect(figures.refused).toBe(figures.tried);
    expect(figures.tried).toBeGreaterThan(400);
  });
});
