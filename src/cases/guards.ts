/** Evaluates playbook guards against the recorded state of a case. */
import type { Guard, Playbook, Transition } from '../playbooks/index.ts';
import { describeGuard } from '../playbooks/index.ts';
import type { Tx } from '../shared/deps.ts';

export interface GuardState {
  consents: { scope: string[] }[];
  heldMeetings: string[];
  plannedMeetings: { type: string; startsAt: Date }[];
  roles: Map<string, number>;
  actions: number;
  /** Recorded decisions as "kind" or "kind:outcome", oldest first. */
  decisions: string[];
  /** The latest outcome per decision kind (null: recorded without an outcome). */
  latestOutcome: Map<string, string | null>;
  outputs: Set<string>;
  tier: string | null;
  maintenancePlan: boolean;
}

/** The records guards look at; loaded once and shared with the status view. */
export interface GuardSources {
  tier: string | null;
  maintenancePlanEnc: string | null;
  consents: { scope: string[]; status: string; expiresAt: Date | null }[];
  meetings: { type: string; status: string; startsAt: Date; outcome: unknown }[];
  memberRoles: string[];
  actionStatuses: string[];
  /** "kind" or "kind:outcome", oldest first. */
  decisionKinds: string[];
  outputLog: { params: unknown }[];
}

/** Loads what guards look at. */
export async function loadGuardState(tx: Tx, caseId: string, now: Date): Promise<GuardState> {
  const [kase, consents, meetings, members, actions, decisions, outputLog] = await Promise.all([
    tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { tier: true, maintenancePlanEnc: true } }),
    tx.consent.findMany({ where: { caseId }, select: { scope: true, status: true, expiresAt: true } }),
    tx.meeting.findMany({ where: { caseId }, select: { type: true, status: true, startsAt: true, outcome: true } }),
    tx.caseMember.findMany({ where: { caseId, removedAt: null }, select: { role: true } }),
    tx.caseAction.findMany({ where: { caseId }, select: { status: true } }),
    tx.decision.findMany({ where: { caseId }, orderBy: [{ decidedAt: 'asc' }, { createdAt: 'asc' }], select: { kind: true } }),
    tx.caseLogEntry.findMany({ where: { caseId, kind: 'output.recorded' }, select: { params: true } }),
  ]);
  return guardStateFrom({
    tier: kase.tier, maintenancePlanEnc: kase.maintenancePlanEnc, consents, meetings, memberRoles: members.map((m) => m.role),
    actionStatuses: actions.map((a) => a.status), decisionKinds: decisions.map((d) => d.kind), outputLog,
  }, now);
}

/** Computes the guard state from loaded records. */
export function guardStateFrom(src: GuardSources, now: Date): GuardState {
  const consents = src.consents.filter((c) => c.status === 'GIVEN' && (!c.expiresAt || c.expiresAt > now));
  const roles = new Map<string, number>();
  for (const r of src.memberRoles) roles.set(r, (roles.get(r) ?? 0) + 1);
  const outputs = new Set<string>();
  for (const m of src.meetings) {
    const o = (m.outcome ?? {}) as { outputs?: string[] };
    for (const out of o.outputs ?? []) {
      outputs.add(out);
      outputs.add(`${m.type}:${out}`);
    }
  }
  for (const e of src.outputLog) {
    const p = e.params as { output?: string; meetingType?: string };
    if (p.output) outputs.add(p.output);
    if (p.output && p.meetingType) outputs.add(`${p.meetingType}:${p.output}`);
  }
  const actions = src.actionStatuses.filter((s) => s !== 'CANCELLED').length;
  // Outputs that other records already prove.
  if (consents.length) outputs.add('consentSigned');
  if (actions) outputs.add('actionPlan');
  if (src.meetings.some((m) => m.status === 'PLANNED' && m.startsAt > now)) outputs.add('nextMeetingDate');
  const latestOutcome = new Map<string, string | null>();
  for (const d of src.decisionKinds) {
    const i = d.indexOf(':');
    latestOutcome.set(i < 0 ? d : d.slice(0, i), i < 0 ? null : d.slice(i + 1));
  }
  return {
    latestOutcome,
    consents: consents.map((c) => ({ scope: c.scope })),
    heldMeetings: src.meetings.filter((m) => m.status === 'HELD').map((m) => m.type),
    plannedMeetings: src.meetings.filter((m) => m.status === 'PLANNED' && m.startsAt > now).map((m) => ({ type: m.type, startsAt: m.startsAt })),
    roles,
    actions,
    decisions: src.decisionKinds,
    outputs,
    tier: src.tier,
    maintenancePlan: Boolean(src.maintenancePlanEnc),
  };
}

/** Whether one guard holds. */
export function guardHolds(g: Guard, s: GuardState): boolean {
  switch (g.type) {
    case 'consentRecorded':
      return s.consents.some((c) => !g.scope || c.scope.includes(g.scope));
    case 'meetingHeld':
      return s.heldMeetings.includes(g.meetingType);
    case 'roleAssigned':
      return (s.roles.get(g.role) ?? 0) >= (g.count ?? 1);
    case 'actionPlanExists':
      return s.actions > 0;
    case 'decisionRecorded': {
      if (!g.kind) return s.decisions.length > 0;
      if (g.outcome === undefined) return s.latestOutcome.has(g.kind);
      const latest = s.latestOutcome.get(g.kind);
      return latest != null && [g.outcome].flat().includes(latest);
    }
    case 'nextMeetingPlanned':
      return s.plannedMeetings.some((m) => !g.meetingType || m.type === g.meetingType);
    case 'outputRecorded':
      return s.outputs.has(g.meetingType ? `${g.meetingType}:${g.output}` : g.output);
    case 'tierSet':
      return Boolean(s.tier);
    case 'maintenancePlanExists':
      return s.maintenancePlan;
  }
}

/** Localized descriptions of the guards that do not hold. */
export function missingGuards(guards: readonly Guard[], s: GuardState, lang: 'sv' | 'nb' | 'en', playbook: Playbook): string[] {
  return guards.filter((g) => !guardHolds(g, s)).map((g) => describeGuard(g, lang, playbook));
}

/**
 * Whether a recorded decision rules a transition out: the latest outcome of a kind the
 * transition's guard names is a different one (Elevvård: "negative" rules out "continue").
 */
export function decidedAgainst(t: Transition, s: GuardState): boolean {
  return t.guards.some((g) => {
    if (g.type !== 'decisionRecorded' || !g.kind || g.outcome === undefined) return false;
    const latest = s.latestOutcome.get(g.kind);
    return latest != null && ![g.outcome].flat().includes(latest);
  });
}

/** Transitions from the current stage that no recorded decision rules out. */
export function openTransitions(pb: Playbook, stage: string, s: GuardState): Transition[] {
  return pb.transitions.filter((t) => t.from === stage && !decidedAgainst(t, s));
}

export interface ClosureOffer {
  kind: string;
  outcome: string;
  reason: string;
}

/** Closures that the latest decisions point to (Tomelilla: declined → close with "tackar nej"). */
export function closureOffers(pb: Playbook, s: GuardState): ClosureOffer[] {
  const out: ClosureOffer[] = [];
  for (const k of pb.decisionKinds) {
    const latest = s.latestOutcome.get(k.key);
    const o = latest ? k.outcomes.find((x) => x.key === latest) : undefined;
    if (o?.closureReason) out.push({ kind: k.key, outcome: o.key, reason: o.closureReason });
  }
  return out;
}
