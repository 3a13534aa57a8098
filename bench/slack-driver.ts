/**
 * The Slack side of the benchmarks: the tests' fake Web API (with a push hook so the arrival time
 * of every reply is taken when it reaches the fake, not when a poll notices it), the service and a
 * bare Bolt app as child processes, and a driver that sends signed `/stafett status KOD` commands
 * and `ny` modal submissions and measures the HTTP ack and the end-to-end time per request.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startFakeSlack, type FakeSlack, type FakeSlackCall } from '../test/support/fake-slack.ts';
import { appHomeOpened, newTriggerId, postSigned, slashCommand, textOf, viewSubmission, type SlackBody, type Who } from '../test/support/fake-slack-payloads.ts';
import {
  BENCH_KEY,
  freePort,
  freshDatabase,
  lookupOrg,
  percentile,
  pgliteQuery,
  pgQuery,
  round,
  seedCases,
  startProcess,
  startService,
  waitHealthy,
  type OrgIds,
  type StartedProcess,
} from './support.ts';

export const SECRET = 'bench-signing-secret';
export const TEAM = 'T0TEST';
export const ORG_FILE = path.resolve('test/adapters/slack/fixtures/org.yaml');
export const ORG_SLUG = 'slacktest';
export const MARIA: Who = { teamId: TEAM, userId: 'U0MARIA' };
/** The person with exactly 50 cases (`mina`, App Home): a member of 50 seeded cases, see `giveCases`. */
export const ELIN: Who = { teamId: TEAM, userId: 'U0ELIN' };

/** The fake Slack with arrival notifications per response_url hook. */
export interface BenchSlack {
  fake: FakeSlack;
  /** Resolves with performance.now() when a call for `hook` (response_url id) arrives. */
  arrival(hook: string, timeoutMs?: number): Promise<{ at: number; call: FakeSlackCall }>;
  /** Resolves with the next call of `method` (views.open …). */
  nextCall(method: string, timeoutMs?: number): Promise<FakeSlackCall>;
  close(): Promise<void>;
}

