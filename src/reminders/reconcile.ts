/**
 * Loads a case's planning state and reconciles the planner's wish list with the stored nudges,
 * inside the case's own transaction (the case row is locked by the caller, so two re-plans of one
 * case never interleave). SENT and FAILED nudges are history and never touched.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { Params, query } from '../infra/db/fast-sql.ts';
import { orgCalendar } from '../orgs/org-calendar.ts';
import type { Playbook, PlaybookRegistry } from '../playbooks/index.ts';
import { nextWorkingWindowStart, type WorkingHoursConfig } from '../shared/calendar.ts';
import type { NewCaseDeadline, NewCaseFacts, Tx } from '../shared/deps.ts';
import { planCaseNudges } from './planner.ts';
import { NOTICE_PREFIX } from '../notices/notice.ts';
import { GUARDIAN_TASK_RULE, nudgeSettings, PLANNED_PREFIX, type CasePlanState, type ChannelTarget, type DesiredNudge } from './reminder.ts';

/** The playbook facts the planner uses. */
function playbookFacts(pb: Playbook | null): CasePlanState['playbook'] {
  return pb && {
    caseLeadRole: pb.caseLeadRole,
    meetingTypes: pb.meetingTypes.map((t) => ({ key: t.key, defaultParticipants: t.defaultParticipants, leadRole: t.leadRole, prepareLeadDays: t.prepareLeadDays })),
    advisoryRules: pb.deadlineRules.filter((r) => r.advisory).map((r) => r.key),
  };
}

