/**
 * HTTP to Slack over Node's own client on keep-alive agents: the reply to a response_url
 * (`postJson`) and the Web API calls of @slack/web-api (`keepAliveFetch`).
 *
 * The answer to almost every request goes one of these ways, so they are on the hot path: WHATWG
 * `fetch` (undici) spent about 0.4 ms of CPU per POST in the service's profile
 * (bench/cpu-profile.ts), `http.request` on a keep-alive agent under 0.1 ms for a response_url
 * POST. For a response_url only the status matters; its answer is read and dropped so the
 * connection can be reused.
 */
import http from 'node:http';
import https from 'node:https';

/** Idle connections close after this, before Slack's side would close them under a request. */
const IDLE_MS = 4000;
const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: IDLE_MS }),
  'https:': new https.Agent({ keepAlive: true, timeout: IDLE_MS }),
};

/**
 * Starts a POST of `payload` on the keep-alive agent for the URL's protocol and sends it; `undefined`
 * when the protocol is neither http: nor https:. The one place both clients build a request.
 */
function sendPost(
  u: URL,
  headers: Record<string, string>,
  payload: string,
  onResponse: (res: http.IncomingMessage) => void,
  signal?: AbortSignal,
): http.ClientRequest | undefined {
  const secure = u.protocol === 'https:';
  if (!secure && u.protocol !== 'http:') return undefined;
  const req = (secure ? https : http).request(u, {
    method: 'POST',
    agent: agents[secure ? 'https:' : 'http:'],
    headers: { ...headers, 'content-length': String(Buffer.byteLength(payload)) },
    ...(signal ? { signal } : {}),
  }, onResponse);
  req.end(payload);
  return req;
}

/** POSTs `body` as JSON; resolves with the HTTP status, rejects when unreachable or past `timeoutMs`. */
export function postJson(url: string, body: unknown, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = sendPost(u, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify(body), (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    if (!req) {
      reject(new Error(`unsupported protocol ${u.protocol}`));
      return;
    }
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/** Statuses whose response has no body (a Response refuses one). */
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * A `fetch` for @slack/web-api (its `fetch` client option): the Web API calls the SDK makes —
 * a POST of a url-encoded string — go over the same keep-alive agents, at about half undici's CPU
 * per call; anything else (multipart file uploads, other methods, Headers objects) goes to the
 * platform's fetch unchanged. No redirects are followed (the SDK asks for `redirect: 'error'` and
 * treats any status but 200 and 429 as an error) and no compression is asked for.
 */
export const keepAliveFetch: typeof fetch = (input, init) => {
  const body = init?.body;
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : undefined;
  const headers = init?.headers;
  const plainHeaders = headers === undefined || (typeof headers === 'object' && !(headers instanceof Headers) && !Array.isArray(headers));
  if (!url || init?.method !== 'POST' || (body !== undefined && body !== null && typeof body !== 'string') || !plainHeaders) return fetch(input, init);
  const u = new URL(url);
  return new Promise<Response>((resolve, reject) => {
    const req = sendPost(u, (headers as Record<string, string> | undefined) ?? {}, body ?? '', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
          if (Array.isArray(v)) for (const x of v) h.append(k, x);
          else if (v !== undefined) h.set(k, v);
        }
        const status = res.statusCode ?? 0;
        try {
          resolve(new Response(NULL_BODY.has(status) ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage ?? '', headers: h }));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    }, init?.signal ?? undefined);
    if (!req) {
      fetch(input, init).then(resolve, reject);
      return;
    }
    req.on('error', reject);
  });
};
