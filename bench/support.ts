/** Shared helpers for the benchmarks: fresh server databases, seeding, process control, stats. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { FieldCipher, parseKeys } from '../src/shared/crypto.ts';

export const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const BENCH_KEY = `bench:${Buffer.alloc(32, 7).toString('base64')}`;

/** Creates an empty database on the server and returns its URL and a drop function. */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `stafett_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(SERVER_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: SERVER_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Percentile of a sorted-or-not list of numbers. */
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Prints one result as a JSON line (bench/run.ts collects them). */
export function report(result: Record<string, unknown>): void {
  console.log(JSON.stringify({ bench: true, ...result }));
}

/** Sizes: full by default, small with BENCH_QUICK=1 (smoke run). */
export const QUICK = ['1', 'true', 'yes'].includes(process.env.BENCH_QUICK ?? '');

/**
 * The project's Node (node_modules/.bin/node, Node 24) first on PATH for every child, also when a
 * benchmark is started directly rather than through `npm run` (tsx's shebang is `env node`).
 */
export const NODE_BIN = existsSync(path.resolve('node_modules/.bin/node')) ? path.resolve('node_modules/.bin/node') : process.execPath;
export const BENCH_PATH = `${path.resolve('node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}`;

/** Every child still running; killed if the benchmark exits early. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    for (const c of running) c.kill('SIGKILL');
    process.exit(130);
  });
}

export interface StartedProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The node flags of `npm start` (package.json `scripts.start`: `node <flags> src/main.ts`), read
 * from the checkout the service runs from, so the benchmarks start it exactly as `npm start` does.
 */
export function npmStartFlags(dir = '.'): string[] {
  const start = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.trim().split(/\s+/);
  if (start[0] !== 'node' || start[start.length - 1] !== 'src/main.ts') throw new Error(`unexpected npm start script: ${start.join(' ')}`);
  return start.slice(1, -1);
}

/**
 * Starts the service the way `npm start` does (`node --experimental-transform-types src/main.ts`
 * on the project's Node 24), or with tsx, or runs plain JavaScript (`runner: 'node'`). The tsx
 * CLI runs the script in a child node process of its own; `servicePid()` finds it.
 */
export function startProcess(env: Record<string, string>, script = 'src/main.ts', runner: 'start' | 'tsx' | 'node' = 'start', cwd?: string): StartedProcess {
  const bin = runner === 'tsx' ? path.resolve('node_modules/.bin/tsx') : NODE_BIN;
  const args = runner === 'start' ? [...npmStartFlags(cwd), script] : runner === 'node' ? [...npmStartFlags(cwd).filter((f) => !f.includes('transform-types')), script] : [script];
  const child = spawn(bin, args, { cwd, env: { ...process.env, PATH: BENCH_PATH, NODE_ENV: 'test', STAFETT_CONSOLE: '0', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  const keep = (d: Buffer) => {
    out += d;
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => { running.delete(child); r(code); }));
  return {
    child,
    exited,
    output: () => out,
    stop: async (graceMs = 15_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(t);
    },
  };
}

/**
 * src/main.ts bundled by esbuild (installed with tsx; dependencies stay external) for plain node:
 * a candidate for `npm start` measured without touching src/. It sits three directories below the
 * repository root like src/infra/db/migrate.ts, so `import.meta.url`-relative paths still resolve.
 */
export const BUNDLE = path.resolve('node_modules/.cache/stafett-bench/main.mjs');
export function buildBundle(): number {
  const t0 = performance.now();
  execFileSync(path.resolve('node_modules/.bin/esbuild'), ['src/main.ts', '--bundle', '--platform=node', '--format=esm', '--packages=external', '--target=node24', '--log-level=warning', `--outfile=${BUNDLE}`], { stdio: 'inherit' });
  return performance.now() - t0;
}

/**
 * Starts the service the way BENCH_SERVICE says: `tsx` (default, = npm start) or `bundle`
 * (esbuild bundle on plain node; build it first with buildBundle()).
 */
export function startService(env: Record<string, string>): StartedProcess {
  if (process.env.BENCH_SERVICE === 'bundle') return startProcess(env, BUNDLE, 'node');
  // BENCH_SERVICE_DIR: another checkout's service (e.g. the commit before a change, for a
  // before/after in the same conditions), started the same way from its own directory.
  return startProcess(env, 'src/main.ts', 'start', process.env.BENCH_SERVICE_DIR || undefined);
}

/** Direct children of a process (Linux /proc). */
export function childPids(pid: number): number[] {
  try {
    const tasks = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return tasks ? tasks.split(/\s+/).map(Number) : [];
  } catch {
    return [];
  }
}

/** The node process that runs the service: the tsx CLI's child (or the spawned process itself). */
export function servicePid(p: StartedProcess): number {
  const pid = p.child.pid!;
  if (p.child.spawnfile === NODE_BIN) return pid;
  const kids = childPids(pid);
  return kids[0] ?? pid;
}

/** Resident and peak resident memory of a process in MB, from /proc/<pid>/status. */
export async function memoryOf(pid: number): Promise<{ rssMb: number; hwmMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: round(kb('VmRSS') / 1024, 1), hwmMb: round(kb('VmHWM') / 1024, 1) };
}

/** Machine facts printed with every result. */
export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
}

/** A port the kernel assigns (listen on 0, then released for the child to take). */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as import('node:net').AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitHealthy(port: number, ms: number): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < ms) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return performance.now() - start;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`not healthy within ${ms} ms`);
}

