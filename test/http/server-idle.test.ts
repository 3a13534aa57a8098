/** HttpServer.idle(): resolves only when every running handler has finished, not at the HTTP answer. */
import { describe, expect, it } from 'vitest';
import { HttpServer } from '../../src/http/server.ts';
import { createLogger } from '../../src/shared/logger.ts';

describe('HttpServer.idle', () => {
  it('waits for a handler that answers first and works on afterwards', async () => {
    const http = new HttpServer(createLogger('silent'));
    let finish!: () => void;
    const working = new Promise<void>((r) => (finish = r));
    let done = false;
    http.route('POST', '/ack-then-work', async (_req, res) => {
      res.writeHead(200).end();
      await working;
      done = true;
    });
    const port = await http.listen(0, '127.0.0.1');
    try {
      await expect(http.idle()).resolves.toBeUndefined();
      expect((await fetch(`http://127.0.0.1:${port}/ack-then-work`, { method: 'POST' })).status).toBe(200);
      let idle = false;
      const waiting = http.idle().then(() => (idle = true));
      await new Promise((r) => setImmediate(r));
      expect(idle).toBe(false);
      finish();
      await waiting;
      expect(done).toBe(true);
    } finally {
      await http.close(1000);
    }
  });
});
