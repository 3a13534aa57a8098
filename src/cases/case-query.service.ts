/**
 * Reading cases: the channel-safe summary, the member view with details, "my cases", the log,
 * the audit trail and an export for the pupil file. Every read is audited by `withCase`.
 */
import type { Actor } from '../orgs/org.service.ts';
import { decisionLabel, label, OUTPUT_LABELS, type Playbook } from '../playbooks/index.ts';
import type { ServiceDeps, Tx } from '../shared/deps.ts';
import { readCase, withCase } from './case-access.ts';
import { loadMyCases, type CaseReadModel, type MyCases } from './case-read.ts';
import { requestOrgFrom, type OrgInfo } from '../orgs/org-query.service.ts';
import { DomainError } from '../shared/errors.ts';
import { query, sql } from '../infra/db/fast-sql.ts';
import { isOverdue, overdueCutoff, weekEndOf } from '../deadlines/overdue.ts';
import { closureOffers, decidedAgainst, guardHolds, guardStateFrom, missingGuards } from './guards.ts';
import { pendingPlanItems, planItemsFrom, type PlanItem } from '../plans/plan.service.ts';
import type { Lang } from '../i18n/lang.ts';


/** What may be shown in a channel: no names, no free text. */
export interface CaseSummary {
  code: string;
  status: 'OPEN' | 'CLOSED' | 'PURGED';
  stageLabel: string;
  tierLabel: string | null;
  batonRoleLabel: string;
  nextDate: { at: Date; what: string } | null;
}

export interface CaseDetails {
  playbookLabel: string;
  dimension: Playbook['dimension'];
  studentRef: string | null;
  reason: string | null;
  stageHint: string;
  schoolUnit: string | null;
  openedAt: Date;
  batonHolder: { id: string; name: string } | null;
  pendingHandover: { toName: string; requestedAt: Date } | null;
  members: { personId: string; name: string; roles: string[] }[];
  meetings: { id: string; typeLabel: string; startsAt: Date; location: string | null }[];
  deadlines: { id: string; label: string; dueAt: Date; overdue: boolean }[];
  /** The plan's pending actions: open, or done and not yet evaluated (numbered, with owner and dates). */
  actions: PlanItem[];
  maintenancePlan: string | null;
  /** `label`: "<kind>: <outcome>" in the reader's language, or null for a general decision. */
  decisions: { text: string; kind: string; label: string | null; decidedAt: Date }[];
  /** Closure that the latest decision points to (Tomelilla: declined → "tackar nej"). */
  closureOffer: { reason: string; reasonLabel: string; decision: string } | null;
  consents: { id: string; scope: string[]; status: string; expiresAt: Date | null }[];
  concernReports: number;
  /** `outputs`: missing results that can be marked done directly (not tied to a meeting). */
  nextSteps: { to: string; label: string; missing: string[]; outputs: { key: string; label: string }[] }[];
  nextNudge: { at: Date; kind: string } | null;
  closedAt: Date | null;
  closureReason: string | null;
}

export interface CaseStatus {
  summary: CaseSummary;
  details?: CaseDetails;
  /**
   * Without details: how many reports of concern the reader (social services) may read — the
   * report is disclosed to them, the rest of the case is not. Never shown in a channel.
   */
  concernReports?: number;
}

function roleLabel(pb: Playbook, key: string, lang: Lang): string {
  const r = pb.roles.find((x) => x.key === key);
  return r ? label(r.labels, lang) : key;
}

/** Label of a deadline rule (playbook rules and the built-in action/guardian deadlines). */
export function ruleLabel(pb: Playbook, key: string, lang: Lang): string {
  const rule = pb.deadlineRules.find((r) => r.key === key);
  if (rule) return label(rule.labels, lang);
  const builtIn: Record<string, Record<Lang, string>> = {
    'action-due': { sv: 'Åtgärd ska vara klar', nb: 'Tiltak skal være ferdig', en: 'Action due' },
    'action-evaluation': { sv: 'Åtgärd ska följas upp', nb: 'Tiltak skal evalueres', en: 'Action evaluation' },
    'guardian-notification': { sv: 'Informera vårdnadshavaren samma dag', nb: 'Informer foresatte samme dag', en: 'Inform the guardian the same day' },
  };
  return builtIn[key]?.[lang] ?? key;
}