export async function startBenchSlack(): Promise<BenchSlack> {
  const fake = await startFakeSlack();
  fake.users.set(MARIA.userId, { id: MARIA.userId, name: 'Maria Mentor', email: 'maria.mentor@slackby.example', locale: 'sv-SE' });
  fake.users.set(ELIN.userId, { id: ELIN.userId, name: 'Elin Kurator', email: 'elin.kurator@slackby.example', locale: 'sv-SE' });
  const hookWaiters = new Map<string, (v: { at: number; call: FakeSlackCall }) => void>();
  const early = new Map<string, { at: number; call: FakeSlackCall }>();
  const methodWaiters: { method: string; resolve: (c: FakeSlackCall) => void }[] = [];
  const push = fake.calls.push.bind(fake.calls);
  fake.calls.push = (...items: FakeSlackCall[]) => {
    const at = performance.now();
    for (const call of items) {
      if (call.hook) {
        const w = hookWaiters.get(call.hook);
        if (w) {
          hookWaiters.delete(call.hook);
          w({ at, call });
        } else if (!early.has(call.hook)) early.set(call.hook, { at, call });
      }
      const i = methodWaiters.findIndex((m) => m.method === call.method);
      if (i >= 0) methodWaiters.splice(i, 1)[0]!.resolve(call);
    }
    // Keep memory flat over thousands of requests.
    if (fake.calls.length > 2000) fake.calls.splice(0, 1000);
    return push(...items);
  };
  return {
    fake,
    arrival: (hook, timeoutMs = 10_000) => {
      const hit = early.get(hook);
      if (hit) {
        early.delete(hook);
        return Promise.resolve(hit);
      }
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => {
          hookWaiters.delete(hook);
          reject(new Error(`no reply for ${hook} within ${timeoutMs} ms`));
        }, timeoutMs);
        hookWaiters.set(hook, (v) => {
          clearTimeout(t);
          resolve(v);
        });
      });
    },
    nextCall: (method, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms`)), timeoutMs);
        methodWaiters.push({ method, resolve: (c) => { clearTimeout(t); resolve(c); } });
      }),
    close: () => fake.close(),
  };
}

/** A database for one benchmark series: PostgreSQL (fresh database) or a PGlite data directory. */
export interface BenchDatabase {
  kind: 'pglite' | 'postgres';
  /** Environment for the service. */
  env: Record<string, string>;
  /** Runs `fn` with a direct SQL connection; for PGlite only while no service runs. */
  withQuery<T>(fn: (q: import('./support.ts').Query) => Promise<T>): Promise<T>;
  dispose(): Promise<void>;
}

export async function benchDatabase(kind: 'pglite' | 'postgres'): Promise<BenchDatabase> {
  if (kind === 'postgres') {
    const db = await freshDatabase();
    return {
      kind,
      env: { DATABASE_URL: db.url },
      withQuery: async (fn) => {
        const c = await pgQuery(db.url);
        try {
          return await fn(c.q);
        } finally {
          await c.close();
        }
      },
      dispose: db.drop,
    };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stafett-bench-'));
  return {
    kind,
    env: { STAFETT_DATA_DIR: dir, DATABASE_URL: '' },
    withQuery: async (fn) => {
      const c = await pgliteQuery(dir);
      try {
        return await fn(c.q);
      } finally {
        await c.close();
      }
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The service with the Slack adapter as a child process, pointed at the fake Slack. */
export async function startSlackService(db: BenchDatabase, slack: BenchSlack, extraEnv: Record<string, string> = {}): Promise<{ proc: StartedProcess; url: string; startMs: number }> {
  const port = await freePort();
  const started = performance.now();
  const proc = startService({
    PORT: String(port),
    ...db.env,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_API_URL: slack.fake.apiUrl,
    STAFETT_ORG_FILE: ORG_FILE,
    STAFETT_ENCRYPTION_KEY: BENCH_KEY,
    ...extraEnv,
  });
  try {
    await waitHealthy(port, 120_000);
  } catch (e) {
    await proc.stop(2000);
    throw new Error(`service did not start: ${(e as Error).message}\n${proc.output().slice(-3000)}`);
  }
  return { proc, url: `http://127.0.0.1:${port}`, startMs: performance.now() - started };
}

/** The bare Bolt app (bench/bolt-floor.ts) as a child process. */
/** The bare Bolt app; with `durableUrl`, the durable floor (bench/floor-writes.ts) on that database. */
export async function startBoltFloor(slack: BenchSlack, durableUrl?: string): Promise<{ proc: StartedProcess; url: string }> {
  const port = await freePort();
  const proc = startProcess({ PORT: String(port), SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.fake.apiUrl, ...(durableUrl ? { FLOOR_DATABASE_URL: durableUrl } : {}) }, 'bench/bolt-floor.ts');
  try {
    await waitHealthy(port, 60_000);
  } catch (e) {
    await proc.stop(2000);
    throw new Error(`Bolt floor did not start: ${(e as Error).message}\n${proc.output().slice(-3000)}`);
  }
  return { proc, url: `http://127.0.0.1:${port}` };
}

/**
 * Migrates the database and loads the org file by starting the service once, then seeds up to
 * `total` cases with SQL while no service runs. Returns the org ids and the seeded code range.
 */
export async function prepareOrg(db: BenchDatabase, slack: BenchSlack): Promise<OrgIds> {
  const svc = await startSlackService(db, slack);
  let ids: OrgIds;
  if (db.kind === 'postgres') {
    ids = await db.withQuery((q) => lookupOrg(q, ORG_SLUG, MARIA.userId, 'NORR'));
    await svc.proc.stop();
  } else {
    await svc.proc.stop();
    ids = await db.withQuery((q) => lookupOrg(q, ORG_SLUG, MARIA.userId, 'NORR'));
  }
  return ids;
}

