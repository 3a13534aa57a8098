/** The action plan: goals, actions (owner, due date, evaluation date) and decisions. */
import { z } from 'zod/v4';
import type { Actor } from '../orgs/org.service.ts';
import { decide } from '../access/policy.ts';
import { appendLog, loadAccessFacts, withCase, type CaseContext } from '../cases/case-access.ts';
import { emitCaseEvent, findPerson, parseInput } from '../cases/case.service.ts';
import { isOverdue } from '../deadlines/overdue.ts';
import { DomainError } from '../shared/errors.ts';
import type { ServiceDeps, Tx } from '../shared/deps.ts';

const personRef = z.object({ personId: z.string().optional(), slackUserId: z.string().optional(), teamsUserId: z.string().optional(), text: z.string().max(120).optional() });
export type PersonRef = z.infer<typeof personRef>;

/** The results an evaluation can have (Västbas: "insatserna … följs upp och utvärderas"). */
export const EVALUATION_RESULTS = ['WORKED', 'PARTLY', 'NOT'] as const;
export type EvaluationResult = (typeof EVALUATION_RESULTS)[number];

export const actionInput = z.object({
  text: z.string().trim().min(2, 'beskriv åtgärden').max(1000),
  /** The staff member responsible; for a participant-owned action, the one who follows it up. Default: the recorder. */
  owner: personRef.optional(),
  /** An owner outside the staff (Vårdnadshavare, Eleven, Mormor, BUP); needs `owner` as follower. */
  participant: z.string().trim().max(120).optional(),
  ownerRole: z.string().max(60).optional(),
  dueAt: z.date().optional(),
  evaluationAt: z.date().optional(),
  goalText: z.string().trim().max(1000).optional(),
  meetingId: z.string().optional(),
});
export type ActionInput = z.input<typeof actionInput>;

const hasRef = (r: PersonRef | undefined): r is PersonRef => Boolean(r && (r.personId || r.slackUserId || r.teamsUserId || r.text?.trim()));

/**
 * Creates one action inside a case transaction: numbered, owned, with its due and evaluation
 * deadlines (which carry the reminders and the escalation). Shared by `åtgärd` and meeting outcomes.
 */
export async function createActionIn(c: CaseContext, input: ActionInput): Promise<{ actionId: string; number: number; ownerId: string }> {
  const cmd = parseInput(actionInput, input);
  const { deps, actor } = c;
  if (cmd.dueAt && cmd.evaluationAt && cmd.evaluationAt < cmd.dueAt) {
    throw new DomainError('INPUT.INVALID', { field: 'evaluationAt', problem: 'uppföljningen kan inte ligga före slutdatumet' });
  }
  const participant = cmd.participant?.trim() || null;
  let ownerId = actor.personId;
  if (hasRef(cmd.owner)) ownerId = (await resolveOwner(c, cmd.owner)).id;
  let goalId: string | null = null;
  if (cmd.goalText) {
    const g = await c.tx.goal.create({ data: { caseId: c.kase.id, textEnc: deps.cipher.encrypt(cmd.goalText), evaluationDate: cmd.evaluationAt ?? null, createdById: actor.personId, createdAt: c.now } });
    goalId = g.id;
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'goal.added', {}, deps.cipher.encrypt(cmd.goalText));
  }
  const first = (await c.tx.caseAction.count({ where: { caseId: c.kase.id } })) === 0;
  const number = await nextActionNumber(c.tx, c.kase.id);
  const a = await c.tx.caseAction.create({
    data: {
      caseId: c.kase.id, goalId, number, textEnc: deps.cipher.encrypt(cmd.text), ownerId, ownerRole: cmd.ownerRole ?? null,
      participantEnc: participant ? deps.cipher.encrypt(participant) : null, meetingId: cmd.meetingId ?? null,
      dueAt: cmd.dueAt ?? null, evaluationAt: cmd.evaluationAt ?? null, createdById: actor.personId, createdAt: c.now,
    },
  });
  if (cmd.dueAt) await c.tx.deadline.create({ data: { caseId: c.kase.id, ruleKey: 'action-due', subjectType: 'action', subjectId: a.id, dueAt: cmd.dueAt, ownerId, createdAt: c.now } });
  if (cmd.evaluationAt) await c.tx.deadline.create({ data: { caseId: c.kase.id, ruleKey: 'action-evaluation', subjectType: 'action-evaluation', subjectId: a.id, dueAt: cmd.evaluationAt, ownerId, createdAt: c.now } });
  await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'action.added', {
    actionId: a.id, number, ownerId, participant: Boolean(participant), dueAt: cmd.dueAt?.toISOString() ?? null, evaluationAt: cmd.evaluationAt?.toISOString() ?? null, meetingId: cmd.meetingId ?? null,
  }, deps.cipher.encrypt(cmd.text));
  if (first) await emitCaseEvent(c, { type: 'planCreated' });
  return { actionId: a.id, number, ownerId };
}

