/**
 * Every refusal is audited as a refusal, through the real endpoints: a colleague outside a case
 * asking for its meetings or consents, or clicking "record meeting", is refused and the audit
 * trail says DENIED (not an allowed summary read); a meeting is never read by bare id; a button
 * value or form field with a NUL byte or a lone surrogate is refused with a clear message and
 * still audited; and a Teams request with a refused token logs one structured line, no stack
 * trace on stderr.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createButtonActionId } from '../../adapters/slack/action-ids.ts';
import { encodeFormMetadata } from '../../adapters/slack/render-modal.ts';
import { teamsAdapter } from '../../adapters/teams/teams-adapter.ts';
import { openCase } from '../../src/cases/case.service.ts';
import { FORM } from '../../src/chat/forms.ts';
import { loadConfig } from '../../src/app/config.ts';
import { resolveActor } from '../../src/orgs/org.service.ts';
import { startService, type RunningService } from '../../src/app/service.ts';
import { errorText } from '../../src/i18n/core.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { blockActions, interactive, newTriggerId, slashCommand } from '../support/fake-slack-payloads.ts';
import { createServerDatabase, dbKind, serverUrl } from '../support/db.ts';
import { people, startSlackTestEnv, TEAM, type SlackTestEnv } from '../adapters/slack/slack-harness.ts';

describe(`refusals are audited as refusals (${dbKind})`, () => {
  let env: SlackTestEnv;
  let code = '';
  let otherCode = '';
  let meetingId = '';
  let otherMeetingId = '';
  let seq = 0;

  beforeAll(async () => {
    env = await startSlackTestEnv();
    const prisma = env.svc.db.prisma;
    const karin = await resolveActor(prisma, { platform: 'SLACK', userId: people.karin.userId, workspaceId: TEAM });
    const tove = await resolveActor(prisma, { platform: 'SLACK', userId: people.tove.userId, workspaceId: TEAM });
    ({ code } = await openCase(env.svc.core.deps, karin, { playbookKey: 's0-elevvard', schoolUnitCode: 'NORR', studentRef: 'Elev A', firstRole: 'mentor' }));
    ({ code: otherCode } = await openCase(env.svc.core.deps, tove, { playbookKey: 's0-elevvard', schoolUnitCode: 'SODER', studentRef: 'Elev B', firstRole: 'mentor' }));
    const k1 = await prisma.case.findFirstOrThrow({ where: { code } });
    const k2 = await prisma.case.findFirstOrThrow({ where: { code: otherCode } });
    meetingId = (await prisma.meeting.create({ data: { caseId: k1.id, type: 'malmote', startsAt: new Date(Date.now() + 86_400_000) } })).id;
    otherMeetingId = (await prisma.meeting.create({ data: { caseId: k2.id, type: 'bedomarteamet', startsAt: new Date(Date.now() + 86_400_000) } })).id;
  });
  afterAll(async () => env?.close());

  /** Runs one request as `who` and returns its answer text and whether a modal opened. */
  async function ask(who: { teamId: string; userId: string }, kind: 'text' | 'button' | 'form', arg: string, value = '', values: Record<string, unknown> = {}): Promise<{ text: string; modal: boolean }> {
    const hook = `r${++seq}`;
    const from = env.fake.calls.length;
    const responseUrl = env.fake.responseUrl(hook);
    const body =
      kind === 'text' ? slashCommand(who, arg, { responseUrl })
      : kind === 'button' ? blockActions(who, { action_id: createButtonActionId(0, arg), value }, { channelId: 'DDIRECT1', responseUrl })
      : interactive({
        type: 'view_submission', team: { id: who.teamId }, user: { id: who.userId, team_id: who.teamId }, api_app_id: 'A0STAFETT', trigger_id: newTriggerId(),
        view: { id: `VR${seq}`, type: 'modal', callback_id: 'stafett.form', private_metadata: encodeFormMetadata({ formId: arg, context: { code }, channelId: 'DDIRECT1', responseUrl }), blocks: [], state: { values }, hash: '1', team_id: who.teamId, app_id: 'A0STAFETT', bot_id: 'B' },
      });
    expect((await env.post(body)).status).toBe(200);
    const answer = await env.fake.waitFor((calls) => calls.slice(from).find((c) => c.hook === hook || c.method === 'views.open'));
    await env.svc.http.idle();
    return { text: JSON.stringify(answer.args), modal: env.fake.calls.slice(from).some((c) => c.method === 'views.open') };
  }

  async function auditsSince(id: bigint, actorEmail: string) {
    const p = await env.svc.db.prisma.person.findFirstOrThrow({ where: { email: actorEmail } });
    return env.svc.db.prisma.auditEvent.findMany({ where: { id: { gt: id }, actorId: p.id }, orderBy: { id: 'asc' } });
  }
  const lastAuditId = async () => (await env.svc.db.prisma.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0n;

  it('`möte`, `samtycke` and the meeting / consent / record-meeting buttons by a non-member: refused, audited DENIED, no form', async () => {
    const olle = people.olle;
    const denied = errorText('sv', 'ACCESS.DENIED').slice(0, 30);
    const tries: Array<['text' | 'button', string, string?]> = [
      ['text', `möte ${code}`], ['text', `samtycke ${code}`], ['button', 'case.meetings', code], ['button', 'case.consent', code],
      ['button', 'meeting.record', `${code}|${meetingId}`], ['button', 'meeting.reschedule', `${code}|${meetingId}`], ['button', 'case.decision', code], ['button', 'case.action', code],
    ];
    for (const [kind, arg, value] of tries) {
      const before = await lastAuditId();
      const r = await ask(olle, kind, arg, value);
      expect(r.modal, `${arg} opened a form for a non-member`).toBe(false);
      expect(r.text, arg).toContain(denied);
      const audits = await auditsSince(before, 'olle@slackby.example');
      expect(audits.length, arg).toBeGreaterThan(0);
      expect(audits.every((a) => a.outcome === 'DENIED'), `${arg}: ${audits.map((a) => `${a.action}:${a.outcome}`).join(', ')}`).toBe(true);
    }
  });

  it('a meeting is never read by bare id: another case\'s meeting behind this case\'s code is not found', async () => {
    const before = await lastAuditId();
    const r = await ask(people.karin, 'button', 'meeting.record', `${code}|${otherMeetingId}`);
    expect(r.modal).toBe(false);
    expect(r.text).toContain(errorText('sv', 'MEETING.NOT_FOUND', { code }).slice(0, 25));
    expect(r.text).not.toMatch(/Bedömarteam/i);
    // Her own meeting opens the form.
    const ok = await ask(people.karin, 'button', 'meeting.record', `${code}|${meetingId}`);
    expect(ok.modal).toBe(true);
    expect((await auditsSince(before, 'karin.koordinator@slackby.example')).some((a) => a.action === 'form.outcome.open' && a.outcome === 'ALLOWED')).toBe(true);
  });

  it('a NUL byte or a lone surrogate in a button value or a form field: a clear message, audited, nothing written', async () => {
    const prisma = env.svc.db.prisma;
    const decisions = await prisma.decision.count();
    const clear = errorText('sv', 'INPUT.INVALID_CHARS').slice(0, 30);
    const cases: Array<() => Promise<{ text: string }>> = [
      () => ask(people.karin, 'button', 'case.open', `${code}\u0000`),
      () => ask(people.karin, 'button', 'action.done', `${code}|\uD800`),
      () => ask(people.karin, 'form', FORM.decision, '', { 'f:text': { v: { type: 'plain_text_input', value: 'Beslut\u0000 med nolltecken' } } }),
      () => ask(people.karin, 'form', FORM.decision, '', { 'f:text': { v: { type: 'plain_text_input', value: 'Beslut \uDC00 ensamt surrogat' } } }),
      () => ask(people.karin, 'text', `beslut ${code} nolltecken\u0000här`),
    ];
    for (const [i, run] of cases.entries()) {
      const before = await lastAuditId();
      const r = await run();
      expect(r.text, `case ${i}`).toContain(clear);
      expect(r.text).not.toMatch(/Något gick fel/);
      const audits = await auditsSince(before, 'karin.koordinator@slackby.example');
      expect(audits.map((a) => `${a.action}:${a.outcome}`), `case ${i}`).toEqual(['input.refused:DENIED']);
    }
    expect(await prisma.decision.count()).toBe(decisions);
  });
});

