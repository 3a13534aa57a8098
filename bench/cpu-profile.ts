/**
 * Where the service spends its CPU on the hot requests: starts the service as `npm start` does
 * with `--cpu-prof`, sends BENCH_N `/stafett status KOD` and BENCH_N_NEW `ny` submissions
 * (sequential, after a warm-up), stops it, and prints self time per package / source file from the
 * profile, counting only the samples inside each measured window, per request (the
 * `.cpuprofile` stays in BENCH_PROF_DIR for Chrome DevTools). Then BENCH_N_LIST `mina` and App Home
 * requests for a person with 50 of the cases.
 * Then the Teams `ny` card submission the same way (BENCH_TEAMS=0 skips it).
 *   npx tsx bench/cpu-profile.ts   (BENCH_CASES=10000, BENCH_N=400, BENCH_N_NEW=200, BENCH_PROF_DIR=test-artifacts/prof, BENCH_TEAMS=0,
 *                                BENCH_INCLUSIVE=80 for inclusive time per function too)
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  benchDatabase,
  captureNewCaseModal,
  ELIN,
  giveCases,
  homeRequest,
  mineRequest,
  newCaseRequest,
  prepareOrg,
  randomCode,
  runLoad,
  seed,
  startBenchSlack,
  startSlackService,
  statusRequest,
} from './slack-driver.ts';
import { captureTeamsNewCaseForm, startTeamsBench, startTeamsService, teamsNewCaseRequest } from './teams-driver.ts';

const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const N = Number(process.env.BENCH_N ?? 400);
const N_NEW = Number(process.env.BENCH_N_NEW ?? 200);
const N_LIST = Number(process.env.BENCH_N_LIST ?? 300);
const DIR = path.resolve(process.env.BENCH_PROF_DIR ?? 'test-artifacts/prof');
const TEAMS_DIR = path.join(DIR, 'teams');
const TEAMS = process.env.BENCH_TEAMS !== '0';
/** BENCH_INCLUSIVE=<n>: also the n functions with the most inclusive time (callees counted in). */
const INCLUSIVE = Number(process.env.BENCH_INCLUSIVE ?? 0);

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number }
/** A measured stretch of requests, in µs of CLOCK_MONOTONIC: V8's profile timestamps and this process's hrtime share that clock. */
interface Window { name: string; from: number; to: number; requests: number }
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

