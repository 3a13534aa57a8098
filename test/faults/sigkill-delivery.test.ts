/**
 * SIGKILL between Slack's acceptance of a notice and the SENT mark: the instance dies with the
 * message in the person's DM and its outbox row still in flight. Another instance, once the lease
 * has passed, settles it from Slack's own history (the idempotency key is in the message
 * metadata) — CONFIRMED, not sent a second time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeySpec } from '../../src/shared/crypto.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackAdapter } from '../../adapters/slack/slack-app.ts';
import { createServerDatabase, serverUrl } from '../support/db.ts';
import { newTriggerId, nextMessage, postSigned, slashCommand, textOf, viewSubmission } from '../support/fake-slack-payloads.ts';
import { startFakeSlack, type FakeSlack, type FakeSlackCall } from '../support/fake-slack.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { ORG_FILE, people, SECRET } from '../adapters/slack/slack-harness.ts';

/** The instances share one database, so they share its encryption key (src/infra/key-check.ts). */
const KEY = generateKeySpec('faults');

const kindOf = (c: FakeSlackCall) => (c.args.metadata as { event_payload?: { kind?: string } } | undefined)?.event_payload?.kind;
const keyOf = (c: FakeSlackCall) => (c.args.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key;

describe.runIf(serverUrl)('fault: SIGKILL while a notice is being delivered (postgres)', () => {
  let fake: FakeSlack;
  let db: { url: string; drop: () => Promise<void> };
  let child: ChildProcess | undefined;
  let b: TestService | undefined;
  const env = () => ({
    NODE_ENV: 'test', PORT: '0', STAFETT_DATA_DIR: 'memory://', STAFETT_CONSOLE: '0', LOG_LEVEL: 'silent', STAFETT_DISPATCH_INTERVAL_MS: '60000',
    SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: fake.apiUrl, STAFETT_ORG_FILE: ORG_FILE, DATABASE_URL: db.url, STAFETT_DEV_CLOCK: '1', STAFETT_ENCRYPTION_KEY: KEY,
  });

  beforeAll(async () => {
    fake = await startFakeSlack();
    const emails = { maria: 'maria.mentor', karin: 'karin.koordinator' } as const;
    for (const [name, w] of [['maria', people.maria], ['karin', people.karin]] as const) {
      fake.users.set(w.userId, { id: w.userId, name, email: `${emails[name]}@slackby.example`, locale: 'sv-SE' });
    }
    db = await createServerDatabase();
  }, 120_000);
  afterAll(async () => {
    if (child?.pid && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
    await b?.close();
    await fake?.close();
    await db?.drop();
  });

  it('the notice is in Slack once; the next instance confirms it from conversations.history', async () => {
    child = spawn('node_modules/.bin/tsx', ['test/faults/support/service-child.ts'], { env: { ...process.env, ...env(), STAFETT_INSTANCE_ID: 'doomed' }, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    const exited = new Promise<NodeJS.Signals | null>((r) => child!.on('exit', (_c, sig) => r(sig)));
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /PORT (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child!.on('exit', () => reject(new Error(`child exited before start: ${out}`)));
    });
    const url = `http://127.0.0.1:${port}`;
    await fetch(`${url}/dev/clock`, { method: 'POST', body: JSON.stringify({ set: '2026-12-02T09:00:00+01:00' }) });
    const ny = fake.calls.length;
    await postSigned(url, SECRET, slashCommand(people.maria, 'ny', { triggerId: newTriggerId(), responseUrl: fake.responseUrl('ny') }));
    const modal = await fake.waitFor((calls) => calls.slice(ny).find((c) => c.method === 'views.open'), 20_000);
    const sub = fake.calls.length;
    await postSigned(url, SECRET, viewSubmission(people.maria, (modal.args as { view: Record<string, unknown> & { blocks: [] } }).view, { studentRef: 'Elev 5A', unit: 'NORR', firstRole: 'mentor' }));
    const code = /SL-\d{2}-\d{4}/.exec(textOf(await nextMessage(fake, sub)))![0];

    // Kill the instance the moment Slack has taken the hand-over request, before it can answer.
    let killed: FakeSlackCall | undefined;
    fake.onAccepted = (call) => {
      if (kindOf(call) !== 'handover.request' || killed) return;
      killed = call;
      process.kill(-child!.pid!, 'SIGKILL');
    };
    await postSigned(url, SECRET, slashCommand(people.maria, `stafett ${code} <@${people.karin.userId}>`, { triggerId: newTriggerId(), responseUrl: fake.responseUrl('handover') }));
    expect(await exited).toBe('SIGKILL');
    fake.onAccepted = undefined;
    expect(killed).toBeDefined();

    // Instance B on the same database and the same Slack.
    b = await startTestService({ adapters: [slackAdapter], env: { ...env(), STAFETT_INSTANCE_ID: 'survivor' } });
    const row = await b.db.prisma.nudge.findFirstOrThrow({ where: { kind: 'handover.request' }, include: { attemptsLog: true } });
    expect(row.status).toBe('PENDING');
    expect(row.attemptsLog.map((a) => a.outcome)).toEqual(['IN_FLIGHT']);
    // Past the dead instance's lease (moving the development clock sweeps at once).
    const before = fake.calls.length;
    await fetch(`${b.url}/dev/clock`, { method: 'POST', body: JSON.stringify({ advance: 'PT5M' }) });
    await b.core.reminders.sweepOnce();
    const settled = await b.db.prisma.nudge.findUniqueOrThrow({ where: { id: row.id }, include: { attemptsLog: true } });
    expect(settled.status).toBe('SENT');
    expect(settled.attemptsLog.map((a) => a.outcome).sort()).toEqual(['CONFIRMED', 'UNKNOWN']);
    expect(fake.calls.slice(before).some((c) => c.method === 'conversations.history')).toBe(true);
    // Exactly one message with that key ever reached Slack.
    expect(fake.callsOf('chat.postMessage').filter((c) => keyOf(c) === keyOf(killed!))).toHaveLength(1);
    expect(fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage' && kindOf(c) === 'handover.request')).toEqual([]);
  });
});
