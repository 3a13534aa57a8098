/**
 * SIGKILL between Slack's acceptance of a notice and its SENT mark, for each kind of notice a
 * person's action sends (issue 15): hand-over accepted, report of concern to the baton holder,
 * hand-over declined, consent withdrawn (by a button), absence signals from an attendance file
 * shared in the DM, and the failure notice to the case lead when a notice cannot be delivered
 * (the hand-over request itself: sigkill-delivery.test.ts). Each time the
 * instance dies with the message in Slack and its outbox row in flight; an instance on the same
 * PostgreSQL settles it from Slack's history — CONFIRMED, never sent twice — and every other
 * notice of the same change is delivered too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateKeySpec } from '../../src/shared/crypto.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackAdapter } from '../../adapters/slack/slack-app.ts';
import { createServerDatabase, serverUrl } from '../support/db.ts';
import { createButtonActionId } from '../../adapters/slack/action-ids.ts';
import { blockActions, fileShareMessage, newTriggerId, nextMessage, postSigned, slashCommand, textOf, viewSubmission, type Who } from '../support/fake-slack-payloads.ts';
import { startFakeSlack, type FakeSlack, type FakeSlackCall } from '../support/fake-slack.ts';
import { startTestService } from '../support/service.ts';
import { ORG_FILE, people, SECRET } from '../adapters/slack/slack-harness.ts';
import { spawnService } from './support/spawn-service.ts';

/** The instances share one database, so they share its encryption key (src/infra/key-check.ts). */
const KEY = generateKeySpec('faults');

const payloadOf = (c: FakeSlackCall) => (c.args.metadata as { event_payload?: { kind?: string; key?: string } } | undefined)?.event_payload;

