/**
 * A local stand-in for the Bot Framework connector service (the `serviceUrl` of Teams
 * activities). Also serves files at download URLs (the `downloadUrl` of files sent to the bot)
 * and takes uploads at upload-session URLs (the `uploadUrl` of an accepted file-consent card).
 * Captures what the bot sends (`POST /v3/conversations/{id}/activities[/{replyTo}]`,
 * `PUT …/activities/{id}`) and can answer with failures (403, 429) per conversation.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedActivity {
  method: string;
  conversationId: string;
  /** The id in the path: the activity replied to (POST) or updated (PUT). */
  pathActivityId?: string;
  activity: Record<string, unknown>;
}

export interface FakeTeamsConnector {
  /** Base URL to use as an activity's `serviceUrl`. */
  url: string;
  sent: CapturedActivity[];
  /** Makes every call for this conversation answer `status` (with headers) until cleared. */
  failFor(conversationId: string, status: number, headers?: Record<string, string>): void;
  clearFailures(): void;
  /** Serves `content` at a download URL (like a OneDrive/SharePoint pre-authenticated link). */
  serveFile(name: string, content: Buffer): string;
  /** File downloads the bot made, with the Authorization header (there should be none). */
  downloads: { name: string; authorization?: string }[];
  /** An upload-session URL like the one OneDrive gives for an accepted consent card. */
  uploadUrl(name: string): string;
  /** Files the bot uploaded (PUT to an upload URL), with the Content-Range it sent. */
  uploads: { name: string; bytes: Buffer; contentRange?: string }[];
  /**
   * The members every conversation's roster answers with (`GET …/members/{id}` by Teams or AAD
   * id, `GET …/pagedmembers`), like the Teams roster of a team or chat. Empty by default.
   */
  setRoster(members: RosterMember[]): void;
  /** Roster calls the bot made (`members/<id>` or `pagedmembers`). */
  rosterCalls: string[];
  /** Resolves with the first captured activity (now or later) matching `pred`. */
  waitFor(pred: (c: CapturedActivity) => boolean, timeoutMs?: number): Promise<CapturedActivity>;
  close(): Promise<void>;
}

/** A member as the Teams roster returns it (TeamsChannelAccount). */
export interface RosterMember {
  id: string;
  aadObjectId: string;
  name: string;
  email?: string;
  userPrincipalName?: string;
}

/** Starts the fake connector on a free loopback port. */
export async function startFakeTeamsConnector(): Promise<FakeTeamsConnector> {
  const sent: CapturedActivity[] = [];
  const failures = new Map<string, { status: number; headers: Record<string, string> }>();
  const waiters: Array<{ pred: (c: CapturedActivity) => boolean; resolve: (c: CapturedActivity) => void }> = [];
  let counter = 0;
  const files = new Map<string, { name: string; content: Buffer }>();
  const downloads: { name: string; authorization?: string }[] = [];
  const uploads: { name: string; bytes: Buffer; contentRange?: string }[] = [];
  let roster: RosterMember[] = [];
  const rosterCalls: string[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const download = /^\/download\/([^/?]+)/.exec(req.url ?? '');
      if (download && req.method === 'GET') {
        const f = files.get(download[1]!);
        if (!f) {
          res.writeHead(404).end();
          return;
        }
        downloads.push({ name: f.name, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(f.content.length) }).end(f.content);
        return;
      }
      const upload = /^\/upload\/([^/?]+)/.exec(req.url ?? '');
      if (upload && req.method === 'PUT') {
        const contentRange = req.headers['content-range'];
        uploads.push({ name: decodeURIComponent(upload[1]!), bytes: Buffer.concat(chunks), ...(typeof contentRange === 'string' ? { contentRange } : {}) });
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `item-${uploads.length}` }));
        return;
      }
      const member = /^\/v3\/conversations\/[^/]+\/members\/([^/?]+)/.exec(req.url ?? '');
      if (member && req.method === 'GET') {
        const id = decodeURIComponent(member[1]!);
        rosterCalls.push(`members/${id}`);
        const found = roster.find((x) => x.id === id || x.aadObjectId === id);
        if (found) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(found));
        else res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'MemberNotFoundInConversation', message: 'not a member' } }));
        return;
      }
      if (/^\/v3\/conversations\/[^/]+\/pagedmembers/.test(req.url ?? '') && req.method === 'GET') {
        rosterCalls.push('pagedmembers');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ members: roster }));
        return;
      }
      const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
      if (!m) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NotFound', message: req.url } }));
        return;
      }
      const conversationId = decodeURIComponent(m[1]!);
      const failure = failures.get(conversationId);
      if (failure) {
        res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
        res.end(JSON.stringify({ error: { code: failure.status === 403 ? 'BotDisabledByAdmin' : 'Throttled', message: `fake ${failure.status}` } }));
        return;
      }
      let activity: Record<string, unknown> = {};
      try {
        activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        /* keep empty: the test will see it */
      }
      const captured: CapturedActivity = { method: req.method ?? 'POST', conversationId, ...(m[2] ? { pathActivityId: decodeURIComponent(m[2]) } : {}), activity };
      sent.push(captured);
      for (const w of waiters.splice(0)) {
        if (w.pred(captured)) w.resolve(captured);
        else waiters.push(w);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `fake-${++counter}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    sent,
    downloads,
    uploads,
    uploadUrl: (name) => `http://127.0.0.1:${port}/upload/${encodeURIComponent(name)}`,
    serveFile(name, content) {
      const id = `f${files.size + 1}-${Math.random().toString(36).slice(2, 10)}`;
      files.set(id, { name, content });
      return `http://127.0.0.1:${port}/download/${id}?download=1`;
    },
    setRoster(members) {
      roster = members;
    },
    rosterCalls,
    failFor(conversationId, status, headers = {}) {
      failures.set(conversationId, { status, headers });
    },
    clearFailures() {
      failures.clear();
    },
    waitFor(pred, timeoutMs = 10_000) {
      const found = sent.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve: (c: CapturedActivity) => { clearTimeout(timer); resolve(c); } };
        const timer = setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i >= 0) waiters.splice(i, 1);
          reject(new Error(`fake connector: no matching activity within ${timeoutMs} ms (captured ${sent.length})`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** The Adaptive Card of a captured activity (first attachment), or undefined. */
export function cardOf(c: { activity: Record<string, unknown> } | Record<string, unknown>): Record<string, unknown> | undefined {
  const activity = ('activity' in c ? c.activity : c) as { attachments?: Array<{ contentType?: string; content?: Record<string, unknown> }> };
  return activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** All text of a card (TextBlocks, facts, titles), for assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of ['text', 'title', 'value', 'label']) if (typeof o[k] === 'string') out.push(o[k] as string);
      for (const [k, x] of Object.entries(o)) if (k !== 'data' && typeof x === 'object') walk(x);
    }
  };
  walk(card);
  return out.join('\n');
}
