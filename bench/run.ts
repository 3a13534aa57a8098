/**
 * `npm run bench`: runs each benchmark as its own child process (`tsx bench/<name>.ts`), collects
 * the JSON lines they print (`{"bench":true,...}`), writes bench/results/latest.json and prints a
 * table. Never part of `npm test`.
 *   BENCH_ONLY=command-latency,memory   run only these
 *   BENCH_QUICK=1                       small sizes (smoke run)
 * Every benchmark has a time limit; a benchmark that fails or times out is reported, the others run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BENCH_PATH, loadAverage, NODE_BIN, QUICK } from './support.ts';

/** In run order; the reminders benchmarks are included when their files exist. */
const BENCHMARKS: { name: string; timeoutMin: number; quickEnv?: Record<string, string>; env?: Record<string, string> }[] = [
  { name: 'query-count', timeoutMin: 5 },
  { name: 'cold-start', timeoutMin: 5, quickEnv: { BENCH_RUNS: '1' } },
  { name: 'command-latency', timeoutMin: 30 },
  { name: 'memory', timeoutMin: 10 },
  { name: 'reminder-sweep', timeoutMin: 6, quickEnv: { BENCH_SIZES: '1000,10000' } },
  { name: 'delivery-rate-limit', timeoutMin: 6, quickEnv: { BENCH_CONVERSATIONS: '5', BENCH_PER_CONVERSATION: '5' } },
];

const only = (process.env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const selected = BENCHMARKS.filter((b) => (only.length ? only.includes(b.name) : true) && existsSync(path.join('bench', `${b.name}.ts`)));
for (const name of only) if (!BENCHMARKS.some((b) => b.name === name)) console.warn(`unknown benchmark: ${name}`);

interface Outcome {
  name: string;
  exitCode: number | null;
  timedOut: boolean;
  ms: number;
  results: Record<string, unknown>[];
  stderrTail: string;
}

function runOne(b: (typeof BENCHMARKS)[number]): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(path.resolve('node_modules/.bin/tsx'), [path.join('bench', `${b.name}.ts`)], {
      env: { ...process.env, PATH: BENCH_PATH, ...(QUICK ? b.quickEnv : {}), ...b.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const results: Record<string, unknown>[] = [];
    let buf = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i).trim();
        buf = buf.slice(i + 1);
        if (line.startsWith('{') && line.includes('"bench":true')) {
          try {
            const r = JSON.parse(line) as Record<string, unknown>;
            delete r.bench;
            results.push(r);
            console.log(`  ${b.name}: ${summaryLine(r)}`);
            continue;
          } catch {
            /* not ours */
          }
        }
        if (line) console.log(`  ${b.name} | ${line}`);
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.length > 20_000) err = err.slice(-10_000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }, b.timeoutMin * 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ name: b.name, exitCode: code, timedOut, ms: performance.now() - started, results, stderrTail: err.slice(-2000) });
    });
  });
}

