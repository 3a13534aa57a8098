/**
 * Cold start: process start to a healthy /healthz, on embedded PGlite (fresh data directory,
 * migrations included) and on a PostgreSQL server (fresh database). Target: under 5 s.
 *
 * Variants:
 *  - `tsx`: exactly `npm start` (tsx src/main.ts; tsx's transform cache warm after the first run).
 *  - `tsx-nocache`: the same with TSX_DISABLE_CACHE=1 (first start after install or checkout).
 *  - `bundle`: src/main.ts bundled by esbuild (dependencies external) and run by plain node — a
 *    candidate fix for `npm start`, measured here without touching src/.
 * Plus a phase breakdown inside one process (bench/cold-start-probe.ts) and the idle resident
 * memory of each variant once healthy.
 *   npx tsx bench/cold-start.ts   (BENCH_RUNS=3, BENCH_VARIANTS=tsx,tsx-nocache,bundle)
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BENCH_PATH, BUNDLE, buildBundle, freePort, freshDatabase, loadAverage, memoryOf, NODE_BIN, report, round, servicePid, startProcess, waitHealthy } from './support.ts';

const runs = Number(process.env.BENCH_RUNS ?? 3);
type Variant = 'start' | 'tsx' | 'tsx-nocache' | 'bundle';
const VARIANTS = (process.env.BENCH_VARIANTS ?? 'start,tsx,bundle').split(',') as Variant[];

async function once(variant: Variant, kind: 'pglite' | 'postgres', dir: string, url: string): Promise<{ ms: number; rssMb: number }> {
  const port = await freePort();
  const started = performance.now();
  const env = { PORT: String(port), STAFETT_DATA_DIR: dir, DATABASE_URL: kind === 'postgres' ? url : '', ...(variant === 'tsx-nocache' ? { TSX_DISABLE_CACHE: '1' } : {}) };
  const p = variant === 'bundle' ? startProcess(env, BUNDLE, 'node') : variant === 'start' ? startProcess(env) : startProcess(env, 'src/main.ts', 'tsx');
  try {
    await waitHealthy(port, 60_000);
    const ms = performance.now() - started;
    const rssMb = (await memoryOf(servicePid(p)).catch(() => ({ rssMb: NaN }))).rssMb;
    return { ms, rssMb };
  } catch (e) {
    throw new Error(`${variant}/${kind}: ${(e as Error).message}\n${p.output().slice(-2000)}`);
  } finally {
    await p.stop();
  }
}

/** Phase timings from inside one tsx process. */
async function probe(extraEnv: Record<string, string>): Promise<Record<string, number>> {
  const db = await freshDatabase();
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const c = spawn(path.resolve('node_modules/.bin/tsx'), ['bench/cold-start-probe.ts'], { env: { ...process.env, PATH: BENCH_PATH, PROBE_DATABASE_URL: db.url, ...extraEnv }, stdio: ['ignore', 'pipe', 'inherit'] });
      let s = '';
      c.stdout.on('data', (d) => (s += d));
      c.on('exit', (code) => (code === 0 ? resolve(s) : reject(new Error(`probe exited ${code}`))));
    });
    const line = out.split('\n').find((l) => l.includes('"probe":true'));
    const r = JSON.parse(line!) as Record<string, number>;
    delete r.probe;
    return r;
  } finally {
    await db.drop();
  }
}

if (VARIANTS.includes('bundle')) {
  const ms = buildBundle();
  report({ name: 'cold-start', variant: 'bundle-build', db: '-', note: `esbuild bundle of src/main.ts took ${round(ms, 0)} ms`, buildMs: round(ms, 0) });
}

for (const variant of VARIANTS) {
  for (const kind of ['pglite', 'postgres'] as const) {
    const first = { ms: 0, rssMb: 0 };
    const warm: number[] = [];
    const rss: number[] = [];
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stafett-bench-'));
    const db = kind === 'postgres' ? await freshDatabase() : { url: '', drop: async () => {} };
    const load = loadAverage();
    let error: string | undefined;
    try {
      Object.assign(first, await once(variant, kind, dir, db.url));
      rss.push(first.rssMb);
      for (let i = 0; i < runs; i++) {
        const r = await once(variant, kind, dir, db.url);
        warm.push(r.ms);
        rss.push(r.rssMb);
      }
    } catch (e) {
      // Report and go on with the other variants (e.g. a working tree caught mid-edit).
      error = (e as Error).message.slice(0, 1500);
    } finally {
      await db.drop();
      await rm(dir, { recursive: true, force: true });
    }
    report({
      name: 'cold-start', variant, db: kind, firstStartMs: round(first.ms, 0), restartMs: warm.map((t) => round(t, 0)),
      idleRssMb: Math.max(...rss),
      targetMs: 5000, pass: !error && Math.max(first.ms, ...warm) < 5000,
      ...(error ? { error } : {}),
      runner: variant === 'bundle' ? `${path.relative('.', NODE_BIN)} ${path.relative('.', BUNDLE)}` : 'tsx src/main.ts',
      loadavg: `${load} -> ${loadAverage()}`,
      note: 'process spawn to first 200 from /healthz; first start includes creating the database (PGlite: initdb) and applying migrations',
    });
  }
}

for (const [variant, env] of [['phases (tsx, cache warm)', {}], ['phases (tsx, no cache)', { TSX_DISABLE_CACHE: '1' }]] as const) {
  try {
    report({ name: 'cold-start', variant, db: 'both', ...(await probe(env)), loadavg: loadAverage() });
  } catch (e) {
    report({ name: 'cold-start', variant, db: 'both', error: (e as Error).message });
  }
}
process.exit(0);
