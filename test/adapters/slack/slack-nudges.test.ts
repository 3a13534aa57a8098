import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind } from '../../support/db.ts';
import { findButton, textOf } from '../../support/fake-slack-payloads.ts';
import type { FakeSlackCall } from '../../support/fake-slack.ts';
import { people, startSlackTestEnv, type SlackTestEnv } from './slack-harness.ts';

describe(`nudges in Slack (${dbKind})`, () => {
  let env: SlackTestEnv;
  let code = '';
  beforeAll(async () => {
    // With Slack credentials the development clock exists only when asked for.
    env = await startSlackTestEnv({ STAFETT_DEV_CLOCK: '1' });
    const { from } = await env.command(people.maria, 'ny');
    const sub = await env.submit(people.maria, await env.modal(from), { studentRef: 'Elev 6C', unit: 'NORR', firstRole: 'mentor' });
    code = /SL-\d{2}-\d{4}/.exec(textOf(await env.message(sub.from)))![0];
  });
  afterAll(async () => env?.close());

  it('delivers a due nudge as a DM with buttons; done replaces the message and a second click shows the same state', async () => {
    const ref = { platform: 'SLACK' as const, userId: people.maria.userId, workspaceId: people.maria.teamId };
    const inDays = (d: number) => new Date(env.svc.core.clock.now().getTime() + d * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
    const booked = await env.svc.core.chat.submitForm(ref, 'meeting.schedule', { code }, { type: 'malmote', startsAt: `${inDays(6)} 10:00` });
    expect(booked.ok).toBe(true);
    const from = env.fake.calls.length;
    let nudge: FakeSlackCall | undefined;
    for (let day = 0; day < 8 && !nudge; day++) {
      await fetch(`${env.svc.url}/dev/clock`, { method: 'POST', body: JSON.stringify({ advance: 'P1D' }) });
      await env.svc.core.reminders.sweepOnce();
      nudge = env.fake.calls.slice(from).find((c) => c.method === 'chat.postMessage' && findButton(c, 'nudge.done'));
    }
    expect(nudge, 'a nudge with a done button').toBeDefined();
    expect(String(nudge!.args.channel)).toMatch(/^D/);
    expect(textOf(nudge!)).toContain(code);
    expect((nudge!.args.metadata as { event_type: string }).event_type).toBe('stafett_notice');

    const done = findButton(nudge!, 'nudge.done')!;
    const recipient = Object.values(people).find((p) => `D${p.userId.slice(1)}` === nudge!.args.channel)!;
    const a = await env.click(recipient, done, { channelId: String(nudge!.args.channel), hook: 'nudge-dm' });
    const first = await env.message(a.from, (c) => c.hook === 'nudge-dm');
    const b = await env.click(recipient, done, { channelId: String(nudge!.args.channel), hook: 'nudge-dm' });
    const second = await env.message(b.from, (c) => c.hook === 'nudge-dm');
    expect(first.args.replace_original).toBe(true);
    expect(second.args.replace_original).toBe(true);
    expect(textOf(second)).toBe(textOf(first));
    expect(textOf(first)).toMatch(/markerat som gjort/i);
    // The first click acknowledged the nudge; the second changed nothing.
    const row = await env.svc.db.prisma.nudge.findFirstOrThrow({ where: { status: 'SENT', cancelReason: 'done' } });
    expect(row.id).toBe(done.value);
    expect(await env.svc.db.prisma.auditEvent.count({ where: { action: 'nudge.done' } })).toBe(1);
  });
});
