/**
 * Reading cases: the channel-safe summary, the member view with details, "my cases", the log,
 * the audit trail and an export for the pupil file. Every read is audited by `withCase`.
 */
import type { Actor } from '../orgs/org.service.ts';
import { label, OUTPUT_LABELS, type Playbook } from '../playbooks/index.ts';
import type { ServiceDeps, Tx } from '../shared/deps.ts';
import { withCase } from './case-access.ts';
import { guardHolds, loadGuardState, missingGuards } from './guards.ts';

type Lang = 'sv' | 'nb' | 'en';

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
  actions: { id: string; text: string; owner: string | null; dueAt: Date | null; evaluationAt: Date | null; overdue: boolean }[];
  decisions: { text: string; kind: string; decidedAt: Date }[];
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

async function buildSummary(tx: Tx, kase: { id: string; code: string; status: 'OPEN' | 'CLOSED' | 'PURGED'; stage: string; tier: string | null; batonHolderId: string | null }, pb: Playbook, lang: Lang, now: Date): Promise<CaseSummary> {
  const batonRoles = kase.batonHolderId
    ? await tx.caseMember.findMany({ where: { caseId: kase.id, personId: kase.batonHolderId, removedAt: null }, orderBy: { addedAt: 'asc' } })
    : [];
  const lead = batonRoles.find((m) => m.role === pb.caseLeadRole) ?? batonRoles[0];
  const meeting = await tx.meeting.findFirst({ where: { caseId: kase.id, status: 'PLANNED', startsAt: { gte: now } }, orderBy: { startsAt: 'asc' } });
  const deadline = await tx.deadline.findFirst({ where: { caseId: kase.id, status: 'OPEN' }, orderBy: { dueAt: 'asc' } });
  let nextDate: CaseSummary['nextDate'] = null;
  if (meeting) nextDate = { at: meeting.startsAt, what: meetingLabel(pb, meeting.type, lang) };
  if (deadline && (!nextDate || deadline.dueAt < nextDate.at)) nextDate = { at: deadline.dueAt, what: ruleLabel(pb, deadline.ruleKey, lang) };
  const tier = kase.tier ? pb.tiers?.find((t) => t.key === kase.tier) : undefined;
  return {
    code: kase.code,
    status: kase.status,
    stageLabel: stageLabel(pb, kase.stage, lang),
    tierLabel: tier ? label(tier.labels, lang) : null,
    batonRoleLabel: lead ? roleLabel(pb, lead.role, lang) : roleLabel(pb, pb.caseLeadRole, lang),
    nextDate,
  };
}

/** The case status: summary for anyone in the organisation, details for those allowed. */
export async function getCaseStatus(deps: ServiceDeps, actor: Actor, code: string): Promise<CaseStatus> {
  const summary = await withCase(deps, actor, code, 'case.summary', 'case.summary.read', (c) => buildSummary(c.tx, c.kase, c.playbook, actor.lang, c.now));
  try {
    const details = await withCase(deps, actor, code, 'case.details', 'case.details.read', (c) => buildDetails(c.tx, deps, c.kase, c.playbook, actor.lang, c.now));
    return { summary, details };
  } catch (e) {
    if ((e as { code?: string }).code === 'ACCESS.DENIED' || (e as { code?: string }).code === 'CONSENT.REQUIRED') return { summary };
    throw e;
  }
}

