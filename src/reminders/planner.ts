/**
 * The planner: a pure function from a case's state to the nudges it should have. Keys are
 * deterministic and include the subject's date, so a rescheduled meeting or a moved deadline
 * yields new keys and re-planning cancels the old ones (see reconcile.ts).
 */
import { DateTime } from 'luxon';
import { addWorkingDays, nextWorkingWindowStart, type WorkingHoursConfig } from '../shared/calendar.ts';
import { GUARDIAN_TASK_RULE, PLANNED_PREFIX, type CasePlanState, type ChannelTarget, type DesiredNudge, type NudgeKind, type NudgePayload } from './reminder.ts';
import { overdueFrom } from '../deadlines/overdue.ts';

/** `dueAt` moved to the start of the next working window (itself when inside one). */
export function sendAtFor(dueAt: Date, calendar: WorkingHoursConfig): Date {
  return nextWorkingWindowStart(DateTime.fromJSDate(dueAt, { zone: calendar.timeZone }), calendar).toJSDate();
}

function atLocalTime(d: DateTime, hhmm: string): DateTime {
  const [h, m] = hhmm.split(':').map(Number);
  return d.set({ hour: h ?? 8, minute: m ?? 0, second: 0, millisecond: 0 });
}

function channelKey(c: ChannelTarget): string {
  return `ch:${c.platform}:${c.channelId}`;
}

