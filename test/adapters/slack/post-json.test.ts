/**
 * The response_url poster: JSON arrives whole (multi-byte text, exact content-length), the status
 * comes back as it is, connections are reused, and an unreachable or silent endpoint fails within
 * the time given instead of hanging the reply.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepAliveFetch, postJson } from '../../../adapters/slack/post-json.ts';

describe('postJson', () => {
  let server: http.Server;
  let base = '';
  const seen: { url: string; type: string | undefined; length: string | undefined; body: string; port: number }[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ url: req.url ?? '', type: req.headers['content-type'], length: req.headers['content-length'], body: Buffer.concat(chunks).toString('utf8'), port: req.socket.remotePort ?? 0 });
        if (req.url === '/silent') return;
        if (req.url === '/api/views.publish') {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-oauth-scopes': 'chat:write', 'set-cookie': ['a=1', 'b=2'] }).end('{"ok":true,"view":{"id":"V1","title":"Hjälp ✓"}}');
          return;
        }
        if (req.url === '/api/limited') {
          res.writeHead(429, { 'retry-after': '7' }).end();
          return;
        }
        if (req.url === '/api/empty') {
          res.writeHead(204).end();
          return;
        }
        res.writeHead(req.url === '/gone' ? 404 : 200, { 'content-type': 'text/plain' }).end(req.url === '/gone' ? 'expired_url' : 'ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('should send the body as UTF-8 JSON and return the status', async () => {
    const body = { response_type: 'ephemeral', text: 'Ärendet ÖST-26-0001 är öppnat ✓' };
    expect(await postJson(`${base}/commands/T1/1/abc`, body, 2000)).toBe(200);
    const last = seen.at(-1)!;
    expect(last.url).toBe('/commands/T1/1/abc');
    expect(last.type).toBe('application/json; charset=utf-8');
    expect(Number(last.length)).toBe(Buffer.byteLength(last.body));
    expect(JSON.parse(last.body)).toEqual(body);
    expect(await postJson(`${base}/gone`, { text: 'x' }, 2000)).toBe(404);
  });

  it('should reuse the connection for the next post', async () => {
    await postJson(`${base}/a`, { n: 1 }, 2000);
    await postJson(`${base}/b`, { n: 2 }, 2000);
    const [a, b] = seen.slice(-2);
    expect(a!.port).toBe(b!.port);
  });

  it('should fail on an unreachable endpoint, a silent one within the timeout, and a protocol it does not speak', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await expect(postJson(`http://127.0.0.1:${port}/x`, {}, 2000)).rejects.toThrow();
    const t0 = Date.now();
    await expect(postJson(`${base}/silent`, {}, 300)).rejects.toThrow(/300 ms/);
    expect(Date.now() - t0).toBeLessThan(2000);
    await expect(postJson('ftp://127.0.0.1/x', {}, 300)).rejects.toThrow(/protocol/);
  });

  describe('keepAliveFetch (the Web API client\'s fetch)', () => {
    it('should POST the url-encoded body and answer with status, headers and JSON as fetch does', async () => {
      const body = new URLSearchParams({ user_id: 'U1', view: JSON.stringify({ type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Möte 10:00 ✓' } }] }) }).toString();
      const init = { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Bearer xoxb-1' }, body, redirect: 'error' as const };
      const ours = await keepAliveFetch(`${base}/api/views.publish`, init);
      const last = seen.at(-1)!;
      expect(last.body).toBe(body);
      expect(Number(last.length)).toBe(Buffer.byteLength(body));
      const theirs = await fetch(`${base}/api/views.publish`, init);
      expect(ours.status).toBe(theirs.status);
      expect(ours.headers.get('content-type')).toBe(theirs.headers.get('content-type'));
      expect(ours.headers.get('x-oauth-scopes')).toBe('chat:write');
      expect(ours.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
      expect(await ours.json()).toEqual(await theirs.json());
    });

    it('should pass 429 with its Retry-After through, answer 204 without a body, and stop when aborted', async () => {
      const post = (path: string, signal?: AbortSignal) => keepAliveFetch(`${base}${path}`, { method: 'POST', headers: {}, body: 'a=1', ...(signal ? { signal } : {}) });
      const limited = await post('/api/limited');
      expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
      expect((await post('/api/empty')).status).toBe(204);
      await expect(post('/silent', AbortSignal.timeout(200))).rejects.toThrow();
    });

    it('should leave multipart uploads and other requests to the platform fetch', async () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array([1, 2, 3])]), 'frånvaro.csv');
      await keepAliveFetch(`${base}/upload`, { method: 'POST', body: form });
      expect(seen.at(-1)!.type).toMatch(/^multipart\/form-data; boundary=/);
      await keepAliveFetch(`${base}/upload`, { method: 'POST', headers: new Headers({ 'x-a': '1' }), body: 'x' });
      expect((await keepAliveFetch(`${base}/a`)).status).toBe(200);
    });
  });
});
