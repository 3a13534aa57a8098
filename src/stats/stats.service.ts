/**
 * Aggregated statistics for team leads and steering groups. Counts from 1 to 4 are suppressed
 * ("<5") so no figure can point at an individual student; medians and attendance averages are
 * shown only when they rest on at least 5 cases. Attendance per case is shown only to the case's
 * members, in a private follow-up.
 */
import { DateTime, Duration } from 'luxon';
import type { Actor } from '../orgs/org.service.ts';
import { orgCalendar } from '../orgs/org-calendar.ts';
import { recordAudit } from '../audit/audit.ts';
import { decide } from '../access/policy.ts';
import { loadAccessFacts } from '../cases/case-access.ts';
import type { ServiceDeps } from '../shared/deps.ts';
import { isWorkingDay } from '../shared/calendar.ts';
import type { Lang } from '../i18n/lang.ts';
import type { Playbook } from '../playbooks/index.ts';
import { MILESTONES, type AttendanceShare, type CaseAttendance, type Milestone, type MilestoneFigure, type StatsFigures, type UnitAttendance } from './stats.ts';
import { isLate, overdueCutoff } from '../deadlines/overdue.ts';

export { suppress, MIN_CASES, MILESTONES } from './stats.ts';
export type { StatsFigures, MilestoneFigure, AttendanceShare, CaseAttendance, UnitAttendance, Milestone } from './stats.ts';

/**
 * Which meeting type marks each milestone in the built-in playbooks. Other playbooks use their
 * non-recurring meeting types in order: the first, the second and the last.
 */
const MILESTONE_MEETINGS: Record<string, Partial<Record<Milestone, string>>> = {
  's0-elevvard': { goal: 'malmote', network: 'natverksmote', followUp: 'natverksmote-utvardering' },
  's1-vastbas': { goal: 'formote', network: 'natverksmote-1', followUp: 'uppfoljningsmote' },
  's2-tomelilla': { goal: 'uppstartsmote-skola', network: 'ansvarsplanering', followUp: 'uppfoljningsmote' },
  's3-bti': { goal: 'samtale', network: 'koordinerende-mote' },
  's4-sandviken': { goal: 'konsultation', network: 'samverkansmote', followUp: 'uppfoljningsmote' },
};

/** The meeting type of each milestone for a playbook. */
export function milestoneMeetings(pb: Playbook): Partial<Record<Milestone, string>> {
  const known = MILESTONE_MEETINGS[pb.key];
  if (known) return known;
  const types = pb.meetingTypes.filter((m) => !m.recurrence).map((m) => m.key);
  return { goal: types[0], network: types[1], followUp: types.length > 2 ? types[types.length - 1] : undefined };
}

const DAY_MS = 86_400_000;

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const pct = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : 0);
export const presentPct = (a: AttendanceShare) => pct(a.scheduled - a.absent, a.scheduled);
export const unauthorisedPct = (a: AttendanceShare) => pct(a.unauthorised, a.scheduled);

type Rec = { date: string; scheduledMin: number | null; absentMin: number | null; kind: string };

/** Attendance in a set of records: minutes when every row has them, otherwise lessons. */
export function attendanceShare(records: readonly Rec[]): AttendanceShare {
  const byMinutes = records.every((r) => r.scheduledMin !== null);
  let scheduled = 0;
  let absent = 0;
  let unauthorised = 0;
  for (const r of records) {
    const s = byMinutes ? r.scheduledMin! : 1;
    const a = r.kind === 'PRESENT' && !r.absentMin ? 0 : byMinutes ? Math.min(r.absentMin ?? s, s) : r.kind === 'PRESENT' ? 0 : 1;
    scheduled += s;
    absent += a;
    if (r.kind === 'UNAUTHORISED') unauthorised += a;
  }
  return { scheduled, absent, unauthorised };
}

