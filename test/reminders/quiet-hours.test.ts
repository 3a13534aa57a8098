import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orgCalendar } from '../../src/orgs/org-calendar.ts';
import { planCaseNudges, sendAtFor } from '../../src/reminders/planner.ts';
import { DEFAULT_NUDGE_SETTINGS, type CasePlanState } from '../../src/reminders/reminder.ts';
import { dbKind } from '../support/db.ts';
import { createReminderFixture, insertNudges, type ReminderFixture } from './support/fixture.ts';

const SE = orgCalendar({ timeZone: 'Europe/Stockholm', holidayRegion: 'SE', settings: {} });
const NO = orgCalendar({ timeZone: 'Europe/Oslo', holidayRegion: 'NO', settings: {} });
const at = (iso: string) => new Date(iso);

describe('sendAt: working hours and holidays in the organisation time zone', () => {
  it('a nudge due Saturday 23:00 goes out Monday 07:30', () => {
    expect(sendAtFor(at('2026-11-28T23:00:00+01:00'), SE).toISOString()).toBe('2026-11-30T06:30:00.000Z');
  });
  it('inside working hours it goes at once; after 17:00 the next morning', () => {
    expect(sendAtFor(at('2026-11-24T10:15:00+01:00'), SE).toISOString()).toBe('2026-11-24T09:15:00.000Z');
    expect(sendAtFor(at('2026-11-24T17:00:00+01:00'), SE).toISOString()).toBe('2026-11-25T06:30:00.000Z');
  });
  it('Easter: Swedish Good Friday and Easter Monday are closed; Norway also closes Maundy Thursday', () => {
    expect(sendAtFor(at('2026-04-02T18:00:00+02:00'), SE).toISOString()).toBe('2026-04-07T05:30:00.000Z');
    expect(sendAtFor(at('2026-04-02T09:00:00+02:00'), SE).toISOString()).toBe('2026-04-02T07:00:00.000Z');
    expect(sendAtFor(at('2026-04-01T18:00:00+02:00'), NO).toISOString()).toBe('2026-04-07T05:30:00.000Z');
  });
  it('last Sunday of March (CET → CEST): Monday 07:30 local is 05:30Z', () => {
    expect(sendAtFor(at('2026-03-28T23:00:00+01:00'), SE).toISOString()).toBe('2026-03-30T05:30:00.000Z');
    expect(sendAtFor(at('2026-03-29T02:30:00Z'), SE).toISOString()).toBe('2026-03-30T05:30:00.000Z');
  });
  it('last Sunday of October (CEST → CET): Monday 07:30 local is 06:30Z', () => {
    expect(sendAtFor(at('2026-10-24T23:00:00+02:00'), SE).toISOString()).toBe('2026-10-26T06:30:00.000Z');
    expect(sendAtFor(at('2026-10-25T01:30:00Z'), SE).toISOString()).toBe('2026-10-26T06:30:00.000Z');
  });
  it('meeting reminders keep 08:00 local across the DST change', () => {
    const state: CasePlanState = {
      now: at('2026-03-20T08:00:00Z'), calendar: SE, settings: DEFAULT_NUDGE_SETTINGS,
      kase: { id: 'c1', orgId: 'o1', code: 'DEMO-26-0001', status: 'OPEN', origin: 'REFERRAL', playbookKey: 's0-elevvard', batonHolderId: 'p1', lastActivityAt: at('2026-03-20T08:00:00Z') },
      playbook: null, members: [], meetings: [{ id: 'm1', type: 'natverksmote', startsAt: at('2026-03-31T13:00:00+02:00'), participantIds: [] }],
      deadlines: [], consents: [], teamLeadIds: [], channels: [],
    };
    const ns = planCaseNudges(state).filter((n) => n.kind.startsWith('meeting.'));
    // Friday 27 March is still CET (07:00Z); Tuesday 31 March is CEST (06:00Z).
    expect(ns.map((n) => [n.kind, n.sendAt.toISOString()])).toEqual([['meeting.before', '2026-03-27T07:00:00.000Z'], ['meeting.dayof', '2026-03-31T06:00:00.000Z']]);
  });
});

describe(`quiet hours in the dispatcher (${dbKind})`, () => {
  let f: ReminderFixture;
  beforeEach(async () => { f = await createReminderFixture(new Date('2026-03-27T16:00:00+01:00')); });
  afterEach(async () => { await f.close(); });

  it('a nudge due Saturday 23:00 before the DST change is not sent during the weekend, and is sent at Monday 07:30 CEST', async () => {
    const karin = await f.as('karin');
    const due = at('2026-03-28T23:00:00+01:00');
    const [id] = await insertNudges(f.deps, f.orgId, karin.personId, 1, sendAtFor(due, SE));
    for (const now of ['2026-03-28T23:00:00+01:00', '2026-03-29T12:00:00+02:00', '2026-03-30T07:29:00+02:00']) {
      f.clock.set(at(now));
      await f.reminders.sweepOnce();
      expect(f.consoleNotifier.deliveries).toHaveLength(0);
    }
    f.clock.set(at('2026-03-30T07:30:00+02:00'));
    await f.reminders.sweepOnce();
    expect(f.consoleNotifier.deliveries).toHaveLength(1);
    expect((await f.deps.prisma.nudge.findUniqueOrThrow({ where: { id: id! } })).sentAt?.toISOString()).toBe('2026-03-30T05:30:00.000Z');
  });
});