/**
 * The staff member who owns (or follows up) an action must be able to work on the case — see it,
 * tick it off, evaluate it — or the reminders would reach someone who cannot act on them.
 */
async function resolveOwner(c: CaseContext, ref: PersonRef): Promise<{ id: string; displayName: string }> {
  const p = await findPerson(c.tx, c.actor.orgId, ref);
  if (!p || !p.active) throw new DomainError('PERSON.NOT_FOUND', { name: ref.text ?? '' });
  if (p.id === c.actor.personId) return p;
  const facts = await loadAccessFacts(c.tx, p.id, c.kase, c.now);
  if (!decide(facts, 'case.write').allowed) throw new DomainError('ACTION.OWNER_NOT_MEMBER', { name: p.displayName, code: c.kase.code });
  return p;
}

async function nextActionNumber(tx: Tx, caseId: string): Promise<number> {
  // Existing actions were numbered by the migration, so the highest number is the count so far.
  const last = await tx.caseAction.aggregate({ where: { caseId }, _max: { number: true } });
  return (last._max.number ?? 0) + 1;
}

/** Adds an action to the plan (the first action creates the plan). */
export async function addAction(deps: ServiceDeps, actor: Actor, code: string, input: ActionInput, opts: { requestKey?: string } = {}): Promise<{ actionId: string; code: string; number: number; ownerId: string }> {
  parseInput(actionInput, input);
  return withCase(deps, actor, code, 'case.write', 'action.add', async (c) => {
    const r = await createActionIn(c, input);
    return { ...r, code: c.kase.code };
  }, { write: true, requestKey: opts.requestKey });
}

/** An action by id or by its number in the case ("2", "#2"). */
async function findAction(c: CaseContext, ref: string) {
  const n = /^#?(\d{1,4})$/.exec(ref.trim());
  const a = n
    ? await c.tx.caseAction.findFirst({ where: { caseId: c.kase.id, number: Number(n[1]) } })
    : await c.tx.caseAction.findFirst({ where: { id: ref, caseId: c.kase.id } });
  if (!a) throw new DomainError('ACTION.NOT_FOUND', { code: c.kase.code, number: n ? n[1]! : '' });
  return a;
}

/** Marks an action done (idempotent: done twice changes nothing the second time). `ref`: id or number. */
export async function completeAction(deps: ServiceDeps, actor: Actor, code: string, ref: string): Promise<{ changed: boolean; actionId: string; number: number; needsEvaluation: boolean }> {
  return withCase(deps, actor, code, 'case.write', 'action.complete', async (c) => {
    const a = await findAction(c, ref);
    const out = { actionId: a.id, number: a.number ?? 0, needsEvaluation: !a.evaluatedAt };
    if (a.status === 'DONE') return { ...out, changed: false };
    if (a.status === 'CANCELLED') throw new DomainError('ACTION.CLOSED', { code: c.kase.code, number: String(a.number ?? '') });
    await c.tx.caseAction.update({ where: { id: a.id }, data: { status: 'DONE', completedAt: c.now } });
    await c.tx.deadline.updateMany({ where: { caseId: c.kase.id, subjectType: 'action', subjectId: a.id, status: 'OPEN' }, data: { status: 'MET', metAt: c.now } });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'action.done', { actionId: a.id, number: a.number ?? null });
    return { ...out, changed: true };
  }, { write: true });
}

