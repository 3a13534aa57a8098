/**
 * Further disclosure to social services beyond a report of concern, without consent: social
 * services record a request (parts, purpose, until when); a person with the authority — the
 * unit's principal or team lead, never social services themselves — approves or declines it.
 * Approval records a SHARE_REQUEST legal basis with that scope and end; every step is logged
 * and audited, and the people concerned are told.
 */
import { z } from 'zod/v4';
import type { Actor } from '../orgs/org.service.ts';
import { needsSocialServicesBasis, SHARE_REQUEST_PARTS, SOCIAL_SERVICES_ROLE } from '../access/policy.ts';
import { appendLog, withCase } from '../cases/case-access.ts';
import { parseInput } from '../cases/case.service.ts';
import { DomainError } from '../shared/errors.ts';
import type { ServiceDeps } from '../shared/deps.ts';
import { shareApprovedNotice, shareDeclinedNotice, shareRequestedNotice } from './share.notices.ts';

const YEAR = 366 * 86_400_000;

export const shareRequestInput = z.object({
  scope: z.array(z.enum(SHARE_REQUEST_PARTS)).min(1, 'välj minst en del'),
  purpose: z.string().trim().min(3, 'beskriv varför uppgifterna behövs').max(2000),
  until: z.date(),
});

/** Social services ask for details of a case. Visible to anyone who may see the case's summary. */
export async function requestShare(deps: ServiceDeps, actor: Actor, code: string, input: z.input<typeof shareRequestInput>): Promise<{ code: string; requestId: string }> {
  const cmd = parseInput(shareRequestInput, input);
  const r = await withCase(deps, actor, code, 'case.summary', 'share.request', async (c) => {
    if (!needsSocialServicesBasis(c.facts)) throw new DomainError('SHARE.ONLY_SOCIAL_SERVICES', { code: c.kase.code });
    if (cmd.until <= c.now || cmd.until.getTime() - c.now.getTime() > YEAR) throw new DomainError('INPUT.INVALID', { field: 'until', problem: 'välj ett datum efter i dag och högst ett år framåt' });
    const scope = [...new Set(cmd.scope)];
    const req = await c.tx.shareRequest.create({
      data: { caseId: c.kase.id, scope, purposeEnc: deps.cipher.encrypt(cmd.purpose), requestedById: actor.personId, requestedAt: c.now, until: cmd.until },
    });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'share.requested', { scope: scope.join(','), until: cmd.until.toISOString() });
    const unitScope = [{ schoolUnitId: null }, ...(c.kase.schoolUnitId ? [{ schoolUnitId: c.kase.schoolUnitId }] : [])];
    const approvers = await c.tx.person.findMany({ where: { orgId: c.kase.orgId, active: true, roles: { some: { role: { in: ['PRINCIPAL', 'TEAM_LEAD'] }, OR: unitScope } }, NOT: { roles: { some: { role: 'SOCIAL_SERVICES' } } } }, select: { id: true } });
    // Without an approver in the organisation file the baton holder is told, so the request is not lost.
    const told = approvers.length ? approvers.map((a) => a.id) : c.kase.batonHolderId ? [c.kase.batonHolderId] : [];
    for (const id of told) {
      if (id === actor.personId) continue;
      await deps.notifyPerson(c.tx, id, shareRequestedNotice, { caseCode: c.kase.code, parts: scope, until: cmd.until.toISOString() }, { caseId: c.kase.id, key: `share:${req.id}:${id}` });
    }
    return { code: c.kase.code, requestId: req.id };
  }, { write: true, auditDetail: { scope: cmd.scope.join(',') } });
  return { code: r.code, requestId: r.requestId };
}

export interface ShareRequestView {
  id: string;
  requestedAt: Date;
  requestedBy: string;
  scope: string[];
  until: Date;
  purpose: string;
  status: string;
}