export async function seed(db: BenchDatabase, ids: OrgIds, n: number): Promise<{ first: number; last: number; year: number; ms: number }> {
  const t = performance.now();
  const r = await db.withQuery((q) => seedCases(q, n, ids));
  return { ...r, ms: performance.now() - t };
}

export async function countCases(db: BenchDatabase): Promise<number> {
  return db.withQuery(async (q) => Number((await q('SELECT count(*)::int AS n FROM "Case"'))[0]!.n));
}

/** One measured request. */
export interface Sample {
  ackMs: number;
  e2eMs: number;
  ok: boolean;
  /** When the request was sent (performance.now() of the bench process), set by runLoad. */
  at?: number;
}

let hookSeq = 0;
const nextHook = (prefix: string) => `${prefix}${(++hookSeq).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Sends one signed body and waits for the HTTP answer and the reply at `hook`. */
async function timed(baseUrl: string, slack: BenchSlack, body: SlackBody, hook: string, check: (call: FakeSlackCall) => boolean): Promise<Sample> {
  const arrival = slack.arrival(hook);
  const t0 = performance.now();
  const res = await postSigned(baseUrl, SECRET, body);
  const ackMs = performance.now() - t0;
  await res.arrayBuffer();
  try {
    const { at, call } = await arrival;
    return { ackMs, e2eMs: at - t0, ok: res.status === 200 && check(call) };
  } catch {
    return { ackMs, e2eMs: NaN, ok: false };
  }
}

/** `/stafett status <code>` in a DM; the reply goes to the response_url. */
export function statusRequest(baseUrl: string, slack: BenchSlack, code: string, floor = false): Promise<Sample> {
  const hook = nextHook('st');
  const body = slashCommand(MARIA, `status ${code}`, { responseUrl: slack.fake.responseUrl(hook), triggerId: newTriggerId() });
  return timed(baseUrl, slack, body, hook, (call) => floor || textOf(call).includes(code));
}

/** Opens the `ny` modal once (the view is reused for every submission, with its own response_url). */
export async function captureNewCaseModal(baseUrl: string, slack: BenchSlack): Promise<Record<string, unknown> & { blocks: [] }> {
  const opened = slack.nextCall('views.open');
  const res = await postSigned(baseUrl, SECRET, slashCommand(MARIA, 'ny', { responseUrl: slack.fake.responseUrl(nextHook('ny')) }));
  await res.arrayBuffer();
  const call = await opened;
  return (call.args as { view: Record<string, unknown> & { blocks: [] } }).view;
}

/** Submits the new-case modal; the confirmation goes to the response_url in its private_metadata. */
export function newCaseRequest(baseUrl: string, slack: BenchSlack, view: Record<string, unknown> & { blocks: [] }, n: number, floor = false): Promise<Sample> {
  const hook = nextHook('ny');
  const meta = JSON.parse(String(view.private_metadata)) as Record<string, unknown>;
  meta.r = slack.fake.responseUrl(hook);
  const v = { ...view, private_metadata: JSON.stringify(meta) };
  const body = viewSubmission(MARIA, v, { studentRef: `Bänkelev ${n} ${Math.random().toString(36).slice(2, 7)}`, unit: 'NORR', firstRole: 'mentor', reason: 'Upprepad frånvaro (benchmark)' });
  return timed(baseUrl, slack, body, hook, (call) => floor || /[A-Z]{2,5}-\d{2}-\d{4,}/.test(textOf(call)));
}

/** Makes the person of `who` a member (`role`) of `n` cases in all, spread over the seeded range; returns how many they are in. */
export async function giveCases(db: BenchDatabase, who: Who, n: number, role = 'evg-member'): Promise<number> {
  return db.withQuery(async (q) => {
    const [person] = await q(`SELECT "id" FROM "Person" WHERE "slackUserId" = $1`, [who.userId]);
    if (!person) throw new Error(`person ${who.userId} not found`);
    // Up to n in all (a second series on the same database adds none).
    await q(
      `INSERT INTO "CaseMember" ("id", "caseId", "personId", "role", "addedAt")
       SELECT 'bench-' || c."id" || '-' || $2, c."id", $2, $3, now()
       FROM (SELECT "id" FROM "Case" k WHERE NOT EXISTS (SELECT 1 FROM "CaseMember" m WHERE m."caseId" = k."id" AND m."personId" = $2)
             ORDER BY md5("id") LIMIT GREATEST(0, $1 - (SELECT count(*) FROM "CaseMember" WHERE "personId" = $2 AND "removedAt" IS NULL))) c`,
      [n, person.id, role],
    );
    const [r] = await q(`SELECT count(*)::int AS n FROM "CaseMember" WHERE "personId" = $1 AND "removedAt" IS NULL`, [person.id]);
    return Number(r!.n);
  });
}

/** `/stafett mina` by `who`; the list goes to the response_url (the floor answers "ok" there). */
export function mineRequest(baseUrl: string, slack: BenchSlack, who: Who, floor = false): Promise<Sample> {
  const hook = nextHook('mi');
  const body = slashCommand(who, 'mina', { responseUrl: slack.fake.responseUrl(hook), triggerId: newTriggerId() });
  return timed(baseUrl, slack, body, hook, (call) => floor || /[A-Z]{2,5}-\d{2}-\d{4,}/.test(textOf(call)));
}

/**
 * App Home opened by `who`: until its views.publish reaches the fake Web API. Publications are
 * matched to requests in order (all are for the same user), so at concurrency > 1 a sample may
 * pair one request with another's publication; sequential figures are exact.
 */
export async function homeRequest(baseUrl: string, slack: BenchSlack, who: Who, floor = false): Promise<Sample> {
  const published = slack.nextCall('views.publish');
  const t0 = performance.now();
  const res = await postSigned(baseUrl, SECRET, appHomeOpened(who));
  const ackMs = performance.now() - t0;
  await res.arrayBuffer();
  try {
    const call = await published;
    const e2eMs = performance.now() - t0;
    return { ackMs, e2eMs, ok: res.status === 200 && (floor || /[A-Z]{2,5}-\d{2}-\d{4,}/.test(JSON.stringify(call.args))) };
  } catch {
    return { ackMs, e2eMs: NaN, ok: false };
  }
}

/** Runs `total` requests: `concurrency` workers, each sending one after the other. */
export async function runLoad(total: number, concurrency: number, one: (i: number) => Promise<Sample>): Promise<{ samples: Sample[]; wallMs: number }> {
  const samples: Sample[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const at = performance.now();
        samples.push({ ...(await one(i)), at });
      }
    }),
  );
  return { samples, wallMs: performance.now() - t0 };
}

export interface Summary {
  n: number;
  failed: number;
  ackP50: number;
  ackP99: number;
  e2eP50: number;
  e2eP99: number;
  e2eMax: number;
  rps: number;
}

export function summarize(run: { samples: Sample[]; wallMs: number }): Summary {
  const good = run.samples.filter((s) => s.ok);
  const ack = good.map((s) => s.ackMs);
  const e2e = good.map((s) => s.e2eMs);
  return {
    n: run.samples.length,
    failed: run.samples.length - good.length,
    ackP50: round(percentile(ack, 50), 1),
    ackP99: round(percentile(ack, 99), 1),
    e2eP50: round(percentile(e2e, 50), 1),
    e2eP99: round(percentile(e2e, 99), 1),
    e2eMax: round(Math.max(...e2e), 1),
    rps: round((run.samples.length / run.wallMs) * 1000, 1),
  };
}

/** A uniformly random code out of the seeded range. */
export function randomCode(prefix: string, year: number, first: number, last: number): string {
  const seq = first + Math.floor(Math.random() * (last - first + 1));
  return `${prefix}-${String(year % 100).padStart(2, '0')}-${String(seq).padStart(4, '0')}`;
}
