/**
 * Command latency through the real HTTP endpoint (POST /slack/events, signed like Slack signs):
 * `/stafett status KOD` (random seeded case) and the `ny` modal submission (view_submission of the
 * new-case form), with 10k and 100k cases in the database, on PGlite and on a PostgreSQL server.
 * Two figures per request: the HTTP ack, and end-to-end until the reply reaches the fake Slack
 * (response_url). In the same run and with the same requests, a bare Bolt app gives the floor.
 * Targets: p99 < 150 ms at 100k cases on PostgreSQL, and < 3x the bare Bolt floor's p99.
 *   npx tsx bench/command-latency.ts   (BENCH_QUICK=1, BENCH_DBS=postgres,pglite, BENCH_SIZES=10000,100000, BENCH_N=300)
 */
import {
  benchDatabase,
  captureNewCaseModal,
  countCases,
  newCaseRequest,
  prepareOrg,
  randomCode,
  runLoad,
  seed,
  startBenchSlack,
  startBoltFloor,
  startSlackService,
  statusRequest,
  summarize,
  type BenchSlack,
  type Sample,
  type Summary,
} from './slack-driver.ts';
import { buildBundle, loadAverage, memoryOf, QUICK, report, round, servicePid } from './support.ts';

const DBS = (process.env.BENCH_DBS ?? 'postgres,pglite').split(',') as ('postgres' | 'pglite')[];
const SIZES = (process.env.BENCH_SIZES ?? (QUICK ? '1000,3000' : '10000,100000')).split(',').map(Number);
const N = Number(process.env.BENCH_N ?? (QUICK ? 40 : 300));
const N_NEW = Number(process.env.BENCH_N_NEW ?? (QUICK ? 20 : 150));
const WARMUP = QUICK ? 10 : 50;
const TARGET_P99_MS = 150;
const TARGET_RATIO = 3;

type Kind = 'status' | 'ny';
interface Measured {
  seq: Summary;
  c4: Summary;
}

/** Warm-up, then `n` sequential requests and `n` more at concurrency 4. */
async function measure(n: number, one: (i: number) => Promise<Sample>): Promise<Measured> {
  await runLoad(WARMUP, 1, one);
  const seq = summarize(await runLoad(n, 1, one));
  const c4 = summarize(await runLoad(n, 4, one));
  return { seq, c4 };
}

async function series(kind: 'postgres' | 'pglite', slack: BenchSlack): Promise<void> {
  const db = await benchDatabase(kind);
  try {
    const ids = await prepareOrg(db, slack);
    let seeded = { first: 0, last: 0, year: new Date().getUTCFullYear() };
    let have = 0;
    for (const size of SIZES) {
      // Grow the same database: 10k, then add to reach 100k (cases opened by `ny` count too).
      const add = size - have;
      let seedMs = 0;
      if (add > 0) {
        const r = await seed(db, ids, add);
        if (!seeded.first) seeded.first = r.first;
        seeded = { first: seeded.first, last: r.last, year: r.year };
        seedMs = r.ms;
      }
      const cases = await countCases(db);
      const svc = await startSlackService(db, slack);
      const floor = await startBoltFloor(slack);
      try {
        const view = await captureNewCaseModal(svc.url, slack);
        const code = () => randomCode(ids.prefix, seeded.year, seeded.first, seeded.last);
        const load = loadAverage();
        const ours: Record<Kind, Measured> = {
          status: await measure(N, () => statusRequest(svc.url, slack, code())),
          ny: await measure(N_NEW, (i) => newCaseRequest(svc.url, slack, view, i)),
        };
        const bolt: Record<Kind, Measured> = {
          status: await measure(N, () => statusRequest(floor.url, slack, code(), true)),
          ny: await measure(N_NEW, (i) => newCaseRequest(floor.url, slack, view, i, true)),
        };
        const mem = await memoryOf(servicePid(svc.proc));
        for (const k of ['status', 'ny'] as Kind[]) {
          for (const mode of ['seq', 'c4'] as const) {
            const o = ours[k][mode];
            const f = bolt[k][mode];
            const ratio = round(o.e2eP99 / f.e2eP99, 2);
            const ackRatio = round(o.ackP99 / f.ackP99, 2);
            const atTargetSize = size >= 100_000 && kind === 'postgres';
            report({
              name: 'command-latency',
              db: kind,
              cases,
              request: k === 'status' ? '/stafett status KOD' : 'ny modal submission',
              mode: mode === 'seq' ? 'sequential' : 'concurrency 4',
              ...Object.fromEntries(Object.entries(o).map(([key, v]) => [key, v])),
              floorAckP99: f.ackP99,
              floorE2eP50: f.e2eP50,
              floorE2eP99: f.e2eP99,
              floorFailed: f.failed,
              ratioE2eP99: ratio,
              ratioAckP99: ackRatio,
              targetP99Ms: TARGET_P99_MS,
              targetRatio: TARGET_RATIO,
              // The absolute target applies to PostgreSQL at 100k; the ratio everywhere.
              pass: o.failed === 0 && ratio < TARGET_RATIO && (!atTargetSize || o.e2eP99 < TARGET_P99_MS),
              serviceRssMb: mem.rssMb,
              seedMs: round(seedMs, 0),
              startMs: round(svc.startMs, 0),
              service: process.env.BENCH_SERVICE ?? 'tsx',
              loadavg: `${load} -> ${loadAverage()}`,
            });
          }
        }
      } finally {
        await floor.proc.stop();
        await svc.proc.stop();
      }
      have = await countCases(db);
    }
  } finally {
    await db.dispose();
  }
}

if (process.env.BENCH_SERVICE === 'bundle') buildBundle();
const slack = await startBenchSlack();
try {
  for (const kind of DBS) await series(kind, slack);
} finally {
  await slack.close();
}
process.exit(0);
