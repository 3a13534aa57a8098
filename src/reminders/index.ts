/**
 * Reminders and escalation (issue: reminders). Contract used by the core:
 * - `onCaseChanged(tx, caseId)` re-plans a case's nudges inside the case's transaction;
 * - `start()` / `stop()` run the dispatcher loop of this instance;
 * - `sweepOnce()` dispatches everything due now (tests, dev clock changes);
 * - `handleAction(actor, action, value)` serves nudge buttons (done, snooze).
 */
import type { Actor } from '../orgs/org.service.ts';
import type { Reply } from '../chat/reply.ts';
import type { NotifierRegistry } from '../ports/notifier.ts';
import type { ServiceDeps, Tx } from '../shared/deps.ts';

export interface RemindersDeps {
  deps: ServiceDeps;
  notifier: NotifierRegistry;
  instanceId: string;
  intervalMs: number;
}

export interface Reminders {
  onCaseChanged(tx: Tx, caseId: string): Promise<void>;
  start(): void;
  stop(): Promise<void>;
  sweepOnce(): Promise<{ delivered: number; failed: number }>;
  handleAction(actor: Actor, action: string, value: string): Promise<Reply | null>;
}

/** Placeholder until the reminders module lands: plans nothing, delivers nothing. */
export function createReminders(_d: RemindersDeps): Reminders {
  return {
    onCaseChanged: async () => {},
    start: () => {},
    stop: async () => {},
    sweepOnce: async () => ({ delivered: 0, failed: 0 }),
    handleAction: async () => null,
  };
}
