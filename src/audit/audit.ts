/** The append-only audit trail: who read or changed which case, when, from which platform. */
import type { Tx } from '../shared/deps.ts';
import type { Prisma } from '../infra/db/database.ts';
import { execute, sql } from '../infra/db/fast-sql.ts';

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
  // One plain statement: every read of case data writes one of these (src/infra/db/fast-sql.ts).
  await execute(db, sql`
    INSERT INTO "AuditEvent" ("at", "orgId", "actorId", "platform", "action", "caseId", "outcome", "detail")
    VALUES (${e.at}::timestamp, ${e.orgId ?? null}, ${e.actorId ?? null}, ${e.platform}::"Platform", ${e.action}, ${e.caseId ?? null},
            ${e.outcome ?? 'ALLOWED'}::"AuditOutcome", ${JSON.stringify(e.detail ?? {})}::jsonb)`);
}
