/**
 * A statement counter for PostgreSQL that needs nothing from the service or the server: a TCP
 * proxy between the service and PostgreSQL that reads the frontend half of the wire protocol
 * (https://www.postgresql.org/docs/current/protocol-message-formats.html) and counts, per client
 * connection and in total:
 *   - statements: simple `Query` ('Q') messages plus extended-protocol `Execute` ('E') messages;
 *   - round trips: `Query` plus `Sync` ('S') messages — node-postgres (and so Prisma's adapter-pg)
 *     sends Parse/Bind/Describe/Execute/Sync for one statement and waits for ReadyForQuery before
 *     the next, so each Sync is one round trip; a pipelined batch would be several Executes and
 *     one Sync.
 * The SQL text of each statement (from `Query` or `Parse`) is kept in a ring, so a request's
 * statements can be listed. Used only by bench/query-count.ts: latency is measured without it.
 */
import net from 'node:net';

export interface PgCounts {
  statements: number;
  roundTrips: number;
}

export interface PgCounter {
  /** A URL like `target` but pointing at the proxy. */
  url: string;
  counts(): PgCounts;
  /** Statement texts seen since `mark()` (at most the last 2,000). */
  sqlSinceMark(): string[];
  mark(): void;
  /** Resolves once no client message has arrived for `quietMs` (background work settled). */
  quiet(quietMs?: number, maxMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startPgCounter(target: string): Promise<PgCounter> {
  const t = new URL(target);
  const host = t.hostname;
  const port = Number(t.port || 5432);
  const totals: PgCounts = { statements: 0, roundTrips: 0 };
  let sql: string[] = [];
  let lastMessageAt = performance.now();
  const sockets = new Set<net.Socket>();

  const server = net.createServer((client) => {
    const upstream = net.connect({ host, port });
    sockets.add(client);
    sockets.add(upstream);
    let buf: Buffer = Buffer.alloc(0);
    let started = false;
    const onData = (chunk: Buffer) => {
      upstream.write(chunk);
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      lastMessageAt = performance.now();
      for (;;) {
        if (!started) {
          // Startup message (or SSLRequest / GSSENCRequest): int32 length, no type byte.
          if (buf.length < 8) return;
          const len = buf.readInt32BE(0);
          if (buf.length < len) return;
          const code = buf.readInt32BE(4);
          buf = buf.subarray(len);
          // 80877103 SSLRequest, 80877104 GSSENCRequest: the real startup message follows.
          if (code !== 80877103 && code !== 80877104) started = true;
          continue;
        }
        if (buf.length < 5) return;
        const type = String.fromCharCode(buf[0]!);
        const len = buf.readInt32BE(1);
        if (buf.length < 1 + len) return;
        const body = buf.subarray(5, 1 + len);
        if (type === 'Q') {
          totals.statements++;
          totals.roundTrips++;
          keep(body.subarray(0, body.indexOf(0)).toString('utf8'));
        } else if (type === 'P') {
          const nameEnd = body.indexOf(0);
          keep(body.subarray(nameEnd + 1, body.indexOf(0, nameEnd + 1)).toString('utf8'));
        } else if (type === 'E') {
          totals.statements++;
        } else if (type === 'S') {
          totals.roundTrips++;
        }
        buf = buf.subarray(1 + len);
      }
    };
    const keep = (text: string) => {
      sql.push(text.replace(/\s+/g, ' ').slice(0, 300));
      if (sql.length > 2000) sql = sql.slice(-1000);
    };
    client.on('data', onData);
    upstream.on('data', (d: Buffer) => client.write(d));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address() as net.AddressInfo;
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(addr.port);
  return {
    url: url.toString(),
    counts: () => ({ ...totals }),
    sqlSinceMark: () => [...sql],
    mark: () => {
      sql = [];
    },
    quiet: async (quietMs = 150, maxMs = 5000) => {
      const start = performance.now();
      while (performance.now() - lastMessageAt < quietMs && performance.now() - start < maxMs) await new Promise((r) => setTimeout(r, 20));
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
