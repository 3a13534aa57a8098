/**
 * Row counts of every table in the schema: what "nothing written" means to the trust-boundary
 * tests, which compare them before and after an attacker's requests.
 *
 * The running dispatcher's weekly digest is left out of the counts. The services under test run
 * their real dispatcher on the real clock, and digests are planned and sent on Mondays from the
 * start of the working day; a digest nudge, its delivery attempt or its platform delivery record
 * written while the attacks run is the dispatcher's own work, not anything a request wrote (the
 * last CI run on a Monday afternoon counted one digest delivery attempt as a write). Every other
 * nudge, attempt and delivery record is counted.
 */
import { readFile } from 'node:fs/promises';
import { NUDGE_KINDS } from '../../src/reminders/reminder.ts';

interface RawQuery {
  $queryRawUnsafe<T>(query: string): Promise<T>;
}

/** The digest kinds, from the product's own list of nudge kinds. */
const DIGEST = `"kind" IN (${NUDGE_KINDS.filter((k) => k.startsWith('digest.')).map((k) => `'${k}'`).join(', ')})`;
const DIGEST_KEYS = `SELECT da."idempotencyKey" FROM "DeliveryAttempt" da JOIN "Nudge" n ON n.id = da."nudgeId" WHERE n.${DIGEST} AND da."idempotencyKey" IS NOT NULL`;
const WHERE: Record<string, string> = {
  Nudge: `WHERE NOT ${DIGEST}`,
  DeliveryAttempt: `WHERE "nudgeId" NOT IN (SELECT id FROM "Nudge" WHERE ${DIGEST})`,
  PlatformDelivery: `WHERE "idempotencyKey" NOT IN (${DIGEST_KEYS})`,
};

/** Counts every model's rows except the tables named in `leaveOut`. */
export async function rowCounts(prisma: RawQuery, leaveOut: readonly string[]): Promise<Record<string, number>> {
  const schema = await readFile('prisma/schema.prisma', 'utf8');
  const models = [...schema.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]!).filter((m) => !leaveOut.includes(m));
  const counts: Record<string, number> = {};
  for (const m of models) {
    const rows = await prisma.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT count(*) AS n FROM "${m}" ${WHERE[m] ?? ''}`);
    counts[m] = Number(rows[0]!.n);
  }
  return counts;
}
