/** Human-readable, pseudonymous case codes: PREFIX-YY-NNNN, unique per organisation. */
import { DateTime } from 'luxon';

/** Upper-cases and trims a code as typed; the grammar has already validated its shape. */
export function normalizeCaseCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * The next code of an organisation, allocated atomically across instances from its per-year
 * counter row (the row stays locked until the opening transaction ends). SQL for a CTE of the
 * opening statement: `counter` yields the number `n`; `codeExpr` renders it as PREFIX-YY-NNNN
 * (four digits at least, more when a year has more cases). `p` adds a parameter; `when`, an SQL
 * condition, takes a number only when it holds.
 */
export function caseCodeSql(p: (v: unknown) => string, orgId: string, prefix: string, now: Date, timeZone: string, opts: { when?: string } = {}): { counter: string; codeExpr: (n: string) => string } {
  const year = DateTime.fromJSDate(now, { zone: timeZone }).year;
  const head = `${prefix}-${String(year % 100).padStart(2, '0')}-`;
  return {
    // `when`: an SQL condition; when false no number is taken (and no case gets one).
    counter: `INSERT INTO "CaseCounter" ("orgId", "year", "next") SELECT ${p(orgId)}, ${p(year)}::int, 2${opts.when ? ` WHERE ${opts.when}` : ''}
        ON CONFLICT ("orgId", "year") DO UPDATE SET "next" = "CaseCounter"."next" + 1
        RETURNING ("next" - 1)::int AS n`,
    codeExpr: (n) => `${p(head)}::text || CASE WHEN ${n} < 10000 THEN lpad(${n}::text, 4, '0') ELSE ${n}::text END`,
  };
}
