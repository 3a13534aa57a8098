/**
 * Reports of concern (orosanmälan / bekymringsmelding). Filing is never refused for anyone in
 * the organisation, on an open or closed case. The report itself — who, when, what — is
 * disclosed to social services as the duty to report requires; it is not a legal basis for the
 * rest of the case file (that needs consent or an approved share request, src/consent/).
 * The baton holder is told that a report was filed, without the reporter's text.
 */
import { z } from 'zod/v4';
import type { Actor } from '../orgs/org.service.ts';
import type { ServiceDeps } from '../shared/deps.ts';
import { SOCIAL_SERVICES_ROLE } from '../access/policy.ts';
import { appendLog, withCase } from './case-access.ts';
import { emitCaseEvent, parseInput } from './case-events.ts';
import { concernDisclosedNotice, concernReportedNotice } from './concern.notices.ts';

export const concernInput = z.object({
  note: z.string().trim().max(2000).optional(),
  recipient: z.enum(['SOCIAL_SERVICES', 'BARNEVERN']).default('SOCIAL_SERVICES'),
});

/**
 * Records a report of concern. Never blocked by consent, stage, membership, closure or anything
 * else beyond belonging to the organisation: the law requires it to be made at once.
 */
export async function recordConcern(deps: ServiceDeps, actor: Actor, code: string, input: z.input<typeof concernInput>): Promise<{ code: string; concernId: string }> {
  const cmd = parseInput(concernInput, input);
  const r = await withCase(deps, actor, code, 'case.concern', 'case.concern', async (c) => {
    const report = await c.tx.concernReport.create({ data: { caseId: c.kase.id, reportedById: actor.personId, reportedAt: c.now, recipient: cmd.recipient, noteEnc: deps.cipher.encryptOpt(cmd.note) } });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'concern.reported', { recipient: cmd.recipient });
    if (c.kase.status === 'OPEN') await emitCaseEvent(c, { type: 'concernReported' });
    // Social services receive the report: everyone with the organisation role for this unit
    // (or all units) and anyone in the case's social-services role.
    const [ssPeople, ssMembers] = await Promise.all([
      c.tx.person.findMany({ where: { orgId: c.kase.orgId, active: true, roles: { some: { role: 'SOCIAL_SERVICES', OR: [{ schoolUnitId: null }, ...(c.kase.schoolUnitId ? [{ schoolUnitId: c.kase.schoolUnitId }] : [])] } } }, select: { id: true } }),
      c.tx.caseMember.findMany({ where: { caseId: c.kase.id, role: SOCIAL_SERVICES_ROLE, removedAt: null }, select: { personId: true } }),
    ]);
    const socialServices = [...new Set([...ssPeople.map((p) => p.id), ...ssMembers.map((m) => m.personId)])];
    // Notices go to the outbox in this transaction: they exist exactly when the report does.
    const params = { caseCode: c.kase.code, at: c.now.toISOString() };
    if (c.kase.batonHolderId && c.kase.batonHolderId !== actor.personId) {
      await deps.notifyPerson(c.tx, c.kase.batonHolderId, concernReportedNotice, params, { caseId: c.kase.id, key: `concern:${report.id}:holder` });
    }
    for (const id of socialServices) {
      if (id === actor.personId) continue;
      await deps.notifyPerson(c.tx, id, concernDisclosedNotice, params, { caseId: c.kase.id, key: `concern:${report.id}:${id}` });
    }
    return { code: c.kase.code, concernId: report.id };
  }, { write: true });
  return { code: r.code, concernId: r.concernId };
}

export interface ConcernReportView {
  at: Date;
  reporter: string;
  recipient: string;
  note: string | null;
}

/**
 * The reports of concern of a case — who, when, what — for social services (always) and for
 * those who see the case's details. Audited as `case.concern.read`; never opens anything else.
 */
export async function listConcernReports(deps: ServiceDeps, actor: Actor, code: string): Promise<{ code: string; reports: ConcernReportView[] }> {
  return withCase(deps, actor, code, 'case.concern.read', 'case.concern.read', async (c) => {
    const rows = await c.tx.concernReport.findMany({ where: { caseId: c.kase.id }, orderBy: { reportedAt: 'asc' } });
    const ids = rows.map((x) => x.reportedById).filter((x): x is string => Boolean(x));
    const people = new Map((await c.tx.person.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })).map((p) => [p.id, p.displayName]));
    return {
      code: c.kase.code,
      reports: rows.map((x) => ({ at: x.reportedAt, reporter: (x.reportedById && people.get(x.reportedById)) || '–', recipient: x.recipient, note: deps.cipher.decryptOpt(x.noteEnc) })),
    };
  });
}
