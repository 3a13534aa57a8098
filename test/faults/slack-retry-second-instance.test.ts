/**
 * Slack retries landing on a second instance: two Stafett instances share one PostgreSQL and one
 * (fake) Slack; every write is sent to instance A and, at the same moment, the identical signed
 * payload with `X-Slack-Retry-Num: 1` to instance B (whose per-process RecentRequests has never
 * seen it). Each write kind is recorded exactly once, both deliveries are answered, and B's answer
 * is the first result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackAdapter } from '../../adapters/slack/slack-app.ts';
import { serverUrl } from '../support/db.ts';
import { newTriggerId, postSigned, slashCommand, textOf, viewSubmission, type SlackBody, type Who } from '../support/fake-slack-payloads.ts';
import type { FakeSlackCall } from '../support/fake-slack.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { ORG_FILE, people, SECRET, startSlackTestEnv, type SlackTestEnv } from '../adapters/slack/slack-harness.ts';
import { generateKeySpec } from '../../src/shared/crypto.ts';

/** Both instances share one database, so they share its encryption key (src/infra/key-check.ts). */
const KEY = generateKeySpec('retry');

describe.runIf(serverUrl)('fault: Slack retries on a second instance (postgres)', () => {
  let a: SlackTestEnv;
  let b: TestService;
  let code = '';
  let caseId = '';
  let hookSeq = 0;
  const prisma = () => a.svc.db.prisma;

  beforeAll(async () => {
    a = await startSlackTestEnv({ STAFETT_ENCRYPTION_KEY: KEY });
    b = await startTestService({
      adapters: [slackAdapter],
      env: { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: a.fake.apiUrl, STAFETT_ORG_FILE: ORG_FILE, DATABASE_URL: a.svc.config.databaseUrl!, STAFETT_INSTANCE_ID: 'instance-b', STAFETT_ENCRYPTION_KEY: KEY },
    });
    const { from } = await a.command(people.maria, 'ny');
    const sub = await a.submit(people.maria, await a.modal(from), { studentRef: 'Elev 9A', unit: 'NORR', firstRole: 'mentor' });
    code = /SL-\d{2}-\d{4}/.exec(textOf(await a.message(sub.from)))![0];
    caseId = (await prisma().case.findFirstOrThrow({ where: { code } })).id;
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  /** Posts `body` to A and, concurrently, as a retry to B; returns the answers posted to `hook` (or DMs). */
  async function both(body: SlackBody, hook: string, expected = 2): Promise<FakeSlackCall[]> {
    const from = a.fake.calls.length;
    const [ra, rb] = await Promise.all([postSigned(a.svc.url, SECRET, body), postSigned(b.url, SECRET, body, { retryNum: 1, retryReason: 'http_timeout' })]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    return a.fake.waitFor((calls) => {
      const answers = calls.slice(from).filter((c) => (c.method === 'response_url' && c.hook === hook) || (c.method === 'chat.postMessage' && !c.args.metadata));
      return answers.length >= expected && answers;
    }, 20_000);
  }

  async function command(who: Who, text: string): Promise<string[]> {
    const hook = `retry${++hookSeq}`;
    const answers = await both(slashCommand(who, text, { triggerId: newTriggerId(), responseUrl: a.fake.responseUrl(hook) }), hook);
    return answers.map(textOf);
  }

  /** Opens a command's modal on A, then submits it to A and (as a retry) to B with one view id. */
  async function form(who: Who, text: string, values: Record<string, string>): Promise<string[]> {
    const opened = await a.command(who, text);
    const modal = await a.modal(opened.from);
    const view = (modal.args as { view: Record<string, unknown> & { blocks: [] } }).view;
    const answers = await both(viewSubmission(who, view, values, { viewId: `VRETRY${++hookSeq}` }), opened.hook);
    return answers.map(textOf);
  }

  const keys = async (prefix: string) => prisma().processedRequest.count({ where: { key: { startsWith: prefix } } });

  it('oro: one report of concern, one notice to social services; both answered with the first result', async () => {
    const answers = await command(people.maria, `oro ${code} Eleven berättar om oro hemma`);
    expect(answers.every((t) => t.includes('✅'))).toBe(true);
    expect(await prisma().concernReport.count({ where: { caseId } })).toBe(1);
    expect(await prisma().nudge.count({ where: { caseId, kind: 'concern.disclosed' } })).toBe(1);
  });

  it('stafett: one pending hand-over and one hand-over request notice', async () => {
    const answers = await command(people.maria, `stafett ${code} <@${people.karin.userId}>`);
    expect(answers.every((t) => t.includes('✅'))).toBe(true);
    expect(await prisma().batonHandover.count({ where: { caseId } })).toBe(1);
    expect(await prisma().nudge.count({ where: { caseId, kind: 'handover.request' } })).toBe(1);
  });

  it('acceptera: the baton moves once, one log line, one notice to the previous holder', async () => {
    const answers = await command(people.karin, `acceptera ${code}`);
    // Both say it was accepted: the retry does not answer "no pending hand-over".
    expect(answers.every((t) => t.includes('✅'))).toBe(true);
    expect(await prisma().caseLogEntry.count({ where: { caseId, kind: 'baton.accepted' } })).toBe(1);
    expect(await prisma().nudge.count({ where: { caseId, kind: 'handover.accepted' } })).toBe(1);
  });

  it('nästa: the case advances one stage, not two', async () => {
    const stage = (await prisma().case.findUniqueOrThrow({ where: { id: caseId } })).stage;
    const answers = await command(people.karin, `nästa ${code}`);
    expect(answers.every((t) => t.includes('✅'))).toBe(true);
    expect(answers[0]).toBe(answers[1]);
    const log = await prisma().caseLogEntry.findMany({ where: { caseId, kind: 'case.stage' } });
    expect((await prisma().case.findUniqueOrThrow({ where: { id: caseId } })).stage).not.toBe(stage);
    expect(log.filter((l) => (l.params as { from?: string }).from === stage)).toHaveLength(1);
  });

  it('beslut: one decision', async () => {
    await command(people.karin, `beslut ${code} Anpassat schema i fyra veckor`);
    expect(await prisma().decision.count({ where: { caseId } })).toBe(1);
  });

  it('avvikelse (form): one deviation', async () => {
    await form(people.karin, `avvikelse ${code}`, { theme: 'information', text: 'Kallelsen kom för sent' });
    expect(await prisma().deviation.count({ where: { caseId } })).toBe(1);
  });

  it('samtycke (form): one consent', async () => {
    await form(people.karin, `samtycke ${code}`, { status: 'GIVEN', scope: 'SCHOOL,SOCIAL_SERVICES', givenBy: 'GUARDIAN' });
    expect(await prisma().consent.count({ where: { caseId } })).toBe(1);
    expect(await keys('slack:T0TEST:view:VRETRY')).toBeGreaterThanOrEqual(2);
  });
});
