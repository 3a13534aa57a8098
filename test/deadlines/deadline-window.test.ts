/**
 * Deadlines the models set: overdue only the day after the due date (organisation time zone),
 * booking outside a window warns and needs a confirmation, statistics count early and late
 * honestly, and the weekly summary names whoever owns the deadline.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignRole, openCase } from '../../src/cases/case.service.ts';
import { getCaseStatus, listMyCases } from '../../src/cases/case-query.service.ts';
import { recordMeetingOutcome, rescheduleMeeting, scheduleMeeting } from '../../src/meetings/meeting.service.ts';
import { channelDigest, personDigest } from '../../src/reminders/digest.ts';
import { digestLines } from '../../src/chat/reminder-views.ts';
import { computeFigures } from '../../src/stats/stats.service.ts';
import { dbKind } from '../support/db.ts';
import { createTestCore, type TestCore } from '../support/core.ts';

let c: TestCore;
/** Monday 23 November 2026, 08:00 in Stockholm. */
beforeEach(async () => {
  c = await createTestCore(new Date('2026-11-23T08:00:00+01:00'));
});
afterEach(async () => c.close());

const local = (iso: string) => new Date(`${iso}+01:00`);

async function goalMeetingHeld(): Promise<{ code: string; caseId: string }> {
  const maria = await c.as('maria');
  const k = await openCase(c.deps, maria, { playbookKey: 's0-elevvard', schoolUnitCode: 'NORR', studentRef: 'Elev Fönster', firstRole: 'mentor' });
  await recordMeetingOutcome(c.deps, maria, k.code, { type: 'malmote', outputs: ['esterOwner'] });
  return k;
}

describe(`a deadline is overdue the day after its due date (${dbKind})`, () => {
  it('is not FÖRSENAD at 17:00 on the due date, and is from midnight', async () => {
    const maria = await c.as('maria');
    const { code, caseId } = await openCase(c.deps, maria, { playbookKey: 's0-elevvard', schoolUnitCode: 'NORR', studentRef: 'Elev Frist', firstRole: 'mentor' });
    const d = await c.deps.prisma.deadline.findFirstOrThrow({ where: { caseId } });
    expect(d.dueAt.toISOString()).toBe('2026-12-07T15:00:00.000Z'); // Monday 7 Dec, 16:00 local
    c.clock.set(local('2026-12-07T17:00:00'));
    expect((await getCaseStatus(c.deps, maria, code)).details!.deadlines[0]!.overdue).toBe(false);
    expect((await listMyCases(c.deps, maria))[0]!.overdue).toBe(0);
    c.clock.set(local('2026-12-07T23:59:00'));
    expect((await getCaseStatus(c.deps, maria, code)).details!.deadlines[0]!.overdue).toBe(false);
    c.clock.set(local('2026-12-08T00:01:00'));
    expect((await getCaseStatus(c.deps, maria, code)).details!.deadlines[0]!.overdue).toBe(true);
    expect((await listMyCases(c.deps, maria))[0]!.overdue).toBe(1);
    expect((await computeFigures(c.deps, maria.orgId)).overdue).toBe(1);
  });
});

