/**
 * Reminders and escalation (issue: reminders). Contract used by the core:
 * - `onCaseChanged(tx, caseId)` re-plans a case's nudges inside the case's transaction;
 * - `start()` / `stop()` run the dispatcher loop of this instance;
 * - `sweepOnce()` dispatches everything due now (tests, dev clock changes);
 * - `handleAction(actor, action, value)` serves nudge buttons (done, snooze).
 *
 * Planning is a pure function of the case (planner.ts) reconciled with stored nudges by dedupe key
 * (reconcile.ts); delivery is an outbox claimed with FOR UPDATE SKIP LOCKED (dispatcher.ts, which
 * also documents the exactly-once reasoning).
 */
import type { Actor } from '../orgs/org.service.ts';
import type { NoticeRenderer } from '../notices/notice.ts';
import type { NotifierRegistry } from '../ports/notifier.ts';
import type { ServiceDeps, Tx } from '../shared/deps.ts';
import { DEFAULT_DISPATCHER_OPTIONS, Dispatcher, type DispatcherOptions } from './dispatcher.ts';
import { markNudgeDone, snoozeNudge, type NudgeOutcome } from './nudge-actions.ts';
import { planCaseNudges } from './planner.ts';
import { ensureGuardianTask, loadCasePlanState, reconcileCase } from './reconcile.ts';
import { GUARDIAN_TASK_RULE, type NudgeViews } from './reminder.ts';

export { ensureGuardianTask, planNewCaseRows } from './reconcile.ts';
export type { NudgeOutcome } from './nudge-actions.ts';
export type { DeliveryLookup } from './dispatcher.ts';

export interface RemindersDeps {
  deps: ServiceDeps;
  notifier: NotifierRegistry;
  instanceId: string;
  intervalMs: number;
  /** How stored notices read: `renderNotice` of src/chat/notice-views.ts. */
  notices: NoticeRenderer;
  /** How nudges and digests read: `nudgeViews` of src/chat/reminder-views.ts. */
  views: NudgeViews;
  /** Dispatcher tuning (lease, batch, retries, pacing); defaults suit production. */
  dispatch?: Partial<Omit<DispatcherOptions, 'instanceId'>>;
}

export interface Reminders {
  onCaseChanged(tx: Tx, caseId: string): Promise<void>;
  start(): void;
  stop(): Promise<void>;
  sweepOnce(): Promise<{ delivered: number; failed: number }>;
  /** Asks the running loop to sweep now (a request just wrote notices to the outbox). */
  kick(): void;
  /** Whether the loop has a sweep scheduled or running (false after `stop()`: nothing will be delivered by it). */
  readonly looping: boolean;
  /** A nudge button (done, snooze): what it did, or null for an action that is not a nudge's. */
  handleAction(actor: Actor, action: string, value: string): Promise<NudgeOutcome | null>;
}

/** Re-plans one case inside the caller's transaction. */
export async function replanCase(deps: ServiceDeps, tx: Tx, caseId: string): Promise<void> {
  const now = deps.clock.now();
  let state = await loadCasePlanState(tx, deps.playbooks, caseId, now);
  if (!state) return;
  if (state.kase.status === 'OPEN' && state.kase.origin === 'ABSENCE_SIGNAL' && !state.deadlines.some((d) => d.ruleKey === GUARDIAN_TASK_RULE)) {
    if (await ensureGuardianTask(tx, caseId, now)) state = (await loadCasePlanState(tx, deps.playbooks, caseId, now))!;
  }
  await reconcileCase(tx, caseId, state.kase.orgId, planCaseNudges(state), now, { closed: state.kase.status !== 'OPEN', stored: state.stored });
}

/** The reminders module: planner hook, dispatcher loop and nudge buttons. */
export function createReminders(d: RemindersDeps): Reminders {
  const dispatcher = new Dispatcher(d.deps, d.notifier, { ...DEFAULT_DISPATCHER_OPTIONS, ...d.dispatch, instanceId: d.instanceId }, { nudges: d.views, notices: d.notices });
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let stopped = false;
  let chain: Promise<unknown> = Promise.resolve();
  let kicked = false;

  const sweep = (): Promise<{ delivered: number; failed: number; more: boolean }> => {
    // One sweep at a time per instance; other instances coordinate through the database.
    const next = chain.then(() => dispatcher.sweep());
    chain = next.catch(() => {});
    return next;
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => void tick(), ms);
    timer.unref();
  };

  let loopSweeps = 0;
  const tick = async () => {
    timer = undefined;
    let delay = d.intervalMs;
    kicked = false;
    loopSweeps++;
    try {
      const r = await sweep();
      if (r.more || kicked) delay = 0;
    } catch (e) {
      d.deps.log.warn({ err: e }, 'reminder sweep failed; retrying on the next tick');
    } finally {
      loopSweeps--;
    }
    schedule(delay);
  };

  return {
    onCaseChanged: (tx, caseId) => replanCase(d.deps, tx, caseId),
    start: () => {
      if (running) return;
      running = true;
      stopped = false;
      dispatcher.resume();
      schedule(0);
    },
    stop: async () => {
      stopped = true;
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      dispatcher.requestStop();
      await chain;
    },
    kick: () => {
      if (!running || stopped) return;
      // A tick already waiting is moved forward; a sweep in progress is followed by another.
      if (timer) {
        clearTimeout(timer);
        timer = undefined;
        schedule(0);
      } else {
        kicked = true;
      }
    },
    get looping() {
      return timer !== undefined || loopSweeps > 0;
    },
    sweepOnce: async () => {
      const r = await sweep();
      return { delivered: r.delivered, failed: r.failed };
    },
    handleAction: async (actor, action, value) => {
      if (action === 'nudge.done') return markNudgeDone(d.deps, actor, value);
      if (action === 'nudge.snooze') return snoozeNudge(d.deps, actor, value);
      return null;
    },
  };
}