/** Label of a meeting type in a language. */
export function meetingLabel(pb: Playbook, key: string, lang: Lang): string {
  const m = pb.meetingTypes.find((x) => x.key === key);
  return m ? label(m.labels, lang) : key;
}

/** Label of a stage in a language. */
export function stageLabel(pb: Playbook, key: string, lang: Lang): string {
  const s = pb.stages.find((x) => x.key === key);
  return s ? label(s.labels, lang) : key;
}

type SummaryCase = { id: string; code: string; status: 'OPEN' | 'CLOSED' | 'PURGED'; stage: string; tier: string | null; batonHolderId: string | null };

/** The summary from already-loaded records (no queries). */
function summaryFrom(
  kase: SummaryCase,
  pb: Playbook,
  lang: Lang,
  batonRoles: string[],
  nextMeeting: { startsAt: Date; type: string } | null,
  nextDeadline: { dueAt: Date; ruleKey: string } | null,
): CaseSummary {
  const lead = batonRoles.find((r) => r === pb.caseLeadRole) ?? batonRoles[0];
  let nextDate: CaseSummary['nextDate'] = null;
  if (nextMeeting) nextDate = { at: nextMeeting.startsAt, what: meetingLabel(pb, nextMeeting.type, lang) };
  if (nextDeadline && (!nextDate || nextDeadline.dueAt < nextDate.at)) nextDate = { at: nextDeadline.dueAt, what: ruleLabel(pb, nextDeadline.ruleKey, lang) };
  const tier = kase.tier ? pb.tiers?.find((t) => t.key === kase.tier) : undefined;
  return {
    code: kase.code,
    status: kase.status,
    stageLabel: stageLabel(pb, kase.stage, lang),
    tierLabel: tier ? label(tier.labels, lang) : null,
    batonRoleLabel: roleLabel(pb, lead ?? pb.caseLeadRole, lang),
    nextDate,
  };
}

/** The summary from a case read: the baton holder's roles, the next planned meeting, the first open deadline. */
function summaryOf(read: CaseReadModel, pb: Playbook, lang: Lang, now: Date): CaseSummary {
  const kase = read.kase;
  return summaryFrom(
    kase, pb, lang,
    read.members.filter((m) => m.personId === kase.batonHolderId).map((m) => m.role),
    read.meetings.find((m) => m.status === 'PLANNED' && m.startsAt >= now) ?? null,
    read.deadlines[0] ?? null,
  );
}

/**
 * The case status in one read and one audit event: the summary for anyone in the organisation,
 * and the details when the reader may see them. Two round trips (src/cases/case-read.ts loads
 * everything in one statement; the audit row is committed before the status is returned).
 */
export async function getCaseStatus(deps: ServiceDeps, actor: Actor, code: string): Promise<CaseStatus & { playbook: Playbook }> {
  return readCase(deps, actor, code, 'case.summary', 'case.summary.read', (c) => {
    const details = c.may('case.details');
    if (!details.allowed) {
      const summary = summaryOf(c.read, c.playbook, actor.lang, c.now);
      const concerns = c.may('case.concern.read').allowed ? c.read.concernReports : 0;
      return { summary, playbook: c.playbook, ...(concerns ? { concernReports: concerns } : {}) };
    }
    c.audit.action = 'case.details.read';
    c.audit.via = details.reason;
    return { ...detailsFrom(c.read, deps, c.playbook, actor.lang, c.now), playbook: c.playbook };
  });
}

/**
 * The case's details or a refusal — for views that only make sense with details (meetings,
 * consents): a reader without access is refused and the refusal is audited as one.
 */
