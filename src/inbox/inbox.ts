/**
 * The durable inbox: a chat request is stored before it is acknowledged, processed after the
 * ack, and marked DONE. If the instance dies in between, the entry stays RECEIVED; once its lease
 * has passed, any instance (the restarted one, or another) claims it with FOR UPDATE SKIP LOCKED
 * and hands it to the adapter's recovery, which either finishes it or tells the person to try
 * again. Entries older than the platform's answer window (Slack's response_url lives 30 minutes)
 * are ABANDONED instead.
 *
 * States (one row per request key):
 *
 * | state     | meaning                                                     | next                        |
 * |-----------|-------------------------------------------------------------|-----------------------------|
 * | RECEIVED  | stored before the ack; `claimedBy` holds it until `leaseUntil` (renewed while it works) | DONE, ABANDONED, or claimed again |
 * | DONE      | answered (outcome `done`, `recovered` or `restarted`); payload emptied | deleted after `doneRetentionMs` |
 * | ABANDONED | too old to answer (outcome `expired`); payload emptied         | deleted after a day         |
 *
 * Doing the work twice is harmless: the request key stored in the entry is the key every write of
 * the request claims (src/shared/idempotency.ts), so a recovered request returns the first result
 * and writes nothing new. Time here is wall-clock time (Slack's limits are real time, never the
 * development clock).
 */
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../infra/db/database.ts';
import { Prisma as PrismaNs } from '../generated/prisma/client.ts';
import { execute, query, sql } from '../infra/db/fast-sql.ts';
import type { FieldCipher } from '../shared/crypto.ts';
import type { Logger } from '../shared/logger.ts';
import type { ClaimedEntry, InboxStore, RecoveryHandler, RecoveryOutcome } from '../ports/inbox.ts';

export type { ClaimedEntry, RecoveryHandler, RecoveryOutcome } from '../ports/inbox.ts';

/** How long Slack accepts answers on a response_url. */
export const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

export interface InboxOptions {
  prisma: Prisma;
  cipher: FieldCipher;
  log: Logger;
  instanceId: string;
  /** How long a claim holds without renewal; a dead holder's entries are claimable after this. */
  leaseMs?: number;
  /** How often unfinished entries are looked for (and the inbox purged). */
  sweepMs?: number;
  /** Entries older than this are abandoned instead of recovered. */
  maxAgeMs?: number;
  /** DONE rows (no payload left) are deleted after this. */
  doneRetentionMs?: number;
  nowMs?: () => number;
}

const ABANDONED_RETENTION_MS = 24 * 3_600_000;

export class Inbox implements InboxStore {
  readonly leaseMs: number;
  readonly sweepMs: number;
  readonly maxAgeMs: number;
  readonly doneRetentionMs: number;
  private readonly now: () => number;
  /** Entries this process is working on; their leases are renewed. */
  private readonly inFlight = new Set<string>();
  private sweepTimer?: NodeJS.Timeout;
  private leaseTimer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private stopped = false;

  constructor(private readonly o: InboxOptions) {
    this.leaseMs = o.leaseMs ?? 30_000;
    this.sweepMs = o.sweepMs ?? 10_000;
    this.maxAgeMs = o.maxAgeMs ?? RESPONSE_URL_LIFETIME_MS;
    this.doneRetentionMs = o.doneRetentionMs ?? 10 * 60_000;
    this.now = o.nowMs ?? Date.now;
  }

  /**
   * Stores a request before its ack; returns the entry id, or undefined when an entry with this
   * key exists already (a platform retry: the first delivery's entry covers it).
   */
  async receive(requestKey: string, kind: string, payload: Record<string, unknown>): Promise<string | undefined> {
    const now = new Date(this.now());
    const lease = new Date(now.getTime() + this.leaseMs);
    const enc = this.o.cipher.encrypt(JSON.stringify(payload));
    const rows = await query<{ id: string }>(this.o.prisma, sql`
      INSERT INTO "InboxEntry" ("id", "requestKey", "kind", "payloadEnc", "receivedAt", "claimedBy", "leaseUntil")
      VALUES (${randomUUID()}, ${requestKey}, ${kind}, ${enc}, ${now}::timestamp, ${this.o.instanceId}, ${lease}::timestamp)
      ON CONFLICT ("requestKey") DO NOTHING
      RETURNING "id"`);
    const id = rows[0]?.id;
    if (id) this.inFlight.add(id);
    return id;
  }

  /** Marks an entry answered and empties its payload. Never throws (the answer went out already). */
  async done(id: string | undefined, outcome: 'done' | RecoveryOutcome = 'done'): Promise<void> {
    if (!id) return;
    try {
      await execute(this.o.prisma, sql`
        UPDATE "InboxEntry" SET "state" = 'DONE', "outcome" = ${outcome}, "payloadEnc" = NULL, "finishedAt" = ${new Date(this.now())}::timestamp
        WHERE "id" = ${id} AND "state" = 'RECEIVED'`);
      this.inFlight.delete(id);
    } catch (e) {
      // Left RECEIVED: recovery finds it begun and answers it again with the same (first) result.
      this.o.log.warn({ err: e }, 'inbox: could not mark an entry done');
    }
  }

  /** Whether a write of the request committed: its request key was claimed (src/shared/idempotency.ts). */
  async wasBegun(requestKey: string): Promise<boolean> {
    return (await this.o.prisma.processedRequest.count({ where: { key: requestKey } })) > 0;
  }

