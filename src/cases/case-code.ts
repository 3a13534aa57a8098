/** Human-readable, pseudonymous case codes: PREFIX-YY-NNNN, unique per organisation. */
import { DateTime } from 'luxon';
import type { Tx } from '../shared/deps.ts';

/** Upper-cases and trims a code as typed; the grammar has already validated its shape. */
export function normalizeCaseCode(code: string): string {
  return code.trim().toUpperCase();
}

/** Allocates the next code for an organisation, atomically across instances. */
export async function nextCaseCode(tx: Tx, orgId: string, prefix: string, now: Date, timeZone: string): Promise<string> {
  const year = DateTime.fromJSDate(now, { zone: timeZone }).year;
  const rows = await tx.$queryRaw<{ n: number }[]>`
    INSERT INTO "CaseCounter" ("orgId", "year", "next") VALUES (${orgId}, ${year}, 2)
    ON CONFLICT ("orgId", "year") DO UPDATE SET "next" = "CaseCounter"."next" + 1
    RETURNING ("next" - 1)::int AS n`;
  const n = rows[0]!.n;
  return `${prefix}-${String(year % 100).padStart(2, '0')}-${String(n).padStart(4, '0')}`;
}