export async function getCaseDetails(deps: ServiceDeps, actor: Actor, code: string): Promise<CaseStatus & { playbook: Playbook }> {
  return readCase(deps, actor, code, 'case.details', 'case.details.read', (c) => ({ ...detailsFrom(c.read, deps, c.playbook, actor.lang, c.now), playbook: c.playbook }));
}

function detailsFrom(read: CaseReadModel, deps: ServiceDeps, pb: Playbook, lang: Lang, now: Date): CaseStatus {
  const { kase, members, meetings, deadlines, decisions, consents, timeZone } = read;
  const actions = planItemsFrom(read.actions, deps, timeZone, now);
  const byPerson = new Map<string, { personId: string; name: string; roles: string[] }>();
  for (const m of members) {
    const e = byPerson.get(m.personId) ?? { personId: m.personId, name: m.person.displayName, roles: [] };
    e.roles.push(roleLabel(pb, m.role, lang));
    byPerson.set(m.personId, e);
  }
  const names = new Map(members.map((m) => [m.personId, m.person.displayName]));
  const batonId = kase.batonHolderId;
  if (batonId && !names.has(batonId) && read.batonName !== null) names.set(batonId, read.batonName);
  const state = guardStateFrom({
    tier: kase.tier, maintenancePlanEnc: kase.maintenancePlanEnc, consents, meetings, memberRoles: members.map((m) => m.role),
    actionStatuses: actions.map((a) => a.status), decisionKinds: decisions.map((d) => d.kind).reverse(), outputLog: read.outputLog,
  }, now);
  const offer = closureOffers(pb, state)[0];
  const planned = meetings.filter((m) => m.status === 'PLANNED');
  const stage = pb.stages.find((s) => s.key === kase.stage);
  const summary = summaryOf(read, pb, lang, now);
  const handover = read.handover;
  const nudge = read.nextNudge;
  const details: CaseDetails = {
    playbookLabel: label(pb.labels, lang),
    dimension: pb.dimension,
    studentRef: deps.cipher.decryptOpt(kase.studentRefEnc),
    reason: deps.cipher.decryptOpt(kase.reasonEnc),
    stageHint: stage ? label(stage.hint, lang) : '',
    schoolUnit: read.unitName,
    openedAt: kase.openedAt,
    batonHolder: batonId ? { id: batonId, name: names.get(batonId) ?? '' } : null,
    pendingHandover: handover ? { toName: handover.toName, requestedAt: handover.requestedAt } : null,
    members: [...byPerson.values()],
    meetings: planned.map((m) => ({ id: m.id, typeLabel: meetingLabel(pb, m.type, lang), startsAt: m.startsAt, location: deps.cipher.decryptOpt(m.locationEnc) })),
    deadlines: deadlines.filter((d) => d.subjectType === 'rule').map((d) => ({ id: d.id, label: ruleLabel(pb, d.ruleKey, lang), dueAt: d.dueAt, overdue: isOverdue(d.dueAt, now, timeZone) })),
    actions: pendingPlanItems(actions),
    maintenancePlan: deps.cipher.decryptOpt(kase.maintenancePlanEnc),
    decisions: decisions.slice(0, 5).map((d) => {
      const [k = '', o] = d.kind.split(':');
      return { text: deps.cipher.decrypt(d.textEnc), kind: d.kind, label: k === 'GENERAL' ? null : decisionLabel(pb, k, o, lang), decidedAt: d.decidedAt };
    }),
    closureOffer: offer && kase.status === 'OPEN'
      ? { reason: offer.reason, reasonLabel: pb.closure.reasons?.find((r) => r.key === offer.reason)?.labels[lang] ?? offer.reason, decision: decisionLabel(pb, offer.kind, offer.outcome, lang) }
      : null,
    consents: consents.map((k) => ({ id: k.id, scope: k.scope, status: k.status, expiresAt: k.expiresAt })),
    concernReports: read.concernReports,
    nextSteps: kase.status === 'OPEN'
      ? pb.transitions.filter((t) => t.from === kase.stage && !decidedAgainst(t, state)).map((t) => ({
        to: t.to,
        label: t.labels ? label(t.labels, lang) : stageLabel(pb, t.to, lang),
        missing: missingGuards(t.guards, state, lang, pb),
        outputs: t.guards.flatMap((g) => (g.type === 'outputRecorded' && !g.meetingType && !guardHolds(g, state) ? [{ key: g.output, label: OUTPUT_LABELS[g.output][lang] }] : [])),
      }))
      : [],
    nextNudge: nudge ? { at: nudge.sendAt, kind: nudge.kind } : null,
    closedAt: kase.closedAt,
    closureReason: kase.closureReason
      ? (pb.closure.reasons?.find((r) => r.key === kase.closureReason)?.labels[lang] ?? kase.closureReason)
      : deps.cipher.decryptOpt(kase.closureReasonEnc),
  };
  return { summary, details };
}

