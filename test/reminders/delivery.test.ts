import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/infra/db/database.ts';
import type { Prisma } from '../../src/infra/db/database.ts';
import type { ServiceDeps } from '../../src/shared/deps.ts';
import { dbKind, serverUrl } from '../support/db.ts';
import { createReminderFixture, drain, insertNudges, RecordingNotifier, type ReminderFixture } from './support/fixture.ts';

const PAST = new Date('2026-11-20T09:00:00+01:00');

/** A database client that fails every call while `state.down` (connection refused / terminated). */
function flakyPrisma(prisma: Prisma, state: { down: boolean }): Prisma {
  const fail = () => Promise.reject(new Error('Connection terminated unexpectedly'));
  return new Proxy(prisma, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target) as unknown;
      if (!state.down) return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      if (typeof v === 'function') return fail;
      if (v && typeof v === 'object') return new Proxy(v as object, { get: (m, q) => (typeof Reflect.get(m, q) === 'function' ? fail : Reflect.get(m, q)) });
      return v;
    },
  });
}

describe(`nudge delivery guarantees (${dbKind})`, () => {
  let f: ReminderFixture;
  let extra: Database | undefined;
  beforeEach(async () => { f = await createReminderFixture(new Date('2026-11-23T10:00:00+01:00')); });
  afterEach(async () => { await extra?.close(); extra = undefined; await f.close(); });

  const people = async () => Promise.all(['karin', 'maria', 'kalle', 'elin'].map((u) => f.as(u)));

  // PostgreSQL only: on PGlite both dispatchers share the one embedded connection, so their claims
  // run one after the other and the test would pass without any race to win.
  it.skipIf(!serverUrl)('1b. two dispatchers sweeping at once deliver every nudge exactly once (PostgreSQL only: PGlite has one connection)', async () => {
    const ps = await people();
    for (const [i, p] of ps.entries()) await insertNudges(f.deps, f.orgId, p.personId, 50, PAST, { prefix: `c${i}` });
    // A second service instance: its own connection pool to the same PostgreSQL database.
    extra = await openDatabase({ databaseUrl: f.t.url, dataDir: 'memory://', poolSize: 4 });
    const deps2: ServiceDeps = { ...f.deps, prisma: extra.prisma };
    f.consoleNotifier.delayMs = 2;
    const r1 = f.makeReminders(f.deps, 'instance-a', { batchSize: 15 });
    const r2 = f.makeReminders(deps2, 'instance-b', { batchSize: 15 });
    await Promise.all([drain(r1, 50), drain(r2, 50), drain(r1, 50), drain(r2, 50)]);
    await drain(r1);
    const counts = f.consoleNotifier.countsByKey();
    expect(counts.size).toBe(200);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    expect(await f.deps.prisma.nudge.count({ where: { status: 'SENT' } })).toBe(200);
    const by = await f.deps.prisma.deliveryAttempt.groupBy({ by: ['instanceId'], where: { outcome: 'OK' }, _count: true });
    expect(by.map((b) => b.instanceId).sort()).toEqual(['instance-a', 'instance-b']);
    await r1.stop();
    await r2.stop();
  });

  it('2a. nudges that fell due while the service was down are all delivered when it is back', async () => {
    const karin = await f.as('karin');
    for (let d = 0; d < 3; d++) await insertNudges(f.deps, f.orgId, karin.personId, 10, new Date(Date.parse('2026-11-23T12:00:00+01:00') + d * 86_400_000), { prefix: `down${d}` });
    f.clock.set(new Date('2026-11-27T09:00:00+01:00'));
    const restarted = f.makeReminders(f.deps, 'after-restart');
    await drain(restarted);
    const counts = f.consoleNotifier.countsByKey();
    expect(counts.size).toBe(30);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    expect(await f.deps.prisma.nudge.count({ where: { status: { not: 'SENT' } } })).toBe(0);
  });

  it('2b. a database outage mid-sweep (after the platform accepted, before SENT was recorded) loses nothing and sends nothing twice', async () => {
    const karin = await f.as('karin');
    const ids = await insertNudges(f.deps, f.orgId, karin.personId, 20, PAST);
    const state = { down: false };
    const deps = { ...f.deps, prisma: flakyPrisma(f.deps.prisma, state) };
    const r = f.makeReminders(deps, 'flaky', { leaseMs: 10_000 });
    f.consoleNotifier.afterAccept = () => { if (f.consoleNotifier.deliveries.length === 5) state.down = true; };
    await expect(r.sweepOnce()).rejects.toThrow(/Connection/);
    await expect(r.sweepOnce()).rejects.toThrow(/Connection/);
    expect(f.consoleNotifier.deliveries).toHaveLength(5);
    state.down = false;
    // The outage outlasted the lease: the in-flight nudge is "in doubt" and is checked, not resent.
    f.clock.advance(11_000);
    await drain(r);
    const counts = f.consoleNotifier.countsByKey();
    expect(counts.size).toBe(20);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    expect(await f.deps.prisma.nudge.count({ where: { id: { in: ids }, status: 'SENT' } })).toBe(20);
    expect(await f.deps.prisma.deliveryAttempt.count({ where: { outcome: 'CONFIRMED' } })).toBe(1);
  });

  it('3a. a notifier answering 429 with Retry-After three times delivers once, every attempt recorded', async () => {
    const karin = await f.as('karin');
    const [id] = await insertNudges(f.deps, f.orgId, karin.personId, 1, PAST);
    for (let i = 0; i < 3; i++) f.consoleNotifier.script.push(() => ({ ok: false, retryable: true, retryAfterMs: 40, error: 'HTTP 429 rate_limited' }));
    const started = Date.now();
    await drain(f.reminders);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(f.consoleNotifier.deliveries).toHaveLength(1);
    const attempts = await f.deps.prisma.deliveryAttempt.findMany({ where: { nudgeId: id }, orderBy: { at: 'asc' } });
    expect(attempts.map((a) => a.outcome).sort()).toEqual(['OK', 'RETRY', 'RETRY', 'RETRY']);
    expect((await f.deps.prisma.nudge.findUniqueOrThrow({ where: { id: id! } })).attempts).toBe(4);
  });

  it('3b. 5xx four times: retried with stored, jittered exponential backoff across sweeps, delivered once', async () => {
    const karin = await f.as('karin');
    const [id] = await insertNudges(f.deps, f.orgId, karin.personId, 1, PAST);
    for (let i = 0; i < 4; i++) f.consoleNotifier.script.push(() => ({ ok: false, retryable: true, error: 'HTTP 503' }));
    const r = f.makeReminders(f.deps, 'backoff', { backoffBaseMs: 60_000, inlineRetryMaxMs: 0 });
    const waits: number[] = [];
    for (let i = 0; i < 10 && f.consoleNotifier.deliveries.length === 0; i++) {
      await r.sweepOnce();
      const n = await f.deps.prisma.nudge.findUniqueOrThrow({ where: { id: id! } });
      if (n.lockedUntil && n.status === 'PENDING') waits.push(n.lockedUntil.getTime() - f.clock.now().getTime());
      // Nothing goes out before the backoff has passed.
      f.clock.advance(29_000);
      await r.sweepOnce();
      f.clock.advance(10 * 60_000);
    }
    // Exponential with equal jitter: each wait in [½, 1] × 60 s × 2ⁿ, and not all on the lower or upper edge.
    expect(waits).toHaveLength(4);
    waits.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual(30_000 * 2 ** i);
      expect(w).toBeLessThanOrEqual(60_000 * 2 ** i);
    });
    expect(new Set(waits.map((w, i) => w / 2 ** i)).size).toBeGreaterThan(1);
    expect(f.consoleNotifier.deliveries).toHaveLength(1);
    expect((await f.deps.prisma.nudge.findUniqueOrThrow({ where: { id: id! } })).status).toBe('SENT');
  });

  it('3c. a permanent failure marks the nudge FAILED and tells the case lead; endless 5xx fails after maxAttempts', async () => {
    const karin = await f.as('karin');
    const maria = await f.as('maria');
    const { openCase } = await import('../../src/cases/case.service.ts');
    const c = await openCase(f.deps, karin, { playbookKey: 's0-elevvard', schoolUnitCode: 'NORR', studentRef: 'Elev C' });
    await f.deps.prisma.nudge.create({ data: { orgId: f.orgId, caseId: c.caseId, kind: 'case.inactive', dedupeKey: 'perm', personId: maria.personId, dueAt: PAST, sendAt: PAST, payload: { caseCode: c.code, days: 21 } } });
    f.consoleNotifier.script.push(() => ({ ok: false, retryable: false, permanent: true, error: 'user_not_found' }));
    await drain(f.reminders);
    expect((await f.deps.prisma.nudge.findUniqueOrThrow({ where: { dedupeKey: 'perm' } })).status).toBe('FAILED');
    const notice = f.consoleNotifier.deliveries.find((d) => d.message.kind === 'delivery.failed')!;
    expect(notice.target.person?.id).toBe(karin.personId);
    expect(notice.message.reply.fallbackText).toContain('Maria Mentor');

    const [id] = await insertNudges(f.deps, f.orgId, maria.personId, 1, PAST, { prefix: 'endless' });
    const r = f.makeReminders(f.deps, 'max', { maxAttempts: 3, backoffBaseMs: 1 });
    for (let i = 0; i < 5; i++) f.consoleNotifier.script.push(() => ({ ok: false, retryable: true, error: 'HTTP 500' }));
    await drain(r);
    const n = await f.deps.prisma.nudge.findUniqueOrThrow({ where: { id: id! } });
    expect([n.status, n.attempts]).toEqual(['FAILED', 3]);
  });

  it('several channel nudges due at once become one digest message', async () => {
    const slack = new RecordingNotifier();
    f.registry.register('SLACK', slack);
    await insertNudges(f.deps, f.orgId, null, 3, PAST, { channel: { platform: 'SLACK', channelId: 'C-COORD' } });
    await drain(f.reminders);
    expect(slack.deliveries).toHaveLength(1);
    const msg = slack.deliveries[0]!.message;
    expect(msg.idempotencyKey).toMatch(/^bundle:/);
    expect(msg.reply.visibility).toBe('shared');
    expect(msg.reply.blocks.find((b) => b.type === 'list')).toMatchObject({ items: expect.arrayContaining([expect.stringContaining('TEST-26-0002')]) });
    expect(await f.deps.prisma.nudge.count({ where: { status: 'SENT' } })).toBe(3);
  });

  it('prefers Teams, then Slack, then the console, and paces messages per conversation', async () => {
    const karin = await f.as('karin');
    await f.deps.prisma.person.update({ where: { id: karin.personId }, data: { slackUserId: 'U-KARIN', teamsUserId: 'aad-karin' } });
    const slack = new RecordingNotifier();
    f.registry.register('SLACK', slack);
    await insertNudges(f.deps, f.orgId, karin.personId, 4, PAST, { prefix: 's' });
    const r = f.makeReminders(f.deps, 'paced', { pacingMs: { SLACK: 150, TEAMS: 0, CONSOLE: 0 } });
    await drain(r);
    expect(slack.deliveries).toHaveLength(4);
    expect(f.consoleNotifier.deliveries).toHaveLength(0);
    const gaps = slack.deliveries.slice(1).map((d, i) => d.at - slack.deliveries[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(140);
    const teams = new RecordingNotifier();
    f.registry.register('TEAMS', teams);
    await insertNudges(f.deps, f.orgId, karin.personId, 1, PAST, { prefix: 't2' });
    await drain(r);
    expect(teams.deliveries).toHaveLength(1);
  });

  it('the clock-driven loop delivers on its own and stop() ends it cleanly', async () => {
    const karin = await f.as('karin');
    await insertNudges(f.deps, f.orgId, karin.personId, 3, PAST);
    f.reminders.start();
    for (let i = 0; i < 200 && f.consoleNotifier.deliveries.length < 3; i++) await new Promise((r) => setTimeout(r, 25));
    expect(f.reminders.looping).toBe(true);
    await f.reminders.stop();
    expect(f.consoleNotifier.deliveries).toHaveLength(3);
    // Stopped: no sweep scheduled or running, and a kick (a request writing a notice) starts none.
    expect(f.reminders.looping).toBe(false);
    await insertNudges(f.deps, f.orgId, karin.personId, 1, PAST, { prefix: 'after-stop' });
    f.reminders.kick();
    expect(f.reminders.looping).toBe(false);
    expect(f.consoleNotifier.deliveries).toHaveLength(3);
    expect((await f.deps.prisma.nudge.findFirstOrThrow({ where: { dedupeKey: { startsWith: 'after-stop' } } })).status).toBe('PENDING');
    // It was deliverable all along: started again, the loop delivers it.
    f.reminders.start();
    for (let i = 0; i < 200 && f.consoleNotifier.deliveries.length < 4; i++) await new Promise((r) => setTimeout(r, 25));
    await f.reminders.stop();
    expect(f.consoleNotifier.deliveries).toHaveLength(4);
  });
});