export const evaluationInput = z.object({
  result: z.enum(EVALUATION_RESULTS, 'välj hur det gick'),
  note: z.string().trim().max(2000).optional(),
});

/** Records the evaluation of an action: worked / partly / did not, with a note. `ref`: id or number. */
export async function evaluateAction(deps: ServiceDeps, actor: Actor, code: string, ref: string, input: z.input<typeof evaluationInput> | string): Promise<{ actionId: string; number: number; result: EvaluationResult }> {
  // A bare string is the older "how did it go" note: kept working as a "partly" with that note.
  const cmd = parseInput(evaluationInput, typeof input === 'string' ? { result: 'PARTLY', note: parseInput(z.string().trim().min(2).max(2000), input) } : input);
  return withCase(deps, actor, code, 'case.write', 'action.evaluate', async (c) => {
    const a = await findAction(c, ref);
    const note = cmd.note || null;
    await c.tx.caseAction.update({ where: { id: a.id }, data: { evaluationResult: cmd.result, evaluatedAt: c.now, evaluationEnc: note ? deps.cipher.encrypt(note) : null } });
    await c.tx.deadline.updateMany({ where: { caseId: c.kase.id, subjectType: 'action-evaluation', subjectId: a.id, status: 'OPEN' }, data: { status: 'MET', metAt: c.now } });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'action.evaluated', { actionId: a.id, number: a.number ?? null, result: cmd.result }, note ? deps.cipher.encrypt(note) : null);
    return { actionId: a.id, number: a.number ?? 0, result: cmd.result };
  }, { write: true });
}

export const revisionInput = z.object({
  dueAt: z.date().optional(),
  evaluationAt: z.date().optional(),
  owner: personRef.optional(),
  /** New owner outside the staff; an empty string removes the participant (the staff owner owns it). */
  participant: z.string().trim().max(120).optional(),
  note: z.string().trim().max(1000).optional(),
});

/** Revises an action: new due date, evaluation date or owner. Every change is logged. */
export async function reviseAction(deps: ServiceDeps, actor: Actor, code: string, ref: string, input: z.input<typeof revisionInput>): Promise<{ actionId: string; number: number; changed: string[] }> {
  const cmd = parseInput(revisionInput, input);
  return withCase(deps, actor, code, 'case.write', 'action.revise', async (c) => {
    const a = await findAction(c, ref);
    if (a.status === 'CANCELLED') throw new DomainError('ACTION.CLOSED', { code: c.kase.code, number: String(a.number ?? '') });
    const data: Record<string, unknown> = {};
    const changed: string[] = [];
    let ownerId = a.ownerId;
    if (hasRef(cmd.owner)) {
      const p = await resolveOwner(c, cmd.owner);
      if (p.id !== a.ownerId) { ownerId = p.id; data.ownerId = p.id; changed.push('owner'); }
    }
    if (cmd.participant !== undefined) {
      const current = deps.cipher.decryptOpt(a.participantEnc) ?? '';
      if (cmd.participant !== current) { data.participantEnc = cmd.participant ? deps.cipher.encrypt(cmd.participant) : null; changed.push('participant'); }
    }
    const dueAt = cmd.dueAt ?? a.dueAt;
    const evaluationAt = cmd.evaluationAt ?? a.evaluationAt;
    if (dueAt && evaluationAt && evaluationAt < dueAt) throw new DomainError('INPUT.INVALID', { field: 'evaluationAt', problem: 'uppföljningen kan inte ligga före slutdatumet' });
    if (cmd.dueAt && cmd.dueAt.getTime() !== a.dueAt?.getTime()) { data.dueAt = cmd.dueAt; changed.push('dueAt'); }
    if (cmd.evaluationAt && cmd.evaluationAt.getTime() !== a.evaluationAt?.getTime()) { data.evaluationAt = cmd.evaluationAt; changed.push('evaluationAt'); }
    if (!changed.length) throw new DomainError('ACTION.NO_CHANGE', { code: c.kase.code, number: String(a.number ?? '') });
    const ORDER = ['dueAt', 'evaluationAt', 'owner', 'participant'];
    changed.sort((x, y) => ORDER.indexOf(x) - ORDER.indexOf(y));
    await c.tx.caseAction.update({ where: { id: a.id }, data });
    // The deadlines follow: moved dates re-plan the reminders (their keys carry the date), a new owner receives them.
    const sync = async (subjectType: 'action' | 'action-evaluation', ruleKey: string, at: Date | null, live: boolean) => {
      if (!at) return;
      const open = await c.tx.deadline.findFirst({ where: { caseId: c.kase.id, subjectType, subjectId: a.id, status: 'OPEN' } });
      if (open) await c.tx.deadline.update({ where: { id: open.id }, data: { dueAt: at, ownerId } });
      else if (live) await c.tx.deadline.create({ data: { caseId: c.kase.id, ruleKey, subjectType, subjectId: a.id, dueAt: at, ownerId, createdAt: c.now } });
    };
    await sync('action', 'action-due', data.dueAt ? dueAt : (data.ownerId ? a.dueAt : null), a.status === 'OPEN' && Boolean(data.dueAt));
    await sync('action-evaluation', 'action-evaluation', data.evaluationAt ? evaluationAt : (data.ownerId ? a.evaluationAt : null), !a.evaluatedAt && Boolean(data.evaluationAt));
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'action.revised', {
      actionId: a.id, number: a.number ?? null, changed: changed.join(','),
      dueAt: data.dueAt ? dueAt!.toISOString() : null, evaluationAt: data.evaluationAt ? evaluationAt!.toISOString() : null, ownerId: (data.ownerId as string | undefined) ?? null,
    }, cmd.note ? deps.cipher.encrypt(cmd.note) : null);
    return { actionId: a.id, number: a.number ?? 0, changed };
  }, { write: true });
}