export interface MyCase {
  summary: CaseSummary;
  roles: string[];
  holdsBaton: boolean;
  overdue: number;
  pendingHandoverToMe: boolean;
}

/** The open cases a person is a member of, holds the baton of, or is asked to take over. */
export async function listMyCases(deps: ServiceDeps, actor: Actor): Promise<MyCase[]> {
  return (await listMyCaseRows(deps, actor)).map((r) => r.mine);
}

/** One of my cases with its id and playbook and, for App Home, its meetings until a given instant. */
export interface MyCaseLine {
  caseId: string;
  playbookKey: string;
  mine: MyCase;
  meetingsUntil: { startsAt: Date; type: string }[];
  openDeadlines: { dueAt: Date; ruleKey: string }[];
}

/**
 * `listMyCases` with each case's id, playbook, open deadlines and (with `meetingsUntil`) planned
 * meetings until then, for App Home: one statement for the cases, everything their lines show and
 * the read's audit event — constant in the number of cases.
 */
export async function listMyCaseRows(deps: ServiceDeps, actor: Actor, opts: { meetingsUntil?: Date } = {}): Promise<MyCaseLine[]> {
  const now = deps.clock.now();
  const read = await loadMyCases(deps.prisma, actor.orgId, actor.personId, now, {
    meetingsUntil: opts.meetingsUntil,
    audit: { action: 'case.list.mine', platform: actor.platform },
  });
  return myCaseLines(deps, actor, now, read);
}

/**
 * App Home's read in one statement: the request check (the person still active — otherwise
 * PERSON.DEPROVISIONED and nothing read or logged — and the organisation's set-up), my cases with
 * each one's meetings until the end of this week in the organisation's time zone, and the audit row.
 * For a caller that has the actor's identity only (`ActorCache.identityUnchecked`).
 */
export async function loadHome(deps: ServiceDeps, actor: Actor): Promise<{ org: OrgInfo; weekEnd: Date; rows: MyCaseLine[] }> {
  const now = deps.clock.now();
  const read = await loadMyCases(deps.prisma, actor.orgId, actor.personId, now, {
    meetingsUntil: (timeZone) => weekEndOf(now, timeZone),
    audit: { action: 'case.list.mine', platform: actor.platform },
  });
  const org = requestOrgFrom(read.asker);
  return { org, weekEnd: read.until!, rows: myCaseLines(deps, actor, now, read) };
}

function myCaseLines(deps: ServiceDeps, actor: Actor, now: Date, { timeZone, cases }: MyCases): MyCaseLine[] {
  const cutoff = overdueCutoff(now, timeZone);
  const out: MyCaseLine[] = [];
  for (const k of cases) {
    const pb = deps.playbooks.get(k.playbookKey, k.playbookVersion) ?? deps.playbooks.get(k.playbookKey);
    if (!pb) continue;
    const summary = summaryFrom(k, pb, actor.lang, k.batonRoles, k.nextMeeting, k.openDeadlines[0] ?? null);
    out.push({
      caseId: k.id, playbookKey: k.playbookKey, meetingsUntil: k.meetingsUntil, openDeadlines: k.openDeadlines,
      mine: { summary, roles: k.myRoles.map((role) => roleLabel(pb, role, actor.lang)), holdsBaton: k.batonHolderId === actor.personId, overdue: k.openDeadlines.filter((d) => d.dueAt < cutoff).length, pendingHandoverToMe: k.handoverToMe },
    });
  }
  return out;
}

