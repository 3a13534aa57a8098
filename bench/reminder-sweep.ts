/**
 * Cost of one dispatch sweep with 10k / 100k / 1M pending nudges of which 1,000 are due, on a
 * PostgreSQL server (fresh database per size) and on embedded PGlite (in memory). Reports the
 * claim query alone (EXPLAIN ANALYZE, rolled back) and the whole sweep (claim + deliver 1,000
 * through an instant notifier + mark SENT). The claim must scale with the number due, not pending.
 *   npx tsx bench/reminder-sweep.ts            (BENCH_SIZES=10000,100000 BENCH_KINDS=postgres,pglite)
 */
import { openDatabase, type Database } from '../src/infra/db/database.ts';
import { applyMigrations, readMigrations } from '../src/infra/db/migrate.ts';
import { PlaybookRegistry } from '../src/playbooks/index.ts';
import { NotifierRegistry } from '../src/ports/notifier.ts';
import { createReminders } from '../src/reminders/index.ts';
import { systemClock } from '../src/shared/clock.ts';
import { FieldCipher, parseKeys } from '../src/shared/crypto.ts';
import { createLogger } from '../src/shared/logger.ts';
import { BENCH_KEY, freshDatabase, report, round } from './support.ts';
import { outboxNotifyPerson } from '../src/notices/notice-outbox.ts';
import { renderNotice } from '../src/chat/notice-views.ts';
import { nudgeViews } from '../src/chat/reminder-views.ts';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const KINDS = (process.env.BENCH_KINDS ?? 'postgres,pglite').split(',') as ('postgres' | 'pglite')[];
const PGLITE_MAX = Number(process.env.BENCH_PGLITE_MAX ?? 100_000);
const DUE = 1000;

async function seed(db: Database, pending: number): Promise<void> {
  await db.withConnection(async (c) => {
    await c.exec(`INSERT INTO "Organisation" ("id","slug","name","updatedAt") VALUES ('org-b','bench','Bench', now())`);
    // 100 recipients, so deliveries run in parallel conversations as in real use.
    await c.exec(`INSERT INTO "Person" ("id","orgId","displayName","consoleUser","updatedAt") SELECT 'p-' || g, 'org-b', 'Bench ' || g, 'bench' || g, now() FROM generate_series(0, 99) AS g`);
    // Rows 1..DUE fall due an hour ago; the rest over the coming weeks. History (SENT) rows too.
    await c.query(
      `INSERT INTO "Nudge" ("id","orgId","kind","dedupeKey","personId","dueAt","sendAt","status","payload","updatedAt")
       SELECT 'n-' || g, 'org-b', 'case.inactive', 'bench:' || g, 'p-' || (g % 100), t, t, 'PENDING', '{"caseCode":"B-26-0001","days":21}'::jsonb, now()
       FROM (SELECT g, CASE WHEN g <= $1 THEN (now() AT TIME ZONE 'UTC') - interval '1 hour'
                            ELSE (now() AT TIME ZONE 'UTC') + (g % 40000) * interval '1 minute' + interval '1 hour' END AS t
             FROM generate_series(1, $2) AS g) s`,
      [DUE, pending],
    );
    await c.query(
      `INSERT INTO "Nudge" ("id","orgId","kind","dedupeKey","personId","dueAt","sendAt","status","sentAt","payload","updatedAt")
       SELECT 's-' || g, 'org-b', 'case.inactive', 'sent:' || g, 'p-' || (g % 100), now() - interval '30 days', now() - interval '30 days', 'SENT', now(), '{}'::jsonb, now()
       FROM generate_series(1, $1) AS g`,
      [Math.floor(pending / 2)],
    );
    await c.exec('ANALYZE "Nudge"');
  });
}