/** Runs SQL with parameters: a pg client, a PGlite instance, or a Database connection. */
export type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** Ids of the organisation, a person and a school unit, once the service has loaded the org file. */
export interface OrgIds {
  orgId: string;
  personId: string;
  unitId: string | null;
  prefix: string;
}

/** Looks up the ids the service created from the org file (`slug`, the person's Slack user id, a unit code). */
export async function lookupOrg(q: Query, slug: string, slackUserId: string, unitCode: string): Promise<OrgIds> {
  const [org] = await q(`SELECT "id", "casePrefix" FROM "Organisation" WHERE "slug" = $1`, [slug]);
  if (!org) throw new Error(`organisation ${slug} not found (did the service load the org file?)`);
  const [person] = await q(`SELECT "id" FROM "Person" WHERE "orgId" = $1 AND "slackUserId" = $2`, [org.id, slackUserId]);
  if (!person) throw new Error(`person ${slackUserId} not found`);
  const [unit] = await q(`SELECT "id" FROM "SchoolUnit" WHERE "orgId" = $1 AND "code" = $2`, [org.id, unitCode]);
  return { orgId: String(org.id), personId: String(person.id), unitId: unit ? String(unit.id) : null, prefix: String(org.casePrefix) };
}

/** The case code for sequence number `seq` in `year`, as the service formats it. */
export function caseCode(prefix: string, year: number, seq: number): string {
  return `${prefix}-${String(year % 100).padStart(2, '0')}-${String(seq).padStart(4, '0')}`;
}

/**
 * Seeds `n` open cases (each with a mentor member, a planned meeting and an open deadline) into an
 * already-migrated database, continuing the organisation's case counter for the current year so
 * codes never collide with cases the service opens itself. Multi-row INSERTs from arrays, in
 * batches; works on PostgreSQL (pg) and PGlite alike. Returns the sequence numbers seeded.
 */
