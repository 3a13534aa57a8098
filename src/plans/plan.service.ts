/** The action plan: goals, actions (owner, due date, evaluation date) and decisions. */
import { z } from 'zod/v4';
import type { Actor } from '../orgs/org.service.ts';
import { appendLog, withCase } from '../cases/case-access.ts';
import { emitCaseEvent, findPerson, parseInput } from '../cases/case.service.ts';
import { DomainError } from '../shared/errors.ts';
import type { ServiceDeps } from '../shared/deps.ts';

export const actionInput = z.object({
  text: z.string().trim().min(2, 'beskriv åtgärden').max(1000),
  owner: z.object({ personId: z.string().optional(), slackUserId: z.string().optional(), teamsUserId: z.string().optional(), text: z.string().max(120).optional() }).optional(),
  ownerRole: z.string().max(60).optional(),
  dueAt: z.date().optional(),
  evaluationAt: z.date().optional(),
  goalText: z.string().trim().max(1000).optional(),
});

/** Adds an action to the plan (the first action creates the plan). */
export async function addAction(deps: ServiceDeps, actor: Actor, code: string, input: z.input<typeof actionInput>, opts: { requestKey?: string } = {}): Promise<{ actionId: string; code: string }> {
  const cmd = parseInput(actionInput, input);
  if (cmd.dueAt && cmd.evaluationAt && cmd.evaluationAt < cmd.dueAt) {
    throw new DomainError('INPUT.INVALID', { field: 'evaluationAt', problem: 'uppföljningen kan inte ligga före slutdatumet' });
  }
  return withCase(deps, actor, code, 'case.write', 'action.add', async (c) => {
    let ownerId = actor.personId;
    if (cmd.owner && (cmd.owner.personId || cmd.owner.slackUserId || cmd.owner.teamsUserId || cmd.owner.text)) {
      const p = await findPerson(c.tx, actor.orgId, cmd.owner);
      if (!p) throw new DomainError('PERSON.NOT_FOUND', { name: cmd.owner.text ?? '' });
      ownerId = p.id;
    }
    let goalId: string | null = null;
    if (cmd.goalText) {
      const g = await c.tx.goal.create({ data: { caseId: c.kase.id, textEnc: deps.cipher.encrypt(cmd.goalText), evaluationDate: cmd.evaluationAt ?? null, createdById: actor.personId, createdAt: c.now } });
      goalId = g.id;
      await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'goal.added', {}, deps.cipher.encrypt(cmd.goalText));
    }
    const first = (await c.tx.caseAction.count({ where: { caseId: c.kase.id } })) === 0;
    const a = await c.tx.caseAction.create({
      data: { caseId: c.kase.id, goalId, textEnc: deps.cipher.encrypt(cmd.text), ownerId, ownerRole: cmd.ownerRole ?? null, dueAt: cmd.dueAt ?? null, evaluationAt: cmd.evaluationAt ?? null, createdById: actor.personId, createdAt: c.now },
    });
    if (cmd.dueAt) await c.tx.deadline.create({ data: { caseId: c.kase.id, ruleKey: 'action-due', subjectType: 'action', subjectId: a.id, dueAt: cmd.dueAt, ownerId } });
    if (cmd.evaluationAt) await c.tx.deadline.create({ data: { caseId: c.kase.id, ruleKey: 'action-evaluation', subjectType: 'action-evaluation', subjectId: a.id, dueAt: cmd.evaluationAt, ownerId } });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'action.added', { actionId: a.id, ownerId, dueAt: cmd.dueAt?.toISOString() ?? null }, deps.cipher.encrypt(cmd.text));
    if (first) await emitCaseEvent(c, { type: 'planCreated' });
    return { actionId: a.id, code: c.kase.code };
  }, { write: true, requestKey: opts.requestKey });
}

/** Marks an action done (idempotent: done twice changes nothing the second time). */
export async function completeAction(deps: ServiceDeps, actor: Actor, code: string, actionId: string): Promise<{ changed: boolean }> {
  return withCase(deps, actor, code, 'case.write', 'action.complete', async (c) => {
    const a = await c.tx.caseAction.findFirst({ where: { id: actionId, caseId: c.kase.id } });
    if (!a) throw new DomainError('ACTION.NOT_FOUND', { code: c.kase.code });
    if (a.status === 'DONE') return { changed: false };
    await c.tx.caseAction.update({ where: { id: a.id }, data: { status: 'DONE', completedAt: c.now } });
    await c.tx.deadline.updateMany({ where: { caseId: c.kase.id, subjectType: 'action', subjectId: a.id, status: 'OPEN' }, data: { status: 'MET', metAt: c.now } });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'action.done', { actionId: a.id });
    return { changed: true };
  }, { write: true });
}

/** Records the evaluation of an action (did it help?). */
export async function evaluateAction(deps: ServiceDeps, actor: Actor, code: string, actionId: string, evaluation: string): Promise<void> {
  const text = parseInput(z.string().trim().min(2).max(2000), evaluation);
  await withCase(deps, actor, code, 'case.write', 'action.evaluate', async (c) => {
    const a = await c.tx.caseAction.findFirst({ where: { id: actionId, caseId: c.kase.id } });
    if (!a) throw new DomainError('ACTION.NOT_FOUND', { code: c.kase.code });
    await c.tx.caseAction.update({ where: { id: a.id }, data: { evaluationEnc: deps.cipher.encrypt(text) } });
    await c.tx.deadline.updateMany({ where: { caseId: c.kase.id, subjectType: 'action-evaluation', subjectId: a.id, status: 'OPEN' }, data: { status: 'MET', metAt: c.now } });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'action.evaluated', { actionId: a.id }, deps.cipher.encrypt(text));
  }, { write: true });
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
