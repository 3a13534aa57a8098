/**
 * Delivery of 5,000 nudges across 50 Slack conversations through a fake Slack API that accepts
 * 1 message/s per conversation and answers 429 + Retry-After beyond it. Real time, no clock
 * scaling: the rate-limit minimum is 100 messages per conversation at 1/s, i.e. 99 s.
 * Scenario "dm": 50 people × 100 personal nudges (one message each — pacing is what is measured).
 * Scenario "channel": 50 channels × 100 channel nudges due at once (bundled into digests).
 *   npx tsx bench/delivery-rate-limit.ts      (BENCH_DB=postgres|pglite, BENCH_SCENARIOS=dm,channel)
 */
import { openDatabase } from '../src/infra/db/database.ts';
import { applyMigrations, readMigrations } from '../src/infra/db/migrate.ts';
import { PlaybookRegistry } from '../src/playbooks/index.ts';
import { NotifierRegistry, type DeliveryResult, type DeliveryTarget, type OutboundMessage, type PlatformNotifier } from '../src/ports/notifier.ts';
import { createReminders } from '../src/reminders/index.ts';
import { systemClock } from '../src/shared/clock.ts';
import { FieldCipher, parseKeys } from '../src/shared/crypto.ts';
import { createLogger } from '../src/shared/logger.ts';
import { BENCH_KEY, freshDatabase, report, round } from './support.ts';
import { outboxNotifyPerson } from '../src/notices/notice-outbox.ts';
import { renderNotice } from '../src/chat/notice-views.ts';
import { nudgeViews } from '../src/chat/reminder-views.ts';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 50);
const PER = Number(process.env.BENCH_PER_CONVERSATION ?? 100);
const KIND = (process.env.BENCH_DB ?? 'postgres') as 'postgres' | 'pglite';
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'dm,channel').split(',');

/** Slack-like: 1 message per second per conversation, 429 with Retry-After otherwise. */
class FakeSlack implements PlatformNotifier {
  private readonly last = new Map<string, number>();
  readonly accepted = new Map<string, number>();
  messages = 0;
  rateLimited = 0;
  async deliver(target: DeliveryTarget, message: OutboundMessage): Promise<DeliveryResult> {
    const conv = target.channelId ?? target.person?.slackUserId ?? '?';
    const now = Date.now();
    const prev = this.last.get(conv);
    if (prev !== undefined && now - prev < 1000) {
      this.rateLimited++;
      return { ok: false, retryable: true, retryAfterMs: 1000 - (now - prev), error: 'HTTP 429 ratelimited' };
    }
    this.last.set(conv, now);
    this.messages++;
    this.accepted.set(message.idempotencyKey, (this.accepted.get(message.idempotencyKey) ?? 0) + 1);
    await new Promise((r) => setTimeout(r, 5));
    return { ok: true };
  }
}

for (const scenario of SCENARIOS) {
  const server = KIND === 'postgres' ? await freshDatabase() : undefined;
  const db = await openDatabase({ databaseUrl: server?.url, dataDir: 'memory://', poolSize: 10 });
  try {
    await db.withConnection(async (c) => {
      await applyMigrations(c, await readMigrations());
      await c.exec(`INSERT INTO "Organisation" ("id","slug","name","updatedAt") VALUES ('org-b','bench','Bench', now())`);
      await c.query(`INSERT INTO "Person" ("id","orgId","displayName","slackUserId","updatedAt") SELECT 'p-' || g, 'org-b', 'P' || g, 'U' || g, now() FROM generate_series(1, $1) g`, [CONVERSATIONS]);
      const target = scenario === 'dm' ? `'p-' || (1 + g % $1)` : 'NULL';
      const channel = scenario === 'dm' ? 'NULL' : `jsonb_build_object('platform','SLACK','channelId','C' || (1 + g % $1))`;
      await c.query(
        `INSERT INTO "Nudge" ("id","orgId","kind","dedupeKey","personId","channel","dueAt","sendAt","payload","updatedAt")
         SELECT 'n-' || g, 'org-b', 'case.inactive', 'rl:' || g, ${target}, ${channel}, now() AT TIME ZONE 'UTC' - interval '1 minute', now() AT TIME ZONE 'UTC' - interval '1 minute',
                jsonb_build_object('caseCode', 'B-26-' || lpad(g::text, 4, '0'), 'days', 21), now()
         FROM generate_series(1, $2) g`,
        [CONVERSATIONS, CONVERSATIONS * PER],
      );
    });
    const slack = new FakeSlack();
    const notifier = new NotifierRegistry();
    notifier.register('SLACK', slack);
    const base = { prisma: db.prisma, clock: systemClock, cipher: new FieldCipher(parseKeys(BENCH_KEY)), playbooks: new PlaybookRegistry(), log: createLogger('silent') };
    const deps = { ...base, notifyPerson: outboxNotifyPerson(base) };
    const reminders = createReminders({ notices: renderNotice, views: nudgeViews, deps, notifier, instanceId: 'bench', intervalMs: 1000, dispatch: { weeklyDigests: false, batchSize: 500, concurrency: 32 } });
    const started = performance.now();
    for (let i = 0; i < 1000; i++) {
      await reminders.sweepOnce();
      if ((await db.prisma.nudge.count({ where: { status: 'PENDING' } })) === 0) break;
    }
    const totalMs = performance.now() - started;
    await reminders.stop();
    const total = CONVERSATIONS * PER;
    const sent = await db.prisma.nudge.count({ where: { status: 'SENT' } });
    const dupes = [...slack.accepted.values()].filter((c) => c > 1).length;
    const minimumMs = scenario === 'dm' ? (PER - 1) * 1000 : 0;
    report({
      name: 'delivery-rate-limit', db: KIND, scenario, nudges: total, conversations: CONVERSATIONS, limit: '1 msg/s per conversation, 429 beyond',
      totalMs: round(totalMs, 0), rateLimitMinimumMs: minimumMs, overheadPct: minimumMs ? round(((totalMs - minimumMs) / minimumMs) * 100, 1) : null,
      messages: slack.messages, got429: slack.rateLimited, sent, lost: total - sent, duplicates: dupes,
    });
  } finally {
    await db.close();
    await server?.drop();
  }
}
