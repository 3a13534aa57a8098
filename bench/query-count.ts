/**
 * Queries per request, counted on the wire (bench/pg-counter.ts: a proxy between the service and
 * PostgreSQL that counts statements and round trips). Deterministic, so not disturbed by a loaded
 * machine. The service runs exactly like `npm start`, with DATABASE_URL pointing at the proxy and
 * the reminder interval set to 10 minutes (no sweep lands inside a measured request).
 * Requests (signed Slack wire formats, one at a time, each after the previous one's reply arrived
 * and the wire went quiet): `/stafett status KOD` (by the case's mentor: details view), the `ny`
 * modal submission, `/stafett mina` (Maria is mentor of every seeded case: 50 listed) and App Home
 * (`app_home_opened` → views.publish), and the Teams `ny` card submission (/api/messages). Per kind: 3 warm-up requests, then BENCH_N measured; the
 * statement texts of the last one are printed with BENCH_SQL=1.
 *   npx tsx bench/query-count.ts      (BENCH_CASES=2000, BENCH_N=5, BENCH_SQL=1)
 */
import { appHomeOpened, newTriggerId, postSigned, slashCommand, textOf } from '../test/support/fake-slack-payloads.ts';
import { startPgCounter, type PgCounter } from './pg-counter.ts';
import {
  benchDatabase,
  captureNewCaseModal,
  MARIA,
  newCaseRequest,
  prepareOrg,
  randomCode,
  SECRET,
  seed,
  startBenchSlack,
  startSlackService,
  statusRequest,
  type BenchSlack,
} from './slack-driver.ts';
import { loadAverage, percentile, QUICK, report } from './support.ts';
import { captureTeamsNewCaseForm, startTeamsBench, startTeamsService, teamsNewCaseRequest } from './teams-driver.ts';

const CASES = Number(process.env.BENCH_CASES ?? (QUICK ? 500 : 2000));
const N = Number(process.env.BENCH_N ?? 5);
const SHOW_SQL = ['1', 'true'].includes(process.env.BENCH_SQL ?? '');

async function mineRequest(baseUrl: string, slack: BenchSlack): Promise<boolean> {
  const hook = `mine${Math.random().toString(36).slice(2, 9)}`;
  const arrival = slack.arrival(hook);
  const res = await postSigned(baseUrl, SECRET, slashCommand(MARIA, 'mina', { responseUrl: slack.fake.responseUrl(hook), triggerId: newTriggerId() }));
  await res.arrayBuffer();
  const { call } = await arrival;
  return /[A-Z]{2,5}-\d{2}-\d{4,}/.test(textOf(call));
}

async function homeRequest(baseUrl: string, slack: BenchSlack): Promise<boolean> {
  const published = slack.nextCall('views.publish');
  const res = await postSigned(baseUrl, SECRET, appHomeOpened(MARIA));
  await res.arrayBuffer();
  const call = await published;
  return JSON.stringify(call.args).includes('-');
}

async function countOne(counter: PgCounter, kind: string, one: () => Promise<boolean>): Promise<void> {
  const perRequest: { statements: number; roundTrips: number }[] = [];
  let sql: string[] = [];
  let ok = true;
  for (let i = 0; i < 3 + N; i++) {
    await counter.quiet();
    counter.mark();
    const before = counter.counts();
    ok = (await one()) && ok;
    await counter.quiet();
    const after = counter.counts();
    if (i >= 3) {
      perRequest.push({ statements: after.statements - before.statements, roundTrips: after.roundTrips - before.roundTrips });
      sql = counter.sqlSinceMark();
    }
  }
  const st = perRequest.map((p) => p.statements);
  const rt = perRequest.map((p) => p.roundTrips);
  report({
    name: 'query-count', db: 'postgres', cases: CASES, request: kind, ok, n: N,
    statementsP50: percentile(st, 50), statementsMax: Math.max(...st), roundTripsP50: percentile(rt, 50), roundTripsMax: Math.max(...rt),
    loadavg: loadAverage(),
  });
  if (SHOW_SQL) for (const [i, s] of sql.entries()) console.log(`  ${kind} #${i + 1}: ${s}`);
}

const slack = await startBenchSlack();
const db = await benchDatabase('postgres');
let counter: PgCounter | undefined;
try {
  const ids = await prepareOrg(db, slack);
  const seeded = await seed(db, ids, CASES);
  counter = await startPgCounter(db.env.DATABASE_URL!);
  const svc = await startSlackService({ ...db, env: { ...db.env, DATABASE_URL: counter.url } }, slack, { STAFETT_DISPATCH_INTERVAL_MS: '600000' });
  try {
    const view = await captureNewCaseModal(svc.url, slack);
    const code = () => randomCode(ids.prefix, seeded.year, seeded.first, seeded.last);
    let n = 0;
    await countOne(counter, 'status KOD', async () => (await statusRequest(svc.url, slack, code())).ok);
    await countOne(counter, 'ny submission', async () => (await newCaseRequest(svc.url, slack, view, n++)).ok);
    await countOne(counter, 'mina (50 cases)', () => mineRequest(svc.url, slack));
    await countOne(counter, 'App Home (50 cases)', () => homeRequest(svc.url, slack));
  } finally {
    await svc.proc.stop();
  }
  // Teams: the `ny` card submission through /api/messages (Stafett with only the Teams adapter).
  const teams = await startTeamsBench();
  const tsvc = await startTeamsService({ ...db.env, DATABASE_URL: counter.url, STAFETT_DISPATCH_INTERVAL_MS: '600000' });
  try {
    const form = await captureTeamsNewCaseForm(tsvc.url, teams.connector);
    let t = 0;
    await countOne(counter, 'Teams ny submission', async () => (await teamsNewCaseRequest(tsvc.url, teams.connector, form, t++)).ok);
  } finally {
    await tsvc.proc.stop();
    await teams.close();
  }
} finally {
  await counter?.close();
  await db.dispose();
  await slack.close();
}
process.exit(0);
