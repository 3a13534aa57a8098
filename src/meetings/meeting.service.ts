/**
 * Meetings: schedule, reschedule, cancel and record the outcome. Each scheduled meeting has an
 * iCalendar invitation with a stable UID so updates replace the same calendar entry.
 */
import { z } from 'zod/v4';
import type { Actor } from '../orgs/org.service.ts';
import { appendLog, withCase } from '../cases/case-access.ts';
import { emitCaseEvent, parseInput } from '../cases/case.service.ts';
import { createActionIn } from '../plans/plan.service.ts';
import { DomainError } from '../shared/errors.ts';
import type { ServiceDeps } from '../shared/deps.ts';
import { isLate } from '../deadlines/overdue.ts';
import type { CaseContext } from '../cases/case-access.ts';

/** A booking outside the window a playbook deadline sets for a meeting type. */
export interface WindowBreach {
  side: 'early' | 'late';
  ruleKey: string;
  /** Start of the earliest day (null: no lower bound). */
  earliestAt: Date | null;
  dueAt: Date;
}

/**
 * Whether a meeting of `type` at `startsAt` falls outside an open deadline's window for it
 * (e.g. Elevvård: nätverksmöte 2–3 weeks after målmöte; follow-up within 6 weeks).
 */
export async function meetingWindowBreach(c: CaseContext, type: string, startsAt: Date): Promise<WindowBreach | null> {
  const rules = c.playbook.deadlineRules.filter((r) => 'meetingHeld' in r.expects && r.expects.meetingHeld === type).map((r) => r.key);
  if (!rules.length) return null;
  const open = await c.tx.deadline.findMany({ where: { caseId: c.kase.id, status: 'OPEN', subjectType: 'rule', ruleKey: { in: rules } }, orderBy: { dueAt: 'asc' } });
  if (!open.length) return null;
  const { timeZone } = await c.tx.organisation.findUniqueOrThrow({ where: { id: c.kase.orgId }, select: { timeZone: true } });
  for (const d of open) {
    const advisory = c.playbook.deadlineRules.find((r) => r.key === d.ruleKey)?.advisory ?? false;
    if (advisory) continue;
    if (d.earliestAt && startsAt < d.earliestAt) return { side: 'early', ruleKey: d.ruleKey, earliestAt: d.earliestAt, dueAt: d.dueAt };
    if (isLate(startsAt, d.dueAt, timeZone)) return { side: 'late', ruleKey: d.ruleKey, earliestAt: d.earliestAt, dueAt: d.dueAt };
  }
  return null;
}

function breachError(code: string, type: string, b: WindowBreach): DomainError {
  return new DomainError('MEETING.OUTSIDE_WINDOW', { code, type, side: b.side, rule: b.ruleKey, earliest: b.earliestAt?.toISOString() ?? '', due: b.dueAt.toISOString() });
}

export const scheduleInput = z.object({
  type: z.string().min(1).max(60),
  startsAt: z.date(),
  durationMin: z.number().int().min(5).max(600).default(60),
  location: z.string().trim().max(200).optional(),
  link: z.url().max(500).optional(),
  /** The person has seen the warning that the time is outside the playbook's window. */
  confirmOutsideWindow: z.boolean().default(false),
});

/** Schedules a meeting of one of the playbook's meeting types. */
export async function scheduleMeeting(deps: ServiceDeps, actor: Actor, code: string, input: z.input<typeof scheduleInput>, opts: { requestKey?: string } = {}): Promise<{ meetingId: string; code: string; outsideWindow: WindowBreach['side'] | null }> {
  const cmd = parseInput(scheduleInput, input);
  return withCase(deps, actor, code, 'case.write', 'meeting.schedule', async (c) => {
    const type = c.playbook.meetingTypes.find((m) => m.key === cmd.type);
    if (!type) throw new DomainError('INPUT.INVALID', { field: 'type', problem: `okänd mötestyp "${cmd.type}"` });
    if (cmd.startsAt.getTime() < c.now.getTime() - 60_000) throw new DomainError('MEETING.IN_PAST', {});
    const breach = await meetingWindowBreach(c, cmd.type, cmd.startsAt);
    if (breach && !cmd.confirmOutsideWindow) throw breachError(c.kase.code, cmd.type, breach);
    const agenda = type.agenda.map((a) => a.key);
    const m = await c.tx.meeting.create({
      data: {
        caseId: c.kase.id, type: cmd.type, startsAt: cmd.startsAt, durationMin: cmd.durationMin,
        locationEnc: deps.cipher.encryptOpt(cmd.location), linkEnc: deps.cipher.encryptOpt(cmd.link), agenda, createdById: actor.personId, createdAt: c.now,
      },
    });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'meeting.scheduled', { type: cmd.type, startsAt: cmd.startsAt.toISOString(), meetingId: m.id, ...(breach ? { outsideWindow: breach.side, rule: breach.ruleKey } : {}) });
    await emitCaseEvent(c, { type: 'meetingScheduled', meetingType: cmd.type });
    return { meetingId: m.id, code: c.kase.code, outsideWindow: breach?.side ?? null };
  }, { write: true, requestKey: opts.requestKey });
}