/** The nudges a case should have at its current state. Closed cases have none. */
export function planCaseNudges(s: CasePlanState): DesiredNudge[] {
  if (s.kase.status !== 'OPEN') return [];
  const out: DesiredNudge[] = [];
  const cal = s.calendar;
  const base: NudgePayload = { caseCode: s.kase.code, playbookKey: s.kase.playbookKey };
  const keyPrefix = `${PLANNED_PREFIX}${s.kase.id}:`;
  const add = (key: string, kind: NudgeKind, to: { personId: string } | { channel: ChannelTarget }, dueAt: Date, payload: NudgePayload, staleAfter: Date | null, notAfter?: Date) => {
    const sendAt = sendAtFor(dueAt, cal);
    // A reminder that could only go out after the thing it is about is pointless.
    if (notAfter && sendAt.getTime() >= notAfter.getTime()) return;
    const person = 'personId' in to ? to.personId : null;
    out.push({
      dedupeKey: `${keyPrefix}${key}:${person ? `to:${person}` : channelKey((to as { channel: ChannelTarget }).channel)}`,
      kind, personId: person, channel: 'channel' in to ? to.channel : null, dueAt, sendAt, payload: { ...base, ...payload }, staleAfter,
    });
  };
  const activeMembers = (roles: readonly string[]) => [...new Set(s.members.filter((m) => roles.includes(m.role)).map((m) => m.personId))];
  const lead = s.kase.batonHolderId;
  const fallback = (ids: string[]) => (ids.length ? ids : lead ? [lead] : []);

  // Meetings: N working days before at 08:00, the morning of, and "prepare" (agenda out).
  for (const m of s.meetings) {
    const type = s.playbook?.meetingTypes.find((t) => t.key === m.type);
    const starts = DateTime.fromJSDate(m.startsAt, { zone: cal.timeZone });
    const iso = m.startsAt.toISOString();
    const payload: NudgePayload = { meetingId: m.id, meetingType: m.type, startsAt: iso };
    const recipients = fallback([...new Set([...m.participantIds, ...activeMembers(type?.defaultParticipants ?? [])])]);
    const n = s.settings.meetingReminderWorkingDays;
    if (n > 0) {
      const due = atLocalTime(addWorkingDays(starts, -n, cal), s.settings.morningTime).toJSDate();
      for (const p of recipients) add(`meeting:${m.id}:${iso}:before:${n}wd`, 'meeting.before', { personId: p }, due, payload, due, m.startsAt);
      for (const c of s.channels) add(`meeting:${m.id}:${iso}:before:${n}wd`, 'meeting.before', { channel: c }, due, payload, due, m.startsAt);
    }
    let dayOf = atLocalTime(starts, s.settings.morningTime);
    if (dayOf >= starts) dayOf = starts.minus({ hours: 1 });
    for (const p of recipients) add(`meeting:${m.id}:${iso}:dayof`, 'meeting.dayof', { personId: p }, dayOf.toJSDate(), payload, dayOf.toJSDate(), m.startsAt);
    if (type?.prepareLeadDays) {
      const due = atLocalTime(addWorkingDays(starts, -type.prepareLeadDays, cal), s.settings.morningTime).toJSDate();
      const leads = fallback(type.leadRole ? activeMembers([type.leadRole]) : []);
      for (const p of leads) add(`meeting:${m.id}:${iso}:prepare:${type.prepareLeadDays}wd`, 'meeting.prepare', { personId: p }, due, { ...payload, days: type.prepareLeadDays }, due, m.startsAt);
    }
  }

  // Deadlines (playbook rules, action due dates and evaluations, the guardian task).
  const delays = s.settings.escalationDelayWorkingDays;
  for (const d of s.deadlines) {
    const due = DateTime.fromJSDate(d.dueAt, { zone: cal.timeZone });
    const iso = d.dueAt.toISOString();
    const key = `deadline:${d.id}:${iso}`;
    const payload: NudgePayload = { deadlineId: d.id, ruleKey: d.ruleKey, subjectType: d.subjectType, subjectId: d.subjectId, dueAt: iso };
    const owners = fallback(d.ownerId ? [d.ownerId] : d.ownerRole ? activeMembers([d.ownerRole]) : []);
    const isTask = d.ruleKey === GUARDIAN_TASK_RULE;
    const advisory = s.playbook?.advisoryRules.includes(d.ruleKey) ?? false;
    if (isTask) {
      // Same-day task: now (or the next working window), escalated at the end of the day.
      for (const p of owners) add(`${key}:task`, 'task.guardian', { personId: p }, d.createdAt, payload, null);
    } else {
      const soon = atLocalTime(addWorkingDays(due, -1, cal), s.settings.morningTime).toJSDate();
      for (const p of owners) add(`${key}:soon`, 'deadline.soon', { personId: p }, soon, payload, soon, d.dueAt);
      const morning = atLocalTime(due, s.settings.morningTime);
      if (morning < due) for (const p of owners) add(`${key}:due`, 'deadline.due', { personId: p }, morning.toJSDate(), payload, morning.toJSDate(), d.dueAt);
    }
    if (advisory) continue;
    // Overdue from the day after the due date (the same-day guardian task: at the end of the day).
    const overdueAt = isTask ? d.dueAt : overdueFrom(d.dueAt, cal.timeZone);
    for (const p of owners) add(`${key}:overdue`, 'deadline.overdue', { personId: p }, overdueAt, payload, null);
    for (const c of s.channels) add(`${key}:overdue`, 'deadline.overdue', { channel: c }, overdueAt, payload, null);
    // Escalation chain: owner → case lead (baton holder) → team lead(s) of the school unit.
    const taskDelays = isTask ? [0, 0] : delays;
    const chain: string[][] = [lead ? [lead] : [], s.teamLeadIds];
    const notified = new Set(owners);
    chain.forEach((level, i) => {
      const delay = taskDelays[i] ?? taskDelays[taskDelays.length - 1] ?? 0;
      const at = delay > 0 ? addWorkingDays(due, delay, cal).toJSDate() : overdueAt;
      for (const p of level) {
        if (notified.has(p)) continue;
        notified.add(p);
        add(`${key}:esc${i + 1}`, 'deadline.escalation', { personId: p }, at, { ...payload, level: i + 1 }, null);
      }
    });
  }

  // A pending hand-over: the proposed holder is reminded after a working day, the current holder
  // (who still has the baton) after three. Answering it cancels both by re-planning.
  for (const h of s.handovers ?? []) {
    const asked = DateTime.fromJSDate(h.requestedAt, { zone: cal.timeZone });
    const payload: NudgePayload = { handoverId: h.id, requestedAt: h.requestedAt.toISOString() };
    add(`handover:${h.id}:pending:1wd`, 'handover.pending', { personId: h.toId }, addWorkingDays(asked, 1, cal).toJSDate(), payload, null);
    if (lead && lead !== h.toId) add(`handover:${h.id}:waiting:3wd`, 'handover.waiting', { personId: lead }, addWorkingDays(asked, 3, cal).toJSDate(), payload, null);
  }

  // Consent expiring in N days → the case lead.
  if (lead) {
    for (const k of s.consents) {
      if (k.expiresAt.getTime() <= s.now.getTime()) continue;
      const due = DateTime.fromJSDate(k.expiresAt, { zone: cal.timeZone }).minus({ days: s.settings.consentExpiryWarningDays }).toJSDate();
      add(`consent:${k.id}:${k.expiresAt.toISOString()}:expiring`, 'consent.expiring', { personId: lead }, due, { consentId: k.id, expiresAt: k.expiresAt.toISOString(), days: s.settings.consentExpiryWarningDays }, k.expiresAt);
    }
    // No activity for N days → the case lead. The key carries the last activity, so every change re-arms it.
    const idle = DateTime.fromJSDate(s.kase.lastActivityAt, { zone: cal.timeZone }).plus({ days: s.settings.inactivityDays }).toJSDate();
    add(`inactive:${s.kase.lastActivityAt.toISOString()}`, 'case.inactive', { personId: lead }, idle, { days: s.settings.inactivityDays }, null);
  }
  return out;
}
