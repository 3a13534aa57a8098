/** Starts the real service with the Slack adapter against the fake Web API, plus a small driver. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { slackAdapter } from '../../../adapters/slack/slack-app.ts';
import type { AdapterFactory } from '../../../src/ports/adapter.ts';
import { startFakeSlack, type FakeSlack, type FakeSlackCall } from '../../support/fake-slack.ts';
import {
  blockActions,
  newTriggerId,
  nextMessage,
  postSigned,
  slashCommand,
  viewSubmission,
  type SignedPostOptions,
  type SlackBody,
  type Who,
} from '../../support/fake-slack-payloads.ts';
import { startTestService, type TestService } from '../../support/service.ts';

export const SECRET = 'test-secret';
export const TEAM = 'T0TEST';
export const ORG_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'org.yaml');

export const people = {
  maria: { teamId: TEAM, userId: 'U0MARIA' },
  karin: { teamId: TEAM, userId: 'U0KARIN' },
  sara: { teamId: TEAM, userId: 'U0SARA' },
  tove: { teamId: TEAM, userId: 'U0TOVE' },
  elin: { teamId: TEAM, userId: 'U0ELIN' },
  olle: { teamId: TEAM, userId: 'U0OLLE' },
} satisfies Record<string, Who>;

export interface SlackTestEnv {
  fake: FakeSlack;
  svc: TestService;
  post(body: SlackBody, opts?: SignedPostOptions): Promise<Response>;
  /** Runs `/stafett <text>`; returns the index into fake.calls where its effects start. */
  command(who: Who, text: string, opts?: { channelId?: string; triggerId?: string; retryNum?: number; hook?: string }): Promise<{ res: Response; from: number; hook: string; triggerId: string }>;
  /** Waits for the modal opened after `from`. */
  modal(from: number): Promise<FakeSlackCall>;
  /** Submits a captured modal; returns the HTTP answer (errors / update) and where effects start. */
  submit(who: Who, modalCall: FakeSlackCall, values: Record<string, string>, opts?: { viewId?: string }): Promise<{ res: Response; body: unknown; from: number }>;
  /** Clicks a captured button. */
  click(who: Who, button: { action_id: string; value?: string }, opts?: { channelId?: string; hook?: string; view?: Record<string, unknown> }): Promise<{ res: Response; from: number; hook: string }>;
  /** The next message-bearing call after `from`. */
  message(from: number, predicate?: (c: FakeSlackCall) => boolean): Promise<FakeSlackCall>;
  close(): Promise<void>;
}

let hookSeq = 0;

export async function startSlackTestEnv(extraEnv: Record<string, string> = {}, adapters: AdapterFactory[] = [slackAdapter]): Promise<SlackTestEnv> {
  const fake = await startFakeSlack();
  const emails: Record<keyof typeof people, string> = {
    maria: 'maria.mentor', karin: 'karin.koordinator', sara: 'sara.soc', tove: 'tove.teamledare', elin: 'elin.kurator', olle: 'olle',
  };
  for (const [name, w] of Object.entries(people) as [keyof typeof people, Who][]) {
    fake.users.set(w.userId, { id: w.userId, name: `${name} (Slack)`, email: `${emails[name]}@slackby.example`, locale: 'sv-SE' });
  }
  const svc = await startTestService({
    adapters,
    env: { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: fake.apiUrl, STAFETT_ORG_FILE: ORG_FILE, ...extraEnv },
  });
  const post = (body: SlackBody, opts?: SignedPostOptions) => postSigned(svc.url, SECRET, body, opts);
  const env: SlackTestEnv = {
    fake,
    svc,
    post,
    async command(who, text, opts = {}) {
      const hook = opts.hook ?? `cmd${++hookSeq}`;
      const triggerId = opts.triggerId ?? newTriggerId();
      const from = fake.calls.length;
      const res = await post(slashCommand(who, text, { channelId: opts.channelId, triggerId, responseUrl: fake.responseUrl(hook) }), { retryNum: opts.retryNum });
      return { res, from, hook, triggerId };
    },
    modal: (from) => fake.waitFor((calls) => calls.slice(from).find((c) => c.method === 'views.open'), 20_000),
    async submit(who, modalCall, values, opts = {}) {
      const view = (modalCall.args as { view: Record<string, unknown> & { blocks: [] } }).view;
      const from = fake.calls.length;
      const res = await post(viewSubmission(who, view, values, { viewId: opts.viewId }));
      const text = await res.text();
      return { res, body: text ? JSON.parse(text) : undefined, from };
    },
    async click(who, button, opts = {}) {
      const hook = opts.hook ?? `btn${++hookSeq}`;
      const from = fake.calls.length;
      const res = await post(blockActions(who, button, { channelId: opts.view ? undefined : (opts.channelId ?? 'DDIRECT1'), responseUrl: opts.view ? undefined : fake.responseUrl(hook), view: opts.view }));
      return { res, from, hook };
    },
    message: (from, predicate) => nextMessage(fake, from, predicate),
    async close() {
      await svc.close();
      await fake.close();
    },
  };
  return env;
}
