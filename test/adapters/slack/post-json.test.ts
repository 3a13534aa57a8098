/**
 * The response_url poster: JSON arrives whole (multi-byte text, exact content-length), the status
 * comes back as it is, connections are reused, and an unreachable or silent endpoint fails within
 * the time given instead of hanging the reply.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../../../adapters/slack/post-json.ts';

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
});
