import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind } from '../../support/db.ts';
import { appHomeOpened, blocksOf, findButton, isDigestNotice, slashCommand, textOf } from '../../support/fake-slack-payloads.ts';
import { people, startSlackTestEnv, TEAM, type SlackTestEnv } from './slack-harness.ts';

describe(`Slack over HTTP (${dbKind})`, () => {
  let env: SlackTestEnv;
  beforeAll(async () => {
    env = await startSlackTestEnv();
  });
  afterAll(async () => env?.close());

  it('answers url_verification with the challenge', async () => {
    const res = await env.post({ kind: 'json', text: JSON.stringify({ type: 'url_verification', token: 't', challenge: 'abc123' }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'abc123' });
  });

  it('refuses forged, stale and unsigned requests with 401 and does nothing', async () => {
    const body = slashCommand(people.maria, 'ny', { responseUrl: env.fake.responseUrl('forged') });
    const from = env.fake.calls.length;
    expect((await env.post(body, { signature: 'v0=deadbeef' })).status).toBe(401);
    expect((await env.post(body, { secret: 'wrong-secret' })).status).toBe(401);
    expect((await env.post(body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401);
    const unsigned = await fetch(`${env.svc.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.text });
    expect(unsigned.status).toBe(401);
    await env.svc.http.idle();
    expect(env.fake.calls.slice(from).filter((c) => !isDigestNotice(c))).toEqual([]);
  });

  it('accepts a request signed 4 minutes ago', async () => {
    const { from } = await env.command(people.maria, 'hjälp');
    const res = await env.post(slashCommand(people.maria, 'hjälp', { responseUrl: env.fake.responseUrl('old') }), { timestamp: Math.floor(Date.now() / 1000) - 4 * 60 });
    expect(res.status).toBe(200);
    await env.message(from);
  });

  it('acks /stafett hjälp at once and answers ephemerally via response_url', async () => {
    const { res, from, hook } = await env.command(people.maria, 'hjälp');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const msg = await env.message(from, (c) => c.hook === hook);
    expect(msg.args.response_type).toBe('ephemeral');
    expect(textOf(msg)).toMatch(/kommandon/);
  });

  it('suggests the closest command for a typo, never a trace', async () => {
    const { from, hook } = await env.command(people.maria, 'stauts');
    const msg = await env.message(from, (c) => c.hook === hook);
    expect(textOf(msg)).toMatch(/status/);
    expect(textOf(msg)).not.toMatch(/at .*\.ts:\d+|Error:/);
  });

  it('opens the new-case modal with the trigger_id and creates the case from the submission', async () => {
    const { from, triggerId } = await env.command(people.maria, 'ny Hög frånvaro');
    const modal = await env.modal(from);
    expect(modal.args.trigger_id).toBe(triggerId);
    const view = modal.args.view as { type: string; callback_id: string; private_metadata: string; title: { text: string }; blocks: { block_id?: string }[] };
    expect(view.type).toBe('modal');
    expect(view.callback_id).toBe('stafett.form');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(JSON.parse(view.private_metadata).f).toBe('case.new');
    expect(view.blocks.map((b) => b.block_id).filter(Boolean)).toContain('f:studentRef');

    const sub = await env.submit(people.maria, modal, { studentRef: 'Elev 8B (AB)', unit: 'NORR', firstRole: 'mentor', reason: 'Hög frånvaro' });
    expect(sub.res.status).toBe(200);
    const msg = await env.message(sub.from);
    expect(textOf(msg)).toMatch(/SL-\d{2}-0001/);
    expect(await env.svc.db.prisma.case.count()).toBe(1);
  });

  it('offers a button when the trigger_id has expired before the modal could open', async () => {
    env.fake.failNext('views.open', { error: 'expired_trigger_id' });
    const { from, hook } = await env.command(people.maria, 'ny');
    const msg = await env.message(from, (c) => c.hook === hook);
    const open = findButton(msg, 'slack.rerun', 'ny');
    expect(open).toBeDefined();
    const click = await env.click(people.maria, open!);
    expect((await env.modal(click.from)).args.view).toMatchObject({ callback_id: 'stafett.form' });
  });

  it('shows field errors inside the modal (response_action: errors)', async () => {
    const { from } = await env.command(people.maria, 'ny');
    const modal = await env.modal(from);
    const sub = await env.submit(people.maria, modal, { studentRef: '', firstRole: 'mentor' });
    expect(sub.body).toMatchObject({ response_action: 'errors' });
    expect(Object.keys((sub.body as { errors: object }).errors)).toEqual(['f:studentRef']);
  });

  it('a retried slash command (X-Slack-Retry-Num) and a re-delivered submission create one case', async () => {
    const before = await env.svc.db.prisma.case.count();
    const first = await env.command(people.karin, 'ny');
    const modal = await env.modal(first.from);
    const retry = await env.command(people.karin, 'ny', { triggerId: first.triggerId, retryNum: 1, hook: first.hook });
    expect(retry.res.status).toBe(200);
    const values = { studentRef: 'Elev 9C (CD)', firstRole: 'mentor' };
    const a = await env.submit(people.karin, modal, values, { viewId: 'VRETRY0001' });
    const b = await env.submit(people.karin, modal, values, { viewId: 'VRETRY0001' });
    expect(a.res.status).toBe(200);
    expect(b.res.status).toBe(200);
    await env.message(a.from);
    await env.svc.http.idle();
    expect(env.fake.calls.slice(first.from).filter((c) => c.method === 'views.open')).toHaveLength(1);
    expect(await env.svc.db.prisma.case.count()).toBe(before + 1);
    // Another instance (no memory of this view) gets the same request key, so the core refuses a second case.
    const ref = { platform: 'SLACK' as const, userId: people.karin.userId, workspaceId: TEAM };
    const again = await env.svc.core.chat.submitForm(ref, 'case.new', { playbook: 's0-elevvard' }, { playbook: 's0-elevvard', ...values }, { requestKey: `slack:${TEAM}:view:VRETRY0001` });
    expect(again.ok).toBe(true);
    expect(JSON.stringify(again)).not.toMatch(/⚠/);
    expect(await env.svc.db.prisma.case.count()).toBe(before + 1);
  });

  it('publishes App Home on app_home_opened, once per event_id', async () => {
    const from = env.fake.calls.length;
    const ev = appHomeOpened(people.maria, 'EvHOME0001');
    expect((await env.post(ev)).status).toBe(200);
    expect((await env.post(ev, { retryNum: 1, retryReason: 'http_timeout' })).status).toBe(200);
    const publish = await env.fake.waitFor((calls) => calls.slice(from).find((c) => c.method === 'views.publish'));
    expect(publish.args.user_id).toBe(people.maria.userId);
    const view = publish.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(findButton(publish, 'case.new')).toBeDefined();
    await env.svc.http.idle();
    expect(env.fake.calls.slice(from).filter((c) => c.method === 'views.publish')).toHaveLength(1);
    expect(blocksOf(publish).length).toBeLessThanOrEqual(100);
  });

  it('uses the workspace team id to find the organisation', async () => {
    const p = await env.svc.db.prisma.person.findFirstOrThrow({ where: { slackUserId: people.maria.userId } });
    const ws = await env.svc.db.prisma.platformWorkspace.findFirstOrThrow({ where: { externalId: TEAM } });
    expect(ws.orgId).toBe(p.orgId);
  });
});