/** Requests of a case: all of them for those with the authority, one's own for social services. */
export async function listShareRequests(deps: ServiceDeps, actor: Actor, code: string): Promise<{ code: string; canDecide: boolean; requests: ShareRequestView[] }> {
  return withCase(deps, actor, code, 'case.summary', 'share.list', async (c) => {
    const canDecide = c.may('case.share.approve').allowed;
    const mine = needsSocialServicesBasis(c.facts);
    if (!canDecide && !mine) throw new DomainError('SHARE.NO_AUTHORITY', { code: c.kase.code });
    const rows = await c.tx.shareRequest.findMany({ where: { caseId: c.kase.id, ...(canDecide ? { status: 'PENDING' } : { requestedById: actor.personId }) }, orderBy: { requestedAt: 'asc' } });
    const ids = rows.map((x) => x.requestedById).filter((x): x is string => Boolean(x));
    const names = new Map((await c.tx.person.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })).map((p) => [p.id, p.displayName]));
    c.audit.via = canDecide ? c.may('case.share.approve').reason : 'requester';
    return {
      code: c.kase.code,
      canDecide,
      requests: rows.map((x) => ({ id: x.id, requestedAt: x.requestedAt, requestedBy: (x.requestedById && names.get(x.requestedById)) || '–', scope: x.scope, until: x.until, purpose: deps.cipher.decrypt(x.purposeEnc), status: x.status })),
    };
  });
}

/** Approves (recording the legal basis) or declines a pending request; the requester is told. */
export async function decideShare(deps: ServiceDeps, actor: Actor, code: string, requestId: string, approve: boolean, note?: string): Promise<{ code: string; approved: boolean }> {
  const r = await withCase(deps, actor, code, 'case.share.approve', approve ? 'share.approve' : 'share.decline', async (c) => {
    const req = await c.tx.shareRequest.findFirst({ where: { id: requestId, caseId: c.kase.id, status: 'PENDING' } });
    if (!req) throw new DomainError('SHARE.NOT_FOUND', { code: c.kase.code });
    await c.tx.shareRequest.update({ where: { id: req.id }, data: { status: approve ? 'APPROVED' : 'DECLINED', decidedById: actor.personId, decidedAt: c.now, decisionNoteEnc: deps.cipher.encryptOpt(note) } });
    if (approve) {
      await c.tx.legalBasis.create({ data: { caseId: c.kase.id, agency: req.agency, basis: 'SHARE_REQUEST', shareRequestId: req.id, scope: req.scope, expiresAt: req.until, recordedById: actor.personId, recordedAt: c.now } });
      // The requester joins the case as its social-services representative; what they see is
      // still decided by the basis in force (its parts and end), never by the membership.
      if (req.requestedById && !(await c.tx.caseMember.findFirst({ where: { caseId: c.kase.id, personId: req.requestedById, removedAt: null } }))) {
        await c.tx.caseMember.create({ data: { caseId: c.kase.id, personId: req.requestedById, role: SOCIAL_SERVICES_ROLE, addedAt: c.now } });
        await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'case.roleAssigned', { role: SOCIAL_SERVICES_ROLE, personId: req.requestedById });
      }
    }
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, approve ? 'share.approved' : 'share.declined', { scope: req.scope.join(','), until: req.until.toISOString() });
    if (req.requestedById && req.requestedById !== actor.personId) {
      const key = `share:${req.id}:${approve ? 'approved' : 'declined'}`;
      if (approve) await deps.notifyPerson(c.tx, req.requestedById, shareApprovedNotice, { caseCode: c.kase.code, parts: req.scope, until: req.until.toISOString() }, { caseId: c.kase.id, key });
      else await deps.notifyPerson(c.tx, req.requestedById, shareDeclinedNotice, { caseCode: c.kase.code }, { caseId: c.kase.id, key });
    }
    return { code: c.kase.code };
  }, { write: true, auditDetail: { request: requestId } });
  return { code: r.code, approved: approve };
}
