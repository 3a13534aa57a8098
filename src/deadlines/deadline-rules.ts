/**
 * Derives deadlines from playbook rules when case events happen, and marks them met when the
 * expected event occurs. Dates count in the organisation's time zone and calendar.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { DeadlineExpectation, DeadlineRule, Playbook } from '../playbooks/index.ts';
import { addDuration, type CalendarConfig } from '../shared/calendar.ts';
import { earliestFor } from './overdue.ts';
import type { Tx } from '../shared/deps.ts';

export type CaseEvent =
  | { type: 'caseOpened' }
  | { type: 'meetingScheduled'; meetingType: string }
  /** `at`: when the meeting took place (its start), if not now. */
  | { type: 'meetingHeld'; meetingType: string; at?: Date }
  | { type: 'stageEntered'; stage: string }
  | { type: 'planCreated' }
  | { type: 'consentGiven' }
  | { type: 'concernReported' }
  | { type: 'decisionRecorded'; kind: string }
  | { type: 'outputRecorded'; output: string };

function triggers(rule: DeadlineRule, e: CaseEvent): boolean {
  if (rule.trigger.event !== e.type) return false;
  if (rule.trigger.meetingType && 'meetingType' in e && e.meetingType !== rule.trigger.meetingType) return false;
  if (rule.trigger.stage && 'stage' in e && e.stage !== rule.trigger.stage) return false;
  return true;
}

function satisfies(exp: DeadlineExpectation, e: CaseEvent): boolean {
  if ('meetingHeld' in exp) return e.type === 'meetingHeld' && e.meetingType === exp.meetingHeld;
  if ('meetingScheduled' in exp) return (e.type === 'meetingScheduled' || e.type === 'meetingHeld') && e.meetingType === exp.meetingScheduled;
  if ('stage' in exp) return e.type === 'stageEntered' && e.stage === exp.stage;
  if ('decision' in exp) return e.type === 'decisionRecorded' && e.kind === exp.decision;
  if ('output' in exp) return e.type === 'outputRecorded' && e.output === exp.output;
  if ('actionPlan' in exp) return e.type === 'planCreated';
  return false;
}

export interface DeadlineContext {
  tx: Tx;
  caseId: string;
  stage: string;
  playbook: Playbook;
  calendar: CalendarConfig;
  now: Date;
  /**
   * What the caller already knows, when the case is being created in this transaction: its open
   * rule deadlines (none) and where to put new ones, written by the caller with the case itself
   * (one statement instead of a read and a write per event). Shared by the events of one opening.
   */
  known?: KnownDeadlines;
}

/** A deadline row to insert (ids are made here; `createdAt` is the database's). */
export interface NewDeadline {
  id: string; caseId: string; ruleKey: string; subjectType: string; dueAt: Date; earliestAt: Date | null; ownerRole: string | null;
}

export interface KnownDeadlines {
  open: { id: string; ruleKey: string }[];
  create: NewDeadline[];
}

/**
 * Applies one event: meets open deadlines it satisfies (re-arming repeating rules) and creates
 * the deadlines it triggers. Returns the rules created, for the case log.
 */
export async function applyDeadlineEvent(ctx: DeadlineContext, e: CaseEvent): Promise<string[]> {
  const { tx, caseId, playbook, now } = ctx;
  // The case's open rule deadlines, read once and kept current below (met ones leave, new ones join).
  const open = ctx.known?.open ?? (await tx.deadline.findMany({ where: { caseId, status: 'OPEN', subjectType: 'rule' }, select: { id: true, ruleKey: true } }));
  const created: string[] = [];
  for (const d of [...open]) {
    const rule = playbook.deadlineRules.find((r) => r.key === d.ruleKey);
    if (rule && satisfies(rule.expects, e)) {
      // A meeting meets its deadline when it took place, not when its notes were written.
      const metAt = e.type === 'meetingHeld' && e.at && e.at < now ? e.at : now;
      open.splice(open.indexOf(d), 1);
      const pending = ctx.known?.create.findIndex((n) => n.id === d.id) ?? -1;
      if (pending >= 0) ctx.known!.create.splice(pending, 1);
      else await tx.deadline.update({ where: { id: d.id }, data: { status: 'MET', metAt } });
      if (rule.repeat) created.push(await createDeadline(ctx, rule, open));
    }
  }
  for (const rule of playbook.deadlineRules) {
    if (!triggers(rule, e)) continue;
    if (rule.activeInStages && !rule.activeInStages.includes(ctx.stage) && !(e.type === 'stageEntered' && rule.activeInStages.includes(e.stage))) continue;
    // Re-triggering an open rule moves its date rather than creating a duplicate.
    const existing = open.find((d) => d.ruleKey === rule.key);
    if (existing) {
      const pending = ctx.known?.create.find((n) => n.id === existing.id);
      if (pending) Object.assign(pending, { dueAt: dueFor(ctx, rule), earliestAt: earliestAt(ctx, rule) });
      else await tx.deadline.update({ where: { id: existing.id }, data: { dueAt: dueFor(ctx, rule), earliestAt: earliestAt(ctx, rule) } });
      continue;
    }
    created.push(await createDeadline(ctx, rule, open));
  }
  return created;
}

function dueFor(ctx: DeadlineContext, rule: DeadlineRule): Date {
  const start = DateTime.fromJSDate(ctx.now, { zone: ctx.calendar.timeZone });
  // A deadline is due at the end of its working day.
  return addDuration(start, rule.offset, ctx.calendar).set({ hour: 16, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}

function earliestAt(ctx: DeadlineContext, rule: DeadlineRule): Date | null {
  return rule.earliest === undefined ? null : earliestFor(ctx.now, rule.earliest, ctx.calendar);
}

async function createDeadline(ctx: DeadlineContext, rule: DeadlineRule, open: { id: string; ruleKey: string }[]): Promise<string> {
  const row: NewDeadline = { id: randomUUID(), caseId: ctx.caseId, ruleKey: rule.key, subjectType: 'rule', dueAt: dueFor(ctx, rule), earliestAt: earliestAt(ctx, rule), ownerRole: rule.ownerRole ?? null };
  if (ctx.known) ctx.known.create.push(row);
  else await ctx.tx.deadline.create({ data: row });
  open.push({ id: row.id, ruleKey: rule.key });
  return rule.key;
}

/** Cancels every open deadline of a case (closure). */
export async function cancelOpenDeadlines(tx: Tx, caseId: string): Promise<void> {
  await tx.deadline.updateMany({ where: { caseId, status: 'OPEN' }, data: { status: 'CANCELLED' } });
}
