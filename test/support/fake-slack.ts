/**
 * A local fake of the Slack Web API (and of response_url endpoints, the external file upload URL
 * and private file downloads) for adapter tests. Captures
 * every call with its parsed arguments; can be told to fail the next calls of a method with a
 * 429 + Retry-After, a 5xx or a platform error. Posted messages are kept per conversation and
 * served by `conversations.history` (with metadata when `include_all_metadata` is set).
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

/** A file uploaded through files.getUploadURLExternal → POST → files.completeUploadExternal. */
export interface FakeSlackUpload {
  fileId: string;
  filename: string;
  /** The bytes POSTed to the upload URL (undefined until then). */
  bytes?: Buffer;
  /** Set by files.completeUploadExternal: where the file was shared. */
  channelId?: string;
  initialComment?: string;
  completed: boolean;
}

/** A file a person "shared": served at its url_private_download to the bot token only. */
export interface FakeSlackFile {
  id: string;
  name: string;
  mimetype: string;
  filetype: string;
  size: number;
  url_private_download: string;
  url_private: string;
}

type Failure = { status: 429; retryAfter: number } | { status: 500 | 502 | 503 } | { error: string };

export interface FakeSlack {
  /** Base URL, e.g. `http://127.0.0.1:1234`; the Web API lives under `/api/`. */
  url: string;
  apiUrl: string;
  calls: FakeSlackCall[];
  users: Map<string, FakeSlackUser>;
  uploads: FakeSlackUpload[];
  /** Registers a file to be served at its url_private_download (Bearer token required). */
  addFile(name: string, content: Buffer, opts?: { mimetype?: string; filetype?: string }): FakeSlackFile;
  /** Authorization headers the file downloads came with. */
  downloads: { fileId: string; authorization?: string }[];
  /** A response_url that records what is posted to it. */
  responseUrl(id: string): string;
  /**
   * Called once Slack has "accepted" a chat.postMessage (it is in the history) and before the
   * answer is sent: a test can kill the caller right there.
   */
  onAccepted?: (call: FakeSlackCall) => void;
  /** Milliseconds to hold a call's answer (recorded at once, answered late): a slow Slack. */
  delay?: (call: FakeSlackCall) => number | undefined;
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

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The file bytes of an upload POST: multipart (what @slack/web-api sends) or a raw body. */
async function uploadedBytes(raw: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!(contentType ?? '').includes('multipart/form-data')) return raw;
  const form = await new Response(raw, { headers: { 'content-type': contentType! } }).formData();
  for (const [, v] of form) if (typeof v !== 'string') return Buffer.from(await v.arrayBuffer());
  return Buffer.alloc(0);
}

