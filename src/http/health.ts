/** `GET /healthz`: 200 when the database answers, 503 otherwise. */
import type { Database } from '../infra/db/database.ts';
import { sendJson, type HttpServer } from './server.ts';

export function registerHealth(server: HttpServer, db: Database, instanceId: string, isShuttingDown: () => boolean): void {
  server.route('GET', '/healthz', async (_req, res) => {
    const dbUp = await db.ping(2000);
    const ok = dbUp && !isShuttingDown();
    sendJson(res, ok ? 200 : 503, {
      status: ok ? 'ok' : 'unavailable',
      database: { kind: db.kind, up: dbUp },
      instance: instanceId,
      shuttingDown: isShuttingDown(),
    });
  });
}