async function findMeeting(c: Parameters<Parameters<typeof withCase>[5]>[0], meetingId: string) {
  const m = await c.tx.meeting.findFirst({ where: { id: meetingId, caseId: c.kase.id } });
  if (!m) throw new DomainError('MEETING.NOT_FOUND', { code: c.kase.code });
  return m;
}

/** Moves a planned meeting; the invitation keeps its UID and bumps its sequence. */
export async function rescheduleMeeting(deps: ServiceDeps, actor: Actor, code: string, meetingId: string, startsAt: Date, opts: { confirmOutsideWindow?: boolean } = {}): Promise<void> {
  await withCase(deps, actor, code, 'case.write', 'meeting.reschedule', async (c) => {
    const m = await findMeeting(c, meetingId);
    if (m.status !== 'PLANNED') throw new DomainError('MEETING.NOT_PLANNED', { code: c.kase.code });
    if (startsAt.getTime() < c.now.getTime() - 60_000) throw new DomainError('MEETING.IN_PAST', {});
    const breach = await meetingWindowBreach(c, m.type, startsAt);
    if (breach && !opts.confirmOutsideWindow) throw breachError(c.kase.code, m.type, breach);
    await c.tx.meeting.update({ where: { id: m.id }, data: { startsAt, icsSequence: { increment: 1 } } });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'meeting.rescheduled', { type: m.type, from: m.startsAt.toISOString(), to: startsAt.toISOString(), meetingId: m.id, ...(breach ? { outsideWindow: breach.side, rule: breach.ruleKey } : {}) });
  }, { write: true });
}

/** Cancels a planned meeting (its nudges are cancelled by re-planning). */
export async function cancelMeeting(deps: ServiceDeps, actor: Actor, code: string, meetingId: string): Promise<void> {
  await withCase(deps, actor, code, 'case.write', 'meeting.cancel', async (c) => {
    const m = await findMeeting(c, meetingId);
    if (m.status !== 'PLANNED') throw new DomainError('MEETING.NOT_PLANNED', { code: c.kase.code });
    await c.tx.meeting.update({ where: { id: m.id }, data: { status: 'CANCELLED', cancelledAt: c.now, icsSequence: { increment: 1 } } });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'meeting.cancelled', { type: m.type, meetingId: m.id });
  }, { write: true });
}

export const outcomeInput = z.object({
  meetingId: z.string().min(1).optional(),
  /** Records a meeting that was not scheduled in Stafett beforehand. */
  type: z.string().max(60).optional(),
  minutes: z.string().trim().max(8000).optional(),
  outputs: z.array(z.string().max(60)).max(30).default([]),
  attendedRoles: z.array(z.string().max(60)).max(30).default([]),
  decisions: z.array(z.object({ kind: z.string().max(60).default('GENERAL'), text: z.string().trim().min(1).max(2000) })).max(20).default([]),
  /** Real plan actions: owner (or a participant with a staff follower), due and evaluation dates, reminders. */
  actions: z.array(z.object({
    text: z.string().trim().min(1).max(1000),
    owner: z.object({ personId: z.string().optional(), slackUserId: z.string().optional(), teamsUserId: z.string().optional(), text: z.string().max(120).optional() }).optional(),
    /** @deprecated use `owner.text`. */
    ownerText: z.string().max(120).optional(),
    participant: z.string().trim().max(120).optional(),
    dueAt: z.date().optional(),
    evaluationAt: z.date().optional(),
  })).max(30).default([]),
  nextMeeting: z.object({ type: z.string().max(60), startsAt: z.date() }).optional(),
});