describe.runIf(serverUrl)('fault: SIGKILL while each kind of notice is being delivered (postgres)', () => {
  let fake: FakeSlack;
  let db: { url: string; drop: () => Promise<void> };
  let code = '';
  let env: Record<string, string>;

  beforeAll(async () => {
    fake = await startFakeSlack();
    const emails = { maria: 'maria.mentor', karin: 'karin.koordinator', sara: 'sara.soc', tove: 'tove.teamledare', elin: 'elin.kurator' } as const;
    for (const name of ['maria', 'karin', 'sara', 'tove', 'elin'] as const) {
      fake.users.set(people[name].userId, { id: people[name].userId, name, email: `${emails[name]}@slackby.example`, locale: 'sv-SE' });
    }
    db = await createServerDatabase();
    env = {
      NODE_ENV: 'test', PORT: '0', STAFETT_DATA_DIR: 'memory://', STAFETT_CONSOLE: '0', LOG_LEVEL: 'silent', STAFETT_DISPATCH_INTERVAL_MS: '60000',
      SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: fake.apiUrl, STAFETT_ORG_FILE: ORG_FILE, DATABASE_URL: db.url, STAFETT_DEV_CLOCK: '1', STAFETT_ENCRYPTION_KEY: KEY,
    };
  }, 120_000);
  afterAll(async () => {
    await fake?.close();
    await db?.drop();
  });

  const say = async (url: string, who: Who, text: string) => {
    const from = fake.calls.length;
    const hook = `h${from}`;
    await postSigned(url, SECRET, slashCommand(who, text, { triggerId: newTriggerId(), responseUrl: fake.responseUrl(hook) }));
    return textOf(await fake.waitFor((calls) => calls.slice(from).find((c) => c.method === 'response_url' && c.hook === hook), 20_000));
  };

  /** Runs `act` on a fresh instance, killed the moment Slack has taken a `kind` notice; another instance settles it. */
  async function killDuring(kind: string, act: (url: string) => Promise<void>): Promise<void> {
    const child = await spawnService({ ...env, STAFETT_INSTANCE_ID: `doomed-${kind}` });
    try {
      if (!code) {
        await fetch(`${child.url}/dev/clock`, { method: 'POST', body: JSON.stringify({ set: '2026-12-02T09:00:00+01:00' }) });
        const from = fake.calls.length;
        await postSigned(child.url, SECRET, slashCommand(people.maria, 'ny', { triggerId: newTriggerId(), responseUrl: fake.responseUrl('ny') }));
        const modal = await fake.waitFor((calls) => calls.slice(from).find((c) => c.method === 'views.open'), 20_000);
        const sub = fake.calls.length;
        await postSigned(child.url, SECRET, viewSubmission(people.maria, (modal.args as { view: Record<string, unknown> & { blocks: [] } }).view, { studentRef: 'Elev 6D', unit: 'NORR', firstRole: 'mentor' }));
        code = /SL-\d{2}-\d{4}/.exec(textOf(await nextMessage(fake, sub)))![0];
      }
      let killed: FakeSlackCall | undefined;
      fake.onAccepted = (call) => {
        if (payloadOf(call)?.kind !== kind || killed) return;
        killed = call;
        child.kill('SIGKILL');
      };
      await act(child.url);
      expect(await child.exited).toBe('SIGKILL');
      fake.onAccepted = undefined;
      const key = payloadOf(killed!)!.key!;

      const b = await startTestService({ adapters: [slackAdapter], env: { ...env, STAFETT_INSTANCE_ID: `survivor-${kind}` } });
      try {
        const before = fake.calls.length;
        await fetch(`${b.url}/dev/clock`, { method: 'POST', body: JSON.stringify({ advance: 'PT5M' }) });
        await b.core.reminders.sweepOnce();
        // The outbox row the killed delivery belonged to (its key is `nudge:<id>`).
        const row = await b.db.prisma.nudge.findUniqueOrThrow({ where: { id: key.split(':')[1]! }, include: { attemptsLog: true } });
        expect(row.kind).toBe(kind);
        expect(row.status).toBe('SENT');
        expect(row.attemptsLog.map((a) => a.outcome)).toContain('CONFIRMED');
        // Exactly one message with that key ever reached Slack; the survivor sent no second one.
        expect(fake.callsOf('chat.postMessage').filter((c) => payloadOf(c)?.key === key)).toHaveLength(1);
        expect(fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage' && payloadOf(c)?.key === key)).toEqual([]);
        // Every notice of the kind (an attendance file raises several) is SENT and in Slack exactly once.
        const all = await b.db.prisma.nudge.findMany({ where: { kind }, select: { id: true, status: true } });
        expect(all.length).toBeGreaterThan(0);
        for (const n of all) {
          expect(n.status).toBe('SENT');
          expect(fake.callsOf('chat.postMessage').filter((c) => payloadOf(c)?.key === `nudge:${n.id}`)).toHaveLength(1);
        }
        // Nothing of the change is left undelivered.
        expect(await b.db.prisma.nudge.count({ where: { status: 'PENDING', kind: { in: ['handover.request', 'handover.accepted', 'handover.declined', 'concern.reported', 'concern.disclosed', 'consent.withdrawn', 'absence.signal', 'delivery.failed'] } } })).toBe(0);
      } finally {
        await b.close();
      }
    } finally {
      child.kill('SIGKILL');
    }
  }

  it('hand-over accepted: the previous holder\'s notice is in Slack once', async () => {
    await killDuring('handover.accepted', async (url) => {
      expect(await say(url, people.maria, `stafett ${code} <@${people.karin.userId}>`)).toContain('✅');
      await say(url, people.karin, `acceptera ${code}`);
    });
  }, 90_000);

  it('report of concern: the baton holder\'s notice is in Slack once, social services\' too', async () => {
    await killDuring('concern.reported', async (url) => {
      await say(url, people.maria, `oro ${code} Eleven berättar om bråk hemma`);
    });
  }, 90_000);

  it('hand-over declined: the holder\'s notice is in Slack once', async () => {
    await killDuring('handover.declined', async (url) => {
      expect(await say(url, people.karin, `stafett ${code} <@${people.maria.userId}>`)).toContain('✅');
      await say(url, people.maria, `avböj ${code} Jag har inte tid just nu`);
    });
  }, 90_000);

  it('consent withdrawn: the lead\'s notice is in Slack once', async () => {
    await killDuring('consent.withdrawn', async (url) => {
      const from = fake.calls.length;
      // The consent view's "new consent" button opens the form.
      await postSigned(url, SECRET, blockActions(people.maria, { action_id: createButtonActionId(0, 'case.consentForm'), value: code }, { channelId: 'DDIRECT1', responseUrl: fake.responseUrl(`consent${from}`), triggerId: newTriggerId() }));
      const modal = await fake.waitFor((calls) => calls.slice(from).find((c) => c.method === 'views.open'), 20_000);
      const sub = fake.calls.length;
      await postSigned(url, SECRET, viewSubmission(people.maria, (modal.args as { view: Record<string, unknown> & { blocks: [] } }).view, { status: 'GIVEN', scope: 'SCHOOL,SOCIAL_SERVICES', givenBy: 'GUARDIAN' }));
      expect(textOf(await nextMessage(fake, sub))).toContain('✅');
      // Maria (not the baton holder) withdraws it with the button; Karin, the lead, is told.
      await postSigned(url, SECRET, blockActions(people.maria, { action_id: createButtonActionId(0, 'consent.withdraw'), value: code }, { channelId: 'DDIRECT1', responseUrl: fake.responseUrl(`withdraw${sub}`), triggerId: newTriggerId() }));
    });
  }, 90_000);

  it('absence signal: an attendance file shared in the DM; the first signal\'s notice is in Slack once, the others delivered', async () => {
    await killDuring('absence.signal', async (url) => {
      const file = fake.addFile('franvaro-vecka-45-47.csv', readFileSync(path.join(import.meta.dirname, '../../examples/attendance/franvaro-vecka-45-47.csv')));
      await postSigned(url, SECRET, fileShareMessage(people.tove, [file]));
    });
  }, 90_000);

  it('failure notice: a hand-over request Slack refuses for good; the lead\'s failure notice is in Slack once', async () => {
    await killDuring('delivery.failed', async (url) => {
      // Maria's account is gone as far as Slack is concerned: the request to her fails permanently.
      fake.failNext('chat.postMessage', { error: 'account_inactive' });
      expect(await say(url, people.karin, `stafett ${code} <@${people.maria.userId}>`)).toContain('✅');
      // Moving the clock sweeps at once, should the failure notice not have gone out yet.
      for (let i = 0; i < 5; i++) {
        const r = await fetch(`${url}/dev/clock`, { method: 'POST', body: JSON.stringify({ advance: 'PT1M' }) }).catch(() => undefined);
        if (!r) break;
        await new Promise((res) => setTimeout(res, 500));
      }
    });
  }, 90_000);
});