async function milestoneFigures(deps: ServiceDeps, orgId: string, now: Date): Promise<MilestoneFigure[]> {
  const p = deps.prisma;
  const cases = await p.case.findMany({ where: { orgId, status: { in: ['OPEN', 'CLOSED'] } }, select: { id: true, playbookKey: true, triggeredAt: true, openedAt: true } });
  if (!cases.length) return [];
  const held = await p.meeting.findMany({ where: { status: 'HELD', case: { orgId, status: { in: ['OPEN', 'CLOSED'] } } }, select: { caseId: true, type: true, heldAt: true, startsAt: true }, orderBy: { heldAt: 'asc' } });
  const firstHeld = new Map<string, Date>();
  for (const m of held) {
    const key = `${m.caseId}|${m.type}`;
    if (!firstHeld.has(key)) firstHeld.set(key, m.heldAt ?? m.startsAt);
  }
  const deadlines = await p.deadline.findMany({ where: { subjectType: 'rule', status: { in: ['OPEN', 'MET'] }, case: { orgId, status: { in: ['OPEN', 'CLOSED'] } } }, select: { ruleKey: true, status: true, dueAt: true, earliestAt: true, metAt: true, case: { select: { playbookKey: true } } } });
  const { timeZone } = await p.organisation.findUniqueOrThrow({ where: { id: orgId }, select: { timeZone: true } });
  const cutoff = overdueCutoff(now, timeZone);
  const out: MilestoneFigure[] = [];
  for (const key of [...new Set(cases.map((c) => c.playbookKey))].sort()) {
    const pb = deps.playbooks.get(key);
    if (!pb) continue;
    const map = milestoneMeetings(pb);
    const pbCases = cases.filter((c) => c.playbookKey === key);
    for (const milestone of MILESTONES) {
      const type = map[milestone];
      if (!type) continue;
      const days: number[] = [];
      for (const c of pbCases) {
        const at = firstHeld.get(`${c.id}|${type}`);
        if (at) days.push(Math.max(0, (at.getTime() - (c.triggeredAt ?? c.openedAt).getTime()) / DAY_MS));
      }
      const fig: MilestoneFigure = { playbook: key, milestone, meetingType: type, n: days.length, medianDays: median(days) };
      const rule = pb.deadlineRules.find((r) => 'meetingHeld' in r.expects && r.expects.meetingHeld === type);
      if (rule) {
        const ds = deadlines.filter((d) => d.ruleKey === rule.key && d.case.playbookKey === key);
        const met = ds.filter((d) => d.status === 'MET' && d.metAt);
        fig.deadline = {
          rule: rule.key,
          offset: typeof rule.offset === 'string' ? rule.offset : `${rule.offset.workingDays}WD`,
          early: met.filter((d) => d.earliestAt && d.metAt! < d.earliestAt).length,
          onTime: met.filter((d) => !(d.earliestAt && d.metAt! < d.earliestAt) && !isLate(d.metAt!, d.dueAt, timeZone)).length,
          late: met.filter((d) => isLate(d.metAt!, d.dueAt, timeZone)).length,
          overdue: ds.filter((d) => d.status === 'OPEN' && d.dueAt < cutoff).length,
        };
      }
      out.push(fig);
    }
  }
  return out;
}