describe(`a refused Teams token logs one structured line (${dbKind})`, () => {
  let s: RunningService;
  const lines: string[] = [];
  let drop = async () => {};
  beforeAll(async () => {
    let url = '';
    if (serverUrl) ({ url, drop } = await createServerDatabase());
    const config = loadConfig({
      NODE_ENV: 'test', PORT: '0', STAFETT_DATA_DIR: 'memory://', DATABASE_URL: url, STAFETT_CONSOLE: '0',
      MicrosoftAppId: '00000000-0000-4000-8000-00000000a001', MicrosoftAppPassword: 'not-used-offline', MicrosoftAppTenantId: '00000000-0000-4000-8000-00000000a002', MicrosoftAppType: 'SingleTenant',
    });
    config.dataDir = 'memory://';
    const sink = new Writable({ write(chunk, _enc, cb) { lines.push(...String(chunk).split('\n').filter(Boolean)); cb(); } });
    s = await startService(config, createLogger('info', sink), { adapters: [teamsAdapter] });
  });
  afterAll(async () => {
    await s?.stop();
    await drop();
  });

  it('401, one `request refused` line per request, nothing on stderr', async () => {
    const stderr = vi.spyOn(process.stderr, 'write');
    const consoleError = vi.spyOn(console, 'error');
    const activity = { type: 'message', id: 'x1', text: 'ny', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', from: { id: '29:1', aadObjectId: 'a' }, conversation: { id: 'a:1', conversationType: 'personal' }, recipient: { id: '28:bot' } };
    const tokens = [undefined, 'Bearer', 'Bearer x', 'Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.', `Basic ${Buffer.from('a:b').toString('base64')}`];
    const before = lines.length;
    try {
      for (const t of tokens) {
        const res = await fetch(`http://127.0.0.1:${s.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...(t ? { authorization: t } : {}) }, body: JSON.stringify(activity) });
        expect(res.status).toBe(401);
      }
      expect(consoleError).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stderr.mockRestore();
      consoleError.mockRestore();
    }
    const refused = lines.slice(before).filter((l) => l.includes('request refused'));
    expect(refused).toHaveLength(tokens.length);
    for (const l of refused) {
      const o = JSON.parse(l) as { refused?: string; status?: number };
      expect(o.refused).toBe('teams-token');
      expect(o.status).toBe(401);
      expect(l).not.toMatch(/\n|at .*\.js:\d+/);
    }
  });
});
