import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeCase, openCase } from '../../src/cases/case.service.ts';
import { cancelMeeting, rescheduleMeeting, scheduleMeeting } from '../../src/meetings/meeting.service.ts';
import { addAction, completeAction } from '../../src/plans/plan.service.ts';
import { DAY } from '../support/core.ts';
import { dbKind } from '../support/db.ts';
import { createReminderFixture, type ReminderFixture } from './support/fixture.ts';
import { nudgeOutcomeReply } from '../../src/chat/nudge-view.ts';
import type { Actor } from '../../src/orgs/org.service.ts';

const pending = (f: ReminderFixture, caseId: string) => f.deps.prisma.nudge.findMany({ where: { caseId, status: 'PENDING' }, orderBy: { sendAt: 'asc' } });

describe(`reminder planning (${dbKind})`, () => {
  let f: ReminderFixture;
  /** A nudge button through the reminders module, said as the chat says it. */
  const nudgeButton = async (actor: Actor, action: string, value: string) => {
    const outcome = await f.reminders.handleAction(actor, action, value);
    return outcome && nudgeOutcomeReply(actor.lang, outcome);
  };
  beforeEach(async () => { f = await createReminderFixture(new Date('2026-11-23T08:00:00+01:00')); });
  afterEach(async () => { await f.close(); });

  async function openDemoCase(origin: 'REFERRAL' | 'ABSENCE_SIGNAL' = 'REFERRAL') {
    const karin = await f.as('karin');
    const c = await openCase(f.deps, karin, { playbookKey: 's0-elevvard', schoolUnitCode: 'NORR', studentRef: 'Elev A', origin });
    return { karin, ...c };
  }

  it('plans meeting reminders 2 working days before at 08:00 and the morning of, in the org time zone', async () => {
    const { karin, caseId, code } = await openDemoCase();
    await scheduleMeeting(f.deps, karin, code, { type: 'natverksmote', startsAt: new Date('2026-12-01T13:00:00+01:00') });
    const ns = (await pending(f, caseId)).filter((n) => n.kind.startsWith('meeting.'));
    expect(ns.map((n) => [n.kind, n.sendAt.toISOString()])).toEqual([
      ['meeting.before', '2026-11-27T07:00:00.000Z'],
      ['meeting.dayof', '2026-12-01T07:00:00.000Z'],
    ]);
    expect(ns[0]!.dedupeKey).toContain(':before:2wd:');
    expect(ns[0]!.dedupeKey).toContain('2026-12-01T12:00:00.000Z');
  });

  it('rescheduling replaces the reminders (old keys cancelled, new keys pending); cancelling the meeting cancels them', async () => {
    const { karin, caseId, code } = await openDemoCase();
    const { meetingId } = await scheduleMeeting(f.deps, karin, code, { type: 'natverksmote', startsAt: new Date('2026-12-01T13:00:00+01:00') });
    const before = (await pending(f, caseId)).filter((n) => n.kind.startsWith('meeting.'));
    await rescheduleMeeting(f.deps, karin, code, meetingId, new Date('2026-12-03T10:00:00+01:00'));
    const after = (await pending(f, caseId)).filter((n) => n.kind.startsWith('meeting.'));
    expect(after.map((n) => n.sendAt.toISOString())).toEqual(['2026-12-01T07:00:00.000Z', '2026-12-03T07:00:00.000Z']);
    const old = await f.deps.prisma.nudge.findMany({ where: { id: { in: before.map((n) => n.id) } } });
    expect(old.every((n) => n.status === 'CANCELLED' && n.cancelReason === 'replan')).toBe(true);
    // Moving it back re-arms the original nudges instead of leaving them cancelled.
    await rescheduleMeeting(f.deps, karin, code, meetingId, new Date('2026-12-01T13:00:00+01:00'));
    expect((await f.deps.prisma.nudge.findMany({ where: { id: { in: before.map((n) => n.id) } } })).map((n) => n.status)).toEqual(['PENDING', 'PENDING']);
    await cancelMeeting(f.deps, karin, code, meetingId);
    expect((await pending(f, caseId)).filter((n) => n.kind.startsWith('meeting.'))).toEqual([]);
  });

  it('a prepare nudge goes out prepareLeadDays working days before a meeting whose type has it', async () => {
    const tove = await f.as('karin');
    const c = await openCase(f.deps, tove, { playbookKey: 's4-sandviken', schoolUnitCode: 'NORR', studentRef: 'Elev B' });
    const pb = f.deps.playbooks.get('s4-sandviken')!;
    const type = pb.meetingTypes.find((m) => m.prepareLeadDays)!;
    await scheduleMeeting(f.deps, tove, c.code, { type: type.key, startsAt: new Date('2026-12-10T13:00:00+01:00') });
    const prep = (await pending(f, c.caseId)).filter((n) => n.kind === 'meeting.prepare');
    expect(prep).toHaveLength(1);
    // 3 working days before Thursday 10 Dec is Monday 7 Dec.
    expect(prep[0]!.sendAt.toISOString()).toBe('2026-12-07T07:00:00.000Z');
  });

  it('completing an action stops its escalation chain; SENT nudges stay as history', async () => {
    const { karin, caseId, code } = await openDemoCase();
    const { actionId } = await addAction(f.deps, karin, code, { text: 'Ring hem', dueAt: new Date('2026-11-25T16:00:00+01:00') });
    const dl = await f.deps.prisma.deadline.findFirstOrThrow({ where: { caseId, subjectType: 'action', subjectId: actionId } });
    const ofAction = async () => (await pending(f, caseId)).filter((n) => n.dedupeKey.includes(`:deadline:${dl.id}:`));
    const kinds = (await ofAction()).map((n) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['deadline.soon', 'deadline.due', 'deadline.overdue', 'deadline.escalation']));
    const esc = (await ofAction()).filter((n) => n.kind === 'deadline.escalation');
    // Karin owns the action and holds the baton: the chain goes straight on to the unit's team lead.
    const tove = await f.as('tove');
    expect(esc.map((n) => n.personId)).toEqual([tove.personId]);
    // Not overdue on the due date itself, even after the due time…
    f.clock.set(new Date('2026-11-25T16:05:00+01:00'));
    await f.reminders.sweepOnce();
    const overdue = await f.deps.prisma.nudge.findFirstOrThrow({ where: { caseId, kind: 'deadline.overdue' } });
    expect(overdue.status).toBe('PENDING');
    expect(overdue.sendAt.getTime()).toBeGreaterThanOrEqual(new Date('2026-11-26T00:00:00+01:00').getTime());
    // …but the next morning.
    f.clock.set(new Date('2026-11-26T09:05:00+01:00'));
    await f.reminders.sweepOnce();
    expect((await f.deps.prisma.nudge.findUniqueOrThrow({ where: { id: overdue.id } })).status).toBe('SENT');
    await completeAction(f.deps, karin, code, actionId);
    expect(await ofAction()).toEqual([]);
    expect((await f.deps.prisma.nudge.findUniqueOrThrow({ where: { id: esc[0]!.id } })).status).toBe('CANCELLED');
    expect((await f.deps.prisma.nudge.findUniqueOrThrow({ where: { id: overdue.id } })).status).toBe('SENT');
  });

  it('closing a case cancels every pending nudge', async () => {
    const { karin, caseId, code } = await openDemoCase();
    await scheduleMeeting(f.deps, karin, code, { type: 'natverksmote', startsAt: new Date('2026-12-01T13:00:00+01:00') });
    expect((await pending(f, caseId)).length).toBeGreaterThan(0);
    const pb = f.deps.playbooks.get('s0-elevvard')!;
    // Closure is only allowed from late stages; put the case there directly.
    if (pb.closure.allowedFromStages) await f.deps.prisma.case.update({ where: { id: caseId }, data: { stage: pb.closure.allowedFromStages[0]! } });
    await closeCase(f.deps, karin, code, { reason: pb.closure.reasons?.[0]?.key ?? 'klart', maintenancePlan: 'Följs upp av mentor varje vecka.' });
    expect(await pending(f, caseId)).toEqual([]);
    const cancelled = await f.deps.prisma.nudge.findMany({ where: { caseId, status: 'CANCELLED' } });
    expect(cancelled.every((n) => n.cancelReason === 'closed')).toBe(true);
  });

  it('an absence-signal case gives the mentor a same-day guardian task, escalated at the end of the day; "done" (twice) stops it once', async () => {
    const { karin, caseId } = await openDemoCase('ABSENCE_SIGNAL');
    const task = await f.deps.prisma.deadline.findFirstOrThrow({ where: { caseId, ruleKey: 'guardian-notification' } });
    expect(task.dueAt.toISOString()).toBe('2026-11-23T15:30:00.000Z');
    const ns = await pending(f, caseId);
    const t = ns.find((n) => n.kind === 'task.guardian')!;
    expect(t.personId).toBe(karin.personId);
    expect(t.sendAt.toISOString()).toBe('2026-11-23T07:00:00.000Z');
    const esc = ns.filter((n) => n.kind === 'deadline.escalation');
    expect(esc.map((n) => n.sendAt.toISOString())).toEqual(['2026-11-23T15:30:00.000Z']);
    await f.reminders.sweepOnce();
    const msg = f.consoleNotifier.deliveries.find((d) => d.message.kind === 'task.guardian')!;
    expect(msg.message.reply.fallbackText).toContain('informera vårdnadshavaren');
    const done = await nudgeButton(karin, 'nudge.done', t.id);
    expect(done?.fallbackText).toMatch(/^Klart/);
    expect((await f.deps.prisma.deadline.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('MET');
    expect((await pending(f, caseId)).filter((n) => n.dedupeKey.includes(`:deadline:${task.id}:`))).toEqual([]);
    const version = (await f.deps.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).version;
    const audited = await f.deps.prisma.auditEvent.count({ where: { action: 'nudge.done' } });
    const again = await nudgeButton(karin, 'nudge.done', t.id);
    // The second click shows the same state and changes nothing.
    expect(again?.fallbackText).toBe(done?.fallbackText);
    expect(await f.deps.prisma.auditEvent.count({ where: { action: 'nudge.done' } })).toBe(audited);
    expect((await f.deps.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).version).toBe(version);
  });

  it('snooze re-arms a delivered nudge once (double click), then it is delivered again with a new idempotency key', async () => {
    const { karin, caseId } = await openDemoCase('ABSENCE_SIGNAL');
    await f.reminders.sweepOnce();
    const t = await f.deps.prisma.nudge.findFirstOrThrow({ where: { caseId, kind: 'task.guardian' } });
    expect(t.status).toBe('SENT');
    const r1 = await nudgeButton(karin, 'nudge.snooze', `${t.id}:P1D`);
    expect(r1?.fallbackText).toContain('tisdag 24 nov kl. 08:00');
    const r2 = await nudgeButton(karin, 'nudge.snooze', `${t.id}:P1W`);
    expect(r2?.fallbackText).toMatch(/redan/);
    const snoozed = await f.deps.prisma.nudge.findUniqueOrThrow({ where: { id: t.id } });
    expect(snoozed.status).toBe('PENDING');
    expect(snoozed.sendAt.toISOString()).toBe('2026-11-24T07:00:00.000Z');
    f.clock.advance(DAY);
    await f.reminders.sweepOnce();
    const keys = f.consoleNotifier.deliveries.filter((d) => d.message.kind === 'task.guardian').map((d) => d.message.idempotencyKey);
    expect(keys).toEqual([`nudge:${t.id}`, `nudge:${t.id}:2026-11-24T07:00:00.000Z`]);
  });

  it('someone else cannot act on my nudge', async () => {
    const { caseId } = await openDemoCase('ABSENCE_SIGNAL');
    const t = await f.deps.prisma.nudge.findFirstOrThrow({ where: { caseId, kind: 'task.guardian' } });
    const maria = await f.as('maria');
    expect((await nudgeButton(maria, 'nudge.done', t.id))?.fallbackText).toMatch(/någon annan/);
  });
});