export async function seedCases(q: Query, n: number, ids: OrgIds, opts: { year?: number; batch?: number; onProgress?: (done: number) => void } = {}): Promise<{ first: number; last: number; year: number }> {
  const cipher = new FieldCipher(parseKeys(BENCH_KEY));
  const year = opts.year ?? new Date().getUTCFullYear();
  const [counter] = await q(`SELECT "next" FROM "CaseCounter" WHERE "orgId" = $1 AND "year" = $2`, [ids.orgId, year]);
  const first = counter ? Number(counter.next) : 1;
  const batch = opts.batch ?? 5000;
  const tag = randomBytes(3).toString('hex');
  // Encrypting is the slow part in JS; a pool of distinct ciphertexts keeps seeding fast while
  // every case still carries a real, decryptable value.
  const pool = Array.from({ length: 512 }, (_, i) => ({ enc: cipher.encrypt(`Elev ${i}`), hash: cipher.lookupHash(`Elev ${i}`) }));
  for (let start = 0; start < n; start += batch) {
    const size = Math.min(batch, n - start);
    const idList: string[] = [];
    const codes: string[] = [];
    const encs: string[] = [];
    const hashes: string[] = [];
    for (let i = 0; i < size; i++) {
      const seq = first + start + i;
      idList.push(`bench-${tag}-${seq}`);
      codes.push(caseCode(ids.prefix, year, seq));
      const p = pool[seq % pool.length]!;
      encs.push(p.enc);
      hashes.push(p.hash);
    }
    await q('BEGIN');
    await q(
      `INSERT INTO "Case" ("id","orgId","schoolUnitId","code","playbookKey","playbookVersion","stage","status","origin","studentRefEnc","studentRefHash","batonHolderId","openedById","openedAt","lastActivityAt","version")
       SELECT t.id, $5, $6, t.code, 's0-elevvard', 1, 'malmote', 'OPEN', 'REFERRAL', t.enc, t.hash, $7, $7, now() - interval '10 days', now() - interval '2 days', 0
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(id, code, enc, hash)`,
      [idList, codes, encs, hashes, ids.orgId, ids.unitId, ids.personId],
    );
    await q(`INSERT INTO "CaseMember" ("id","caseId","personId","role","addedAt") SELECT 'm-' || id, id, $2, 'mentor', now() - interval '10 days' FROM unnest($1::text[]) AS id`, [idList, ids.personId]);
    await q(
      `INSERT INTO "Meeting" ("id","caseId","type","status","startsAt","durationMin","agenda","icsSequence","createdAt","updatedAt")
       SELECT 'mt-' || id, id, 'malmote', 'PLANNED', date_trunc('hour', now()) + interval '7 days', 60, '[]', 0, now(), now() FROM unnest($1::text[]) AS id`,
      [idList],
    );
    await q(
      `INSERT INTO "Deadline" ("id","caseId","ruleKey","subjectType","dueAt","status","createdAt")
       SELECT 'd-' || id, id, 'natverksmote-within-3-weeks', 'rule', now() + interval '21 days', 'OPEN', now() FROM unnest($1::text[]) AS id`,
      [idList],
    );
    await q('COMMIT');
    opts.onProgress?.(start + size);
  }
  await q(`INSERT INTO "CaseCounter" ("orgId","year","next") VALUES ($1, $2, $3) ON CONFLICT ("orgId","year") DO UPDATE SET "next" = EXCLUDED."next"`, [ids.orgId, year, first + n]);
  await q('ANALYZE');
  return { first, last: first + n - 1, year };
}

/** A pg client as a Query. */
export async function pgQuery(url: string): Promise<{ q: Query; close: () => Promise<void> }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return { q: async (sql, params) => (await c.query(sql, params)).rows as Record<string, unknown>[], close: () => c.end() };
}

/** An embedded PGlite data directory (the service's `<STAFETT_DATA_DIR>/pgdata`) as a Query; no service may run on it. */
export async function pgliteQuery(dataDir: string): Promise<{ q: Query; close: () => Promise<void> }> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(path.join(dataDir, 'pgdata'));
  await db.waitReady;
  return { q: async (sql, params) => (await db.query(sql, params)).rows as Record<string, unknown>[], close: () => db.close() };
}
