/**
 * One JSON POST to a Slack response_url over Node's own HTTP client, connections kept alive.
 *
 * The reply to almost every request goes this way, so it is on the hot path: WHATWG `fetch`
 * (undici) spent about 0.4 ms of CPU per POST in the service's profile (bench/cpu-profile.ts),
 * `http.request` on a keep-alive agent well under 0.1 ms for the same request. Only the status
 * matters to the caller; the answer's body is read and dropped so the connection can be reused.
 */
import http from 'node:http';
import https from 'node:https';

/** Idle connections close after this, before Slack's side would close them under a request. */
const IDLE_MS = 4000;
const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: IDLE_MS }),
  'https:': new https.Agent({ keepAlive: true, timeout: IDLE_MS }),
};

/** POSTs `body` as JSON; resolves with the HTTP status, rejects when unreachable or past `timeoutMs`. */
export function postJson(url: string, body: unknown, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const agent = u.protocol === 'https:' ? agents['https:'] : u.protocol === 'http:' ? agents['http:'] : undefined;
    if (!agent) {
      reject(new Error(`unsupported protocol ${u.protocol}`));
      return;
    }
    const payload = JSON.stringify(body);
    const req = (u.protocol === 'https:' ? https : http).request(u, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}
