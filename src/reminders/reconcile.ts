/**
 * Loads a case's planning state and reconciles the planner's wish list with the stored nudges,
 * inside the case's own transaction (the case row is locked by the caller, so two re-plans of one
 * case never interleave). SENT and FAILED nudges are history and never touched.
 */
import { DateTime } from 'luxon';
import { orgCalendar } from '../orgs/org-calendar.ts';
import type { PlaybookRegistry } from '../playbooks/index.ts';
import { nextWorkingWindowStart, type WorkingHoursConfig } from '../shared/calendar.ts';
import type { Tx } from '../shared/deps.ts';
import { NOTICE_PREFIX } from '../notices/notice.ts';
import { GUARDIAN_TASK_RULE, nudgeSettings, PLANNED_PREFIX, type CasePlanState, type ChannelTarget, type DesiredNudge } from './reminder.ts';

/** Reads everything `planCaseNudges` needs; null when the case does not exist. */
export async function loadCasePlanState(tx: Tx, playbooks: PlaybookRegistry, caseId: string, now: Date): Promise<CasePlanState | null> {
  const kase = await tx.case.findUnique({ where: { id: caseId }, include: { org: true } });
  if (!kase) return null;
  const pb = playbooks.get(kase.playbookKey, kase.playbookVersion) ?? playbooks.get(kase.playbookKey) ?? null;
  const base = { now, calendar: orgCalendar(kase.org), settings: nudgeSettings(kase.org.settings) };
  const kaseFacts = {
    id: kase.id, orgId: kase.orgId, code: kase.code, status: kase.status, origin: kase.origin, playbookKey: kase.playbookKey,
    batonHolderId: kase.batonHolderId, lastActivityAt: kase.lastActivityAt,
  };
  if (kase.status !== 'OPEN') {
    return { ...base, kase: kaseFacts, playbook: null, members: [], meetings: [], deadlines: [], consents: [], teamLeadIds: [], channels: [] };
  }
  const [members, meetings, deadlines, consents, leads, channels, handovers] = await Promise.all([
    tx.caseMember.findMany({ where: { caseId, removedAt: null, person: { active: true } }, select: { personId: true, role: true } }),
    tx.meeting.findMany({ where: { caseId, status: 'PLANNED' }, include: { participants: { select: { personId: true } } } }),
    tx.deadline.findMany({ where: { caseId, status: 'OPEN' } }),
    tx.consent.findMany({ where: { caseId, status: 'GIVEN', expiresAt: { not: null } }, select: { id: true, expiresAt: true } }),
    tx.personOrgRole.findMany({
      where: { role: 'TEAM_LEAD', person: { orgId: kase.orgId, active: true }, OR: [{ schoolUnitId: null }, ...(kase.schoolUnitId ? [{ schoolUnitId: kase.schoolUnitId }] : [])] },
      select: { personId: true },
    }),
    tx.caseChannel.findMany({ where: { caseId, platform: { in: ['SLACK', 'TEAMS', 'CONSOLE'] } }, select: { platform: true, channelId: true } }),
    tx.batonHandover.findMany({ where: { caseId, status: 'PENDING' }, select: { id: true, toId: true, requestedAt: true } }),
  ]);
  return {
    ...base,
    kase: kaseFacts,
    playbook: pb && {
      caseLeadRole: pb.caseLeadRole,
      meetingTypes: pb.meetingTypes.map((t) => ({ key: t.key, defaultParticipants: t.defaultParticipants, leadRole: t.leadRole, prepareLeadDays: t.prepareLeadDays })),
      advisoryRules: pb.deadlineRules.filter((r) => r.advisory).map((r) => r.key),
    },
    members,
    meetings: meetings.map((m) => ({ id: m.id, type: m.type, startsAt: m.startsAt, participantIds: m.participants.map((p) => p.personId).filter((x): x is string => Boolean(x)) })),
    deadlines: deadlines.map((d) => ({ id: d.id, ruleKey: d.ruleKey, subjectType: d.subjectType, subjectId: d.subjectId, dueAt: d.dueAt, ownerId: d.ownerId, ownerRole: d.ownerRole, createdAt: d.createdAt })),
    consents: consents.map((k) => ({ id: k.id, expiresAt: k.expiresAt! })),
    handovers,
    teamLeadIds: [...new Set(leads.map((l) => l.personId))],
    channels: channels.map((c) => ({ platform: c.platform as ChannelTarget['platform'], channelId: c.channelId })),
  };
}

export interface ReconcileResult {
  inserted: number;
  cancelled: number;
  reactivated: number;
}

/**
 * Makes the stored PENDING nudges of a case match `desired`: inserts missing ones (ON CONFLICT DO
 * NOTHING on the dedupe key, so a SENT nudge with the same key is never re-created), cancels
 * planned ones no longer wanted, and re-arms ones an earlier re-plan cancelled (a meeting moved
 * away and back). A closed case loses every pending nudge.
 */
