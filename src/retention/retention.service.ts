/**
 * Retention: closed cases are purged of personal data when the organisation's retention period
 * has passed, unless under legal hold. Anonymised figures are kept first (CaseStatsRecord) so
 * statistics survive. Safe to run on every instance at once: each case is claimed with
 * FOR UPDATE SKIP LOCKED and purging twice changes nothing.
 */
import { DateTime } from 'luxon';
import { recordAudit } from '../audit/audit.ts';
import { appendLog, withCase } from '../cases/case-access.ts';
import type { Actor } from '../orgs/org.service.ts';
import type { ServiceDeps } from '../shared/deps.ts';

const month = (d: Date | null) => (d ? DateTime.fromJSDate(d, { zone: 'utc' }).toFormat('yyyy-MM') : null);
const days = (a: Date | null | undefined, b: Date | null | undefined) => (a && b ? Math.round((b.getTime() - a.getTime()) / 86_400_000) : null);

/** Purges every closed case whose retention has run out; returns the codes purged. */
export async function purgeExpiredCases(deps: ServiceDeps, limit = 200): Promise<string[]> {
  const now = deps.clock.now();
  const orgs = await deps.prisma.organisation.findMany({ where: { retentionDays: { not: null } }, select: { id: true, retentionDays: true } });
  const purged: string[] = [];
  for (const org of orgs) {
    const cutoff = new Date(now.getTime() - org.retentionDays! * 86_400_000);
    const candidates = await deps.prisma.case.findMany({ where: { orgId: org.id, status: 'CLOSED', legalHold: false, closedAt: { lt: cutoff } }, select: { id: true }, take: limit });
    for (const { id } of candidates) {
      try {
        const code = await purgeCase(deps, id, cutoff);
        if (code) purged.push(code);
      } catch (e) {
        // One failing case must not stop the others; it is retried on the next run.
        deps.log.error({ err: e, caseId: id }, 'purge failed');
      }
    }
  }
  return purged;
}

async function purgeCase(deps: ServiceDeps, caseId: string, cutoff: Date): Promise<string | null> {
  return deps.prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Case" WHERE "id" = ${caseId} AND "status" = 'CLOSED' AND "legalHold" = false AND "closedAt" < ${cutoff} FOR UPDATE SKIP LOCKED`;
    if (!locked.length) return null;
    const k = await tx.case.findUniqueOrThrow({ where: { id: caseId } });
    const now = deps.clock.now();
    const [firstMeeting, plan, consents, concerns, meetingsHeld] = await Promise.all([
      tx.meeting.findFirst({ where: { caseId, status: 'HELD' }, orderBy: { heldAt: 'asc' } }),
      tx.caseAction.findFirst({ where: { caseId }, orderBy: { createdAt: 'asc' } }),
      tx.consent.groupBy({ by: ['status'], where: { caseId }, _count: { _all: true } }),
      tx.concernReport.count({ where: { caseId } }),
      tx.meeting.count({ where: { caseId, status: 'HELD' } }),
    ]);
    await tx.caseStatsRecord.upsert({
      where: { caseId },
      create: {
        orgId: k.orgId, caseId, playbookKey: k.playbookKey, schoolUnitId: k.schoolUnitId, openedMonth: month(k.openedAt)!, closedMonth: month(k.closedAt),
        // A free-text reason is personal data: the anonymised record keeps only that there was one.
        closureReason: k.closureReason ?? (k.closureReasonEnc ? 'other' : null), stageReached: k.stage,
        figures: {
          daysToFirstMeeting: days(k.triggeredAt ?? k.openedAt, firstMeeting?.heldAt), daysToPlan: days(k.triggeredAt ?? k.openedAt, plan?.createdAt),
          daysOpen: days(k.openedAt, k.closedAt), meetingsHeld, concerns, tier: k.tier, origin: k.origin,
          consents: Object.fromEntries(consents.map((g) => [g.status, g._count._all])),
        },
      },
      update: {},
    });
    // Personal data goes; the case row keeps only its code, model, stage and dates.
    await tx.caseLogEntry.deleteMany({ where: { caseId } });
    await tx.decision.deleteMany({ where: { caseId } });
    await tx.caseAction.deleteMany({ where: { caseId } });
    await tx.goal.deleteMany({ where: { caseId } });
    await tx.meeting.deleteMany({ where: { caseId } });
    await tx.consent.deleteMany({ where: { caseId } });
    await tx.legalBasis.deleteMany({ where: { caseId } });
    await tx.shareRequest.deleteMany({ where: { caseId } });
    await tx.concernReport.deleteMany({ where: { caseId } });
    await tx.deadline.deleteMany({ where: { caseId } });
    await tx.nudge.deleteMany({ where: { caseId } });
    await tx.batonHandover.deleteMany({ where: { caseId } });
    await tx.caseMember.deleteMany({ where: { caseId } });
    await tx.caseChannel.deleteMany({ where: { caseId } });
    await tx.deviation.updateMany({ where: { caseId }, data: { textEnc: null, caseId: null } });
    if (k.studentRefHash) {
      const other = await tx.case.count({ where: { orgId: k.orgId, studentRefHash: k.studentRefHash, id: { not: caseId }, status: { not: 'PURGED' } } });
      if (!other) await tx.attendanceRecord.deleteMany({ where: { orgId: k.orgId, studentRefHash: k.studentRefHash, date: { lt: cutoff } } });
    }
    await tx.case.update({
      where: { id: caseId },
      data: { status: 'PURGED', purgedAt: now, studentRefEnc: null, studentRefHash: null, reasonEnc: null, maintenancePlanEnc: null, batonHolderId: null, openedById: null },
    });
    await recordAudit(tx, { at: now, orgId: k.orgId, platform: 'SYSTEM', action: 'case.purge', caseId, detail: { code: k.code } });
    return k.code;
  });
}

/** Places or lifts a legal hold (team lead or baton holder): a held case is never purged. */
export async function setLegalHold(deps: ServiceDeps, actor: Actor, code: string, hold: boolean): Promise<{ code: string }> {
  return withCase(deps, actor, code, 'case.audit', hold ? 'case.legalHold.set' : 'case.legalHold.lift', async (c) => {
    await c.tx.case.update({ where: { id: c.kase.id }, data: { legalHold: hold } });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, hold ? 'case.legalHold' : 'case.legalHoldLifted', {});
    return { code: c.kase.code };
  }, { write: true });
}
