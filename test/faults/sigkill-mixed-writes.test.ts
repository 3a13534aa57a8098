/**
 * SIGKILL during a burst of mixed writes (issue 15): reports of concern, a hand-over, decisions,
 * an action marked done, a consent and a meeting (the last two as modal submissions), sent at
 * once to one instance, which is killed the instant every ack is back. Some of Karin's requests
 * cannot have begun (her Slack profile lookup is held up). After a restart: every acknowledged
 * request is either carried out once (and answered ✅) or answered "Stafett startades om" with
 * nothing written; each kind's records match the requests carried out — none lost, none doubled.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/infra/db/database.ts';
import { generateKeySpec } from '../../src/shared/crypto.ts';
import { createServerDatabase, dbKind, serverUrl } from '../support/db.ts';
import { newTriggerId, nextMessage, postSigned, slashCommand, textOf, viewSubmission, type SlackBody, type Who } from '../support/fake-slack-payloads.ts';
import { startFakeSlack, type FakeSlack, type FakeSlackCall } from '../support/fake-slack.ts';
import { ORG_FILE, people, SECRET } from '../adapters/slack/slack-harness.ts';
import { spawnService, type ChildService } from './support/spawn-service.ts';

type View = Record<string, unknown> & { blocks: []; private_metadata: string };

describe(`fault: SIGKILL during a burst of mixed writes (${dbKind})`, () => {
  let fake: FakeSlack;
  let dir: string | undefined;
  let db: { url: string; drop: () => Promise<void> } | undefined;
  const children: ChildService[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.users.set(people.maria.userId, { id: people.maria.userId, name: 'maria', email: 'maria.mentor@slackby.example', locale: 'sv-SE' });
    fake.users.set(people.karin.userId, { id: people.karin.userId, name: 'karin', email: 'karin.koordinator@slackby.example', locale: 'sv-SE' });
    if (serverUrl) db = await createServerDatabase();
    else dir = mkdtempSync(path.join(os.tmpdir(), 'stafett-mixed-'));
    env = {
      NODE_ENV: 'test', PORT: '0', STAFETT_CONSOLE: '0', LOG_LEVEL: 'warn', STAFETT_DISPATCH_INTERVAL_MS: '60000',
      SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: fake.apiUrl, STAFETT_ORG_FILE: ORG_FILE,
      STAFETT_ENCRYPTION_KEY: generateKeySpec('mixed'), STAFETT_INBOX_LEASE_MS: '3000', STAFETT_INBOX_SWEEP_MS: '300',
      DATABASE_URL: db?.url ?? '', STAFETT_DATA_DIR: dir ?? 'memory://',
    };
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await fake?.close();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every acknowledged write is done once or answered "startades om"; none lost, none doubled', async () => {
    const a = await spawnService({ ...env, STAFETT_INSTANCE_ID: 'doomed' });
    children.push(a);
    const post = (body: SlackBody) => postSigned(a.url, SECRET, body);
    const modalOf = async (who: Who, text: string): Promise<View> => {
      const from = fake.calls.length;
      await post(slashCommand(who, text, { triggerId: newTriggerId(), responseUrl: fake.responseUrl(`open${from}`) }));
      return (await fake.waitFor((calls) => calls.slice(from).find((c) => c.method === 'views.open'), 20_000)).args.view as View;
    };
    const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
    // A case, with one action to mark done.
    const sub = fake.calls.length;
    await post(viewSubmission(people.maria, await modalOf(people.maria, 'ny'), { studentRef: 'Elev 8C', unit: 'NORR', firstRole: 'mentor' }));
    const code = /SL-\d{2}-\d{4}/.exec(textOf(await nextMessage(fake, sub)))![0];
    const act = fake.calls.length;
    await post(viewSubmission(people.maria, await modalOf(people.maria, `åtgärd ${code} Extra stöd i matematik`), { text: 'Extra stöd i matematik', owner: people.maria.userId, dueAt: tomorrow }));
    expect(textOf(await nextMessage(fake, act))).toContain('✅');
    const consentView = await modalOf(people.maria, `samtycke ${code}`);
    const meetingView = await modalOf(people.maria, `möte ${code}`);

    // The burst. Every request has its own answer hook; a form's answer goes where its metadata says.
    type Req = { hook: string; key: string; kind: string; body: SlackBody };
    const reqs: Req[] = [];
    const command = (who: Who, kind: string, text: string) => {
      const hook = `${kind}${reqs.length}`;
      const triggerId = newTriggerId();
      reqs.push({ hook, kind, key: `slack:${who.teamId}:${triggerId}`, body: slashCommand(who, text, { triggerId, responseUrl: fake.responseUrl(hook) }) });
    };
    const form = (kind: string, view: View, values: Record<string, string>) => {
      const hook = `${kind}${reqs.length}`;
      const meta = { ...(JSON.parse(view.private_metadata) as Record<string, unknown>), r: fake.responseUrl(hook) };
      const viewId = `VMIX${reqs.length}`;
      reqs.push({ hook, kind, key: `slack:${people.maria.teamId}:view:${viewId}`, body: viewSubmission(people.maria, { ...view, private_metadata: JSON.stringify(meta) }, values, { viewId }) });
    };
    for (let i = 0; i < 3; i++) command(people.maria, 'oro', `oro ${code} Oro ${i}: eleven berättar om bråk hemma`);
    command(people.maria, 'stafett', `stafett ${code} <@${people.karin.userId}>`);
    for (let i = 0; i < 2; i++) command(people.maria, 'beslut', `beslut ${code} Beslut ${i}: anpassat schema`);
    command(people.maria, 'klar', `klar ${code} 1`);
    form('samtycke', consentView, { status: 'GIVEN', scope: 'SCHOOL,SOCIAL_SERVICES', givenBy: 'GUARDIAN' });
    form('mote', meetingView, { type: 'malmote', startsAt: `${tomorrow} 13:30`, durationMin: '45', location: 'Rum 12' });
    for (let i = 0; i < 2; i++) command(people.karin, 'karin', `oro ${code} Karins oro ${i}`);
    fake.delay = (c: FakeSlackCall) => (c.method === 'users.info' && c.args.user === people.karin.userId ? 60_000 : undefined);
    const acks = await Promise.all(reqs.map((r) => post(r.body)));
    a.kill('SIGKILL');
    expect(acks.map((r) => r.status)).toEqual(reqs.map(() => 200));
    expect(await a.exited).toBe('SIGKILL');
    fake.delay = undefined;

    const answersTo = (hook: string) => fake.calls.filter((c) => c.method === 'response_url' && c.hook === hook).map(textOf);
    const isDone = (t: string) => t.includes('✅');
    const isRestarted = (t: string) => t.includes('Stafett startades om');
    const b = await spawnService({ ...env, STAFETT_INSTANCE_ID: 'restarted' });
    children.push(b);
    await fake.waitFor(() => reqs.every((r) => answersTo(r.hook).some((t) => isDone(t) || isRestarted(t))), 30_000).catch((e: unknown) => {
      throw new Error(`${(e as Error).message}\n${reqs.map((r) => `${r.hook}: ${answersTo(r.hook).join(' | ')}`).join('\n')}`);
    });
    b.kill('SIGTERM');
    await b.exited;

    const database = await openDatabase({ databaseUrl: db?.url, dataDir: dir ?? 'memory://', poolSize: 2 });
    try {
      const prisma = database.prisma;
      const caseId = (await prisma.case.findFirstOrThrow({ where: { code } })).id;
      const done = new Map<string, number>();
      for (const r of reqs) {
        const answers = answersTo(r.hook);
        expect(answers.some(isDone) && answers.some(isRestarted), `${r.hook}: ${answers.join(' | ')}`).toBe(false);
        const carriedOut = (await prisma.processedRequest.count({ where: { key: r.key } })) === 1;
        expect(carriedOut, `${r.hook}: ${answers.join(' | ')}`).toBe(answers.some(isDone));
        if (carriedOut) done.set(r.kind, (done.get(r.kind) ?? 0) + 1);
      }
      console.log(`mixed writes (${dbKind}): carried out ${JSON.stringify(Object.fromEntries(done))} of ${reqs.length}`);
      expect(done.get('karin')).toBeUndefined();
      expect(await prisma.concernReport.count({ where: { caseId } })).toBe(done.get('oro') ?? 0);
      expect(await prisma.batonHandover.count({ where: { caseId } })).toBe(done.get('stafett') ?? 0);
      expect(await prisma.decision.count({ where: { caseId } })).toBe(done.get('beslut') ?? 0);
      expect(await prisma.caseAction.count({ where: { caseId, status: 'DONE' } })).toBe(done.get('klar') ?? 0);
      expect(await prisma.consent.count({ where: { caseId } })).toBe(done.get('samtycke') ?? 0);
      expect(await prisma.meeting.count({ where: { caseId } })).toBe(done.get('mote') ?? 0);
      expect(await prisma.inboxEntry.count({ where: { state: 'RECEIVED' } })).toBe(0);
    } finally {
      await database.close();
    }
  }, 120_000);
});
