/**
 * Slack request payloads in their real wire formats (slash command form-encoded, interactivity
 * as `payload=` JSON, Events API JSON), signed like Slack signs them, plus a small driver that
 * fills captured modals and clicks captured buttons.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { computeSlackSignature } from '../../adapters/slack/verify-signature.ts';
import type { FakeSlack, FakeSlackCall } from './fake-slack.ts';

export interface SignedPostOptions {
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Overrides the computed signature (forgery tests). */
  signature?: string;
  retryNum?: number;
  retryReason?: string;
  secret?: string;
}

export type SlackBody = { kind: 'form'; text: string } | { kind: 'json'; text: string };

/** POSTs a body to `/slack/events` with Slack's signature headers. */
export async function postSigned(baseUrl: string, secret: string, body: SlackBody, opts: SignedPostOptions = {}): Promise<Response> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': body.kind === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': opts.signature ?? computeSlackSignature(opts.secret ?? secret, ts, body.text),
  };
  if (opts.retryNum !== undefined) headers['x-slack-retry-num'] = String(opts.retryNum);
  if (opts.retryReason) headers['x-slack-retry-reason'] = opts.retryReason;
  return postOnce(`${baseUrl}/slack/events`, headers, body.text);
}

/**
 * One POST on a fresh connection (no keep-alive pool: a pooled socket the server has just
 * closed would make a test flaky with ECONNRESET).
 */
export function postOnce(url: string, headers: Record<string, string>, body: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        const status = res.statusCode ?? 500;
        resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers: h }));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const newTriggerId = () => `${Date.now()}.${randomBytes(4).toString('hex')}`;

export interface Who {
  teamId: string;
  userId: string;
  userName?: string;
}

/** A slash command exactly as Slack posts it (application/x-www-form-urlencoded). */
export function slashCommand(who: Who, text: string, opts: { channelId?: string; channelName?: string; triggerId?: string; responseUrl: string }): SlackBody {
  const p = new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: who.teamId,
    team_domain: 'kommun',
    channel_id: opts.channelId ?? 'DDIRECT1',
    channel_name: opts.channelName ?? (opts.channelId && !opts.channelId.startsWith('D') ? 'elevhalsa' : 'directmessage'),
    user_id: who.userId,
    user_name: who.userName ?? who.userId.toLowerCase(),
    command: '/stafett',
    text,
    api_app_id: 'A0STAFETT',
    is_enterprise_install: 'false',
    response_url: opts.responseUrl,
    trigger_id: opts.triggerId ?? newTriggerId(),
  });
  return { kind: 'form', text: p.toString() };
}

/** An interactivity payload (`payload=<json>`). */
export function interactive(payload: Record<string, unknown>): SlackBody {
  return { kind: 'form', text: new URLSearchParams({ payload: JSON.stringify(payload) }).toString() };
}

/** A button click on a message (or on the Home view when `view` is given). */
export function blockActions(who: Who, button: { action_id: string; value?: string; block_id?: string }, opts: { channelId?: string; responseUrl?: string; triggerId?: string; view?: Record<string, unknown>; messageTs?: string }): SlackBody {
  const container = opts.view
    ? { type: 'view', view_id: opts.view.id }
    : { type: 'message', message_ts: opts.messageTs ?? '1700000000.000100', channel_id: opts.channelId, is_ephemeral: true };
  return interactive({
    type: 'block_actions',
    user: { id: who.userId, username: who.userId.toLowerCase(), name: who.userId.toLowerCase(), team_id: who.teamId },
    api_app_id: 'A0STAFETT',
    token: 'deprecated-verification-token',
    container,
    trigger_id: opts.triggerId ?? newTriggerId(),
    team: { id: who.teamId, domain: 'kommun' },
    enterprise: null,
    is_enterprise_install: false,
    ...(opts.channelId ? { channel: { id: opts.channelId, name: opts.channelId.startsWith('D') ? 'directmessage' : 'elevhalsa' } } : {}),
    ...(opts.view ? { view: opts.view } : { message: { type: 'message', ts: opts.messageTs ?? '1700000000.000100', text: '' } }),
    ...(opts.responseUrl ? { response_url: opts.responseUrl } : {}),
    actions: [{ type: 'button', action_id: button.action_id, block_id: button.block_id ?? 'b1', text: { type: 'plain_text', text: 'x', emoji: true }, value: button.value, action_ts: String(Date.now() / 1000) }],
  });
}

type ViewBlock = { type: string; block_id?: string; element?: { type: string; options?: { text: unknown; value: string }[] } };

/**
 * Builds `view.state.values` for an opened modal from values by field name. A datetime field
 * takes `YYYY-MM-DD HH:mm`; multiselects a comma-separated list; persons a Slack user id.
 */
export function fillState(view: { blocks: ViewBlock[] }, values: Record<string, string>): Record<string, Record<string, unknown>> {
  const state: Record<string, Record<string, unknown>> = {};
  for (const b of view.blocks) {
    if (b.type !== 'input' || !b.block_id || !b.element) continue;
    const isTime = b.block_id.endsWith(':time');
    const name = b.block_id.replace(/^f:/, '').replace(/:time$/, '');
    const given = values[name];
    const el = b.element;
    const option = (v: string) => el.options?.find((o) => o.value === v) ?? { text: { type: 'plain_text', text: v }, value: v };
    let v: Record<string, unknown>;
    switch (el.type) {
      case 'static_select':
        v = { type: el.type, selected_option: given ? option(given) : null };
        break;
      case 'multi_static_select':
        v = { type: el.type, selected_options: given ? given.split(',').map((x) => option(x.trim())) : [] };
        break;
      case 'datepicker':
        v = { type: el.type, selected_date: given ? given.slice(0, 10) : null };
        break;
      case 'timepicker':
        v = { type: el.type, selected_time: given && isTime ? (given.split(' ')[1] ?? null) : null, timezone: 'Europe/Stockholm' };
        break;
      case 'users_select':
        v = { type: el.type, selected_user: given ?? null };
        break;
      case 'checkboxes':
        v = { type: el.type, selected_options: given === 'true' ? el.options ?? [] : [] };
        break;
      default:
        v = { type: el.type, value: given ?? null };
    }
    state[b.block_id] = { v };
  }
  return state;
}