/** Records what a meeting produced: minutes, outputs, decisions, actions and the next meeting. */
export async function recordMeetingOutcome(deps: ServiceDeps, actor: Actor, code: string, input: z.input<typeof outcomeInput>, opts: { requestKey?: string } = {}): Promise<{ meetingId: string; code: string; next?: { meetingId: string; outsideWindow: WindowBreach | null } }> {
  const cmd = parseInput(outcomeInput, input);
  return withCase(deps, actor, code, 'case.write', 'meeting.outcome', async (c) => {
    let meeting;
    if (cmd.meetingId) {
      meeting = await findMeeting(c, cmd.meetingId);
      if (meeting.status === 'HELD') throw new DomainError('MEETING.ALREADY_HELD', { code: c.kase.code });
      if (meeting.status === 'CANCELLED') throw new DomainError('MEETING.NOT_PLANNED', { code: c.kase.code });
    } else {
      if (!cmd.type || !c.playbook.meetingTypes.some((m) => m.key === cmd.type)) {
        throw new DomainError('INPUT.INVALID', { field: 'type', problem: `okänd mötestyp "${cmd.type ?? ''}"` });
      }
      meeting = await c.tx.meeting.create({ data: { caseId: c.kase.id, type: cmd.type, startsAt: c.now, createdById: actor.personId, createdAt: c.now } });
    }
    const type = c.playbook.meetingTypes.find((m) => m.key === meeting.type);
    const known = new Set<string>(type?.requiredOutputs ?? []);
    const outputs = cmd.outputs.filter((o) => known.has(o) || o.length > 0);
    await c.tx.meeting.update({
      where: { id: meeting.id },
      data: { status: 'HELD', heldAt: c.now, minutesEnc: deps.cipher.encryptOpt(cmd.minutes), outcome: { outputs, attendedRoles: cmd.attendedRoles } },
    });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'meeting.held', { type: meeting.type, meetingId: meeting.id, outputs: outputs.join(',') }, deps.cipher.encryptOpt(cmd.minutes));
    await emitCaseEvent(c, { type: 'meetingHeld', meetingType: meeting.type, at: meeting.startsAt });
    for (const o of outputs) await emitCaseEvent(c, { type: 'outputRecorded', output: o });
    for (const d of cmd.decisions) {
      await c.tx.decision.create({ data: { caseId: c.kase.id, meetingId: meeting.id, kind: d.kind, textEnc: deps.cipher.encrypt(d.text), decidedAt: c.now, recordedById: actor.personId } });
      await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'decision.recorded', { kind: d.kind, meetingId: meeting.id }, deps.cipher.encrypt(d.text));
      await emitCaseEvent(c, { type: 'decisionRecorded', kind: d.kind });
    }
    for (const a of cmd.actions) {
      await createActionIn(c, { text: a.text, owner: a.owner ?? (a.ownerText ? { text: a.ownerText } : undefined), participant: a.participant, dueAt: a.dueAt, evaluationAt: a.evaluationAt, meetingId: meeting.id });
    }
    if (cmd.nextMeeting) {
      if (!c.playbook.meetingTypes.some((m) => m.key === cmd.nextMeeting!.type)) {
        throw new DomainError('INPUT.INVALID', { field: 'nextMeeting.type', problem: `okänd mötestyp "${cmd.nextMeeting.type}"` });
      }
      const next = await c.tx.meeting.create({ data: { caseId: c.kase.id, type: cmd.nextMeeting.type, startsAt: cmd.nextMeeting.startsAt, createdById: actor.personId, createdAt: c.now, agenda: c.playbook.meetingTypes.find((m) => m.key === cmd.nextMeeting!.type)!.agenda.map((a) => a.key) } });
      // The deadlines this meeting triggered exist now: a next meeting outside their window is
      // booked (the minutes are not lost) and the answer warns, offering to move it.
      const breach = await meetingWindowBreach(c, next.type, next.startsAt);
      await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'meeting.scheduled', { type: next.type, startsAt: next.startsAt.toISOString(), meetingId: next.id, ...(breach ? { outsideWindow: breach.side, rule: breach.ruleKey } : {}) });
      await emitCaseEvent(c, { type: 'meetingScheduled', meetingType: next.type });
      return { meetingId: meeting.id, code: c.kase.code, next: { meetingId: next.id, outsideWindow: breach } };
    }
    return { meetingId: meeting.id, code: c.kase.code };
  }, { write: true, requestKey: opts.requestKey });
}