/** A `timestamp` rendered by to_json (no zone; the database keeps UTC) as a Date. */
function ts(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`);
}
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

interface PlanRow {
  id: string; orgId: string; code: string; status: 'OPEN' | 'CLOSED' | 'PURGED'; origin: 'REFERRAL' | 'ABSENCE_SIGNAL'; playbookKey: string; playbookVersion: number;
  batonHolderId: string | null; lastActivityAt: string;
  org: { timeZone: string; holidayRegion: string; settings: unknown };
  members: { personId: string; role: string }[];
  meetings: { id: string; type: string; startsAt: string; participantIds: (string | null)[] }[];
  deadlines: { id: string; ruleKey: string; subjectType: string | null; subjectId: string | null; dueAt: string; ownerId: string | null; ownerRole: string | null; createdAt: string }[];
  consents: { id: string; expiresAt: string }[];
  leads: string[];
  channels: { platform: string; channelId: string }[];
  handovers: { id: string; toId: string; requestedAt: string }[];
  nudges: StoredNudge[];
}

/** A stored nudge of the case as reconciling sees it (every status: SENT ones are never re-created). */
export interface StoredNudge {
  id: string;
  dedupeKey: string;
  status: string;
  cancelReason: string | null;
}

/**
 * Reads everything `planCaseNudges` needs, in one statement (every change of a case re-plans it,
 * inside its transaction: one round trip instead of nine); null when the case does not exist.
 */
export async function loadCasePlanState(tx: Tx, playbooks: PlaybookRegistry, caseId: string, now: Date): Promise<(CasePlanState & { stored: StoredNudge[] }) | null> {
  // One call of a PL/pgSQL function (migration 20261207013000): its plan is kept per connection.
  const [fn] = await tx.$queryRaw<{ s: PlanRow | string | null }[]>`SELECT stafett_case_plan_state(${caseId}) AS s`;
  const kase = fn?.s ? json<PlanRow>(fn.s) : undefined;
  if (!kase) return null;
  const org = json<PlanRow['org']>(kase.org);
  const pb = playbooks.get(kase.playbookKey, Number(kase.playbookVersion)) ?? playbooks.get(kase.playbookKey) ?? null;
  // The case's stored nudges come with it, so reconciling needs no read of its own.
  const base = { now, calendar: orgCalendar(org), settings: nudgeSettings(org.settings), stored: json<StoredNudge[]>(kase.nudges) };
  const kaseFacts = {
    id: kase.id, orgId: kase.orgId, code: kase.code, status: kase.status, origin: kase.origin, playbookKey: kase.playbookKey,
    batonHolderId: kase.batonHolderId, lastActivityAt: ts(kase.lastActivityAt),
  };
  if (kase.status !== 'OPEN') {
    return { ...base, kase: kaseFacts, playbook: null, members: [], meetings: [], deadlines: [], consents: [], teamLeadIds: [], channels: [] };
  }
  return {
    ...base,
    kase: kaseFacts,
    playbook: playbookFacts(pb),
    members: json<PlanRow['members']>(kase.members),
    meetings: json<PlanRow['meetings']>(kase.meetings).map((m) => ({ id: m.id, type: m.type, startsAt: ts(m.startsAt), participantIds: m.participantIds.filter((x): x is string => Boolean(x)) })),
    deadlines: json<PlanRow['deadlines']>(kase.deadlines).map((d) => ({ id: d.id, ruleKey: d.ruleKey, subjectType: d.subjectType, subjectId: d.subjectId, dueAt: ts(d.dueAt), ownerId: d.ownerId, ownerRole: d.ownerRole, createdAt: ts(d.createdAt) })),
    consents: json<PlanRow['consents']>(kase.consents).map((k) => ({ id: k.id, expiresAt: ts(k.expiresAt) })),
    handovers: json<PlanRow['handovers']>(kase.handovers).map((h) => ({ id: h.id, toId: h.toId, requestedAt: ts(h.requestedAt) })),
    teamLeadIds: json<string[]>(kase.leads),
    channels: json<PlanRow['channels']>(kase.channels).map((c) => ({ platform: c.platform as ChannelTarget['platform'], channelId: c.channelId })),
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
export async function reconcileCase(tx: Tx, caseId: string, orgId: string, desired: DesiredNudge[], now: Date, opts: { closed?: boolean; stored?: StoredNudge[] } = {}): Promise<ReconcileResult> {
  const wanted = new Map(desired.map((d) => [d.dedupeKey, d]));
  const keys = [...wanted.keys()];
  // The same rows as the query: pending ones, and any with a wanted key.
  const stored = opts.stored
    ? opts.stored.filter((n) => n.status === 'PENDING' || wanted.has(n.dedupeKey))
    : await tx.nudge.findMany({
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
  const fresh = (d: DesiredNudge) => isFresh(d, now);
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
    // One plain statement (ON CONFLICT DO NOTHING = skipDuplicates): Prisma's createMany costs a
    // query-compiler pass per call, on every change of a case.
    const q = new Params();
    const ins = q.rows('Nudge', missing.map((d) => nudgeRow(d, orgId, caseId, now)));
    const [r] = await query<{ n: number }>(tx, {
      text: `WITH ins AS (INSERT INTO "Nudge" (${ins.columns}) ${ins.select} ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*)::int AS n FROM ins`,
      values: q.values,
    });
    inserted = r?.n ?? 0;
  }
  return { inserted, cancelled, reactivated };
}

/** Whether a planned nudge is still worth creating now (DesiredNudge.staleAfter). */
function isFresh(d: DesiredNudge, now: Date): boolean {
  return !d.staleAfter || d.staleAfter.getTime() >= now.getTime();
}

/** A planned nudge as the `Nudge` row that stores it. */
export function nudgeRow(d: DesiredNudge, orgId: string, caseId: string, now: Date): Record<string, unknown> {
  return {
    id: randomUUID(), orgId, caseId, kind: d.kind, dedupeKey: d.dedupeKey, personId: d.personId ?? null, channel: d.channel ? { ...d.channel } : null,
    dueAt: d.dueAt, sendAt: d.sendAt, payload: { ...d.payload }, createdAt: now, updatedAt: now,
  };
}

/**
 * The nudges of a case being opened, as rows (ServiceDeps.planNewCase): the state
 * `loadCasePlanState` would read right after the opening — no meetings, consents without an
 * expiry, no channels, hand-overs or stored nudges — so re-planning it finds nothing to change
 * (test/reminders/new-case-plan.test.ts holds the two to each other).
 */
export function planNewCaseRows(playbooks: PlaybookRegistry, f: NewCaseFacts): { deadlines: NewCaseDeadline[]; nudges: Record<string, unknown>[] } {
  const pb = playbooks.get(f.kase.playbookKey, f.kase.playbookVersion) ?? playbooks.get(f.kase.playbookKey) ?? null;
  // An absence case starts with the mentor's same-day task, as `ensureGuardianTask` adds it.
  const deadlines: NewCaseDeadline[] = [];
  if (f.kase.origin === 'ABSENCE_SIGNAL' && !f.deadlines.some((d) => d.ruleKey === GUARDIAN_TASK_RULE)) {
    deadlines.push({
      id: randomUUID(), caseId: f.kase.id, ruleKey: GUARDIAN_TASK_RULE, subjectType: 'task', subjectId: null, dueAt: sameDayTaskDue(f.now, f.calendar), earliestAt: null,
      ownerId: f.members.find((m) => m.role === 'mentor')?.personId ?? f.kase.batonHolderId, ownerRole: 'mentor', createdAt: f.now,
    });
  }
  const desired = planCaseNudges({
    now: f.now, calendar: f.calendar, settings: nudgeSettings(f.settings),
    kase: { ...f.kase, code: '', status: 'OPEN' },
    playbook: playbookFacts(pb),
    members: f.members, meetings: [], deadlines: [...f.deadlines, ...deadlines], consents: [], handovers: [], teamLeadIds: f.teamLeadIds, channels: [],
  });
  return { deadlines, nudges: desired.filter((d) => isFresh(d, f.now)).map((d) => nudgeRow(d, f.kase.orgId, f.kase.id, f.now)) };
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
