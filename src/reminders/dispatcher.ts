/**
 * The dispatcher: claims due nudges from PostgreSQL (or PGlite) and delivers them through the
 * notifier port.
 *
 * Delivery guarantee. A chat API call cannot take part in a database transaction, so "exactly
 * once" is built from three steps and two safety nets:
 *
 *  1. Claim (one transaction): due PENDING rows whose lease is free are locked with
 *     `FOR UPDATE SKIP LOCKED` and leased (`lockedBy`, `lockedUntil`); in the same transaction an
 *     `IN_FLIGHT` DeliveryAttempt is written for each, carrying the idempotency key the notifier
 *     will get. Concurrent dispatchers skip each other's rows, so a nudge is only ever handled by
 *     one lease holder at a time.
 *  2. Deliver, outside any transaction, with `idempotencyKey` = the nudge id (a bundle of channel
 *     nudges gets one key for the bundle).
 *  3. Mark SENT and the attempt OK in one transaction.
 *
 * A crash (or a database outage) between 2 and 3 leaves the nudge PENDING with an IN_FLIGHT
 * attempt. When its lease expires, the next claim finds that attempt and treats the nudge as
 * "in doubt": if the platform notifier can look up a delivery by idempotency key
 * (`wasDelivered`), it is asked and a delivered nudge is marked SENT (attempt CONFIRMED) without
 * sending again; otherwise it is delivered again with the *same* key, so a notifier that
 * de-duplicates on the key still shows it once. Without either, the guarantee is at-least-once —
 * never at-most-once: a nudge is never marked SENT before the platform accepted it, so none is lost.
 *
 * Every outbox row goes through here: planned nudges, weekly digests, failure notices and the
 * notices services write with `deps.notifyPerson` (src/notices) — hand-over requests and answers,
 * consent withdrawn, reports of concern, absence signals.
 *
 * States (Nudge.status + lease, and the DeliveryAttempt outcomes that go with them):
 *
 * | From                         | Event                                             | To                                           | Attempt row          |
 * |------------------------------|---------------------------------------------------|----------------------------------------------|----------------------|
 * | (none)                       | change commits (planner, `notifyPerson`)          | PENDING, sendAt = now or next working hour   | —                    |
 * | PENDING, due, lease free     | claim (SKIP LOCKED)                               | PENDING, leased (lockedBy/lockedUntil)       | IN_FLIGHT written    |
 * | leased                       | platform accepts                                  | SENT                                         | OK                   |
 * | leased, attempt in doubt     | `wasDelivered` says yes                           | SENT (not sent again)                        | CONFIRMED            |
 * | leased                       | retryable error, short delay                      | leased, retried inline after the delay       | RETRY (+ IN_FLIGHT)  |
 * | leased                       | retryable error, long delay                       | PENDING, lockedUntil = now + jittered backoff| RETRY                |
 * | leased                       | timeout / network error (outcome unknown)         | as above, and in doubt for the next claim    | UNKNOWN / IN_FLIGHT  |
 * | leased                       | permanent error, max attempts, cannot render      | FAILED; case lead gets `delivery.failed`     | FAILED               |
 * | leased                       | shutdown, lease running out                       | PENDING, lease released                      | RELEASED (or kept IN_FLIGHT if in doubt) |
 * | leased, process dies         | lease expires; next claim finds IN_FLIGHT         | leased again, in doubt                       | UNKNOWN, new IN_FLIGHT |
 * | PENDING                      | case closed / re-planned away                     | CANCELLED (notices about the past stay)      | —                    |
 *
 * Retry delays: `backoffBaseMs × 2^(attempt−1)`, capped at `backoffMaxMs`, with equal jitter
 * (`retryDelay`), never shorter than the platform's Retry-After.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Prisma } from '../infra/db/database.ts';
import { Prisma as PrismaNs } from '../generated/prisma/client.ts';
import { orgCalendar } from '../orgs/org-calendar.ts';
import type { DeliveryResult, DeliveryTarget, NotifierRegistry, NotifyPlatform, OutboundMessage, PlatformNotifier } from '../ports/notifier.ts';
import type { Reply } from '../ports/reply.ts';
import { noticeDefinition, type NoticeParams, type NoticeRenderer } from '../notices/notice.ts';
import type { ServiceDeps, Tx } from '../shared/deps.ts';
import { channelDigest, personDigest, planWeeklyDigests } from './digest.ts';
import { sendAtFor } from './planner.ts';
import type { ChannelTarget, Lang, NudgeKind, NudgePayload, NudgeRenderItem, NudgeViews } from './reminder.ts';

/** A notifier that can tell whether a message with this idempotency key already reached the platform. */
export type DeliveryLookup = Required<Pick<PlatformNotifier, 'wasDelivered'>>;

