/**
 * Two real service instances on one PostgreSQL under load (issue 15 item 6): 50k cases, 20
 * concurrent signed Slack requests for 60 s, spread over both instances — 70 % `status KOD` (a
 * read) and 30 % `oro KOD …` (a write: a report of concern and its notices), random seeded cases.
 * Records: replies "Något gick fel" (INTERNAL, must be 0), "try again" (DB.UNAVAILABLE, allowed
 * under saturation), lost (acknowledged but never answered, or answered ✅ with nothing written),
 * doubled (a write recorded twice), p50/p99 of the ack and of the reply.
 *   npx tsx bench/load-two-instances.ts   (LOAD_CASES=50000, LOAD_SECONDS=60, LOAD_CONCURRENCY=20,
 *   LOAD_WRITE_SHARE=0.3; a quick run: LOAD_CASES=5000 LOAD_SECONDS=15)
 */
import { newTriggerId, postSigned, slashCommand, textOf } from '../test/support/fake-slack-payloads.ts';
import { benchDatabase, MARIA, prepareOrg, randomCode, seed, SECRET, startBenchSlack, startSlackService } from './slack-driver.ts';
import { loadAverage, percentile, report, round } from './support.ts';

const CASES = Number(process.env.LOAD_CASES ?? 50_000);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 20);
const WRITE_SHARE = Number(process.env.LOAD_WRITE_SHARE ?? 0.3);
const INTERNAL = 'Något gick fel';
const UNAVAILABLE = 'Databasen svarar inte';

interface Outcome {
  kind: 'status' | 'oro';
  key: string;
  code: string;
  ackMs: number;
  status: number;
  e2eMs?: number;
  answer?: string;
}

const slack = await startBenchSlack();
const db = await benchDatabase('postgres');
const loadBefore = loadAverage();
try {
  const ids = await prepareOrg(db, slack);
  const seeded = await seed(db, ids, CASES);
  console.error(`seeded ${CASES} cases in ${Math.round(seeded.ms)} ms`);
  const env = (id: string) => ({ STAFETT_INSTANCE_ID: id, DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '10', STAFETT_DISPATCH_INTERVAL_MS: '2000' });
  const [a, b] = await Promise.all([startSlackService(db, slack, env('load-a')), startSlackService(db, slack, env('load-b'))]);
  try {
    const urls = [a.url, b.url];
    const outcomes: Outcome[] = [];
    const pending: Promise<void>[] = [];
    let seq = 0;
    const until = performance.now() + SECONDS * 1000;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, async (_, w) => {
      while (performance.now() < until) {
        const n = ++seq;
        const kind = Math.random() < WRITE_SHARE ? 'oro' : 'status';
        const code = randomCode(ids.prefix, seeded.year, seeded.first, seeded.last);
        const hook = `load${n}`;
        const triggerId = newTriggerId();
        const text = kind === 'oro' ? `oro ${code} Lastprov ${n}: eleven berättar om oro` : `status ${code}`;
        const arrival = slack.arrival(hook, 60_000);
        const started = performance.now();
        const res = await postSigned(urls[(w + n) % 2]!, SECRET, slashCommand(MARIA, text, { triggerId, responseUrl: slack.fake.responseUrl(hook) }));
        await res.arrayBuffer();
        const o: Outcome = { kind, key: `slack:${MARIA.teamId}:${triggerId}`, code, ackMs: performance.now() - started, status: res.status };
        outcomes.push(o);
        // The next request goes out at once; the answer is collected on the side.
        pending.push(arrival.then(({ at, call }) => {
          o.e2eMs = at - started;
          o.answer = textOf(call);
        }, () => {}));
        // Wait for this worker's answer before its next request (20 requests in flight, not more).
        await arrival.catch(() => {});
      }
    }));
    const wallMs = performance.now() - t0;
    await Promise.all(pending);

    // What the database holds for every write that was acknowledged.
    const written = await db.withQuery(async (q) => {
      const keys = outcomes.filter((o) => o.kind === 'oro').map((o) => o.key);
      const processed = new Set((await q(`SELECT "key" FROM "ProcessedRequest" WHERE "key" = ANY($1::text[])`, [keys])).map((r) => String(r.key)));
      const reports = Number((await q(`SELECT count(*)::int AS n FROM "ConcernReport"`))[0]!.n);
      const leftInInbox = Number((await q(`SELECT count(*)::int AS n FROM "InboxEntry" WHERE "state" = 'RECEIVED'`))[0]!.n);
      return { processed, reports, leftInInbox };
    });
    const acked = outcomes.filter((o) => o.status === 200);
    const answered = acked.filter((o) => o.answer !== undefined);
    const internal = answered.filter((o) => o.answer!.includes(INTERNAL)).length;
    const unavailable = answered.filter((o) => o.answer!.includes(UNAVAILABLE)).length;
    const oroDone = answered.filter((o) => o.kind === 'oro' && o.answer!.includes('✅'));
    const lost = acked.length - answered.length + oroDone.filter((o) => !written.processed.has(o.key)).length;
    const doubled = written.reports - written.processed.size;
    const ack = acked.map((o) => o.ackMs);
    const e2e = answered.map((o) => o.e2eMs!);
    const e2eOf = (k: Outcome['kind']) => answered.filter((o) => o.kind === k).map((o) => o.e2eMs!);
    report({
      cases: CASES, seconds: SECONDS, concurrency: CONCURRENCY, instances: 2, poolSizePerInstance: Number(env('x').DATABASE_POOL_SIZE),
      load: { before: loadBefore, after: loadAverage() },
      requests: outcomes.length, rps: round((outcomes.length / wallMs) * 1000, 1), writes: outcomes.filter((o) => o.kind === 'oro').length,
      httpNot200: outcomes.length - acked.length, internalErrors: internal, tryAgain: unavailable, lost, doubled, leftInInbox: written.leftInInbox,
      ackMs: { p50: round(percentile(ack, 50)), p99: round(percentile(ack, 99)), max: round(Math.max(...ack)) },
      replyMs: { p50: round(percentile(e2e, 50)), p99: round(percentile(e2e, 99)), max: round(Math.max(...e2e)) },
      replyStatusMs: { p50: round(percentile(e2eOf('status'), 50)), p99: round(percentile(e2eOf('status'), 99)) },
      replyOroMs: { p50: round(percentile(e2eOf('oro'), 50)), p99: round(percentile(e2eOf('oro'), 99)) },
    });
    if (internal || lost || doubled) process.exitCode = 1;
  } finally {
    await Promise.all([a.proc.stop(), b.proc.stop()]);
  }
} finally {
  await slack.close();
  await db.dispose();
}
