/**
 * Notices through the outbox, end to end in Slack: the change writes the notice in its own
 * transaction, the dispatcher delivers it to the recipient's DM (retrying a failing Slack),
 * rendered in their language, and a hand-over request outside working hours waits for the morning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind } from '../support/db.ts';
import { findButton, textOf } from '../support/fake-slack-payloads.ts';
import type { FakeSlackCall } from '../support/fake-slack.ts';
import { people, startSlackTestEnv, type SlackTestEnv } from '../adapters/slack/slack-harness.ts';

const kindOf = (c: FakeSlackCall) => (c.args.metadata as { event_payload?: { kind?: string } } | undefined)?.event_payload?.kind;

describe(`notices through the outbox in Slack (${dbKind})`, () => {
  let env: SlackTestEnv;
  let code = '';
  const setClock = async (iso: string) => {
    await env.svc.core.devClock!.set(new Date(iso));
    await env.svc.core.reminders.sweepOnce();
  };
  const notice = (from: number, kind: string, channel: string, timeoutMs = 30_000) =>
    env.fake.waitFor((calls) => calls.slice(from).find((c) => c.method === 'chat.postMessage' && kindOf(c) === kind && c.args.channel === channel), timeoutMs);
  const sentRow = async (kind: string) => {
    for (let i = 0; i < 300; i++) {
      const row = await env.svc.db.prisma.nudge.findFirst({ where: { kind, status: 'SENT' } });
      if (row) return row;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no SENT ${kind}`);
  };
  const say = async (who: (typeof people)[keyof typeof people], text: string) => {
    const r = await env.command(who, text);
    return textOf(await env.message(r.from, (c) => c.hook === r.hook));
  };

  beforeAll(async () => {
    env = await startSlackTestEnv({ STAFETT_DEV_CLOCK: '1' });
    // A Wednesday morning: inside working hours.
    await setClock('2026-12-02T09:00:00+01:00');
    const { from } = await env.command(people.maria, 'ny');
    const sub = await env.submit(people.maria, await env.modal(from), { studentRef: 'Elev 8B', unit: 'NORR', firstRole: 'mentor' });
    code = /SL-\d{2}-\d{4}/.exec(textOf(await env.message(sub.from)))![0];
  });
  afterAll(async () => env?.close());

  it('a hand-over request reaches the asked person with accept/decline; the acceptance reaches the holder', async () => {
    const from = env.fake.calls.length;
    expect(await say(people.maria, `stafett ${code} <@${people.karin.userId}>`)).toMatch(/✅/);
    const request = await notice(from, 'handover.request', 'D0KARIN');
    expect(textOf(request)).toContain(`ta över stafetten i ärende ${code}`);
    const accept = findButton(request, 'case.accept', code);
    expect(accept).toBeDefined();
    expect(findButton(request, 'case.decline', code)).toBeDefined();
    // The outbox row: SENT (marked right after Slack answered), its parameters encrypted, no name in clear text.
    const row = await sentRow('handover.request');
    expect(row).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(row.paramsEnc).toMatch(/^k?[^{]/);
    expect(JSON.stringify(row.payload)).not.toContain('Karin');

    const click = env.fake.calls.length;
    await env.click(people.karin, accept!, { channelId: 'D0KARIN', hook: 'accept' });
    expect(textOf(await env.message(click, (c) => c.hook === 'accept'))).toMatch(/✅/);
    const accepted = await notice(click, 'handover.accepted', 'D0MARIA');
    expect(textOf(accepted)).toContain(`Karin Koordinator har tagit emot stafetten i ärende ${code}`);
  });

  it('a decline reaches the holder even when Slack fails twice first (retried, delivered once)', async () => {
    const from = env.fake.calls.length;
    expect(await say(people.karin, `stafett ${code} <@${people.elin.userId}>`)).toMatch(/✅/);
    await notice(from, 'handover.request', 'D0ELIN');
    const before = env.fake.calls.length;
    env.fake.failNext('chat.postMessage', { status: 503 }, 2);
    // The decline's own reply goes by response_url; the notice to Karin meets the two 503s.
    expect(await say(people.elin, `avböj ${code}`)).toMatch(new RegExp(code));
    const attempts = await env.fake.waitFor((calls) => {
      const d = calls.slice(before).filter((c) => c.method === 'chat.postMessage' && kindOf(c) === 'handover.declined');
      return d.length >= 3 && d;
    }, 20_000);
    expect(textOf(attempts[2]!)).toContain('Elin Kurator avböjde att ta över stafetten');
    // Same idempotency key on every attempt; nothing after the one Slack accepted.
    expect(new Set(attempts.map((c) => JSON.stringify(c.args.metadata))).size).toBe(1);
    await env.svc.core.reminders.sweepOnce();
    expect(env.fake.calls.slice(before).filter((c) => kindOf(c) === 'handover.declined')).toHaveLength(3);
    await sentRow('handover.declined');
    const row = await env.svc.db.prisma.nudge.findFirstOrThrow({ where: { kind: 'handover.declined' }, include: { attemptsLog: true } });
    expect(row.attemptsLog.map((a) => a.outcome).sort()).toEqual(['OK', 'RETRY', 'RETRY']);
    expect((await env.svc.db.prisma.case.findFirstOrThrow({ where: { code } })).batonHolderId).toBe((await env.svc.db.prisma.person.findFirstOrThrow({ where: { slackUserId: people.karin.userId } })).id);
  });

  it('a report of concern by someone else reaches the baton holder at once', async () => {
    const from = env.fake.calls.length;
    expect(await say(people.maria, `oro ${code} Eleven berättar om oro hemma`)).toMatch(/✅/);
    const concern = await notice(from, 'concern.reported', 'D0KARIN');
    expect(textOf(concern)).toContain(`En orosanmälan har registrerats i ärende ${code}`);
    expect(textOf(concern)).not.toContain('Maria');
    expect(textOf(concern)).not.toContain('oro hemma');
  });

  it('a hand-over request in the evening waits for the next working morning', async () => {
    await setClock('2026-12-02T20:00:00+01:00');
    const from = env.fake.calls.length;
    expect(await say(people.karin, `stafett ${code} <@${people.maria.userId}>`)).toMatch(/✅/);
    // sweepOnce waits for any sweep already running: every delivery due now has been made.
    await env.svc.http.idle();
    await env.svc.core.reminders.sweepOnce();
    expect(env.fake.calls.slice(from).filter((c) => kindOf(c) === 'handover.request')).toEqual([]);
    const row = await env.svc.db.prisma.nudge.findFirstOrThrow({ where: { kind: 'handover.request', status: 'PENDING' } });
    expect(row.sendAt.toISOString()).toBe('2026-12-03T06:30:00.000Z');
    await setClock('2026-12-03T08:00:00+01:00');
    await env.svc.core.reminders.sweepOnce();
    await notice(from, 'handover.request', 'D0MARIA');
  });
});
