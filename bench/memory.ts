/**
 * Resident memory of the service process while serving 100k cases: seeded with SQL, then a few
 * hundred mixed Slack requests (status of random cases, new-case submissions, help).
 * Reads VmRSS / VmHWM from /proc/<pid>/status of the node process that runs src/main.ts (the
 * child of the tsx CLI; the CLI wrapper itself is reported separately). Target: < 250 MB.
 *   npx tsx bench/memory.ts    (BENCH_QUICK=1, BENCH_DBS=postgres,pglite, BENCH_CASES=100000)
 */
import { newTriggerId, postSigned, slashCommand } from '../test/support/fake-slack-payloads.ts';
import {
  benchDatabase,
  captureNewCaseModal,
  countCases,
  MARIA,
  newCaseRequest,
  prepareOrg,
  randomCode,
  runLoad,
  SECRET,
  seed,
  startBenchSlack,
  startSlackService,
  statusRequest,
  type BenchSlack,
  type Sample,
} from './slack-driver.ts';
import { readdir, stat, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundle, loadAverage, memoryOf, QUICK, report, round, servicePid } from './support.ts';
import { residentSplit, summarizeHeapSnapshot } from './heap-summary.ts';

const DBS = (process.env.BENCH_DBS ?? 'postgres,pglite').split(',') as ('postgres' | 'pglite')[];
const CASES = Number(process.env.BENCH_CASES ?? (QUICK ? 3000 : 100_000));
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? (QUICK ? 60 : 400));
const TARGET_MB = 250;
/**
 * BENCH_HEAPSNAPSHOT=1: a diagnostic run — the service gets `--heapsnapshot-signal=SIGUSR2`
 * (NODE_OPTIONS; otherwise started as `npm start` starts it), is sent SIGUSR2 after the load, and
 * the snapshot is summarised (bench/heap-summary.ts). Not the run the RSS figure is taken from.
 */
const SNAPSHOT = ['1', 'true'].includes(process.env.BENCH_HEAPSNAPSHOT ?? '');

async function takeSnapshot(pid: number, dir: string): Promise<string> {
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + 120_000;
  let last = -1;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    const f = (await readdir(dir)).find((x) => x.endsWith('.heapsnapshot'));
    if (!f) continue;
    const size = (await stat(path.join(dir, f))).size;
    if (size > 0 && size === last) return path.join(dir, f);
    last = size;
  }
  throw new Error('no heap snapshot within 120 s');
}

async function one(kind: 'postgres' | 'pglite', slack: BenchSlack): Promise<void> {
  const db = await benchDatabase(kind);
  try {
    const ids = await prepareOrg(db, slack);
    const seeded = await seed(db, ids, CASES);
    const cases = await countCases(db);
    const snapDir = SNAPSHOT ? await mkdtemp(path.join(os.tmpdir(), 'stafett-heap-')) : undefined;
    const svc = await startSlackService(db, slack, snapDir ? { NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${snapDir}` } : {});
    try {
      const pid = servicePid(svc.proc);
      const idle = await memoryOf(pid);
      const view = await captureNewCaseModal(svc.url, slack);
      let peak = idle.rssMb;
      const sampler = setInterval(() => void memoryOf(pid).then((m) => (peak = Math.max(peak, m.rssMb)), () => {}), 100);
      const code = () => randomCode(ids.prefix, seeded.year, seeded.first, seeded.last);
      // Mixed traffic: 70% status, 20% new cases, 10% help (every seeded case has the same mentor, so the personal case list would be an artifact).
      const mixed = async (i: number): Promise<Sample> => {
        const r = i % 10;
        if (r < 7) return statusRequest(svc.url, slack, code());
        if (r < 9) return newCaseRequest(svc.url, slack, view, i);
        const t0 = performance.now();
        const res = await postSigned(svc.url, SECRET, slashCommand(MARIA, 'hjälp', { responseUrl: slack.fake.responseUrl(`help${i}`), triggerId: newTriggerId() }));
        await res.arrayBuffer();
        return { ackMs: performance.now() - t0, e2eMs: NaN, ok: res.status === 200 };
      };
      const run = await runLoad(REQUESTS, 4, mixed).catch((e: unknown) => {
        clearInterval(sampler);
        throw new Error(`load failed: ${(e as Error).message}\n--- service output ---\n${svc.proc.output().slice(-4000)}`);
      });
      clearInterval(sampler);
      await new Promise((r) => setTimeout(r, 1000));
      const after = await memoryOf(pid);
      const wrapper = await memoryOf(svc.proc.child.pid!).catch(() => ({ rssMb: NaN, hwmMb: NaN }));
      const failed = run.samples.filter((s) => !s.ok).length;
      const maxMb = Math.max(after.hwmMb, peak);
      const split = await residentSplit(pid).catch(() => ({}));
      const heap = snapDir ? await summarizeHeapSnapshot(await takeSnapshot(pid, snapDir)) : undefined;
      if (snapDir) await rm(snapDir, { recursive: true, force: true });
      report({
        name: 'memory',
        db: kind,
        cases,
        requests: run.samples.length,
        failed,
        idleRssMb: idle.rssMb,
        rssAfterMb: after.rssMb,
        peakRssMb: round(maxMb, 1),
        tsxWrapperRssMb: wrapper.rssMb,
        residentAfter: split,
        ...(heap ? { heapSnapshot: heap } : {}),
        targetMb: TARGET_MB,
        // The target is resident memory after the load (VmHWM, the peak, is reported beside it).
        pass: failed === 0 && after.rssMb < TARGET_MB && !snapDir,
        service: process.env.BENCH_SERVICE ?? 'npm start',
        nodeOptions: process.env.NODE_OPTIONS ?? '',
        loadavg: loadAverage(),
        note: 'service node process (child of the tsx CLI); PGlite runs the database inside this process, PostgreSQL outside it',
      });
    } finally {
      await svc.proc.stop();
    }
  } finally {
    await db.dispose();
  }
}

if (process.env.BENCH_SERVICE === 'bundle') buildBundle();
const slack = await startBenchSlack();
try {
  for (const kind of DBS) await one(kind, slack);
} finally {
  await slack.close();
}
process.exit(0);