/** Starts the fake on a free local port. */
export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: FakeSlackCall[] = [];
  const users = new Map<string, FakeSlackUser>();
  const failures = new Map<string, Failure[]>();
  const uploads: FakeSlackUpload[] = [];
  const files = new Map<string, { info: FakeSlackFile; content: Buffer }>();
  const downloads: { fileId: string; authorization?: string }[] = [];
  /** Messages posted per channel, oldest first (for conversations.history). */
  const history = new Map<string, { ts: string; text: unknown; metadata?: unknown }[]>();
  let seq = 0;
  let baseUrl = '';

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
      case 'chat.postMessage': {
        // Like Slack: the message lands in the conversation's history, metadata included.
        const ts = `${Math.floor(Date.now() / 1000)}.${String(seq).padStart(6, '0')}`;
        const channel = String(args.channel);
        history.set(channel, [...(history.get(channel) ?? []), { ts, text: args.text, ...(args.metadata ? { metadata: args.metadata } : {}) }]);
        return { ok: true, channel: args.channel, ts, message: { text: args.text } };
      }
      case 'conversations.history': {
        // Newest first, `oldest`/`latest` bounds, `limit` with a cursor; metadata only when asked for.
        const all = [...(history.get(String(args.channel)) ?? [])].reverse()
          .filter((m) => (args.oldest === undefined || Number(m.ts) >= Number(args.oldest)) && (args.latest === undefined || Number(m.ts) <= Number(args.latest)));
        const start = args.cursor ? Number(String(args.cursor).replace('c', '')) : 0;
        const limit = Number(args.limit ?? 100);
        const page = all.slice(start, start + limit).map((m) => (args.include_all_metadata === true || args.include_all_metadata === 'true' ? m : { ts: m.ts, text: m.text }));
        const more = start + limit < all.length;
        return { ok: true, messages: page, has_more: more, response_metadata: { next_cursor: more ? `c${start + limit}` : '' } };
      }
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
      case 'files.getUploadURLExternal': {
        if (!args.filename || !args.length) return { ok: false, error: 'invalid_arguments' };
        const fileId = `F${String(seq).padStart(8, '0')}`;
        uploads.push({ fileId, filename: String(args.filename), completed: false });
        return { ok: true, upload_url: `${baseUrl}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const list = (Array.isArray(args.files) ? args.files : []) as { id: string; title?: string }[];
        for (const f of list) {
          const u = uploads.find((x) => x.fileId === f.id);
          if (!u?.bytes) return { ok: false, error: 'file_not_found' };
          u.completed = true;
          if (args.channel_id) u.channelId = String(args.channel_id);
          if (args.initial_comment) u.initialComment = String(args.initial_comment);
        }
        return { ok: true, files: list.map((f) => ({ id: f.id, title: f.title })) };
      }
      case 'files.info': {
        const f = files.get(String(args.file));
        return f ? { ok: true, file: f.info } : { ok: false, error: 'file_not_found' };
      }
      default:
        return { ok: true };
    }
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const rawBytes = await body(req);
      const raw = rawBytes.toString('utf8');
      const url = req.url ?? '/';
      const upload = /^\/upload\/([^/?]+)/.exec(url);
      if (upload) {
        const u = uploads.find((x) => x.fileId === upload[1]);
        if (!u) return reply(res, 404, { ok: false, error: 'unknown_upload' });
        u.bytes = await uploadedBytes(rawBytes, req.headers['content-type']);
        calls.push({ method: 'upload', args: { file_id: u.fileId, length: u.bytes.length }, at: Date.now() });
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`OK - ${u.bytes.length}`);
        return;
      }
      const download = /^\/files-pri\/([^/?]+)\//.exec(url);
      if (download) {
        const f = files.get(download[1]!);
        downloads.push({ fileId: download[1]!, authorization: req.headers.authorization });
        // Like Slack: without the bot token the "file" is the HTML sign-in page.
        if (!f || req.headers.authorization !== 'Bearer xoxb-test') {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end('<html>sign in</html>');
          return;
        }
        res.writeHead(200, { 'content-type': f.info.mimetype, 'content-length': String(f.content.length) });
        res.end(f.content);
        return;
      }
      const hook = /^\/response\/([^/?]+)/.exec(url);
      if (hook) {
        calls.push({ method: 'response_url', hook: hook[1], args: parseArgs(raw, req.headers['content-type']), at: Date.now() });
        const held = fake.delay?.(calls[calls.length - 1]!);
        if (held) await new Promise((r) => setTimeout(r, held));
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
      const held = fake.delay?.(calls[calls.length - 1]!);
      if (held) await new Promise((r) => setTimeout(r, held));
      const queued = failures.get(method);
      const failure = queued?.shift();
      if (failure) {
        if ('error' in failure) return reply(res, 200, { ok: false, error: failure.error });
        if (failure.status === 429) return reply(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
        return reply(res, failure.status, { ok: false, error: 'internal_error' });
      }
      const answered = answer(method, args);
      if (method === 'chat.postMessage') fake.onAccepted?.(calls[calls.length - 1]!);
      reply(res, 200, answered);
    })().catch(() => {
      if (!res.headersSent) reply(res, 500, { ok: false, error: 'fake_failure' });
    });
  });
  // Clients pool connections; a long keep-alive avoids races with sockets closing under them.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  baseUrl = url;

  const fake: FakeSlack = {
    url,
    apiUrl: `${url}/api/`,
    calls,
    users,
    uploads,
    downloads,
    addFile(name, content, opts = {}) {
      const id = `FSHARED${String(files.size + 1).padStart(4, '0')}`;
      const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? 'binary';
      const info: FakeSlackFile = {
        id, name, mimetype: opts.mimetype ?? (ext === 'csv' ? 'text/csv' : 'application/octet-stream'), filetype: opts.filetype ?? ext, size: content.length,
        url_private_download: `${url}/files-pri/${id}/download/${encodeURIComponent(name)}`,
        url_private: `${url}/files-pri/${id}/${encodeURIComponent(name)}`,
      };
      files.set(id, { info, content });
      return info;
    },
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
      history.clear();
      failures.clear();
      uploads.length = 0;
      downloads.length = 0;
    },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
  return fake;
}