/** One action as the plan views show it (decrypted: only for case members). */
export interface PlanItem {
  id: string;
  number: number;
  text: string;
  /** The staff member responsible (or following up a participant's action). */
  ownerId: string | null;
  ownerName: string | null;
  /** Owner outside the staff, when there is one. */
  participant: string | null;
  status: 'OPEN' | 'DONE' | 'CANCELLED';
  dueAt: Date | null;
  evaluationAt: Date | null;
  evaluationResult: EvaluationResult | null;
  evaluationNote: string | null;
  overdue: boolean;
  /** Done but not evaluated yet (or open with an evaluation date passed). */
  awaitingEvaluation: boolean;
}

/** Every action of a case, numbered, with owner names (inside the caller's audited read). */
export async function loadPlanItems(tx: Tx, deps: Pick<ServiceDeps, 'cipher'>, caseId: string, now: Date): Promise<PlanItem[]> {
  const [rows, kase] = await Promise.all([
    tx.caseAction.findMany({ where: { caseId }, orderBy: [{ number: 'asc' }, { createdAt: 'asc' }] }),
    tx.case.findUnique({ where: { id: caseId }, select: { org: { select: { timeZone: true } } } }),
  ]);
  // Overdue the day after the due date, in the organisation's time zone (as every deadline).
  const timeZone = kase?.org.timeZone ?? 'Europe/Stockholm';
  const ids = [...new Set(rows.map((r) => r.ownerId).filter((x): x is string => Boolean(x)))];
  const names = new Map((ids.length ? await tx.person.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } }) : []).map((p) => [p.id, p.displayName]));
  return planItemsFrom(rows.map((r) => ({ ...r, ownerName: r.ownerId ? (names.get(r.ownerId) ?? null) : null })), deps, timeZone, now);
}

/** Plan items from action rows already loaded in plan order, with owner names (the status view's single read). */
export function planItemsFrom(
  rows: readonly {
    id: string; number: number | null; textEnc: string; ownerId: string | null; ownerName: string | null; participantEnc: string | null; status: 'OPEN' | 'DONE' | 'CANCELLED';
    dueAt: Date | null; evaluationAt: Date | null; evaluationResult: unknown; evaluatedAt: Date | null; evaluationEnc: string | null;
  }[],
  deps: Pick<ServiceDeps, 'cipher'>,
  timeZone: string,
  now: Date,
): PlanItem[] {
  return rows.map((r, i) => ({
    id: r.id,
    number: r.number ?? i + 1,
    text: deps.cipher.decrypt(r.textEnc),
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    participant: deps.cipher.decryptOpt(r.participantEnc),
    status: r.status,
    dueAt: r.dueAt,
    evaluationAt: r.evaluationAt,
    evaluationResult: (r.evaluationResult as EvaluationResult | null) ?? null,
    evaluationNote: deps.cipher.decryptOpt(r.evaluationEnc),
    overdue: r.status === 'OPEN' && Boolean(r.dueAt && isOverdue(r.dueAt, now, timeZone)),
    awaitingEvaluation: !r.evaluatedAt && r.status !== 'CANCELLED' && (r.status === 'DONE' || Boolean(r.evaluationAt && isOverdue(r.evaluationAt, now, timeZone))),
  }));
}

