/**
 * The one place that knows how "the database cannot serve this right now" looks (PostgreSQL,
 * PGlite, pg and Prisma error codes and messages).
 */

const UNAVAILABLE = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Connection terminated|connection error|not queryable|server closed the connection|terminating connection|shutting down|starting up|Can't reach database|timeout exceeded when trying to connect|57P0[123]|08006|08001|08003|P1001|P1002|P1017|P2024|DatabaseNotReachable|ConnectionClosed|SocketTimeout|P2028|Unable to start a transaction|expired transaction|Transaction already closed|too many clients|remaining connection slots/i;

/**
 * True when an error (or one it wraps) says the database cannot be reached or is saturated right
 * now (no connection within the wait, a transaction timed out and rolled back): the person is
 * asked to try again, never told "something went wrong". Nothing was committed in either case.
 */
export function isDbUnavailable(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 6; depth++) {
    const x = cur as { message?: unknown; code?: unknown; originalCode?: unknown; kind?: unknown; cause?: unknown };
    if (UNAVAILABLE.test(`${String(x.message ?? '')} ${String(x.code ?? '')} ${String(x.originalCode ?? '')} ${String(x.kind ?? '')}`)) return true;
    cur = x.cause;
  }
  return false;
}