const KEYS_SKIPPED = new Set(['name', 'pass', 'note', 'loadavg']);
function summaryLine(r: Record<string, unknown>): string {
  const parts = Object.entries(r)
    .filter(([k]) => !KEYS_SKIPPED.has(k))
    .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`);
  return `${r.pass === true ? 'PASS' : r.pass === false ? 'FAIL' : '    '} ${parts.join(' ')}`;
}

const machine = {
  cpu: os.cpus()[0]?.model ?? '?',
  cpus: os.cpus().length,
  memGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  node: execFileSync(NODE_BIN, ['--version'], { encoding: 'utf8' }).trim(),
  platform: `${os.platform()} ${os.release()}`,
};
console.log(`Stafett benchmarks${QUICK ? ' (BENCH_QUICK: small sizes, not for BENCHMARKS.md)' : ''}: ${selected.map((b) => b.name).join(', ')}`);
console.log(`machine: ${machine.cpus} x ${machine.cpu}, ${machine.memGb} GB, node ${machine.node}; load average ${loadAverage()}`);

const started = new Date();
const outcomes: Outcome[] = [];
for (const b of selected) {
  console.log(`\n▶ ${b.name}`);
  const o = await runOne(b);
  outcomes.push(o);
  const status = o.timedOut ? `timed out after ${b.timeoutMin} min` : o.exitCode === 0 ? 'done' : `exited with ${o.exitCode}`;
  console.log(`■ ${b.name}: ${status} in ${(o.ms / 1000).toFixed(0)} s`);
  if (o.exitCode !== 0 || o.timedOut) console.log(o.stderrTail.split('\n').map((l) => `  ! ${l}`).join('\n'));
}

const summary = {
  startedAt: started.toISOString(),
  finishedAt: new Date().toISOString(),
  quick: QUICK,
  machine,
  loadavgAtEnd: loadAverage(),
  benchmarks: outcomes.map((o) => ({ name: o.name, exitCode: o.exitCode, timedOut: o.timedOut, seconds: Math.round(o.ms / 1000), results: o.results, ...(o.exitCode === 0 ? {} : { stderrTail: o.stderrTail }) })),
};
await mkdir('bench/results', { recursive: true });
const file = path.join('bench', 'results', QUICK ? 'latest-quick.json' : 'latest.json');
await writeFile(file, `${JSON.stringify(summary, null, 2)}\n`);

// The table: one row per result, the figures that matter for each benchmark.
const rows: string[][] = [['benchmark', 'db', 'case', 'figure', 'target', 'pass']];
for (const o of outcomes) {
  if (!o.results.length) rows.push([o.name, '', '', o.timedOut ? 'TIMED OUT' : `no results (exit ${o.exitCode})`, '', 'FAIL']);
  for (const r of o.results) rows.push(tableRow(o.name, r));
}
function tableRow(name: string, r: Record<string, unknown>): string[] {
  const pass = r.pass === true ? 'pass' : r.pass === false ? 'FAIL' : '';
  const db = String(r.db ?? r.kind ?? '');
  switch (name) {
    case 'command-latency':
      return [name, db, `${r.cases} cases, ${r.request}, ${r.mode}`, `ack p50/p99 ${r.ackP50}/${r.ackP99} ms, e2e p50/p99 ${r.e2eP50}/${r.e2eP99} ms; floor e2e p99 ${r.floorE2eP99} ms (x${r.ratioE2eP99})`, `<${r.targetP99Ms} ms @100k pg, <x${r.targetRatio}`, pass];
    case 'query-count':
      return [name, db, `${r.cases} cases, ${r.request}`, `statements p50/max ${r.statementsP50}/${r.statementsMax}, round trips p50/max ${r.roundTripsP50}/${r.roundTripsMax}`, '', r.ok === false ? 'FAIL' : ''];
    case 'memory':
      return [name, db, `${r.cases} cases, ${r.requests} requests`, `RSS idle ${r.idleRssMb} MB, after ${r.rssAfterMb} MB, peak ${r.peakRssMb} MB`, `<${r.targetMb} MB`, pass];
    case 'cold-start':
      if (r.firstStartMs === undefined) break;
      return [name, db, String(r.variant ?? ''), `first ${r.firstStartMs} ms, restarts ${JSON.stringify(r.restartMs)} ms`, `<${r.targetMs} ms`, pass];
  }
  {
    const { name: _n, pass: _p, db: _d, note: _note, loadavg: _l, variant, ...rest } = r;
    return [name, db, String(variant ?? ''), Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(' ').slice(0, 160), '', pass];
  }
}
const widths = rows[0]!.map((_, i) => Math.min(90, Math.max(...rows.map((r) => r[i]!.length))));
console.log(`\nResults (${file}):`);
for (const [i, r] of rows.entries()) {
  console.log(r.map((c, j) => c.padEnd(widths[j]!)).join(' | '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-+-'));
}
const failed = outcomes.some((o) => o.exitCode !== 0 || o.timedOut);
process.exit(failed ? 1 : 0);
