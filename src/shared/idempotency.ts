/**
 * Persisted request keys: every write transaction claims the idempotency key of the request it
 * serves (a `ProcessedRequest` row, inserted in the same transaction) and stores its result there.
 * A retried request — on another instance, or after a restart — finds the row, returns the first
 * result and writes nothing. A concurrent duplicate waits on the row's unique index until the
 * first commits.
 */
import type { ServiceDeps, Tx } from './deps.ts';
import { currentRequest, nextWriteKey } from './request-context.ts';

/**
 * The key a write transaction claims: an explicit one (a job's own key, e.g. an absence signal's),
 * else the next key of the request being handled.
 */
export function requestKeyFor(explicit?: string): string | undefined {
  if (explicit && explicit !== currentRequest()?.key) return explicit;
  return nextWriteKey();
}

/**
 * A write outside `withCase` (people, deviations without a case): runs `fn` in a transaction that
 * claims the request key, so a retried request returns the first result and writes nothing.
 */
export async function idempotentWrite<T>(deps: Pick<ServiceDeps, 'prisma'>, fn: (tx: Tx) => Promise<T>, explicitKey?: string): Promise<T> {
  const key = requestKeyFor(explicitKey);
  return deps.prisma.$transaction(async (tx) => {
    if (key) {
      const prior = await claimRequest(tx, key);
      if (prior !== undefined) return prior as T;
    }
    const result = await fn(tx);
    if (key) await storeRequestResult(tx, key, result);
    return result;
  });
}

/** Claims an idempotency key; returns the stored result when the request was seen before. */
export async function claimRequest(tx: Tx, key: string): Promise<unknown | undefined> {
  const inserted = await tx.$queryRaw<{ key: string }[]>`INSERT INTO "ProcessedRequest" ("key") VALUES (${key}) ON CONFLICT ("key") DO NOTHING RETURNING "key"`;
  if (inserted.length) return undefined;
  const row = await tx.processedRequest.findUnique({ where: { key } });
  return row?.result ?? null;
}

export async function storeRequestResult(tx: Tx, key: string, result: unknown): Promise<void> {
  await tx.processedRequest.update({ where: { key }, data: { result: (result ?? null) as never } });
}

/**
 * Whether `e` is the unique-key violation of a request key claimed by a concurrent transaction
 * (a statement inside a Prisma transaction that inserts the `ProcessedRequest` row itself, as
 * opening a case does).
 */
export function isDuplicateRequest(e: unknown): boolean {
  // Code 23505 on the key's primary-key index: pg's own error (a statement sent to the pool
  // directly, src/infra/db/fast-sql.ts), or Prisma's raw-query error carrying the driver's.
  const direct = e as { code?: unknown; constraint?: unknown };
  if (direct?.code === '23505') return direct.constraint === 'ProcessedRequest_pkey';
  const cause = (e as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; constraint?: { index?: string } } } } })?.meta?.driverAdapterError?.cause;
  return cause?.originalCode === '23505' && cause.constraint?.index === 'ProcessedRequest_pkey';
}

/** The stored result of a request key, or undefined when none is stored. */
export async function priorResult(db: ServiceDeps['prisma'], key: string): Promise<unknown | undefined> {
  const row = await db.processedRequest.findUnique({ where: { key } });
  return row?.result ?? undefined;
}