  /** Claims unfinished entries whose lease has passed (at most `limit`), skipping those another instance holds. */
  async claimUnfinished(limit = 20): Promise<ClaimedEntry[]> {
    const nowMs = this.now();
    const now = new Date(nowMs);
    const lease = new Date(nowMs + this.leaseMs);
    const cutoff = new Date(nowMs - this.maxAgeMs);
    // Never this process's own work in progress, even if a slow moment let its lease lapse.
    const mine = this.inFlight.size ? PrismaNs.sql`AND "id" NOT IN (${PrismaNs.join([...this.inFlight])})` : PrismaNs.empty;
    const rows = await this.o.prisma.$queryRaw<{ id: string; requestKey: string; kind: string; payloadEnc: string | null; attempts: number; receivedAt: Date }[]>`
      UPDATE "InboxEntry" AS e SET "claimedBy" = ${this.o.instanceId}, "leaseUntil" = ${lease}::timestamp, "attempts" = e."attempts" + 1
      FROM (
        SELECT "id" FROM "InboxEntry"
        WHERE "state" = 'RECEIVED' AND "leaseUntil" < ${now}::timestamp AND "receivedAt" > ${cutoff}::timestamp ${mine}
        ORDER BY "receivedAt" LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ) AS c
      WHERE e."id" = c."id"
      RETURNING e."id", e."requestKey", e."kind", e."payloadEnc", e."attempts", e."receivedAt"`;
    return rows.map((r) => {
      this.inFlight.add(r.id);
      let payload: Record<string, unknown> | undefined;
      try {
        payload = r.payloadEnc ? (JSON.parse(this.o.cipher.decrypt(r.payloadEnc)) as Record<string, unknown>) : undefined;
      } catch (e) {
        this.o.log.warn({ err: e, kind: r.kind }, 'inbox: an entry could not be decrypted');
      }
      return { id: r.id, requestKey: r.requestKey, kind: r.kind, payload, attempts: Number(r.attempts), receivedAt: new Date(r.receivedAt) };
    });
  }

  /** Abandons unfinished entries too old to answer; returns how many. */
  async abandonExpired(): Promise<number> {
    const nowMs = this.now();
    const r = await this.o.prisma.inboxEntry.updateMany({
      where: { state: 'RECEIVED', receivedAt: { lte: new Date(nowMs - this.maxAgeMs) } },
      data: { state: 'ABANDONED', outcome: 'expired', payloadEnc: null, finishedAt: new Date(nowMs) },
    });
    return r.count;
  }

  /** Deletes finished rows: DONE after `doneRetentionMs`, ABANDONED after a day. */
  async purge(): Promise<number> {
    const nowMs = this.now();
    const r = await this.o.prisma.inboxEntry.deleteMany({
      where: {
        OR: [
          { state: 'DONE', finishedAt: { lt: new Date(nowMs - this.doneRetentionMs) } },
          { state: 'ABANDONED', finishedAt: { lt: new Date(nowMs - ABANDONED_RETENTION_MS) } },
        ],
      },
    });
    return r.count;
  }

  /** One recovery pass: abandon the too old, hand each claimable entry to `handler`, purge. */
  async sweep(handler: RecoveryHandler): Promise<{ recovered: number; restarted: number; abandoned: number; failed: number }> {
    const counts = { recovered: 0, restarted: 0, abandoned: 0, failed: 0 };
    counts.abandoned = await this.abandonExpired();
    if (counts.abandoned) this.o.log.warn({ count: counts.abandoned }, 'inbox: requests too old to answer were abandoned');
    for (let round = 0; round < 50 && !this.stopped; round++) {
      const batch = await this.claimUnfinished();
      if (!batch.length) break;
      await Promise.all(batch.map(async (entry) => {
        try {
          const outcome = await handler(entry);
          await this.done(entry.id, outcome);
          counts[outcome]++;
        } catch (e) {
          // Stays RECEIVED; claimed again once the lease passes (and answered "try again" then).
          this.inFlight.delete(entry.id);
          counts.failed++;
          this.o.log.warn({ err: e, kind: entry.kind }, 'inbox: recovering a request failed');
        }
      }));
    }
    await this.purge();
    if (counts.recovered || counts.restarted || counts.failed) this.o.log.info(counts, 'inbox: unfinished requests from a stopped instance handled');
    return counts;
  }

  /** Renews the leases of the entries this process is working on. */
  private async renewLeases(): Promise<void> {
    if (!this.inFlight.size) return;
    const lease = new Date(this.now() + this.leaseMs);
    await this.o.prisma.inboxEntry.updateMany({ where: { id: { in: [...this.inFlight] }, state: 'RECEIVED' }, data: { leaseUntil: lease } });
  }

  /** Sweeps now and every `sweepMs`; renews leases every third of `leaseMs`. */
  start(handler: RecoveryHandler): void {
    this.stopped = false;
    const run = () => {
      if (this.stopped || this.sweeping) return;
      this.sweeping = this.sweep(handler)
        .then(() => undefined, (e: unknown) => this.o.log.warn({ err: e }, 'inbox sweep failed'))
        .finally(() => {
          this.sweeping = undefined;
        });
    };
    run();
    this.sweepTimer = setInterval(run, this.sweepMs);
    this.sweepTimer.unref();
    this.leaseTimer = setInterval(() => {
      this.renewLeases().catch((e: unknown) => this.o.log.warn({ err: e }, 'inbox: lease renewal failed'));
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    this.leaseTimer.unref();
  }

  /** Stops the timers and waits for a sweep in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweepTimer);
    clearInterval(this.leaseTimer);
    await this.sweeping;
  }
}