function hasLookup(n: PlatformNotifier): n is PlatformNotifier & DeliveryLookup {
  return typeof (n as Partial<DeliveryLookup>).wasDelivered === 'function';
}

export interface DispatcherOptions {
  instanceId: string;
  /** How long a claim is held; an in-doubt nudge waits this long before another instance checks it. */
  leaseMs: number;
  /** Nudges claimed per round. */
  batchSize: number;
  /** Delivery calls per nudge before it is marked FAILED. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /**
   * Fraction of each retry delay drawn at random ("equal jitter": the delay is
   * `d × (1 − jitter + jitter × random)`), so nudges that failed together do not retry in lockstep.
   */
  backoffJitter: number;
  /** Retry delays up to this are waited out in the sweep; longer ones are stored (`lockedUntil`). */
  inlineRetryMaxMs: number;
  /** A notifier call taking longer is abandoned and treated as in doubt. */
  deliveryTimeoutMs: number;
  /** Minimum spacing of messages per conversation (Slack ≈ 1/s per channel, Teams 7/s). */
  pacingMs: Record<NotifyPlatform, number>;
  /** Notifier calls in flight at once across conversations. */
  concurrency: number;
  /** Plan weekly digests during sweeps. */
  weeklyDigests: boolean;
  /** Stop claiming new rounds after this long (one sweep never runs forever). */
  sweepBudgetMs: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: Omit<DispatcherOptions, 'instanceId'> = {
  leaseMs: 120_000,
  batchSize: 500,
  maxAttempts: 8,
  backoffBaseMs: 1000,
  backoffMaxMs: 15 * 60_000,
  backoffJitter: 0.5,
  inlineRetryMaxMs: 2000,
  deliveryTimeoutMs: 20_000,
  pacingMs: { SLACK: 1000, TEAMS: 150, CONSOLE: 0 },
  concurrency: 16,
  weeklyDigests: true,
  sweepBudgetMs: 5 * 60_000,
};

interface ClaimedRow {
  id: string;
  orgId: string;
  caseId: string | null;
  kind: string;
  personId: string | null;
  channel: unknown;
  payload: unknown;
  attempts: number;
  snoozedUntil: Date | null;
  paramsEnc: string | null;
}

interface PersonRow {
  id: string;
  orgId: string;
  language: string | null;
  displayName: string;
  slackUserId: string | null;
  teamsUserId: string | null;
  consoleUser: string | null;
}

/** One outbound message: a single nudge, or a bundle of nudges for one channel. */
interface Message {
  key: string;
  nudges: ClaimedRow[];
  target: DeliveryTarget;
  platform: NotifyPlatform;
  /** Pacing key: platform + conversation. */
  conversation: string;
  attemptIds: string[];
  /** A previous attempt with this key may have reached the platform. */
  inDoubt: boolean;
  attempts: number;
}

export interface SweepResult {
  delivered: number;
  failed: number;
}

/** Errors from the notifier or the database that should stop this sweep (retried next tick). */
class SweepAborted extends Error {}

/** A message that cannot be rendered: fails permanently instead of aborting the sweep. */
class RenderError extends Error {}

/** Exponential backoff with equal jitter for the `attempts`-th failed call (1-based). */
export function retryDelay(attempts: number, o: Pick<DispatcherOptions, 'backoffBaseMs' | 'backoffMaxMs' | 'backoffJitter'>, random = Math.random): number {
  const d = Math.min(o.backoffMaxMs, o.backoffBaseMs * 2 ** (attempts - 1));
  const j = Math.min(1, Math.max(0, o.backoffJitter));
  return Math.round(d * (1 - j + j * random()));
}

function langOf(v: string | null | undefined): Lang {
  const l = (v ?? '').toLowerCase();
  if (l.startsWith('nb') || l.startsWith('no') || l.startsWith('nn')) return 'nb';
  if (l.startsWith('en')) return 'en';
  return 'sv';
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Keeps a minimum spacing between messages to one conversation, in real time (rate limits are
 * real), per process. Several instances are not coordinated here: the platform's 429 +
 * Retry-After then slows each one down (see `block`).
 */
export class Pacer {
  private readonly next = new Map<string, number>();

  /** Waits until the conversation's next slot. */
  async wait(key: string): Promise<void> {
    for (;;) {
      const delay = (this.next.get(key) ?? 0) - Date.now();
      if (delay <= 0) return;
      await sleep(delay);
    }
  }

  /** Call right before sending: the next message to this conversation waits `intervalMs` from now. */
  mark(key: string, intervalMs: number): void {
    this.next.set(key, Math.max(this.next.get(key) ?? 0, Date.now() + intervalMs));
  }

  /** The platform asked us to hold off (429 Retry-After). */
  block(key: string, ms: number): void {
    this.next.set(key, Math.max(this.next.get(key) ?? 0, Date.now() + ms));
  }
}

class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly max: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/** Delivers due nudges; one instance per process, safe to run in several processes at once. */
export class Dispatcher {
  private readonly pacer = new Pacer();
  private readonly digestWeeks = new Map<string, string>();
  private stopping = false;

  private readonly opts: DispatcherOptions;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly notifier: NotifierRegistry,
    opts: DispatcherOptions,
    /** How nudges and stored notices read (the conversation layer's views, handed in by the composition root). */
    private readonly views: { nudges: NudgeViews; notices: NoticeRenderer },
  ) {
    // A delivery must fit well inside the lease, or another instance could take over mid-call.
    this.opts = { ...opts, deliveryTimeoutMs: Math.min(opts.deliveryTimeoutMs, Math.floor(opts.leaseMs / 4)) };
  }

  private get prisma(): Prisma {
    return this.deps.prisma;
  }

  /** Asks a running sweep to stop starting deliveries; claimed but unsent nudges are released. */
  requestStop(): void {
    this.stopping = true;
  }

  /** Allows sweeps again after `requestStop` (a restarted loop). */
  resume(): void {
    this.stopping = false;
  }

  /** Delivers everything due now (several claim rounds), then returns. */
  async sweep(): Promise<SweepResult & { more: boolean }> {
    const started = Date.now();
    const total = { delivered: 0, failed: 0 };
    if (this.opts.weeklyDigests) await planWeeklyDigests(this.prisma, this.deps.clock.now(), this.digestWeeks, this.opts.instanceId);
    for (;;) {
      if (this.stopping) return { ...total, more: true };
      const r = await this.round();
      total.delivered += r.delivered;
      total.failed += r.failed;
      if (r.claimed < this.opts.batchSize) return { ...total, more: false };
      if (Date.now() - started > this.opts.sweepBudgetMs) return { ...total, more: true };
    }
  }

  private async round(): Promise<SweepResult & { claimed: number }> {
    const now = this.deps.clock.now();
    const leaseUntil = new Date(now.getTime() + this.opts.leaseMs);
    const claim = await this.prisma.$transaction((tx) => this.claim(tx, now, leaseUntil));
    const result = { delivered: 0, failed: claim.failed, claimed: claim.claimed };
    if (!claim.messages.length) return result;
    const queues = new Map<string, Message[]>();
    for (const m of claim.messages) queues.set(m.conversation, [...(queues.get(m.conversation) ?? []), m]);
    const sem = new Semaphore(this.opts.concurrency);
    let aborted: unknown;
    await Promise.all([...queues.values()].map(async (queue) => {
      for (const m of queue) {
        if (aborted !== undefined || this.stopping) {
          // Leave it for the next sweep: release now if the database answers, else the lease expires.
          await this.release(m).catch(() => {});
          continue;
        }
        try {
          const outcome = await this.process(m, leaseUntil, sem);
          if (outcome === 'sent') result.delivered += m.nudges.length;
          if (outcome === 'failed') result.failed += m.nudges.length;
        } catch (e) {
          // Database trouble while recording: stop this sweep; in-flight attempts resolve later.
          aborted = e;
          this.deps.log.warn({ err: e, key: m.key }, 'dispatch aborted; will resume on the next sweep');
        }
      }
    }));
    if (aborted !== undefined) throw aborted instanceof Error ? aborted : new SweepAborted(String(aborted));
    return result;
  }

  /** Claim transaction: lease due rows, detect in-doubt ones, build messages, write IN_FLIGHT attempts. */
  private async claim(tx: Tx, now: Date, leaseUntil: Date): Promise<{ messages: Message[]; claimed: number; failed: number }> {
    const rows = await tx.$queryRaw<ClaimedRow[]>`
      WITH due AS (
        SELECT ctid FROM "Nudge"
        WHERE "status" = 'PENDING' AND "sendAt" <= ${now}::timestamp
          AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now}::timestamp)
        ORDER BY "sendAt"
        LIMIT ${this.opts.batchSize}
        FOR UPDATE SKIP LOCKED
      )
      -- The locked rows by their physical address (stable while locked): a TID scan, no second
      -- lookup through the primary key per row (which grew with the table).
      UPDATE "Nudge" AS n
      SET "lockedBy" = ${this.opts.instanceId}, "lockedUntil" = ${leaseUntil}::timestamp, "updatedAt" = ${now}::timestamp
      WHERE n.ctid = ANY (ARRAY(SELECT ctid FROM due))
      RETURNING n."id", n."orgId", n."caseId", n."kind", n."personId", n."channel", n."payload", n."attempts", n."snoozedUntil", n."paramsEnc"`;
    if (!rows.length) return { messages: [], claimed: 0, failed: 0 };
    const ids = rows.map((r) => r.id);
    const prior = await tx.$queryRaw<{ nudgeId: string; idempotencyKey: string | null }[]>`
      SELECT "nudgeId", "idempotencyKey" FROM "DeliveryAttempt"
      WHERE "nudgeId" IN (${PrismaNs.join(ids)}) AND "outcome" = 'IN_FLIGHT'`;
    if (prior.length) {
      await tx.$executeRaw`
        UPDATE "DeliveryAttempt" SET "outcome" = 'UNKNOWN'
        WHERE "nudgeId" IN (${PrismaNs.join([...new Set(prior.map((p) => p.nudgeId))])}) AND "outcome" = 'IN_FLIGHT'`;
    }
    const doubtKey = new Map(prior.map((p) => [p.nudgeId, p.idempotencyKey ?? `nudge:${p.nudgeId}`]));
    const personIds = [...new Set(rows.map((r) => r.personId).filter((x): x is string => Boolean(x)))];
    const people = new Map((await tx.person.findMany({
      where: { id: { in: personIds } },
      select: { id: true, orgId: true, language: true, displayName: true, slackUserId: true, teamsUserId: true, consoleUser: true },
    })).map((p) => [p.id, p as PersonRow]));

    const messages: Message[] = [];
    const unreachable: ClaimedRow[] = [];
    const bundles = new Map<string, ClaimedRow[]>();
    const doubtGroups = new Map<string, ClaimedRow[]>();
    for (const r of rows) {
      const resolved = this.resolveTarget(r, people);
      if (!resolved) { unreachable.push(r); continue; }
      const k = doubtKey.get(r.id);
      if (k) { doubtGroups.set(k, [...(doubtGroups.get(k) ?? []), r]); continue; }
      if (resolved.target.channelId) {
        bundles.set(resolved.conversation, [...(bundles.get(resolved.conversation) ?? []), r]);
      } else {
        messages.push({ key: singleKey(r), nudges: [r], ...resolved, attemptIds: [], inDoubt: false, attempts: r.attempts });
      }
    }
    for (const [key, group] of doubtGroups) {
      messages.push({ key, nudges: group, ...this.resolveTarget(group[0]!, people)!, attemptIds: [], inDoubt: true, attempts: Math.max(...group.map((g) => g.attempts)) });
    }
    for (const group of bundles.values()) {
      const key = group.length === 1 ? singleKey(group[0]!) : `bundle:${createHash('sha256').update(group.map((g) => g.id).sort().join(',')).digest('hex').slice(0, 32)}`;
      messages.push({ key, nudges: group, ...this.resolveTarget(group[0]!, people)!, attemptIds: [], inDoubt: false, attempts: Math.max(...group.map((g) => g.attempts)) });
    }
    const attempts: { id: string; nudgeId: string; at: Date; platform: NotifyPlatform; outcome: string; idempotencyKey: string; instanceId: string }[] = [];
    for (const m of messages) {
      for (const n of m.nudges) {
        const id = randomUUID();
        m.attemptIds.push(id);
        attempts.push({ id, nudgeId: n.id, at: now, platform: m.platform, outcome: 'IN_FLIGHT', idempotencyKey: m.key, instanceId: this.opts.instanceId });
      }
    }
    if (attempts.length) await tx.deliveryAttempt.createMany({ data: attempts });
    for (const r of unreachable) {
      await tx.deliveryAttempt.create({ data: { nudgeId: r.id, at: now, platform: 'SYSTEM', outcome: 'FAILED', error: 'no reachable platform for the recipient', instanceId: this.opts.instanceId } });
      await this.markFailed(tx, [r], 'no reachable platform for the recipient', now);
    }
    return { messages, claimed: rows.length, failed: unreachable.length };
  }

  /** Where a nudge goes: the person's platform (Teams, else Slack, else console) or the case channel. */
  private resolveTarget(r: ClaimedRow, people: Map<string, PersonRow>): { target: DeliveryTarget; platform: NotifyPlatform; conversation: string } | null {
    const ch = r.channel as ChannelTarget | null;
    if (ch?.channelId) {
      if (!this.notifier.get(ch.platform)) return null;
      return { target: { platform: ch.platform, channelId: ch.channelId }, platform: ch.platform, conversation: `${ch.platform}:ch:${ch.channelId}` };
    }
    const p = r.personId ? people.get(r.personId) : undefined;
    if (!p) return null;
    const person = { id: p.id, slackUserId: p.slackUserId, teamsUserId: p.teamsUserId, consoleUser: p.consoleUser };
    const options: [NotifyPlatform, string | null][] = [['TEAMS', p.teamsUserId], ['SLACK', p.slackUserId], ['CONSOLE', p.consoleUser]];
    for (const [platform, userId] of options) {
      if (userId && this.notifier.get(platform)) return { target: { platform, person }, platform, conversation: `${platform}:dm:${userId}` };
    }
    return null;
  }

  /** Delivers one message with inline retries; returns how it ended. Throws on database errors. */
  private async process(m: Message, leaseUntil: Date, sem: Semaphore): Promise<'sent' | 'failed' | 'retry' | 'released'> {
    const notifier = this.notifier.get(m.platform)!;
    let reply: Reply | null = null;
    for (;;) {
      if (this.stopping || this.deps.clock.now().getTime() + this.opts.deliveryTimeoutMs >= leaseUntil.getTime()) {
        await this.release(m);
        return 'released';
      }
      if (m.inDoubt && hasLookup(notifier)) {
        const seen = await sem.run(() => notifier.wasDelivered(m.target, m.key)).catch(() => undefined);
        if (seen === true) {
          await this.finishSent(m, 'CONFIRMED');
          return 'sent';
        }
      }
      if (!reply) {
        try {
          reply = await this.render(m);
        } catch (e) {
          if (!(e instanceof RenderError)) throw e;
          // A notice that cannot be rendered (unknown kind, key retired) will not heal by retrying.
          await this.finishFailed(m, e.message);
          return 'failed';
        }
      }
      await this.pacer.wait(m.conversation);
      const message: OutboundMessage = { kind: m.nudges.length > 1 ? 'nudge.bundle' : m.nudges[0]!.kind, reply, idempotencyKey: m.key };
      const result = await sem.run(async () => {
        // Spacing counts from the moment of sending, after any wait for a free slot.
        await this.pacer.wait(m.conversation);
        this.pacer.mark(m.conversation, this.opts.pacingMs[m.platform] ?? 0);
        return this.callNotifier(notifier, m.target, message);
      });
      if (result.ok) {
        await this.finishSent(m, 'OK');
        return 'sent';
      }
      const attempts = m.attempts + 1;
      if (result.retryAfterMs) this.pacer.block(m.conversation, result.retryAfterMs);
      if (result.permanent || !result.retryable || attempts >= this.opts.maxAttempts) {
        await this.finishFailed(m, result.error);
        return 'failed';
      }
      const delay = Math.max(result.retryAfterMs ?? 0, retryDelay(attempts, this.opts));
      const unknown = Boolean((result as { unknown?: boolean }).unknown);
      const inline = delay <= this.opts.inlineRetryMaxMs && this.deps.clock.now().getTime() + delay + this.opts.deliveryTimeoutMs < leaseUntil.getTime();
      await this.recordRetry(m, result.error, unknown, inline ? null : new Date(this.deps.clock.now().getTime() + delay));
      if (!inline) return 'retry';
      m.attempts = attempts;
      m.inDoubt = m.inDoubt || unknown;
      await sleep(delay);
    }
  }

  private async callNotifier(n: PlatformNotifier, target: DeliveryTarget, message: OutboundMessage): Promise<DeliveryResult & { unknown?: boolean }> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        n.deliver(target, message),
        new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('notifier timeout')), this.opts.deliveryTimeoutMs); }),
      ]);
    } catch (e) {
      // We cannot tell whether the platform got it: retry with the same key, checking first.
      return { ok: false, retryable: true, error: e instanceof Error ? e.message : String(e), unknown: true };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Delivered messages waiting for the commit that marks them SENT (group commit, see finishSent). */
  private readonly sentQueue: { m: Message; outcome: 'OK' | 'CONFIRMED'; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private sentDraining = false;

  /**
   * Marks a delivered message SENT (and its attempts OK / CONFIRMED); resolves once committed.
   * Group commit: while one commit runs, the messages delivered meanwhile queue and go into the
   * next one together (up to 500) — one transaction for many deliveries, with no added wait when
   * deliveries are sparse. A message is still never reported sent before its row says SENT.
   */
  private finishSent(m: Message, outcome: 'OK' | 'CONFIRMED'): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.sentQueue.push({ m, outcome, resolve, reject });
      if (!this.sentDraining) void this.drainSent();
    });
  }

  private async drainSent(): Promise<void> {
    this.sentDraining = true;
    try {
      while (this.sentQueue.length) {
        const batch = this.sentQueue.splice(0, 500);
        try {
          await this.commitSent(batch);
          for (const b of batch) b.resolve();
        } catch (e) {
          for (const b of batch) b.reject(e);
        }
      }
    } finally {
      this.sentDraining = false;
    }
  }

  private async commitSent(batch: { m: Message; outcome: 'OK' | 'CONFIRMED' }[]): Promise<void> {
    const now = this.deps.clock.now();
    await this.prisma.$transaction(async (tx) => {
      for (const outcome of ['OK', 'CONFIRMED'] as const) {
        const items = batch.filter((b) => b.outcome === outcome);
        if (!items.length) continue;
        await tx.deliveryAttempt.updateMany({ where: { id: { in: items.flatMap((b) => b.m.attemptIds) } }, data: { outcome } });
        // Not fenced on lockedBy: once the platform has the message it is sent, whoever holds the lease.
        await tx.nudge.updateMany({
          where: { id: { in: items.flatMap((b) => b.m.nudges.map((n) => n.id)) }, status: 'PENDING' },
          data: { status: 'SENT', sentAt: now, lockedBy: null, lockedUntil: null, lastError: null, updatedAt: now, ...(outcome === 'OK' ? { attempts: { increment: 1 } } : {}) },
        });
      }
    });
  }

  private async recordRetry(m: Message, error: string, unknown: boolean, retryAt: Date | null): Promise<void> {
    const now = this.deps.clock.now();
    const ids = m.nudges.map((n) => n.id);
    const next = retryAt ? [] : ids.map((nudgeId) => ({ id: randomUUID(), nudgeId, at: now, platform: m.platform, outcome: 'IN_FLIGHT', idempotencyKey: m.key, instanceId: this.opts.instanceId }));
    await this.prisma.$transaction(async (tx) => {
      // An unknown outcome stays IN_FLIGHT so the next claim checks before sending again.
      await tx.deliveryAttempt.updateMany({ where: { id: { in: m.attemptIds } }, data: { outcome: unknown && retryAt ? 'IN_FLIGHT' : unknown ? 'UNKNOWN' : 'RETRY', error: error.slice(0, 500) } });
      if (next.length) await tx.deliveryAttempt.createMany({ data: next });
      await tx.nudge.updateMany({
        where: { id: { in: ids }, status: 'PENDING', lockedBy: this.opts.instanceId },
        data: { attempts: { increment: 1 }, lastError: error.slice(0, 500), updatedAt: now, ...(retryAt ? { lockedBy: null, lockedUntil: retryAt } : {}) },
      });
    });
    m.attemptIds = next.map((a) => a.id);
  }

  private async finishFailed(m: Message, error: string): Promise<void> {
    const now = this.deps.clock.now();
    await this.prisma.$transaction(async (tx) => {
      await tx.deliveryAttempt.updateMany({ where: { id: { in: m.attemptIds } }, data: { outcome: 'FAILED', error: error.slice(0, 500) } });
      await tx.nudge.updateMany({ where: { id: { in: m.nudges.map((n) => n.id) } }, data: { attempts: { increment: 1 } } });
      await this.markFailed(tx, m.nudges, error, now);
    });
  }

  /** Marks nudges FAILED and tells the case lead (a durable nudge of its own). */
  private async markFailed(tx: Tx, nudges: ClaimedRow[], error: string, now: Date): Promise<void> {
    await tx.nudge.updateMany({
      where: { id: { in: nudges.map((n) => n.id) }, status: 'PENDING' },
      data: { status: 'FAILED', lastError: error.slice(0, 500), lockedBy: null, lockedUntil: null, updatedAt: now },
    });
    for (const n of nudges) {
      this.deps.log.warn({ nudgeId: n.id, kind: n.kind, error }, 'nudge delivery failed permanently');
      if (!n.caseId || n.kind === 'delivery.failed') continue;
      const kase = await tx.case.findUnique({ where: { id: n.caseId }, select: { code: true, status: true, batonHolderId: true, org: { select: { timeZone: true, holidayRegion: true, settings: true } } } });
      if (!kase?.batonHolderId || kase.status !== 'OPEN' || kase.batonHolderId === n.personId) continue;
      const payload: NudgePayload = { caseCode: kase.code, failedKind: n.kind, failedTarget: n.personId ? 'person' : 'channel', failedPersonId: n.personId, reason: error.slice(0, 120) };
      await tx.nudge.createMany({
        data: [{
          orgId: n.orgId, caseId: n.caseId, kind: 'delivery.failed', dedupeKey: `failed:${n.id}`, personId: kase.batonHolderId,
          dueAt: now, sendAt: sendAtFor(now, orgCalendar(kase.org)), payload: { ...payload }, createdAt: now, updatedAt: now,
        }],
        skipDuplicates: true,
      });
    }
  }

  /** Gives a claimed nudge back without delivering (shutdown, lease running out). */
  private async release(m: Message): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.deliveryAttempt.updateMany({ where: { id: { in: m.attemptIds }, outcome: 'IN_FLIGHT' }, data: { outcome: m.inDoubt ? 'IN_FLIGHT' : 'RELEASED' } });
      await tx.nudge.updateMany({ where: { id: { in: m.nudges.map((n) => n.id) }, status: 'PENDING', lockedBy: this.opts.instanceId }, data: { lockedBy: null, lockedUntil: null } });
    });
  }

  /** Gathers what the message says, in the recipient's language (organisation language for channels); the views write it. */
  private async render(m: Message): Promise<Reply> {
    const first = m.nudges[0]!;
    const org = await this.prisma.organisation.findUniqueOrThrow({ where: { id: first.orgId }, select: { timeZone: true, language: true } });
    const person = first.personId ? await this.prisma.person.findUnique({ where: { id: first.personId }, select: { language: true } }) : null;
    const lang = langOf(person?.language ?? org.language);
    const tz = org.timeZone;
    const personal = !m.target.channelId;
    const now = this.deps.clock.now();
    const notice = m.nudges.length === 1 ? noticeDefinition(first.kind) : undefined;
    if (notice || first.paramsEnc) {
      if (!notice) throw new RenderError(`unknown notice kind ${first.kind}`);
      let params: NoticeParams;
      try {
        params = JSON.parse(this.deps.cipher.decrypt(first.paramsEnc ?? '')) as NoticeParams;
      } catch {
        throw new RenderError('notice parameters could not be read');
      }
      const view = this.views.notices(first.kind, lang, params, { timeZone: tz });
      if (!view) throw new RenderError(`no view of notice kind ${first.kind}`);
      return this.views.nudges.notice(view.text, view.buttons);
    }
    const items: NudgeRenderItem[] = [];
    for (const n of m.nudges) {
      const p = (n.payload ?? {}) as NudgePayload;
      const kind = n.kind as NudgeKind;
      const base = { id: n.id, kind, payload: p, actionText: null, recipientText: null };
      if (kind === 'digest.person' || kind === 'digest.channel') {
        const digest = kind === 'digest.person'
          ? await personDigest(this.prisma, this.deps.playbooks, this.deps.cipher, n.orgId, n.personId!, tz, now)
          : await channelDigest(this.prisma, this.deps.playbooks, n.orgId, n.channel as ChannelTarget, tz, now);
        items.push({ ...base, playbook: undefined, digest });
        continue;
      }
      const playbook = p.playbookKey ? this.deps.playbooks.get(p.playbookKey) : undefined;
      let actionText: string | null = null;
      let recipientText: string | null = null;
      // Free text and names only ever go into 1:1 messages.
      if (personal && p.subjectId && (p.subjectType === 'action' || p.subjectType === 'action-evaluation')) {
        const a = await this.prisma.caseAction.findUnique({ where: { id: p.subjectId }, select: { textEnc: true, participantEnc: true, number: true } });
        // A participant-owned action reminds its staff follower; the participant is named here, 1:1 only.
        const participant = a ? this.deps.cipher.decryptOpt(a.participantEnc) : null;
        actionText = a ? `${a.number ? `${a.number}. ` : ''}${this.deps.cipher.decrypt(a.textEnc)}${participant ? ` (${participant})` : ''}` : null;
      }
      if (personal && kind === 'delivery.failed') {
        recipientText = p.failedPersonId
          ? ((await this.prisma.person.findUnique({ where: { id: p.failedPersonId }, select: { displayName: true } }))?.displayName ?? null)
          : this.views.nudges.deliveryFailedChannel(lang);
      }
      items.push({ ...base, playbook, actionText, recipientText });
    }
    return this.views.nudges.nudges({ lang, tz, personal, items });
  }
}

/** Idempotency key of a single nudge; a snoozed nudge is a new delivery with its own key. */
function singleKey(r: ClaimedRow): string {
  return r.snoozedUntil ? `nudge:${r.id}:${new Date(r.snoozedUntil).toISOString()}` : `nudge:${r.id}`;
}
