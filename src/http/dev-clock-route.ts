/** `POST /dev/clock` — development only: `{"advance":"P2D"}` or `{"set":"2026-12-01T08:00:00+01:00"}`. */
import { DateTime, Duration } from 'luxon';
import { z } from 'zod/v4';
import type { DevClockStore } from '../infra/dev-clock.ts';
import { readBody, sendJson, type HttpServer } from './server.ts';

const bodySchema = z.union([
  z.object({ advance: z.string().min(2).max(40) }).strict(),
  z.object({ set: z.string().min(4).max(40) }).strict(),
  z.object({}).strict(),
]);

export function registerDevClock(server: HttpServer, store: DevClockStore, afterChange: () => Promise<void>): void {
  server.route('GET', '/dev/clock', async (_req, res) => {
    await store.refresh();
    sendJson(res, 200, { now: store.clock.now().toISOString(), offsetMs: store.clock.offset });
  });
  server.route('POST', '/dev/clock', async (req, res) => {
    let parsed: unknown;
    const raw = (await readBody(req, 4096)).toString('utf8');
    try {
      parsed = JSON.parse(raw || '{}');
    } catch {
      sendJson(res, 400, { error: 'Body must be JSON: {"advance":"P2D"} or {"set":"<ISO time>"}' });
      return;
    }
    const body = bodySchema.safeParse(parsed);
    if (!body.success) {
      sendJson(res, 400, { error: 'Body must be {"advance":"<ISO duration>"} or {"set":"<ISO time>"}' });
      return;
    }
    const b = body.data;
    if ('advance' in b) {
      const d = Duration.fromISO(b.advance);
      if (!d.isValid || d.toMillis() < 0) {
        sendJson(res, 400, { error: `"${b.advance}" is not a positive ISO-8601 duration such as P2D or PT3H` });
        return;
      }
      await store.advance(d.toMillis());
    } else if ('set' in b) {
      const t = DateTime.fromISO(b.set, { setZone: true });
      if (!t.isValid) {
        sendJson(res, 400, { error: `"${b.set}" is not an ISO-8601 time` });
        return;
      }
      await store.set(t.toJSDate());
    }
    await afterChange();
    sendJson(res, 200, { now: store.clock.now().toISOString(), offsetMs: store.clock.offset });
  });
}