async function buildDetails(tx: Tx, deps: ServiceDeps, kase: Awaited<ReturnType<Tx['case']['findUniqueOrThrow']>>, pb: Playbook, lang: Lang, now: Date): Promise<CaseDetails> {
  const [members, meetings, deadlines, actions, decisions, consents, concerns, handover, unit, nudge] = await Promise.all([
    tx.caseMember.findMany({ where: { caseId: kase.id, removedAt: null }, include: { person: true }, orderBy: { addedAt: 'asc' } }),
    tx.meeting.findMany({ where: { caseId: kase.id, status: 'PLANNED' }, orderBy: { startsAt: 'asc' } }),
    tx.deadline.findMany({ where: { caseId: kase.id, status: 'OPEN', subjectType: 'rule' }, orderBy: { dueAt: 'asc' } }),
    tx.caseAction.findMany({ where: { caseId: kase.id, status: 'OPEN' }, orderBy: { createdAt: 'asc' } }),
    tx.decision.findMany({ where: { caseId: kase.id }, orderBy: { decidedAt: 'desc' }, take: 5 }),
    tx.consent.findMany({ where: { caseId: kase.id }, orderBy: { givenAt: 'desc' } }),
    tx.concernReport.count({ where: { caseId: kase.id } }),
    tx.batonHandover.findFirst({ where: { caseId: kase.id, status: 'PENDING' }, include: { to: true } }),
    kase.schoolUnitId ? tx.schoolUnit.findUnique({ where: { id: kase.schoolUnitId } }) : null,
    tx.nudge.findFirst({ where: { caseId: kase.id, status: 'PENDING' }, orderBy: { sendAt: 'asc' } }),
  ]);
  const byPerson = new Map<string, { personId: string; name: string; roles: string[] }>();
  for (const m of members) {
    const e = byPerson.get(m.personId) ?? { personId: m.personId, name: m.person.displayName, roles: [] };
    e.roles.push(roleLabel(pb, m.role, lang));
    byPerson.set(m.personId, e);
  }
  const owners = new Map((await tx.person.findMany({ where: { id: { in: actions.map((a) => a.ownerId).filter((x): x is string => Boolean(x)) } } })).map((p) => [p.id, p.displayName]));
  const baton = kase.batonHolderId ? await tx.person.findUnique({ where: { id: kase.batonHolderId } }) : null;
  const state = await loadGuardState(tx, kase.id, now);
  const stage = pb.stages.find((s) => s.key === kase.stage);
  return {
    playbookLabel: label(pb.labels, lang),
    dimension: pb.dimension,
    studentRef: deps.cipher.decryptOpt(kase.studentRefEnc),
    reason: deps.cipher.decryptOpt(kase.reasonEnc),
    stageHint: stage ? label(stage.hint, lang) : '',
    schoolUnit: unit?.name ?? null,
    openedAt: kase.openedAt,
    batonHolder: baton ? { id: baton.id, name: baton.displayName } : null,
    pendingHandover: handover ? { toName: handover.to.displayName, requestedAt: handover.requestedAt } : null,
    members: [...byPerson.values()],
    meetings: meetings.map((m) => ({ id: m.id, typeLabel: meetingLabel(pb, m.type, lang), startsAt: m.startsAt, location: m.location })),
    deadlines: deadlines.map((d) => ({ id: d.id, label: ruleLabel(pb, d.ruleKey, lang), dueAt: d.dueAt, overdue: d.dueAt < now })),
    actions: actions.map((a) => ({ id: a.id, text: deps.cipher.decrypt(a.textEnc), owner: a.ownerId ? (owners.get(a.ownerId) ?? null) : null, dueAt: a.dueAt, evaluationAt: a.evaluationAt, overdue: Boolean(a.dueAt && a.dueAt < now) })),
    decisions: decisions.map((d) => ({ text: deps.cipher.decrypt(d.textEnc), kind: d.kind, decidedAt: d.decidedAt })),
    consents: consents.map((k) => ({ id: k.id, scope: k.scope, status: k.status, expiresAt: k.expiresAt })),
    concernReports: concerns,
    nextSteps: kase.status === 'OPEN'
      ? pb.transitions.filter((t) => t.from === kase.stage).map((t) => ({
        to: t.to,
        label: t.labels ? label(t.labels, lang) : stageLabel(pb, t.to, lang),
        missing: missingGuards(t.guards, state, lang, pb),
        outputs: t.guards.flatMap((g) => (g.type === 'outputRecorded' && !g.meetingType && !guardHolds(g, state) ? [{ key: g.output, label: OUTPUT_LABELS[g.output][lang] }] : [])),
      }))
      : [],
    nextNudge: nudge ? { at: nudge.sendAt, kind: nudge.kind } : null,
    closedAt: kase.closedAt,
    closureReason: kase.closureReason ? (pb.closure.reasons?.find((r) => r.key === kase.closureReason)?.labels[lang] ?? kase.closureReason) : null,
  };
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
  const now = deps.clock.now();
  const cases = await deps.prisma.case.findMany({
    where: {
      orgId: actor.orgId, status: 'OPEN',
      OR: [
        { members: { some: { personId: actor.personId, removedAt: null } } },
        { batonHolderId: actor.personId },
        { handovers: { some: { toId: actor.personId, status: 'PENDING' } } },
      ],
    },
    include: { members: { where: { personId: actor.personId, removedAt: null } }, handovers: { where: { toId: actor.personId, status: 'PENDING' } } },
    orderBy: { lastActivityAt: 'desc' },
    take: 50,
  });
  const out: MyCase[] = [];
  for (const k of cases) {
    const pb = deps.playbooks.get(k.playbookKey, k.playbookVersion) ?? deps.playbooks.get(k.playbookKey);
    if (!pb) continue;
    const summary = await buildSummary(deps.prisma as unknown as Tx, k, pb, actor.lang, now);
    const overdue = await deps.prisma.deadline.count({ where: { caseId: k.id, status: 'OPEN', dueAt: { lt: now } } });
    out.push({ summary, roles: k.members.map((m) => roleLabel(pb, m.role, actor.lang)), holdsBaton: k.batonHolderId === actor.personId, overdue, pendingHandoverToMe: k.handovers.length > 0 });
  }
  await deps.prisma.auditEvent.create({ data: { at: now, orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: 'case.list.mine', detail: { count: out.length } } });
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
  return withCase(deps, actor, code, 'case.details', 'case.log.read', async (c) => {
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
