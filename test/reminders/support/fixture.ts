/** Reminders on a fresh database with the demo organisation, a fake clock and recording notifiers. */
import { NotifierRegistry, type DeliveryResult, type DeliveryTarget, type OutboundMessage, type PlatformNotifier } from '../../../src/ports/notifier.ts';
import { createReminders, planNewCaseRows, type Reminders, type RemindersDeps } from '../../../src/reminders/index.ts';
import type { DeliveryLookup } from '../../../src/reminders/dispatcher.ts';
import type { ServiceDeps } from '../../../src/shared/deps.ts';
import { createTestCore, type TestCore } from '../../support/core.ts';
import { renderNotice } from '../../../src/chat/notice-views.ts';
import { nudgeViews } from '../../../src/chat/reminder-views.ts';

export interface Delivered {
  target: DeliveryTarget;
  message: OutboundMessage;
  at: number;
}

type Behaviour = (target: DeliveryTarget, message: OutboundMessage) => DeliveryResult | undefined | Promise<DeliveryResult | undefined>;

/**
 * A platform double: records every message that reached it (duplicates included — it does NOT
 * de-duplicate, so a double delivery shows up), and can look a delivery up by idempotency key.
 */
export class RecordingNotifier implements PlatformNotifier, DeliveryLookup {
  readonly deliveries: Delivered[] = [];
  /** Consumed one per call before the default "accept". */
  readonly script: Behaviour[] = [];
  delayMs = 0;
  /** Called after the platform accepted a message, before the answer returns (crash/outage hooks). */
  afterAccept?: (d: Delivered) => void | Promise<void>;

  async deliver(target: DeliveryTarget, message: OutboundMessage): Promise<DeliveryResult> {
    const step = this.script.shift();
    if (step) {
      const r = await step(target, message);
      if (r) return r;
    }
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const d = { target, message, at: Date.now() };
    this.deliveries.push(d);
    await this.afterAccept?.(d);
    return { ok: true };
  }

  async wasDelivered(_target: DeliveryTarget, key: string): Promise<boolean> {
    return this.deliveries.some((d) => d.message.idempotencyKey === key);
  }

  /** How many times each idempotency key reached the platform. */
  countsByKey(): Map<string, number> {
    const m = new Map<string, number>();
    for (const d of this.deliveries) m.set(d.message.idempotencyKey, (m.get(d.message.idempotencyKey) ?? 0) + 1);
    return m;
  }
}

export interface ReminderFixture extends TestCore {
  registry: NotifierRegistry;
  consoleNotifier: RecordingNotifier;
  reminders: Reminders;
  orgId: string;
  /** Another dispatcher instance on the same (or another) connection. */
  makeReminders(deps: ServiceDeps, instanceId: string, dispatch?: RemindersDeps['dispatch'], registry?: NotifierRegistry): Reminders;
}

export const TEST_DISPATCH: RemindersDeps['dispatch'] = {
  pacingMs: { SLACK: 0, TEAMS: 0, CONSOLE: 0 },
  weeklyDigests: false,
  backoffBaseMs: 10,
  inlineRetryMaxMs: 200,
};

export async function createReminderFixture(start?: Date, dispatch?: RemindersDeps['dispatch']): Promise<ReminderFixture> {
  const core = await createTestCore(start);
  const registry = new NotifierRegistry();
  const consoleNotifier = new RecordingNotifier();
  registry.register('CONSOLE', consoleNotifier);
  const makeReminders = (deps: ServiceDeps, instanceId: string, d?: RemindersDeps['dispatch'], reg = registry) =>
    createReminders({ notices: renderNotice, views: nudgeViews, deps, notifier: reg, instanceId, intervalMs: 50, dispatch: { ...TEST_DISPATCH, ...dispatch, ...d } });
  const reminders = makeReminders(core.deps, 'test-1');
  core.deps.onCaseChanged = (tx, caseId) => reminders.onCaseChanged(tx, caseId);
  core.deps.planNewCase = (facts) => planNewCaseRows(core.deps.playbooks, facts);
  const org = await core.deps.prisma.organisation.findUniqueOrThrow({ where: { slug: 'demo' } });
  return { ...core, registry, consoleNotifier, reminders, orgId: org.id, makeReminders, close: async () => { await reminders.stop(); await core.close(); } };
}

/** Inserts `n` plain nudges for a person, due at `sendAt` (for dispatcher tests). */
export async function insertNudges(deps: ServiceDeps, orgId: string, personId: string | null, n: number, sendAt: Date, opts: { prefix?: string; channel?: { platform: string; channelId: string } } = {}): Promise<string[]> {
  const prefix = opts.prefix ?? 't';
  const rows = Array.from({ length: n }, (_, i) => ({
    orgId, kind: 'case.inactive', dedupeKey: `${prefix}:${i}`, personId, channel: opts.channel ? { ...opts.channel } : undefined,
    dueAt: sendAt, sendAt, payload: { caseCode: `TEST-26-${String(i).padStart(4, '0')}`, days: 21 },
  }));
  await deps.prisma.nudge.createMany({ data: rows });
  const stored = await deps.prisma.nudge.findMany({ where: { dedupeKey: { startsWith: `${prefix}:` } }, select: { id: true } });
  return stored.map((s) => s.id);
}

/** Sweeps until nothing is claimable now (or `rounds` run out). */
export async function drain(r: Reminders, rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const s = await r.sweepOnce();
    if (s.delivered === 0 && s.failed === 0) return;
  }
}
