/**
 * Runs a periodic job on one instance only: the first instance to insert the (name, period) row
 * runs it, the others skip. A claim whose holder died before finishing is taken over when its lease
 * has passed, so the period's work is still done once.
 */
import type { Prisma } from '../infra/db/database.ts';

/** Claims `name` for `period`; true when this instance should run it. */
export async function claimJob(prisma: Prisma, name: string, period: string, instanceId: string, now: Date, leaseMs: number): Promise<boolean> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const rows = await prisma.$queryRaw<{ name: string }[]>`
    INSERT INTO "JobClaim" ("name", "period", "instanceId", "claimedAt", "leaseUntil")
    VALUES (${name}, ${period}, ${instanceId}, ${now}::timestamp, ${leaseUntil}::timestamp)
    ON CONFLICT ("name", "period") DO UPDATE
      SET "instanceId" = EXCLUDED."instanceId", "claimedAt" = EXCLUDED."claimedAt", "leaseUntil" = EXCLUDED."leaseUntil"
      WHERE "JobClaim"."doneAt" IS NULL
        AND ("JobClaim"."leaseUntil" < EXCLUDED."claimedAt" OR "JobClaim"."instanceId" = EXCLUDED."instanceId")
    RETURNING "name"`;
  return rows.length > 0;
}

/** Marks a claimed job done for its period. */
export async function finishJob(prisma: Prisma, name: string, period: string, now: Date): Promise<void> {
  await prisma.jobClaim.updateMany({ where: { name, period }, data: { doneAt: now } });
}

/** Runs `fn` if this instance wins the claim for `period`; returns whether it ran. */
export async function runOnce(prisma: Prisma, name: string, period: string, instanceId: string, now: Date, leaseMs: number, fn: () => Promise<void>): Promise<boolean> {
  if (!(await claimJob(prisma, name, period, instanceId, now, leaseMs))) return false;
  await fn();
  await finishJob(prisma, name, period, now);
  return true;
}
