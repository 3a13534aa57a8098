/** The append-only audit trail: who read or changed which case, when, from which platform. */
import type { Tx } from '../shared/deps.ts';
import type { Prisma } from '../infra/db/database.ts';

export interface AuditEntry {
  orgId?: string | null;
  actorId?: string | null;
  platform: 'SLACK' | 'TEAMS' | 'CONSOLE' | 'SYSTEM';
  action: string;
  caseId?: string | null;
  outcome?: 'ALLOWED' | 'DENIED';
  /** Ids, codes and reason codes only: never personal data or free text. */
  detail?: Record<string, string | number | boolean | null>;
  at: Date;
}

/** Appends one audit event (there is deliberately no update or delete). */
export async function recordAudit(db: Tx | Prisma, e: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      at: e.at, orgId: e.orgId ?? null, actorId: e.actorId ?? null, platform: e.platform, action: e.action,
      caseId: e.caseId ?? null, outcome: e.outcome ?? 'ALLOWED', detail: e.detail ?? {},
    },
  });
}
