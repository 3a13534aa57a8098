/**
 * Nudge buttons: "done" and "snooze". Both are idempotent — a second click finds the work already
 * done and changes nothing. "Done" completes what the nudge is about (an action through
 * `completeAction`, a deadline or the guardian task by marking it met) in the case's own
 * transaction, so re-planning cancels the rest of the escalation chain.
 */
import { Duration } from 'luxon';
import { appendLog, withCase } from '../cases/case-access.ts';
import { recordAudit } from '../audit/audit.ts';
import { orgCalendar } from '../orgs/org-calendar.ts';
import type { Actor } from '../orgs/org.service.ts';
import { completeAction } from '../plans/plan.service.ts';
import type { ServiceDeps } from '../shared/deps.ts';
import { sendAtFor } from './planner.ts';
import { PLANNED_PREFIX, type NudgePayload } from './reminder.ts';

const SNOOZES = new Set(['P1D', 'P1W']);

/** What a nudge button did; the conversation layer says it (src/chat/nudge-view.ts). */
export type NudgeOutcome =
  | { kind: 'done' | 'alreadyDone' | 'notFound' | 'notYours' | 'badValue' }
  | { kind: 'snoozed' | 'alreadySnoozed'; when: Date; timeZone: string };

async function loadNudge(deps: ServiceDeps, actor: Actor, id: string) {
  const n = await deps.prisma.nudge.findUnique({ where: { id }, include: { case: { select: { id: true, code: true, status: true } }, org: true } });
  if (!n || n.orgId !== actor.orgId) return { ok: false, error: { kind: 'notFound' } as NudgeOutcome } as const;
  if (n.personId && n.personId !== actor.personId) return { ok: false, error: { kind: 'notYours' } as NudgeOutcome } as const;
  return { ok: true, nudge: n } as const;
}

/** "Done": completes the underlying action/deadline/task and stops the nudge. */
export async function markNudgeDone(deps: ServiceDeps, actor: Actor, nudgeId: string): Promise<NudgeOutcome> {
  const loaded = await loadNudge(deps, actor, nudgeId);
  if (!loaded.ok) return loaded.error;
  const n = loaded.nudge;
  const p = (n.payload ?? {}) as NudgePayload;
  let changed = false;
  if (n.case && n.case.status === 'OPEN' && p.deadlineId) {
    if (p.subjectType === 'action' && p.subjectId) {
      const a = await deps.prisma.caseAction.findUnique({ where: { id: p.subjectId }, select: { status: true } });
      if (a?.status === 'OPEN') changed = (await completeAction(deps, actor, n.case.code, p.subjectId)).changed;
    } else {
      const d = await deps.prisma.deadline.findUnique({ where: { id: p.deadlineId }, select: { status: true } });
      if (d?.status === 'OPEN') {
        changed = await withCase(deps, actor, n.case.code, 'case.write', 'nudge.done', async (c) => {
          const r = await c.tx.deadline.updateMany({ where: { id: p.deadlineId!, caseId: c.kase.id, status: 'OPEN' }, data: { status: 'MET', metAt: c.now } });
          if (r.count) await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'deadline.met', { ruleKey: p.ruleKey ?? null, via: 'nudge' });
          return r.count > 0;
        }, { write: true, auditDetail: { nudgeId } });
      }
    }
  }
  const now = deps.clock.now();
  // The nudge itself (and, for a meeting, this person's other pending reminders of it) stop here.
  // On a SENT row `cancelReason = 'done'` records the acknowledgement, which makes a second click a no-op.
  const prefix = p.meetingId && n.caseId ? `${PLANNED_PREFIX}${n.caseId}:meeting:${p.meetingId}:${p.startsAt ?? ''}:` : null;
  const acknowledged = await deps.prisma.$transaction(async (tx) => {
    const own = await tx.nudge.updateMany({ where: { id: n.id, status: { in: ['PENDING', 'SENT'] }, OR: [{ cancelReason: null }, { cancelReason: { not: 'done' } }] }, data: { cancelReason: 'done', lockedBy: null, lockedUntil: null, updatedAt: now } });
    await tx.nudge.updateMany({ where: { id: n.id, status: 'PENDING' }, data: { status: 'CANCELLED' } });
    if (prefix && n.personId) {
      await tx.nudge.updateMany({ where: { personId: n.personId, status: 'PENDING', dedupeKey: { startsWith: prefix } }, data: { status: 'CANCELLED', cancelReason: 'done', updatedAt: now } });
    }
    if (own.count) await recordAudit(tx, { at: now, orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: 'nudge.done', caseId: n.caseId, detail: { nudgeId: n.id, kind: n.kind } });
    return own.count > 0;
  });
  // A second click shows the same state as the first: the nudge is done either way.
  void changed;
  void acknowledged;
  return { kind: 'done' };
}

/** "Snooze": a delivered nudge comes back after a day or a week (next working window). */
export async function snoozeNudge(deps: ServiceDeps, actor: Actor, value: string): Promise<NudgeOutcome> {
  const cut = value.lastIndexOf(':');
  const id = value.slice(0, cut);
  const spec = value.slice(cut + 1);
  if (cut <= 0 || !SNOOZES.has(spec)) return { kind: 'badValue' };
  const loaded = await loadNudge(deps, actor, id);
  if (!loaded.ok) return loaded.error;
  const n = loaded.nudge;
  const tz = n.org.timeZone;
  if (n.status === 'PENDING') return { kind: 'alreadySnoozed', when: n.sendAt, timeZone: tz };
  if (n.status !== 'SENT' || n.cancelReason === 'done' || (n.case && n.case.status !== 'OPEN')) return { kind: 'alreadyDone' };
  const now = deps.clock.now();
  const until = sendAtFor(new Date(now.getTime() + Duration.fromISO(spec).toMillis()), orgCalendar(n.org));
  const r = await deps.prisma.$transaction(async (tx) => {
    // Conditional on SENT: a double click re-arms once; the second finds it PENDING.
    const u = await tx.nudge.updateMany({
      where: { id: n.id, status: 'SENT' },
      data: { status: 'PENDING', sendAt: until, snoozedUntil: until, attempts: 0, lockedBy: null, lockedUntil: null, lastError: null, updatedAt: now },
    });
    if (u.count) await recordAudit(tx, { at: now, orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: 'nudge.snooze', caseId: n.caseId, detail: { nudgeId: n.id, spec } });
    return u.count;
  });
  if (!r) {
    const again = await deps.prisma.nudge.findUnique({ where: { id: n.id }, select: { sendAt: true } });
    return { kind: 'alreadySnoozed', when: again?.sendAt ?? until, timeZone: tz };
  }
  return { kind: 'snoozed', when: until, timeZone: tz };
}