/** Actions still in play: open, or done and not yet evaluated. */
export function pendingPlanItems(items: PlanItem[]): PlanItem[] {
  return items.filter((a) => a.status === 'OPEN' || (a.status === 'DONE' && !a.evaluationResult));
}

export const decisionInput = z.object({
  kind: z.string().max(60).default('GENERAL'),
  outcome: z.string().max(60).optional(),
  text: z.string().trim().min(2, 'skriv beslutet').max(2000),
  meetingId: z.string().optional(),
});

/** Records a decision (kinds come from the playbook, e.g. BTI "concern or not"). */
export async function recordDecision(deps: ServiceDeps, actor: Actor, code: string, input: z.input<typeof decisionInput>, opts: { requestKey?: string } = {}): Promise<{ decisionId: string; code: string }> {
  const cmd = parseInput(decisionInput, input);
  return withCase(deps, actor, code, 'case.write', 'decision.record', async (c) => {
    if (cmd.kind !== 'GENERAL') {
      const kind = c.playbook.decisionKinds.find((k) => k.key === cmd.kind);
      if (!kind) throw new DomainError('INPUT.INVALID', { field: 'kind', problem: `okänd beslutstyp "${cmd.kind}"` });
      if (kind.outcomes.length && cmd.outcome && !kind.outcomes.some((o) => o.key === cmd.outcome)) {
        throw new DomainError('INPUT.INVALID', { field: 'outcome', problem: `okänt utfall "${cmd.outcome}"` });
      }
    }
    const kindKey = cmd.outcome ? `${cmd.kind}:${cmd.outcome}` : cmd.kind;
    const d = await c.tx.decision.create({ data: { caseId: c.kase.id, meetingId: cmd.meetingId ?? null, kind: kindKey, textEnc: deps.cipher.encrypt(cmd.text), decidedAt: c.now, recordedById: actor.personId } });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'decision.recorded', { kind: kindKey }, deps.cipher.encrypt(cmd.text));
    await emitCaseEvent(c, { type: 'decisionRecorded', kind: cmd.kind });
    return { decisionId: d.id, code: c.kase.code };
  }, { write: true, requestKey: opts.requestKey });
}

/** Stores the maintenance plan (vidmakthållandeplan) ahead of closure. */
export async function setMaintenancePlan(deps: ServiceDeps, actor: Actor, code: string, plan: string): Promise<void> {
  const text = parseInput(z.string().trim().min(5, 'beskriv planen').max(4000), plan);
  await withCase(deps, actor, code, 'case.write', 'case.maintenancePlan', async (c) => {
    await c.tx.case.update({ where: { id: c.kase.id }, data: { maintenancePlanEnc: deps.cipher.encrypt(text) } });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'case.maintenancePlan', {}, deps.cipher.encrypt(text));
  }, { write: true });
}

/** The action plan of a case for a member: every action, numbered, and the maintenance plan. Audited. */
export async function getActionPlan(deps: ServiceDeps, actor: Actor, code: string): Promise<{ code: string; status: 'OPEN' | 'CLOSED' | 'PURGED'; items: PlanItem[]; maintenancePlan: string | null }> {
  return withCase(deps, actor, code, 'case.details', 'plan.read', async (c) => ({
    code: c.kase.code,
    status: c.kase.status,
    items: await loadPlanItems(c.tx, deps, c.kase.id, c.now),
    maintenancePlan: deps.cipher.decryptOpt(c.kase.maintenancePlanEnc),
  }));
}