/** A modal submission for a view captured from views.open. */
export function viewSubmission(who: Who, view: Record<string, unknown> & { blocks: ViewBlock[] }, values: Record<string, string>, opts: { viewId?: string; triggerId?: string } = {}): SlackBody {
  return interactive({
    type: 'view_submission',
    team: { id: who.teamId, domain: 'kommun' },
    user: { id: who.userId, username: who.userId.toLowerCase(), name: who.userId.toLowerCase(), team_id: who.teamId },
    api_app_id: 'A0STAFETT',
    token: 'deprecated-verification-token',
    trigger_id: opts.triggerId ?? newTriggerId(),
    view: {
      ...view,
      id: opts.viewId ?? `V${randomBytes(4).toString('hex').toUpperCase()}`,
      team_id: who.teamId,
      state: { values: fillState(view, values) },
      hash: '1700000000.abcdef',
      app_id: 'A0STAFETT',
      bot_id: 'BSTAFETT',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  });
}

/** An Events API callback (JSON). */
export function eventCallback(teamId: string, event: Record<string, unknown>, eventId = `Ev${randomBytes(5).toString('hex').toUpperCase()}`): SlackBody {
  return {
    kind: 'json',
    text: JSON.stringify({
      token: 'deprecated-verification-token',
      team_id: teamId,
      api_app_id: 'A0STAFETT',
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: teamId, user_id: 'UBOTSTAFETT', is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
    }),
  };
}

/** `app_home_opened` for the Home tab. */
export function appHomeOpened(who: Who, eventId?: string): SlackBody {
  return eventCallback(who.teamId, { type: 'app_home_opened', user: who.userId, channel: `D${who.userId.slice(1)}`, tab: 'home', event_ts: String(Date.now() / 1000) }, eventId);
}

/** The blocks carried by a captured call (postMessage / postEphemeral / response_url / views.*). */
export function blocksOf(call: FakeSlackCall): Array<Record<string, unknown>> {
  const a = call.args as { blocks?: unknown; view?: { blocks?: unknown } };
  const blocks = a.blocks ?? a.view?.blocks ?? [];
  return Array.isArray(blocks) ? (blocks as Array<Record<string, unknown>>) : [];
}

/** All visible text of a captured call, for assertions. */
export function textOf(call: FakeSlackCall): string {
  return JSON.stringify(blocksOf(call)) + String((call.args as { text?: unknown }).text ?? '');
}

/** Finds a button whose core action (after the `stafett:<n>:` prefix) is `action`. */
export function findButton(call: FakeSlackCall, action: string, value?: string): { action_id: string; value?: string } | undefined {
  for (const b of blocksOf(call)) {
    if (b.type !== 'actions') continue;
    for (const el of b.elements as Array<{ action_id: string; value?: string }>) {
      if (el.action_id.replace(/^stafett:\d+:/, '') === action && (value === undefined || el.value === value)) return el;
    }
  }
  return undefined;
}

/** Calls that carry messages to a person (ephemeral, response_url, DM post). */
export const MESSAGE_METHODS = ['chat.postEphemeral', 'chat.postMessage', 'response_url'];

/** Waits for the next message-bearing call after `from` (an index into fake.calls). */
/**
 * A weekly digest the running dispatcher sends on a Monday morning (the tests run on the real
 * clock) is nobody's answer to the request a test just made; `nextMessage` passes over it, so a
 * test run on a Monday at 08:00 waits for the reply it asked for.
 */
export function isDigestNotice(c: FakeSlackCall): boolean {
  const meta = (c.args as { metadata?: { event_type?: string; event_payload?: { kind?: unknown } } } | undefined)?.metadata;
  return meta?.event_type === 'stafett_notice' && typeof meta.event_payload?.kind === 'string' && meta.event_payload.kind.startsWith('digest.');
}

export function nextMessage(fake: FakeSlack, from: number, predicate: (c: FakeSlackCall) => boolean = () => true): Promise<FakeSlackCall> {
  return fake.waitFor((calls) => calls.slice(from).find((c) => MESSAGE_METHODS.includes(c.method) && !isDigestNotice(c) && predicate(c)));
}

/** A person shares files in the bot's DM: `message` with subtype `file_share` (message.im). */
export function fileShareMessage(who: Who, files: object[], opts: { channelId?: string; text?: string; eventId?: string } = {}): SlackBody {
  const ts = `${Math.floor(Date.now() / 1000)}.${randomBytes(3).toString('hex')}`;
  return eventCallback(who.teamId, {
    type: 'message',
    subtype: 'file_share',
    text: opts.text ?? '',
    files: files.map((f) => ({ mode: 'hosted', is_external: false, ...f })),
    upload: true,
    user: who.userId,
    display_as_bot: false,
    ts,
    channel: opts.channelId ?? `D${who.userId.slice(1)}`,
    channel_type: 'im',
    event_ts: ts,
  }, opts.eventId);
}
