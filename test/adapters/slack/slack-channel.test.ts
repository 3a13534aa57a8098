import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackAdapter } from '../../../adapters/slack/slack-app.ts';
import type { ChatPort } from '../../../src/ports/chat-port.ts';
import { dbKind } from '../../support/db.ts';
import { blocksOf, eventCallback, findButton, isDigestNotice, textOf } from '../../support/fake-slack-payloads.ts';
import { people, startSlackTestEnv, type SlackTestEnv } from './slack-harness.ts';
import { slackLimitViolations } from './slack-limits.ts';

const CHANNEL = 'C0ELEVHALSA';

describe(`Slack channels, DMs, nudges and limits (${dbKind})`, () => {
  let env: SlackTestEnv;
  let code = '';
  beforeAll(async () => {
    env = await startSlackTestEnv();
    const { from } = await env.command(people.maria, 'ny');
    const modal = await env.modal(from);
    const sub = await env.submit(people.maria, modal, { studentRef: 'Elev Hemligsson 8B', unit: 'NORR', firstRole: 'mentor', reason: 'Ont i magen varje måndag' });
    code = /SL-\d{2}-\d{4}/.exec(textOf(await env.message(sub.from)))![0];
  });
  afterAll(async () => env?.close());

  it('status KOD in a channel posts only code, stage, role and date in_channel; details go ephemerally to the member', async () => {
    const { from, hook } = await env.command(people.maria, `status ${code}`, { channelId: CHANNEL });
    const shared = await env.message(from, (c) => c.hook === hook && c.args.response_type === 'in_channel');
    const sharedText = textOf(shared);
    expect(sharedText).toContain(code);
    for (const secret of ['Hemligsson', '8B', 'Maria', 'Mentor (', 'magen', 'Norrskolan']) expect(sharedText).not.toContain(secret);
    const details = await env.message(from, (c) => c.hook === hook && c.args.response_type === 'ephemeral');
    expect(textOf(details)).toContain('Hemligsson');
    expect(details.args.replace_original).toBe(false);
  });

  it('a non-member asking in a channel gets the summary only, with no private details anywhere', async () => {
    const { from, hook } = await env.command(people.olle, `status ${code}`, { channelId: CHANNEL });
    await env.message(from, (c) => c.hook === hook);
    await env.svc.http.idle();
    const all = env.fake.calls.slice(from).map(textOf).join('\n');
    expect(all).toContain(code);
    expect(all).not.toContain('Hemligsson');
  });

  it('kanal KOD routes the case nudges to the channel', async () => {
    const { from, hook } = await env.command(people.maria, `kanal ${code}`, { channelId: CHANNEL });
    const msg = await env.message(from, (c) => c.hook === hook);
    expect(msg.args.response_type).toBe('in_channel');
    const k = await env.svc.db.prisma.case.findFirstOrThrow({ where: { code } });
    const ch = await env.svc.db.prisma.caseChannel.findFirstOrThrow({ where: { caseId: k.id, platform: 'SLACK' } });
    expect(ch.channelId).toBe(CHANNEL);
  });

  it('nudge buttons replace their message: clicking twice shows the same state', async () => {
    const button = { action_id: 'stafett:0:nudge.done', value: 'nudge-123' };
    const a = await env.click(people.maria, button, { hook: 'nudge1' });
    const first = await env.message(a.from, (c) => c.hook === 'nudge1');
    const b = await env.click(people.maria, button, { hook: 'nudge1' });
    const second = await env.message(b.from, (c) => c.hook === 'nudge1');
    expect(first.args.replace_original).toBe(true);
    expect(second.args.replace_original).toBe(true);
    expect(textOf(second)).toBe(textOf(first));
  });

  it('a typed command in the Messages tab (message.im) is answered in the DM; a form becomes a button that opens it', async () => {
    const from = env.fake.calls.length;
    const ev = eventCallback(people.maria.teamId, { type: 'message', channel: 'DMARIA01', channel_type: 'im', user: people.maria.userId, text: 'ny', ts: '1700000001.000100', client_msg_id: 'c0ffee-1', team: people.maria.teamId });
    expect((await env.post(ev)).status).toBe(200);
    expect((await env.post(ev, { retryNum: 1, retryReason: 'http_timeout' })).status).toBe(200);
    const msg = await env.message(from, (c) => c.method === 'chat.postMessage');
    const open = findButton(msg, 'slack.rerun', 'ny');
    expect(open).toBeDefined();
    const click = await env.click(people.maria, open!, { channelId: 'DMARIA01' });
    const modal = await env.modal(click.from);
    expect(JSON.parse((modal.args.view as { private_metadata: string }).private_metadata).f).toBe('case.new');
    await env.svc.http.idle();
    expect(env.fake.calls.slice(from, click.from).filter((c) => c.method === 'chat.postMessage' && !isDigestNotice(c))).toHaveLength(1);
    // Our own messages (bot_id) never loop back in.
    const own = eventCallback(people.maria.teamId, { type: 'message', channel: 'DMARIA01', channel_type: 'im', bot_id: 'BSTAFETT', text: 'hjälp', ts: '1700000002.000100' });
    const before = env.fake.calls.length;
    await env.post(own);
    await env.svc.http.idle();
    expect(env.fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage' && !isDigestNotice(c))).toHaveLength(0);
  });

  it('the notifier posts nudges to DMs and channels and classifies failures', async () => {
    const n = env.svc.core.notifier.get('SLACK')!;
    expect(n).toBeDefined();
    const reply = { visibility: 'private' as const, blocks: [{ type: 'text' as const, text: `**${code}**: möte imorgon` }, { type: 'actions' as const, buttons: [{ label: 'Klar', action: 'nudge.done', value: 'n1' }] }], fallbackText: `${code}: möte imorgon` };
    const person = { id: 'p1', slackUserId: people.karin.userId };
    const from = env.fake.calls.length;
    expect(await n.deliver({ platform: 'SLACK', person }, { kind: 'reminder.due', reply, idempotencyKey: 'nudge:1' })).toEqual({ ok: true });
    const post = env.fake.calls.slice(from).find((c) => c.method === 'chat.postMessage' && !isDigestNotice(c))!;
    expect(env.fake.calls.slice(from).some((c) => c.method === 'conversations.open')).toBe(true);
    expect(post.args.channel).toBe('D0KARIN');
    expect(post.args.metadata).toMatchObject({ event_type: 'stafett_notice', event_payload: { key: 'nudge:1' } });
    expect(findButton(post, 'nudge.done', 'n1')).toBeDefined();
    expect(blocksOf(post)[0]).toMatchObject({ type: 'section', text: { type: 'mrkdwn', text: `*${code}*: möte imorgon` } });

    expect(await n.deliver({ platform: 'SLACK', channelId: CHANNEL }, { kind: 'reminder.due', reply, idempotencyKey: 'nudge:2' })).toEqual({ ok: true });

    env.fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    expect(await n.deliver({ platform: 'SLACK', channelId: CHANNEL }, { kind: 'k', reply, idempotencyKey: 'nudge:3' })).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7000 });
    env.fake.failNext('chat.postMessage', { status: 503 });
    expect(await n.deliver({ platform: 'SLACK', channelId: CHANNEL }, { kind: 'k', reply, idempotencyKey: 'nudge:4' })).toMatchObject({ ok: false, retryable: true });
    env.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    expect(await n.deliver({ platform: 'SLACK', channelId: 'CGONE' }, { kind: 'k', reply, idempotencyKey: 'nudge:5' })).toMatchObject({ ok: false, retryable: false, permanent: true });
    env.fake.failNext('conversations.open', { error: 'user_not_found' });
    expect(await n.deliver({ platform: 'SLACK', person: { id: 'p9', slackUserId: 'U0GONE' } }, { kind: 'k', reply, idempotencyKey: 'nudge:6' })).toMatchObject({ ok: false, permanent: true });
    expect(await n.deliver({ platform: 'SLACK', person: { id: 'p10' } }, { kind: 'k', reply, idempotencyKey: 'nudge:7' })).toMatchObject({ ok: false, permanent: true });
  });

  it('keeps the largest realistic case within Block Kit limits (status message, Home, modals)', async () => {
    const chat = env.svc.core.chat;
    const ref = { platform: 'SLACK' as const, userId: people.maria.userId, workspaceId: people.maria.teamId };
    const long = (n: number, what: string) => `${what} ${'med mycket text & <tecken> **fetstil** '.repeat(40)}`.slice(0, n);
    for (const [who, role] of [[people.karin, 'evg-member'], [people.elin, 'contact-person'], [people.tove, 'network-leader'], [people.sara, 'social-services']] as const) {
      await chat.submitForm(ref, 'case.addPerson', { code }, { person: `<@${who.userId}>`, role });
    }
    const now = env.svc.core.clock.now();
    for (let i = 0; i < 25; i++) {
      const day = new Date(now.getTime() + (i + 1) * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
      const r1 = await chat.submitForm(ref, 'action.add', { code }, { text: long(1000, `Åtgärd ${i}`), owner: `<@${people.karin.userId}>`, dueAt: day });
      expect(r1.ok).toBe(true);
      const r2 = await chat.submitForm(ref, 'meeting.schedule', { code }, { type: 'evg', startsAt: `${day} 10:00`, location: long(200, 'Plats') });
      expect(r2.ok).toBe(true);
      await chat.handleText(ref, `beslut ${code} ${long(1500, `Beslut ${i}`)}`);
    }
    const { from, hook } = await env.command(people.maria, `status ${code}`);
    const msg = await env.message(from, (c) => c.hook === hook);
    expect(slackLimitViolations(blocksOf(msg), 50)).toEqual([]);
    expect(findButton(msg, 'case.close', code)).toBeDefined();

    const home = await env.post(eventCallback(people.maria.teamId, { type: 'app_home_opened', user: people.maria.userId, channel: 'DMARIA01', tab: 'home' }));
    expect(home.status).toBe(200);
    const publish = await env.fake.waitFor((calls) => calls.slice(from).find((c) => c.method === 'views.publish'));
    expect(slackLimitViolations(blocksOf(publish), 100)).toEqual([]);

    const meetings = await env.command(people.maria, `möte ${code}`);
    const list = await env.message(meetings.from, (c) => c.hook === meetings.hook);
    expect(slackLimitViolations(blocksOf(list), 50)).toEqual([]);
    const record = findButton(list, 'meeting.record')!;
    const click = await env.click(people.maria, record, { hook: meetings.hook });
    const modal = await env.modal(click.from);
    expect(slackLimitViolations(blocksOf(modal), 100)).toEqual([]);
    expect((modal.args.view as { title: { text: string } }).title.text.length).toBeLessThanOrEqual(24);
    expect((modal.args.view as { private_metadata: string }).private_metadata.length).toBeLessThanOrEqual(3000);
    // 75 writes and 25 meetings before the first check: heavy by design, so allow for a loaded machine.
  }, 150_000);
});

describe(`Slack error hook (${dbKind})`, () => {
  let env: SlackTestEnv;
  beforeAll(async () => {
    const failing: ChatPort = {
      handleText: async () => { throw new Error('boom at secret.ts:12'); },
      submitForm: async () => { throw new Error('boom'); },
      handleAction: async () => { throw new Error('boom'); },
      home: async () => { throw new Error('boom'); },
    };
    env = await startSlackTestEnv({}, [(ctx) => startSlackAdapter(ctx, { chat: failing })]);
  });
  afterAll(async () => env?.close());

  it('answers generically, never with the error or a trace', async () => {
    const { res, from, hook } = await env.command(people.maria, 'status');
    expect(res.status).toBe(200);
    const msg = await env.message(from, (c) => c.hook === hook);
    expect(textOf(msg)).toMatch(/Något gick fel/);
    expect(textOf(msg)).not.toMatch(/boom|secret\.ts/);
  });
});