export async function reconcileCase(tx: Tx, caseId: string, orgId: string, desired: DesiredNudge[], now: Date, opts: { closed?: boolean } = {}): Promise<ReconcileResult> {
  const wanted = new Map(desired.map((d) => [d.dedupeKey, d]));
  const keys = [...wanted.keys()];
  const stored = await tx.nudge.findMany({
    where: { caseId, OR: [{ status: 'PENDING' }, ...(keys.length ? [{ dedupeKey: { in: keys } }] : [])] },
    select: { id: true, dedupeKey: true, status: true, cancelReason: true },
  });
  const byKey = new Map(stored.map((n) => [n.dedupeKey, n]));
  // Closing cancels what is pending, except notices about what already happened (a consent
  // withdrawn, a report of concern): those still reach their recipient.
  const cancel = stored.filter((n) => n.status === 'PENDING' && (
    (opts.closed && (!n.dedupeKey.startsWith(NOTICE_PREFIX) || n.dedupeKey.startsWith(`${NOTICE_PREFIX}handover.request:`)))
    || (n.dedupeKey.startsWith(PLANNED_PREFIX) && !wanted.has(n.dedupeKey))));
  let cancelled = 0;
  if (cancel.length) {
    const r = await tx.nudge.updateMany({
      where: { id: { in: cancel.map((n) => n.id) }, status: 'PENDING' },
      data: { status: 'CANCELLED', cancelReason: opts.closed ? 'closed' : 'replan', lockedBy: null, lockedUntil: null, updatedAt: now },
    });
    cancelled = r.count;
  }
  const fresh = (d: DesiredNudge) => !d.staleAfter || d.staleAfter.getTime() >= now.getTime();
  let reactivated = 0;
  for (const n of stored) {
    const d = wanted.get(n.dedupeKey);
    if (!d || n.status !== 'CANCELLED' || n.cancelReason !== 'replan' || !fresh(d)) continue;
    const r = await tx.nudge.updateMany({
      where: { id: n.id, status: 'CANCELLED' },
      data: { status: 'PENDING', cancelReason: null, dueAt: d.dueAt, sendAt: d.sendAt, attempts: 0, lockedBy: null, lockedUntil: null, lastError: null, updatedAt: now },
    });
    reactivated += r.count;
  }
  const missing = desired.filter((d) => !byKey.has(d.dedupeKey) && fresh(d));
  let inserted = 0;
  if (missing.length) {
    const r = await tx.nudge.createMany({
      data: missing.map((d) => ({
        orgId, caseId, kind: d.kind, dedupeKey: d.dedupeKey, personId: d.personId, channel: d.channel ? { ...d.channel } : undefined,
        dueAt: d.dueAt, sendAt: d.sendAt, payload: { ...d.payload }, createdAt: now, updatedAt: now,
      })),
      skipDuplicates: true,
    });
    inserted = r.count;
  }
  return { inserted, cancelled, reactivated };
}

/**
 * The end of the working day on which a same-day task falls: the working window containing
 * `at` (or the next one), at 30 minutes before its end.
 */
export function sameDayTaskDue(at: Date, cal: WorkingHoursConfig): Date {
  const start = nextWorkingWindowStart(DateTime.fromJSDate(at, { zone: cal.timeZone }), cal);
  const [h, m] = cal.workEnd.split(':').map(Number);
  const end = start.set({ hour: h ?? 17, minute: m ?? 0, second: 0, millisecond: 0 }).minus({ minutes: 30 });
  return (end > start ? end : start.plus({ hours: 1 })).toJSDate();
}

/**
 * Creates the mentor's same-day guardian-notification task (Skollagen 7 kap 17 §) for a case
 * opened from an absence signal, once per case. The absence module may call this directly.
 */
export async function ensureGuardianTask(tx: Tx, caseId: string, now: Date): Promise<boolean> {
  const kase = await tx.case.findUnique({ where: { id: caseId }, include: { org: true } });
  if (!kase || kase.status !== 'OPEN' || kase.origin !== 'ABSENCE_SIGNAL') return false;
  const exists = await tx.deadline.findFirst({ where: { caseId, ruleKey: GUARDIAN_TASK_RULE }, select: { id: true } });
  if (exists) return false;
  const mentor = await tx.caseMember.findFirst({ where: { caseId, role: 'mentor', removedAt: null }, orderBy: { addedAt: 'asc' } });
  await tx.deadline.create({
    data: {
      caseId, ruleKey: GUARDIAN_TASK_RULE, subjectType: 'task', dueAt: sameDayTaskDue(now, orgCalendar(kase.org)),
      ownerId: mentor?.personId ?? kase.openedById ?? kase.batonHolderId, ownerRole: 'mentor', createdAt: now,
    },
  });
  return true;
}
