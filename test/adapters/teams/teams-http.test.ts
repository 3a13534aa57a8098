/**
 * The Teams adapter through its real endpoint: real-format activities posted to `/api/messages`
 * (local mode), replies captured by a fake connector, results checked in the database.
 */
import { describe, expect, it } from 'vitest';
import { cardOf, cardText, type FakeTeamsConnector } from '../../support/fake-teams-connector.ts';
import { executeActivity, findExecute, installActivity, messageActivity, teamsUser } from '../../support/teams-activities.ts';
import { fillCard, type TeamsTestService, useTeamsService } from '../../support/teams-service.ts';
import { dbKind } from '../../support/db.ts';

const CASE_CODE = /\b[A-Z]{2,8}-\d{2}-\d{4}\b/;

describe(`Teams adapter over HTTP (${dbKind})`, () => {
  let svc: TeamsTestService;
  let connector: FakeTeamsConnector;
  const mentor = teamsUser('mona', 'Mona Mentor');
  let caseCode = '';

  useTeamsService((s, c) => { svc = s; connector = c; });

  const where = () => ({ serviceUrl: connector.url, user: mentor });
  const personalId = `a:personal-${mentor.aadObjectId}`;

  /** Posts an activity and returns the first card the bot sends in reply to it. */
  async function say(activity: Record<string, unknown>) {
    const before = connector.sent.length;
    const res = await svc.post(activity);
    expect(res.status).toBe(200);
    const reply = await connector.waitFor((c) => connector.sent.indexOf(c) >= before && c.pathActivityId === activity.id);
    return cardOf(reply)!;
  }

  /** Submits a form card through `adaptiveCard/action` invokes until a non-form card comes back. */
  async function completeForms(card: Record<string, unknown>, overrides: Record<string, string> = {}) {
    let current = card;
    for (let step = 0; step < 4; step++) {
      const submit = findExecute(current, 'form:');
      if (!submit) return current;
      const res = await svc.post(executeActivity({ ...where(), verb: submit.verb, data: { ...submit.data, ...fillCard(current, overrides) } }));
      expect(res.status).toBe(200);
      const body = res.body as { statusCode: number; type: string; value: Record<string, unknown> };
      expect(body.statusCode).toBe(200);
      expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
      current = body.value;
    }
    throw new Error('form chain did not end');
  }

  it('stores the conversation reference on install and greets with the commands', async () => {
    const install = installActivity(where());
    const card = await say(install);
    expect(cardText(card)).toMatch(/ny/);
    const row = await svc.service.db.prisma.conversationRef.findUnique({ where: { platform_conversationId: { platform: 'TEAMS', conversationId: personalId } } });
    expect(row?.kind).toBe('personal');
    expect(row?.active).toBe(true);
    const person = await svc.service.db.prisma.person.findFirst({ where: { teamsUserId: mentor.aadObjectId } });
    expect(person?.displayName).toBe('Mona Mentor');
    expect(row?.personId).toBe(person?.id);
    expect((row?.reference as { serviceUrl?: string }).serviceUrl).toBe(connector.url);
  });

  it('opens a case: `ny` gives a form card, submitting it (Action.Execute) creates the case once', async () => {
    const form = await say(messageActivity({ ...where(), text: '  NY ' }));
    expect(findExecute(form, 'form:')).toBeDefined();
    expect(form.version).toBe('1.5');

    let current = form;
    let lastInvoke: Record<string, unknown> | undefined;
    for (let step = 0; step < 4; step++) {
      const submit = findExecute(current, 'form:');
      if (!submit) break;
      lastInvoke = executeActivity({ ...where(), verb: submit.verb, data: { ...submit.data, ...fillCard(current, { studentRef: 'Elev 8B (initialer AB)', reason: 'Hög frånvaro sedan höstlovet' }) } });
      const res = await svc.post(lastInvoke);
      current = (res.body as { value: Record<string, unknown> }).value;
    }
    const text = cardText(current);
    const code = CASE_CODE.exec(text)?.[0];
    expect(code, text).toBeDefined();
    caseCode = code!;
    const prisma = svc.service.db.prisma;
    const row = await prisma.case.findFirst({ where: { code: caseCode } });
    expect(row).not.toBeNull();

    // Teams redelivers an invoke it got no answer to: same activity id, no second case.
    const count = await prisma.case.count();
    const again = await svc.post(lastInvoke!);
    expect(again.status).toBe(200);
    expect(await prisma.case.count()).toBe(count);
  });

  it('shows the form again with the errors when a required field is missing', async () => {
    const form = await say(messageActivity({ ...where(), text: `åtgärd ${caseCode} Ring vårdnadshavare` }));
    const submit = findExecute(form, 'form:')!;
    expect(submit).toBeDefined();
    const values = fillCard(form);
    for (const k of Object.keys(values)) values[k] = '';
    const res = await svc.post(executeActivity({ ...where(), verb: submit.verb, data: { ...submit.data, ...values } }));
    const card = (res.body as { value: Record<string, unknown> }).value;
    expect(findExecute(card, 'form:')?.verb).toBe(submit.verb);
    expect(JSON.stringify(card)).toContain('"color":"Attention"');
  });

  it('records a decision by command and an action through its card', async () => {
    const prisma = svc.service.db.prisma;
    const c = await prisma.case.findFirstOrThrow({ where: { code: caseCode } });
    const decided = await say(messageActivity({ ...where(), text: `beslut ${caseCode.toLowerCase()} Anpassad studiegång under fyra veckor` }));
    expect(cardText(decided)).toContain(caseCode);
    expect(await prisma.decision.count({ where: { caseId: c.id } })).toBe(1);

    const form = await say(messageActivity({ ...where(), text: `åtgärd ${caseCode} Ring vårdnadshavare varje måndag` }));
    const result = await completeForms(form);
    expect(cardText(result)).toContain(caseCode);
    expect(await prisma.caseAction.count({ where: { caseId: c.id } })).toBeGreaterThanOrEqual(1);
  });

  it('answers a channel message with an <at> mention in the channel', async () => {
    const channel = '19:stafett-team@thread.tacv2';
    const msg = messageActivity({ ...where(), kind: 'channel', conversationId: `${channel};messageid=1700000000000`, text: `status ${caseCode}`, mentionBot: true });
    const before = connector.sent.length;
    expect((await svc.post(msg)).status).toBe(200);
    const reply = await connector.waitFor((c) => connector.sent.indexOf(c) >= before && c.conversationId.startsWith(channel));
    expect(reply.pathActivityId).toBe(msg.id);
    expect(cardText(cardOf(reply))).toContain(caseCode);
    const row = await svc.service.db.prisma.conversationRef.findUnique({ where: { platform_conversationId: { platform: 'TEAMS', conversationId: channel } } });
    expect(row?.kind).toBe('channel');
    expect(row?.personId).toBeNull();
    expect((row?.reference as { conversation: { id: string } }).conversation.id).toBe(channel);
  });

  it('keeps private answers out of a channel: a form asked for there goes to the 1:1 chat', async () => {
    const channel = '19:stafett-team@thread.tacv2';
    const before = connector.sent.length;
    await svc.post(messageActivity({ ...where(), kind: 'channel', conversationId: channel, text: 'ny', mentionBot: true }));
    const privateCard = await connector.waitFor((c) => connector.sent.indexOf(c) >= before && c.conversationId === personalId);
    expect(findExecute(cardOf(privateCard), 'form:')).toBeDefined();
    const note = await connector.waitFor((c) => connector.sent.indexOf(c) >= before && c.conversationId === channel);
    expect(findExecute(cardOf(note), 'form:')).toBeUndefined();
  });

  it('delivers a proactive nudge to the stored 1:1 reference; a 403 marks it inactive', async () => {
    const prisma = svc.service.db.prisma;
    const person = await prisma.person.findFirstOrThrow({ where: { teamsUserId: mentor.aadObjectId } });
    const notifier = svc.service.core.notifier.get('TEAMS')!;
    expect(notifier).toBeDefined();
    const message = { kind: 'test.nudge', idempotencyKey: 'n1', reply: { visibility: 'private' as const, blocks: [{ type: 'text' as const, text: `**Påminnelse:** ${caseCode}` }], fallbackText: `Påminnelse ${caseCode}` } };
    const before = connector.sent.length;
    expect(await notifier.deliver({ platform: 'TEAMS', person: { id: person.id, teamsUserId: mentor.aadObjectId } }, message)).toEqual({ ok: true });
    const got = await connector.waitFor((c) => connector.sent.indexOf(c) >= before && c.conversationId === personalId);
    expect(got.pathActivityId).toBeUndefined();
    expect(cardText(cardOf(got))).toContain(caseCode);
    // The activity id the connector answered is recorded under the delivery's key (wasDelivered).
    const record = await prisma.platformDelivery.findUniqueOrThrow({ where: { platform_idempotencyKey: { platform: 'TEAMS', idempotencyKey: 'n1' } } });
    expect(record.messageId).toMatch(/^fake-\d+$/);
    expect(await notifier.wasDelivered!({ platform: 'TEAMS', person: { id: person.id } }, 'n1')).toBe(true);

    // The connector client itself retries a 429 (honouring Retry-After) before giving up.
    connector.failFor(personalId, 429, { 'retry-after': '1' });
    const limited = await notifier.deliver({ platform: 'TEAMS', person: { id: person.id } }, message);
    expect(limited).toMatchObject({ ok: false, retryable: true, retryAfterMs: 1000 });

    connector.failFor(personalId, 403);
    const refused = await notifier.deliver({ platform: 'TEAMS', person: { id: person.id } }, message);
    expect(refused).toMatchObject({ ok: false, permanent: true, retryable: false });
    const row = await prisma.conversationRef.findUniqueOrThrow({ where: { platform_conversationId: { platform: 'TEAMS', conversationId: personalId } } });
    expect(row.active).toBe(false);
    expect(row.inactiveReason).toBe('TEAMS.FORBIDDEN');
    expect(await notifier.deliver({ platform: 'TEAMS', person: { id: person.id } }, message)).toMatchObject({ ok: false, retryable: false });

    // The person writes again (bot unblocked): the reference is live again.
    connector.clearFailures();
    await say(messageActivity({ ...where(), text: 'mina' }));
    const live = await prisma.conversationRef.findUniqueOrThrow({ where: { platform_conversationId: { platform: 'TEAMS', conversationId: personalId } } });
    expect(live.active).toBe(true);
  });

  it('delivers to a team channel by its id', async () => {
    const channel = '19:stafett-team@thread.tacv2';
    const notifier = svc.service.core.notifier.get('TEAMS')!;
    const before = connector.sent.length;
    const r = await notifier.deliver({ platform: 'TEAMS', channelId: channel }, { kind: 'test', idempotencyKey: 'c1', reply: { visibility: 'shared', blocks: [{ type: 'text', text: `Möte i ${caseCode}` }], fallbackText: 'Möte' } });
    expect(r).toEqual({ ok: true });
    const got = await connector.waitFor((c) => connector.sent.indexOf(c) >= before);
    expect(got.conversationId).toBe(channel);
  });

  it('rejects a body that is not an activity', async () => {
    const res = await fetch(`${svc.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'nope' });
    expect(res.status).toBe(400);
  });
});
