/** Evaluates playbook guards against the recorded state of a case. */
import type { Guard, Playbook } from '../playbooks/index.ts';
import { describeGuard } from '../playbooks/index.ts';
import type { Tx } from '../shared/deps.ts';

export interface GuardState {
  consents: { scope: string[] }[];
  heldMeetings: string[];
  plannedMeetings: { type: string; startsAt: Date }[];
  roles: Map<string, number>;
  actions: number;
  decisions: string[];
  outputs: Set<string>;
  tier: string | null;
  maintenancePlan: boolean;
}

/** Loads what guards look at. */
export async function loadGuardState(tx: Tx, caseId: string, now: Date): Promise<GuardState> {
  const [kase, consents, meetings, members, actions, decisions, outputLog] = await Promise.all([
    tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { tier: true, maintenancePlanEnc: true } }),
    tx.consent.findMany({ where: { caseId, status: 'GIVEN', OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] }, select: { scope: true } }),
    tx.meeting.findMany({ where: { caseId }, select: { type: true, status: true, startsAt: true, outcome: true } }),
    tx.caseMember.findMany({ where: { caseId, removedAt: null }, select: { role: true } }),
    tx.caseAction.count({ where: { caseId, status: { not: 'CANCELLED' } } }),
    tx.decision.findMany({ where: { caseId }, select: { kind: true } }),
    tx.caseLogEntry.findMany({ where: { caseId, kind: 'output.recorded' }, select: { params: true } }),
  ]);
  const roles = new Map<string, number>();
  for (const m of members) roles.set(m.role, (roles.get(m.role) ?? 0) + 1);
  const outputs = new Set<string>();
  for (const m of meetings) {
    const o = (m.outcome ?? {}) as { outputs?: string[] };
    for (const out of o.outputs ?? []) {
      outputs.add(out);
      outputs.add(`${m.type}:${out}`);
    }
  }
  for (const e of outputLog) {
    const p = e.params as { output?: string; meetingType?: string };
    if (p.output) outputs.add(p.output);
    if (p.output && p.meetingType) outputs.add(`${p.meetingType}:${p.output}`);
  }
  // Outputs that other records already prove.
  if (consents.length) outputs.add('consentSigned');
  if (actions) outputs.add('actionPlan');
  if (meetings.some((m) => m.status === 'PLANNED' && m.startsAt > now)) outputs.add('nextMeetingDate');
  return {
    consents,
    heldMeetings: meetings.filter((m) => m.status === 'HELD').map((m) => m.type),
    plannedMeetings: meetings.filter((m) => m.status === 'PLANNED' && m.startsAt > now).map((m) => ({ type: m.type, startsAt: m.startsAt })),
    roles,
    actions,
    decisions: decisions.map((d) => d.kind),
    outputs,
    tier: kase.tier,
    maintenancePlan: Boolean(kase.maintenancePlanEnc),
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
    case 'decisionRecorded':
      return g.kind ? s.decisions.some((d) => d === g.kind || d.startsWith(`${g.kind}:`)) : s.decisions.length > 0;
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