async function attendanceFigures(deps: ServiceDeps, orgId: string, now: Date): Promise<StatsFigures['attendance']> {
  const p = deps.prisma;
  const org = await p.organisation.findUniqueOrThrow({ where: { id: orgId } });
  const cal = orgCalendar(org);
  const today = DateTime.fromJSDate(now, { zone: org.timeZone }).toISODate()!;
  const plans = await p.caseAction.groupBy({ by: ['caseId'], where: { case: { orgId, status: { in: ['OPEN', 'CLOSED'] }, studentRefHash: { not: null } } }, _min: { createdAt: true } });
  const cases = await p.case.findMany({ where: { id: { in: plans.map((x) => x.caseId) } }, select: { id: true, code: true, playbookKey: true, schoolUnitId: true, studentRefHash: true } });
  const units = new Map((await p.schoolUnit.findMany({ where: { orgId } })).map((u) => [u.id, u.name]));
  const windows = new Set<string>();
  const result: CaseAttendance[] = [];
  for (const c of cases) {
    const planAt = plans.find((x) => x.caseId === c.id)?._min.createdAt;
    if (!planAt || !c.studentRefHash) continue;
    const window = deps.playbooks.get(c.playbookKey)?.features.attendanceComparison?.window ?? 'P4W';
    windows.add(window);
    const dur = Duration.fromISO(window);
    const plan = DateTime.fromJSDate(planAt, { zone: org.timeZone }).startOf('day');
    const planDate = plan.toISODate()!;
    const from = plan.minus(dur).toISODate()!;
    // Equal halves: [plan − window, plan) before and [plan, plan + window) after.
    const to = plan.plus(dur).toISODate()!;
    const recs = await p.attendanceRecord.findMany({
      where: { orgId, studentRefHash: c.studentRefHash, date: { gte: new Date(`${from}T00:00:00Z`), ...(to <= today ? { lt: new Date(`${to}T00:00:00Z`) } : { lte: new Date(`${today}T00:00:00Z`) }) } },
      select: { date: true, scheduledMin: true, absentMin: true, kind: true },
    });
    const school = recs
      .map((r) => ({ ...r, date: r.date.toISOString().slice(0, 10) }))
      .filter((r) => isWorkingDay(DateTime.fromISO(r.date, { zone: org.timeZone }), cal));
    const before = attendanceShare(school.filter((r) => r.date < planDate));
    const after = attendanceShare(school.filter((r) => r.date >= planDate));
    if (before.scheduled > 0 && after.scheduled > 0) result.push({ caseId: c.id, code: c.code, schoolUnitId: c.schoolUnitId, planDate, window, before, after });
  }
  result.sort((a, b) => a.code.localeCompare(b.code));
  const aggregate = (list: CaseAttendance[], schoolUnitId: string | null, unitName: string | null): UnitAttendance => {
    const mean = (f: (x: CaseAttendance) => number) => list.reduce((s, x) => s + f(x), 0) / list.length;
    return {
      schoolUnitId, unitName, n: list.length,
      presentBefore: mean((x) => presentPct(x.before)), presentAfter: mean((x) => presentPct(x.after)),
      unauthorisedBefore: mean((x) => unauthorisedPct(x.before)), unauthorisedAfter: mean((x) => unauthorisedPct(x.after)),
    };
  };
  const byUnit = new Map<string | null, CaseAttendance[]>();
  for (const r of result) byUnit.set(r.schoolUnitId, [...(byUnit.get(r.schoolUnitId) ?? []), r]);
  const unitFigures = [...byUnit.entries()]
    .map(([id, list]) => aggregate(list, id, id ? (units.get(id) ?? null) : null))
    .sort((a, b) => (a.unitName ?? '\uffff').localeCompare(b.unitName ?? '\uffff'));
  return { window: windows.size === 1 ? [...windows][0]! : 'P4W', cases: result, units: unitFigures, total: result.length ? aggregate(result, null, null) : null };
}

async function orgOverdueCutoff(deps: ServiceDeps, orgId: string, now: Date): Promise<Date> {
  const { timeZone } = await deps.prisma.organisation.findUniqueOrThrow({ where: { id: orgId }, select: { timeZone: true } });
  return overdueCutoff(now, timeZone);
}

/** Computes the organisation's figures (unsuppressed; rendering suppresses). */
export async function computeFigures(deps: ServiceDeps, orgId: string): Promise<StatsFigures> {
  const now = deps.clock.now();
  const p = deps.prisma;
  const [byStage, byTier, closedByReason, open, closed, concerns, consentGroups, overdueGroups, deviations, milestones, attendance] = await Promise.all([
    p.case.groupBy({ by: ['playbookKey', 'stage'], where: { orgId, status: 'OPEN' }, _count: { _all: true } }),
    p.case.groupBy({ by: ['playbookKey', 'tier'], where: { orgId, status: 'OPEN', tier: { not: null } }, _count: { _all: true } }),
    p.case.groupBy({ by: ['closureReason'], where: { orgId, status: { in: ['CLOSED', 'PURGED'] } }, _count: { _all: true } }),
    p.case.count({ where: { orgId, status: 'OPEN' } }),
    p.case.count({ where: { orgId, status: { in: ['CLOSED', 'PURGED'] } } }),
    p.concernReport.count({ where: { case: { orgId } } }),
    p.consent.groupBy({ by: ['status'], where: { case: { orgId } }, _count: { _all: true } }),
    p.deadline.findMany({ where: { case: { orgId, status: 'OPEN' }, status: 'OPEN', dueAt: { lt: await orgOverdueCutoff(deps, orgId, now) } }, select: { ruleKey: true, case: { select: { playbookKey: true } } } }),
    p.deviation.groupBy({ by: ['theme'], where: { orgId }, _count: { _all: true } }),
    milestoneFigures(deps, orgId, now),
    attendanceFigures(deps, orgId, now),
  ]);
  const consent = (s: string) => consentGroups.find((g) => g.status === s)?._count._all ?? 0;
  const stageIndex = (pbKey: string, stage: string) => deps.playbooks.get(pbKey)?.stages.findIndex((s) => s.key === stage) ?? 99;
  const overdueByRule = new Map<string, { playbook: string; rule: string; count: number }>();
  for (const d of overdueGroups) {
    const k = `${d.case.playbookKey}|${d.ruleKey}`;
    const e = overdueByRule.get(k) ?? { playbook: d.case.playbookKey, rule: d.ruleKey, count: 0 };
    e.count++;
    overdueByRule.set(k, e);
  }
  return {
    openByStage: byStage
      .map((g) => ({ playbook: g.playbookKey, stage: g.stage, count: g._count._all }))
      .sort((a, b) => a.playbook.localeCompare(b.playbook) || stageIndex(a.playbook, a.stage) - stageIndex(b.playbook, b.stage)),
    openByTier: byTier.map((g) => ({ playbook: g.playbookKey, tier: g.tier!, count: g._count._all })).sort((a, b) => a.playbook.localeCompare(b.playbook) || a.tier.localeCompare(b.tier)),
    open,
    closed,
    closedByReason: closedByReason.map((g) => ({ reason: g.closureReason ?? '–', count: g._count._all })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    concerns,
    consents: { given: consent('GIVEN'), declined: consent('DECLINED'), withdrawn: consent('WITHDRAWN') },
    overdue: overdueGroups.length,
    overdueByRule: [...overdueByRule.values()].sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule)),
    deviationsByTheme: deviations.map((g) => ({ theme: g.theme, count: g._count._all })).sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme)),
    milestones,
    attendance,
  };
}

