/**
 * The inbound request a piece of work belongs to, carried through async calls
 * (AsyncLocalStorage) from the ChatService entry point down to every write transaction. It lets
 * every write claim the request's idempotency key without each service plumbing it, and lets the
 * entry point wake the dispatcher when the request wrote notices.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  /** Idempotency key of the inbound request (Slack trigger/view/event id, Teams activity id). */
  key?: string;
  /** Write transactions that claimed a key so far (the n-th gets `key#n`). */
  writes: number;
  /** Notices written to the outbox during the request. */
  notices: number;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` as the handling of one inbound request. */
export function runInRequest<T>(key: string | undefined, fn: (ctx: RequestContext) => Promise<T>): Promise<T> {
  const ctx: RequestContext = { key, writes: 0, notices: 0 };
  return storage.run(ctx, () => fn(ctx));
}

/** The request being handled, if any. */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/**
 * The idempotency key for the next write transaction of the current request: the request key for
 * the first, `key#2`, `key#3` … for later ones (the same sequence on a replay). Undefined outside
 * a keyed request.
 */
export function nextWriteKey(): string | undefined {
  const ctx = storage.getStore();
  if (!ctx?.key) return undefined;
  ctx.writes++;
  return ctx.writes === 1 ? ctx.key : `${ctx.key}#${ctx.writes}`;
}
