/**
 * App Home's agenda: the reader's own cases with their meetings this week and their open
 * deadlines (overdue ones too), read in one statement with the read's audit event — the same
 * instants on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../src/cases/case.service.ts';
import { DateTime } from 'luxon';
import { listMyCaseRows, loadHome } from '../../src/cases/case-query.service.ts';
import { loadMyCases } from '../../src/cases/case-read.ts';
import { ChatService } from '../../src/chat/chat.service.ts';
import { renderNotice } from '../../src/chat/notice-views.ts';
import { nudgeViews } from '../../src/chat/reminder-views.ts';
import { activeRequestOrg } from '../../src/orgs/org-query.service.ts';
import { NotifierRegistry } from '../../src/ports/notifier.ts';
import { createReminders } from '../../src/reminders/index.ts';
import { replyText } from '../support/privacy.ts';
import { createTestCore, DAY, type TestCore } from '../support/core.ts';
import { dbKind } from '../support/db.ts';

describe(`home agenda (${dbKind})`, () => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore();
  });
  afterAll(async () => core?.close());

  it('lists the meetings and deadlines of my cases only, at their exact times', async () => {
    const maria = await core.as('maria');
    const karin = await core.as('karin');
    const mine = await openCase(core.deps, maria, { playbookKey: 's0-elevvard', studentRef: 'Elev Ett' });
    const other = await openCase(core.deps, karin, { playbookKey: 's0-elevvard', studentRef: 'Elev Två' });
    const now = core.clock.now();
    const meetingAt = new Date(now.getTime() + 2 * DAY + 123);
    const p = core.deps.prisma;
    await p.meeting.create({ data: { caseId: mine.caseId, type: 'elevhalsomote', startsAt: meetingAt } });
    await p.meeting.create({ data: { caseId: mine.caseId, type: 'elevhalsomote', startsAt: new Date(now.getTime() + 30 * DAY) } });
    await p.meeting.create({ data: { caseId: other.caseId, type: 'elevhalsomote', startsAt: meetingAt } });
    const overdueAt = new Date(now.getTime() - 3 * DAY + 7);
    await p.deadline.create({ data: { caseId: mine.caseId, ruleKey: 'test.overdue', subjectType: 'rule', dueAt: overdueAt } });

    const audits = () => p.auditEvent.findMany({ where: { action: 'case.list.mine', actorId: maria.personId }, orderBy: { id: 'asc' } });
    const auditsBefore = (await audits()).length;
    const rows = await listMyCaseRows(core.deps, maria, { meetingsUntil: new Date(now.getTime() + 7 * DAY) });
    expect(rows.map((r) => r.caseId)).toContain(mine.caseId);
    expect(rows.map((r) => r.caseId)).not.toContain(other.caseId);
    const row = rows.find((r) => r.caseId === mine.caseId)!;
    expect(row.meetingsUntil).toEqual([{ type: 'elevhalsomote', startsAt: meetingAt }]);
    expect(row.openDeadlines.find((d) => d.ruleKey === 'test.overdue')).toEqual({ ruleKey: 'test.overdue', dueAt: overdueAt });
    // The list and its audit event are one statement: exactly one event, counting what was read.
    const after = await audits();
    expect(after.length).toBe(auditsBefore + 1);
    expect(after.at(-1)).toMatchObject({ outcome: 'ALLOWED', orgId: maria.orgId, platform: maria.platform, caseId: null, detail: { count: rows.length } });
    expect(after.at(-1)!.at.getTime()).toBe(now.getTime());
    // Without a week, no meetings are read beyond each case's next one.
    const plain = await listMyCaseRows(core.deps, maria);
    expect(plain.find((r) => r.caseId === mine.caseId)!.meetingsUntil).toEqual([]);
    // Someone with no cases still leaves an audit event (count 0).
    const rasmus = await core.as('rasmus');
    expect(await listMyCaseRows(core.deps, rasmus)).toEqual([]);
    expect((await p.auditEvent.findMany({ where: { action: 'case.list.mine', actorId: rasmus.personId } })).map((a) => a.detail)).toEqual([{ count: 0 }]);
  });

  it('my cases: the ones I am a member of, hold the baton of, or am asked to take over; not one I left', async () => {
    const maria = await core.as('maria');
    const karin = await core.as('karin');
    const p = core.deps.prisma;
    const open = (studentRef: string) => openCase(core.deps, karin, { playbookKey: 's0-elevvard', studentRef });
    const member = await open('Elev Medlem');
    await p.caseMember.create({ data: { caseId: member.caseId, personId: maria.personId, role: 'evg-member' } });
    const baton = await open('Elev Stafett');
    await p.case.update({ where: { id: baton.caseId }, data: { batonHolderId: maria.personId } });
    const asked = await open('Elev Förfrågan');
    await p.batonHandover.create({ data: { caseId: asked.caseId, fromId: karin.personId, toId: maria.personId } });
    const answered = await open('Elev Besvarad');
    await p.batonHandover.create({ data: { caseId: answered.caseId, fromId: karin.personId, toId: maria.personId, status: 'DECLINED', answeredAt: core.clock.now() } });
    const left = await open('Elev Lämnad');
    await p.caseMember.create({ data: { caseId: left.caseId, personId: maria.personId, role: 'evg-member', removedAt: core.clock.now() } });
    const closed = await open('Elev Stängd');
    await p.caseMember.create({ data: { caseId: closed.caseId, personId: maria.personId, role: 'evg-member' } });
    await p.case.update({ where: { id: closed.caseId }, data: { status: 'CLOSED' } });

    const ids = (await listMyCaseRows(core.deps, maria)).map((r) => r.caseId);
    expect(ids).toEqual(expect.arrayContaining([member.caseId, baton.caseId, asked.caseId]));
    expect(ids).not.toContain(answered.caseId);
    expect(ids).not.toContain(left.caseId);
    expect(ids).not.toContain(closed.caseId);
    // Each once, however many ways the person is in it (member and baton holder of her own).
    expect(new Set(ids).size).toBe(ids.length);
    const rows = await listMyCaseRows(core.deps, maria);
    expect(rows.find((r) => r.caseId === asked.caseId)?.mine.pendingHandoverToMe).toBe(true);
    expect(rows.find((r) => r.caseId === baton.caseId)?.mine.holdsBaton).toBe(true);
  });

  it("each line: my roles and the baton holder's apart, the next planned meeting, the week's meetings in order, most recently active first", async () => {
    const maria = await core.as('maria');
    const karin = await core.as('karin');
    const p = core.deps.prisma;
    const now = core.clock.now();
    const kase = await openCase(core.deps, karin, { playbookKey: 's0-elevvard', studentRef: 'Elev Rader' });
    await p.caseMember.create({ data: { caseId: kase.caseId, personId: maria.personId, role: 'evg-member', addedAt: new Date(now.getTime() - 2 * DAY) } });
    await p.caseMember.create({ data: { caseId: kase.caseId, personId: maria.personId, role: 'kurator', addedAt: new Date(now.getTime() - DAY) } });
    await p.caseMember.create({ data: { caseId: kase.caseId, personId: maria.personId, role: 'rektor', removedAt: now } });
    const at = (days: number) => new Date(now.getTime() + days * DAY);
    await p.meeting.create({ data: { caseId: kase.caseId, type: 'elevhalsomote', startsAt: at(-1) } });
    await p.meeting.create({ data: { caseId: kase.caseId, type: 'elevhalsomote', startsAt: at(1), status: 'CANCELLED' } });
    await p.meeting.create({ data: { caseId: kase.caseId, type: 'natverksmote', startsAt: at(5) } });
    await p.meeting.create({ data: { caseId: kase.caseId, type: 'elevhalsomote', startsAt: at(3) } });
    await p.meeting.create({ data: { caseId: kase.caseId, type: 'elevhalsomote', startsAt: at(9) } });
    const older = await openCase(core.deps, karin, { playbookKey: 's0-elevvard', studentRef: 'Elev Äldre' });
    await p.caseMember.create({ data: { caseId: older.caseId, personId: maria.personId, role: 'evg-member' } });
    await p.case.update({ where: { id: older.caseId }, data: { lastActivityAt: at(-30) } });
    await p.case.update({ where: { id: kase.caseId }, data: { lastActivityAt: at(0.5) } });

    const rows = await listMyCaseRows(core.deps, maria, { meetingsUntil: at(7) });
    const ids = rows.map((r) => r.caseId);
    expect(ids[0]).toBe(kase.caseId);
    expect(ids.indexOf(older.caseId)).toBeGreaterThan(0);
    const line = rows[0]!;
    expect(line.meetingsUntil).toEqual([{ type: 'elevhalsomote', startsAt: at(3) }, { type: 'natverksmote', startsAt: at(5) }]);
    const audit = { action: 'case.list.mine', platform: maria.platform };
    const raw = (await loadMyCases(p, maria.orgId, maria.personId, now, { audit, meetingsUntil: at(7) })).cases.find((k) => k.id === kase.caseId)!;
    const batonRoles = (await p.caseMember.findMany({ where: { caseId: kase.caseId, personId: karin.personId, removedAt: null }, orderBy: { addedAt: 'asc' } })).map((m) => m.role);
    expect(batonRoles.length).toBeGreaterThan(0);
    expect(raw).toMatchObject({ myRoles: ['evg-member', 'kurator'], batonRoles, batonHolderId: karin.personId, handoverToMe: false, nextMeeting: { type: 'elevhalsomote', startsAt: at(3) } });
    expect(line.mine.holdsBaton).toBe(false);
    expect(line.mine.roles).toHaveLength(2);
    const plain = (await loadMyCases(p, maria.orgId, maria.personId, now, { audit })).cases.find((k) => k.id === kase.caseId)!;
    expect(plain).toMatchObject({ meetingsUntil: [], nextMeeting: { type: 'elevhalsomote', startsAt: at(3) } });
  });

  it('App Home checks who is asking in its own statement: the organisation as the request check reads it, the week until Sunday there; deprovisioned after the identity was cached, nothing is read or logged', async () => {
    const maria = await core.as('maria');
    const p = core.deps.prisma;
    const now = core.clock.now();
    const kase = await openCase(core.deps, maria, { playbookKey: 's0-elevvard', studentRef: 'Elev Hem' });
    const home = await loadHome(core.deps, maria);
    expect(home.org).toEqual(await activeRequestOrg(core.deps, maria.personId, maria.orgId));
    const sunday = DateTime.fromJSDate(now, { zone: home.org.timeZone }).endOf('week').toJSDate();
    expect(home.weekEnd).toEqual(sunday);
    expect(home.rows.map((r) => r.caseId)).toContain(kase.caseId);
    expect(home.rows).toEqual(await listMyCaseRows(core.deps, maria, { meetingsUntil: sunday }));

    const notifier = new NotifierRegistry();
    const chat = new ChatService({ deps: core.deps, notifier, reminders: createReminders({ notices: renderNotice, views: nudgeViews, deps: core.deps, notifier, instanceId: 't', intervalMs: 60_000 }), config: { production: false } });
    const ref = { platform: 'CONSOLE' as const, userId: 'maria' };
    // This call leaves Maria's identity in the chat service's 30-second cache.
    expect(replyText(await chat.home(ref))).toContain(kase.code);
    const reads = () => p.auditEvent.count({ where: { action: 'case.list.mine', actorId: maria.personId } });
    await p.person.update({ where: { id: maria.personId }, data: { active: false } });
    try {
      const before = await reads();
      await expect(loadHome(core.deps, maria)).rejects.toMatchObject({ code: 'PERSON.DEPROVISIONED' });
      const refused = replyText(await chat.home(ref));
      expect(refused).toMatch(/avslutat i kommunens katalog/);
      expect(refused).not.toContain(kase.code);
      expect(await reads()).toBe(before);
      // The raw read returns no cases for an inactive person either.
      expect((await loadMyCases(p, maria.orgId, maria.personId, now, { audit: { action: 'case.list.mine', platform: maria.platform } })).cases).toEqual([]);
      expect(await reads()).toBe(before);
    } finally {
      await p.person.update({ where: { id: maria.personId }, data: { active: true } });
    }
  });
});