/** Today's date in the organisation's zone (file names, the chart's date line): not the server's day. */
async function orgToday(deps: ServiceDeps, orgId: string): Promise<string> {
  const org = await deps.prisma.organisation.findUnique({ where: { id: orgId }, select: { timeZone: true } });
  return DateTime.fromJSDate(deps.clock.now(), { zone: org?.timeZone ?? 'Europe/Stockholm' }).toISODate()!;
}

/** What a statistics file (the CSV export, the chart alone) is made of. */
export interface StatsFileData {
  figures: StatsFigures;
  orgName: string;
  /** Today in the organisation's zone. */
  date: string;
}

/** The suppressed figures for a file the caller renders; the read is audited as `action`. */
export async function statsForFile(deps: ServiceDeps, actor: Actor, action: 'stats.export' | 'stats.chart'): Promise<StatsFileData> {
  const figures = await computeFigures(deps, actor.orgId);
  await recordAudit(deps.prisma, { at: deps.clock.now(), orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action });
  const org = await deps.prisma.organisation.findUnique({ where: { id: actor.orgId }, select: { name: true } });
  return { figures, orgName: org?.name ?? '', date: await orgToday(deps, actor.orgId) };
}

/** What the `statistik` reply shows: the figures, and attendance of the asker's own cases. */
export interface StatsReport {
  figures: StatsFigures;
  /** Cases the asker is a member of and may see in detail (each read audited). */
  myCases: CaseAttendance[];
  /** Today in the organisation's zone (file names, the chart's date line). */
  date: string;
}

/**
 * The statistics for `statistik`: the suppressed figures for everyone allowed, and per-case
 * attendance only for the asker's own cases (membership and, for social services, a legal basis).
 */
export async function statsReport(deps: ServiceDeps, actor: Actor): Promise<StatsReport> {
  const f = await computeFigures(deps, actor.orgId);
  await recordAudit(deps.prisma, { at: deps.clock.now(), orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: 'stats.read' });
  const date = await orgToday(deps, actor.orgId);
  const ids = f.attendance.cases.map((c) => c.caseId);
  const memberOf = ids.length
    ? await deps.prisma.case.findMany({ where: { id: { in: ids }, members: { some: { personId: actor.personId, removedAt: null } } }, select: { id: true, orgId: true, schoolUnitId: true, status: true } })
    : [];
  // Membership alone is not enough: social services need a legal basis, like every case read.
  const mine = new Set<string>();
  const now = deps.clock.now();
  for (const k of memberOf) {
    if (!decide(await loadAccessFacts(deps.prisma, actor.personId, k, now), 'case.details').allowed) continue;
    mine.add(k.id);
    await recordAudit(deps.prisma, { at: now, orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: 'stats.caseAttendance', caseId: k.id });
  }
  return { figures: f, myCases: f.attendance.cases.filter((c) => mine.has(c.caseId)), date };
}