export interface LogLine {
  seq: number;
  at: Date;
  actor: string | null;
  kind: string;
  params: Record<string, unknown>;
  text: string | null;
}

/** The case log (chronology / stafettlogg), oldest first. */
export async function getCaseLog(deps: ServiceDeps, actor: Actor, code: string): Promise<{ code: string; lines: LogLine[]; playbook: Playbook }> {
  return withCase(deps, actor, code, 'case.record', 'case.log.read', async (c) => {
    const entries = await c.tx.caseLogEntry.findMany({ where: { caseId: c.kase.id }, orderBy: { seq: 'asc' } });
    const people = new Map((await c.tx.person.findMany({ where: { id: { in: entries.map((e) => e.actorId).filter((x): x is string => Boolean(x)) } } })).map((p) => [p.id, p.displayName]));
    return {
      code: c.kase.code,
      playbook: c.playbook,
      lines: entries.map((e) => ({ seq: e.seq, at: e.at, actor: e.actorId ? (people.get(e.actorId) ?? null) : null, kind: e.kind, params: e.params as Record<string, unknown>, text: deps.cipher.decryptOpt(e.textEnc) })),
    };
  });
}

/** The audit trail of a case: for the baton holder and the unit's team lead. */
export async function getAuditTrail(deps: ServiceDeps, actor: Actor, code: string): Promise<{ code: string; events: { at: Date; actor: string | null; platform: string; action: string; outcome: string }[] }> {
  return withCase(deps, actor, code, 'case.audit', 'case.audit.read', async (c) => {
    const events = await c.tx.auditEvent.findMany({ where: { caseId: c.kase.id }, orderBy: { id: 'asc' }, take: 500 });
    const people = new Map((await c.tx.person.findMany({ where: { id: { in: events.map((e) => e.actorId).filter((x): x is string => Boolean(x)) } } })).map((p) => [p.id, p.displayName]));
    return { code: c.kase.code, events: events.map((e) => ({ at: e.at, actor: e.actorId ? (people.get(e.actorId) ?? null) : null, platform: e.platform, action: e.action, outcome: e.outcome })) };
  });
}

/**
 * The playbook (at the version the case was opened with) of one of the organisation's cases. Reads
 * only the playbook key: which forms and labels a case has is no case data.
 */
export async function casePlaybook(deps: ServiceDeps, orgId: string, code: string): Promise<Playbook> {
  const k = await deps.prisma.case.findUnique({ where: { orgId_code: { orgId, code: code.toUpperCase() } }, select: { playbookKey: true, playbookVersion: true } });
  if (!k) throw new DomainError('CASE.NOT_FOUND', { code: code.toUpperCase() });
  const pb = deps.playbooks.get(k.playbookKey, k.playbookVersion) ?? deps.playbooks.get(k.playbookKey);
  if (!pb) throw new DomainError('PLAYBOOK.UNKNOWN', { key: k.playbookKey });
  return pb;
}

/** The current stage of one of the organisation's cases (which transitions a form may offer). */
export async function caseStage(deps: ServiceDeps, orgId: string, code: string): Promise<string> {
  return (await deps.prisma.case.findUniqueOrThrow({ where: { orgId_code: { orgId, code: code.toUpperCase() } }, select: { stage: true } })).stage;
}

/** Whether a case is under legal hold (shown under the audit trail, which is read through `withCase`). */
export async function caseLegalHold(deps: ServiceDeps, orgId: string, code: string): Promise<boolean> {
  return (await deps.prisma.case.findUnique({ where: { orgId_code: { orgId, code } }, select: { legalHold: true } }))?.legalHold ?? false;
}

