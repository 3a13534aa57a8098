/**
 * A local fake of the Slack Web API (and of response_url endpoints) for adapter tests. Captures
 * every call with its parsed arguments; can be told to fail the next calls of a method with a
 * 429 + Retry-After, a 5xx or a platform error.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSlackCall {
  /** Web API method (`chat.postMessage`) or `response_url`. */
  method: string;
  args: Record<string, unknown>;
  /** For response_url calls: the path id. */
  hook?: string;
  at: number;
}

export interface FakeSlackUser {
  id: string;
  email?: string;
  name?: string;
  locale?: string;
  teamId?: string;
}

type Failure = { status: 429; retryAfter: number } | { status: 500 | 502 | 503 } | { error: string };

export interface FakeSlack {
  /** Base URL, e.g. `http://127.0.0.1:1234`; the Web API lives under `/api/`. */
  url: string;
  apiUrl: string;
  calls: FakeSlackCall[];
  users: Map<string, FakeSlackUser>;
  /** A response_url that records what is posted to it. */
  responseUrl(id: string): string;
  /** Fails the next `times` calls of `method`. */
  failNext(method: string, failure: Failure, times?: number): void;
  callsOf(method: string): FakeSlackCall[];
  /** Waits until `predicate` holds for the captured calls (polls). */
  waitFor<T>(predicate: (calls: FakeSlackCall[]) => T | undefined | false, timeoutMs?: number): Promise<T>;
  reset(): void;
  close(): Promise<void>;
}

const BOT = { user_id: 'UBOTSTAFETT', bot_id: 'BSTAFETT', team_id: 'T0TEST', user: 'stafett', team: 'Test' };

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  let args: Record<string, unknown> = {};
  if ((contentType ?? '').includes('application/json')) {
    args = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } else {
    for (const [k, v] of new URLSearchParams(raw)) {
      args[k] = /^[[{]/.test(v) ? (() => { try { return JSON.parse(v); } catch { return v; } })() : v;
    }
  }
  return args;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the fake on a free local port. */
export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: FakeSlackCall[] = [];
  const users = new Map<string, FakeSlackUser>();
  const failures = new Map<string, Failure[]>();
  let seq = 0;

  const reply = (res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(payload);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(text);
  };

  const answer = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    seq++;
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://test.slack.com/', ...BOT };
      case 'chat.postMessage':
        return { ok: true, channel: args.channel, ts: `1700000000.${String(seq).padStart(6, '0')}`, message: { text: args.text } };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `1700000000.${String(seq).padStart(6, '0')}` };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { id: `V${String(seq).padStart(8, '0')}`, ...(args.view as object) } };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users ?? 'X').replace(/^U/, '')}` } };
      case 'users.info': {
        const u = users.get(String(args.user));
        if (!u) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: u.id, team_id: u.teamId ?? BOT.team_id, name: (u.name ?? u.id).toLowerCase().replace(/\s+/g, '.'), real_name: u.name, locale: u.locale ?? 'sv-SE',
            profile: { email: u.email, real_name: u.name, display_name: u.name },
          },
        };
      }
      default:
        return { ok: true };
    }
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const raw = await body(req);
      const url = req.url ?? '/';
      const hook = /^\/response\/([^/?]+)/.exec(url);
      if (hook) {
        calls.push({ method: 'response_url', hook: hook[1], args: parseArgs(raw, req.headers['content-type']), at: Date.now() });
        reply(res, 200, { ok: true });
        return;
      }
      const m = /^\/api\/([a-zA-Z.]+)/.exec(url);
      if (!m) {
        reply(res, 404, { ok: false, error: 'unknown_method' });
        return;
      }
      const method = m[1]!;
      const args = parseArgs(raw, req.headers['content-type']);
      calls.push({ method, args, at: Date.now() });
      const queued = failures.get(method);
      const failure = queued?.shift();
      if (failure) {
        if ('error' in failure) return reply(res, 200, { ok: false, error: failure.error });
        if (failure.status === 429) return reply(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
        return reply(res, failure.status, { ok: false, error: 'internal_error' });
      }
      reply(res, 200, answer(method, args));
    })().catch(() => {
      if (!res.headersSent) reply(res, 500, { ok: false, error: 'fake_failure' });
    });
  });
  // Clients pool connections; a long keep-alive avoids races with sockets closing under them.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    users,
    responseUrl: (id) => `${url}/response/${id}`,
    failNext(method, failure, times = 1) {
      const q = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) q.push(failure);
      failures.set(method, q);
    },
    callsOf: (method) => calls.filter((c) => c.method === method),
    async waitFor(predicate, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const r = predicate(calls);
        if (r) return r;
        if (Date.now() > until) throw new Error(`fake Slack: condition not met within ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(', ')}`);
        await new Promise((res) => setTimeout(res, 20));
      }
    },
    reset() {
      calls.length = 0;
      failures.clear();
    },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