function bucket(url: string): string {
  if (!url) return '(native/gc/idle)';
  const u = url.replace(/^file:\/\//, '');
  const nm = u.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = u.slice(nm + 'node_modules/'.length).split('/');
    return `npm:${rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (u.startsWith('node:')) return u;
  return path.relative(process.cwd(), u);
}

function summarise(file: string, w: Window): void {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  // Only the samples taken inside the window: start-up and the other kind of request are left out.
  let at = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    at += p.timeDeltas[i] ?? 0;
    if (at < w.from || at > w.to) continue;
    self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));
  }
  const perBucket = new Map<string, number>();
  const perFn = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const name = n.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') continue;
    total += us;
    const b = name === '(garbage collector)' ? '(gc)' : bucket(n.callFrame.url);
    perBucket.set(b, (perBucket.get(b) ?? 0) + us);
    const f = `${name || '(anon)'} ${bucket(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
    perFn.set(f, (perFn.get(f) ?? 0) + us);
  }
  const per = (us: number) => (us / 1000 / w.requests).toFixed(3);
  console.log(`\n${w.name}: ${w.requests} sequential requests, service CPU ${per(total)} ms/request, wall ${((w.to - w.from) / 1000 / w.requests).toFixed(2)} ms/request`);
  console.log(JSON.stringify({ bench: true, name: 'cpu-profile', request: w.name, requests: w.requests, cpuMsPerRequest: Number(per(total)), wallMsPerRequest: Number(((w.to - w.from) / 1000 / w.requests).toFixed(2)) }));
  for (const [b, us] of [...perBucket].sort((a, c) => c[1] - a[1]).slice(0, 25)) console.log(`  ${per(us).padStart(7)} ms  ${b}`);
  console.log('top functions (self, ms/request):');
  for (const [f, us] of [...perFn].sort((a, c) => c[1] - a[1]).slice(0, 40)) console.log(`  ${per(us).padStart(7)} ms  ${f}`);
  if (INCLUSIVE) {
    // Inclusive time: each sample counts once for every distinct function on its stack.
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const incl = new Map<string, number>();
    for (const [id, us] of self) {
      const leaf = byId.get(id)!.callFrame.functionName;
      if (leaf === '(idle)' || leaf === '(program)') continue;
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const n = byId.get(at)!;
        if (!n.callFrame.url) continue;
        const f = `${n.callFrame.functionName || '(anon)'} ${bucket(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
        if (seen.has(f)) continue;
        seen.add(f);
        incl.set(f, (incl.get(f) ?? 0) + us);
      }
    }
    console.log('top functions (inclusive, ms/request):');
    for (const [f, us] of [...incl].sort((a, c) => c[1] - a[1]).slice(0, INCLUSIVE)) console.log(`  ${per(us).padStart(7)} ms  ${f}`);
  }
}

rmSync(DIR, { recursive: true, force: true });
mkdirSync(TEAMS_DIR, { recursive: true });
const windows: Window[] = [];
const teamsWindows: Window[] = [];
const slack = await startBenchSlack();
const db = await benchDatabase('postgres');
try {
  const ids = await prepareOrg(db, slack);
  const s = await seed(db, ids, CASES);
  await giveCases(db, ELIN, 50);
  const svc = await startSlackService(db, slack, { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${DIR}` });
  const view = await captureNewCaseModal(svc.url, slack);
  const code = () => randomCode(ids.prefix, s.year, s.first, s.last);
  // Warm-up (JIT, pools, caches), then the measured windows.
  await runLoad(50, 1, () => statusRequest(svc.url, slack, code()));
  await runLoad(20, 1, (i) => newCaseRequest(svc.url, slack, view, 100_000 + i));
  let from = nowUs();
  await runLoad(N, 1, () => statusRequest(svc.url, slack, code()));
  windows.push({ name: 'status KOD', from, to: nowUs(), requests: N });
  from = nowUs();
  await runLoad(N_NEW, 1, (i) => newCaseRequest(svc.url, slack, view, i));
  windows.push({ name: 'ny submission', from, to: nowUs(), requests: N_NEW });
  await runLoad(20, 1, () => mineRequest(svc.url, slack, ELIN));
  from = nowUs();
  await runLoad(N_LIST, 1, () => mineRequest(svc.url, slack, ELIN));
  windows.push({ name: 'mina (50 cases)', from, to: nowUs(), requests: N_LIST });
  await runLoad(20, 1, () => homeRequest(svc.url, slack, ELIN));
  from = nowUs();
  await runLoad(N_LIST, 1, () => homeRequest(svc.url, slack, ELIN));
  windows.push({ name: 'App Home (50 cases)', from, to: nowUs(), requests: N_LIST });
  await svc.proc.stop(10_000);
  if (TEAMS) {
    // The Teams `ny` card submission through /api/messages, in a service of its own (own profile).
    const teams = await startTeamsBench();
    const tsvc = await startTeamsService({ ...db.env, NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${TEAMS_DIR}` });
    try {
      const form = await captureTeamsNewCaseForm(tsvc.url, teams.connector);
      await runLoad(20, 1, (i) => teamsNewCaseRequest(tsvc.url, teams.connector, form, 100_000 + i));
      const from = nowUs();
      await runLoad(N_NEW, 1, (i) => teamsNewCaseRequest(tsvc.url, teams.connector, form, i));
      teamsWindows.push({ name: 'Teams ny card submission', from, to: nowUs(), requests: N_NEW });
    } finally {
      await tsvc.proc.stop(10_000);
      await teams.close();
    }
  }
} finally {
  await db.dispose();
  await slack.close();
}
const files = readdirSync(DIR).filter((f) => f.endsWith('.cpuprofile'));
if (!files.length) throw new Error(`no profile written in ${DIR}`);
for (const f of files) for (const w of windows) summarise(path.join(DIR, f), w);
if (TEAMS) for (const f of readdirSync(TEAMS_DIR).filter((x) => x.endsWith('.cpuprofile'))) for (const w of teamsWindows) summarise(path.join(TEAMS_DIR, f), w);
process.exit(0);