async function claimPlanMs(db: Database): Promise<{ ms: number; usesIndex: boolean }> {
  return db.withConnection(async (c) => {
    await c.exec('BEGIN');
    try {
      const rows = await c.query(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
         WITH due AS (SELECT ctid FROM "Nudge" WHERE "status" = 'PENDING' AND "sendAt" <= $1::timestamp
           AND ("lockedUntil" IS NULL OR "lockedUntil" <= $1::timestamp) ORDER BY "sendAt" LIMIT $2 FOR UPDATE SKIP LOCKED)
         UPDATE "Nudge" AS n SET "lockedBy" = 'bench', "lockedUntil" = $1::timestamp + interval '2 minutes', "updatedAt" = $1::timestamp
         WHERE n.ctid = ANY (ARRAY(SELECT ctid FROM due)) RETURNING n."id"`,
        [new Date().toISOString(), DUE],
      );
      const plan = (rows[0] as Record<string, unknown>)['QUERY PLAN'];
      const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { 'Execution Time': number }[];
      const text = JSON.stringify(parsed);
      if (process.env.BENCH_PLAN === '1') console.log(JSON.stringify(parsed[0], null, 1).split('\n').filter((l) => /"(Node Type|Index Name|Actual Total Time|Actual Rows|Shared Hit Blocks|Shared Read Blocks|Execution Time|Planning Time)"/.test(l)).join('\n'));
      return { ms: parsed[0]!['Execution Time'], usesIndex: /Nudge_(status_)?sendAt/.test(text) };
    } finally {
      await c.exec('ROLLBACK');
    }
  });
}

for (const kind of KINDS) {
  for (const pending of SIZES) {
    if (kind === 'pglite' && pending > PGLITE_MAX) {
      report({ name: 'reminder-sweep', db: kind, pending, skipped: `PGlite above ${PGLITE_MAX} pending not run (seeding alone takes minutes in WASM); set BENCH_PGLITE_MAX to try` });
      continue;
    }
    const server = kind === 'postgres' ? await freshDatabase() : undefined;
    const db = await openDatabase({ databaseUrl: server?.url, dataDir: 'memory://', poolSize: 8 });
    try {
      await db.withConnection(async (c) => applyMigrations(c, await readMigrations()));
      const t0 = performance.now();
      await seed(db, pending);
      const seedMs = performance.now() - t0;
      const claim = await claimPlanMs(db);
      const notifier = new NotifierRegistry();
      let delivered = 0;
      notifier.register('CONSOLE', { deliver: async () => { delivered++; return { ok: true }; } });
      const base = { prisma: db.prisma, clock: systemClock, cipher: new FieldCipher(parseKeys(BENCH_KEY)), playbooks: new PlaybookRegistry(), log: createLogger('silent') };
      const deps = { ...base, notifyPerson: outboxNotifyPerson(base) };
      const reminders = createReminders({ notices: renderNotice, views: nudgeViews, deps, notifier, instanceId: 'bench', intervalMs: 1000, dispatch: { batchSize: DUE, weeklyDigests: false, pacingMs: { SLACK: 0, TEAMS: 0, CONSOLE: 0 }, concurrency: 32 } });
      const t1 = performance.now();
      const r = await reminders.sweepOnce();
      const sweepMs = performance.now() - t1;
      // A sweep with nothing due: the steady-state cost of one tick.
      const t2 = performance.now();
      await reminders.sweepOnce();
      const idleMs = performance.now() - t2;
      await reminders.stop();
      report({
        name: 'reminder-sweep', db: kind, pending, due: DUE, seedMs: round(seedMs, 0), claimQueryMs: round(claim.ms, 2), claimUsesStatusSendAtIndex: claim.usesIndex,
        sweepMs: round(sweepMs, 0), perNudgeMs: round(sweepMs / Math.max(1, r.delivered), 2), delivered: r.delivered, notifierCalls: delivered, idleSweepMs: round(idleMs, 1),
      });
    } finally {
      await db.close();
      await server?.drop();
    }
  }
}