describe(`booking a meeting outside the window the model sets (${dbKind})`, () => {
  it('warns before the window (nätverksmöte 2–3 weeks after målmöte) and books only when confirmed', async () => {
    const { code, caseId } = await goalMeetingHeld();
    const maria = await c.as('maria');
    // Window: from Monday 7 Dec (2 weeks) to Monday 14 Dec (3 weeks).
    const early = local('2026-12-02T13:00:00');
    await expect(scheduleMeeting(c.deps, maria, code, { type: 'natverksmote', startsAt: early })).rejects.toMatchObject({
      code: 'MEETING.OUTSIDE_WINDOW', params: { side: 'early' },
    });
    expect(await c.deps.prisma.meeting.count({ where: { caseId, type: 'natverksmote' } })).toBe(0);
    const r = await scheduleMeeting(c.deps, maria, code, { type: 'natverksmote', startsAt: early, confirmOutsideWindow: true });
    expect(r.outsideWindow).toBe('early');
    const log = await c.deps.prisma.caseLogEntry.findFirstOrThrow({ where: { caseId, kind: 'meeting.scheduled' } });
    expect(log.params).toMatchObject({ outsideWindow: 'early' });
  });

  it('warns after the window; inside it (and on its last day, afternoon) books at once', async () => {
    const { code } = await goalMeetingHeld();
    const maria = await c.as('maria');
    await expect(scheduleMeeting(c.deps, maria, code, { type: 'natverksmote', startsAt: local('2026-12-15T09:00:00') })).rejects.toMatchObject({ code: 'MEETING.OUTSIDE_WINDOW', params: { side: 'late' } });
    const inside = await scheduleMeeting(c.deps, maria, code, { type: 'natverksmote', startsAt: local('2026-12-14T17:30:00') });
    expect(inside.outsideWindow).toBeNull();
    // Moving it out of the window warns too.
    await expect(rescheduleMeeting(c.deps, maria, code, inside.meetingId, local('2026-12-21T10:00:00'))).rejects.toMatchObject({ code: 'MEETING.OUTSIDE_WINDOW' });
    await rescheduleMeeting(c.deps, maria, code, inside.meetingId, local('2026-12-21T10:00:00'), { confirmOutsideWindow: true });
  });

  it('statistics count a network meeting held before the window as early and one after it as late', async () => {
    const maria = await c.as('maria');
    const early = await goalMeetingHeld();
    const late = await goalMeetingHeld();
    const onDay = await goalMeetingHeld();
    c.clock.set(local('2026-12-01T10:00:00'));
    await recordMeetingOutcome(c.deps, maria, early.code, { type: 'natverksmote' });
    c.clock.set(local('2026-12-14T18:00:00'));
    await recordMeetingOutcome(c.deps, maria, onDay.code, { type: 'natverksmote' });
    c.clock.set(local('2026-12-16T10:00:00'));
    await recordMeetingOutcome(c.deps, maria, late.code, { type: 'natverksmote' });
    const f = await computeFigures(c.deps, maria.orgId);
    const network = f.milestones.find((m) => m.playbook === 's0-elevvard' && m.milestone === 'network')!;
    expect(network.deadline).toMatchObject({ rule: 'natverksmote-within-3-weeks', early: 1, onTime: 1, late: 1, overdue: 0 });
  });
});

describe(`the weekly summary names who owns each deadline (${dbKind})`, () => {
  it('names the owner in the personal summary and the owner role (not the baton holder role) in a channel', async () => {
    const maria = await c.as('maria');
    const { code, caseId } = await goalMeetingHeld();
    // The next deadline, the network meeting within 3 weeks, is the contact person's.
    await assignRole(c.deps, maria, code, { person: { text: 'elin' }, role: 'contact-person' });
    const org = await c.deps.prisma.organisation.findUniqueOrThrow({ where: { id: maria.orgId } });
    const lines = digestLines(await personDigest(c.deps.prisma, c.deps.playbooks, c.deps.cipher, org.id, maria.personId, org.timeZone, c.clock.now()), 'sv', org.timeZone);
    const line = lines.find((x) => x.includes(code))!;
    expect(line).toMatch(/Nätverksmöte inom 2–3 veckor efter målmötet/);
    expect(line).toMatch(/ansvarig: Elin Kurator/);
    expect(line).not.toMatch(/ansvarig: Mentor/);
    await c.deps.prisma.caseChannel.create({ data: { caseId, platform: 'SLACK', channelId: 'C1', createdAt: c.clock.now() } });
    const ch = digestLines(await channelDigest(c.deps.prisma, c.deps.playbooks, org.id, { platform: 'SLACK', channelId: 'C1' }, org.timeZone, c.clock.now()), 'sv', org.timeZone);
    expect(ch[0]).toMatch(/ansvarig: Kontaktperson på skolan/);
    expect(ch[0]).not.toMatch(/Elin/);
  });
});

