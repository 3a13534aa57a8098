/**
 * The service's one HTTP server. Adapters register routes (`/slack/events`, `/api/messages`);
 * the core registers `/healthz` and, in development, `/dev/clock`. Tracks in-flight requests so
 * shutdown can let them finish.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../shared/logger.ts';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** Thrown by `readBody` when a request exceeds the route's size limit. */
export class PayloadTooLargeError extends Error {
  readonly code = 'HTTP.PAYLOAD_TOO_LARGE';
}

/** Reads a request body up to `maxBytes`. */
export async function readBody(req: IncomingMessage, maxBytes = 1_000_000): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new PayloadTooLargeError(`Request body over ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Writes a JSON response. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export class HttpServer {
  private readonly routes = new Map<string, RouteHandler>();
  private readonly prefixes: { prefix: string; handler: RouteHandler }[] = [];
  private readonly server: http.Server;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly log: Logger) {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5000;
  }

  /** Registers a handler for an exact method and path. */
  route(method: string, path: string, handler: RouteHandler): void {
    this.routes.set(`${method.toUpperCase()} ${path}`, handler);
  }

  /** Registers a handler for every method and every path at or under `prefix` (e.g. `/scim/v2`). */
  routePrefix(prefix: string, handler: RouteHandler): void {
    this.prefixes.push({ prefix: prefix.replace(/\/$/, ''), handler });
  }

  /** The raw Node server, for adapters that need it (none write to it directly). */
  get raw(): http.Server {
    return this.server;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler = this.routes.get(`${req.method ?? 'GET'} ${path}`)
      ?? this.prefixes.find((p) => path === p.prefix || path.startsWith(`${p.prefix}/`))?.handler;
    if (!handler) {
      const known = [...this.routes.keys()].some((k) => k.endsWith(` ${path}`));
      sendJson(res, known ? 405 : 404, { error: known ? 'method not allowed' : 'not found' });
      return;
    }
    this.inFlight++;
    try {
      await handler(req, res);
    } catch (e) {
      if (e instanceof PayloadTooLargeError) {
        if (!res.headersSent) sendJson(res, 413, { error: 'payload too large' });
      } else {
        this.log.error({ err: e, path }, 'unhandled error in HTTP handler');
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
        else res.end();
      }
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  /**
   * Resolves once no request handler is running: everything the requests received so far do is
   * done, not only their HTTP answers (a Slack handler works on after its ack). For tests that
   * check a request did nothing more.
   */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => this.idleWaiters.push(r));
  }

  /** Starts listening; resolves with the bound port (useful with PORT=0 in tests). */
  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.address() as AddressInfo).port;
  }

  /** Stops accepting connections and waits (up to `timeoutMs`) for in-flight requests. */
  async close(timeoutMs: number): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const drained = this.idle();
    const timer = new Promise<void>((r) => setTimeout(r, timeoutMs).unref());
    await Promise.race([drained, timer]);
    this.server.closeAllConnections();
    await Promise.race([closed, timer]);
  }
}
