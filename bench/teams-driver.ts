/**
 * The Teams side of the latency benchmark: Stafett with only the Teams adapter (local mode, as
 * `npm start` runs it without Slack credentials; HTTP on POST /api/messages), the tests' fake
 * Bot Connector for its outgoing messages, and bench/teams-floor.ts (a bare teams-ai app) as the
 * floor. The measured request is the `ny` form submission: an `adaptiveCard/action` invoke
 * (Action.Execute) whose HTTP response carries the answer card, so e2e = the HTTP exchange.
 */
import path from 'node:path';
import { cardOf, cardText, startFakeTeamsConnector, type FakeTeamsConnector } from '../test/support/fake-teams-connector.ts';
import { executeActivity, findExecute, messageActivity, teamsUser } from '../test/support/teams-activities.ts';
import { fillCard } from '../test/support/teams-service.ts';
import type { Sample } from './slack-driver.ts';
import { BENCH_KEY, freePort, startProcess, startService, waitHealthy, type StartedProcess } from './support.ts';

export const TEAMS_ORG_FILE = path.resolve('test/adapters/teams/fixtures/org.yaml');
const MONA = teamsUser('mona', 'Mona Mentor');
const CASE_CODE = /\b[A-Z]{2,8}-\d{2}-\d{4,}\b/;

export async function startTeamsBench(): Promise<{ connector: FakeTeamsConnector; close: () => Promise<void> }> {
  const connector = await startFakeTeamsConnector();
  return { connector, close: () => connector.close() };
}

/** Stafett with the Teams adapter only, on the benchmark's database. */
export async function startTeamsService(dbEnv: Record<string, string>): Promise<{ proc: StartedProcess; url: string }> {
  const port = await freePort();
  const proc = startService({ PORT: String(port), ...dbEnv, STAFETT_ORG_FILE: TEAMS_ORG_FILE, STAFETT_ENCRYPTION_KEY: BENCH_KEY, STAFETT_DEV_CLOCK: '0' });
  try {
    await waitHealthy(port, 120_000);
  } catch (e) {
    await proc.stop(2000);
    throw new Error(`Teams service did not start: ${(e as Error).message}\n${proc.output().slice(-3000)}`);
  }
  return { proc, url: `http://127.0.0.1:${port}` };
}

/** The bare teams-ai app; with `durableUrl`, the durable floor (bench/floor-writes.ts) on that database. */
export async function startTeamsFloor(durableUrl?: string): Promise<{ proc: StartedProcess; url: string }> {
  const port = await freePort();
  const proc = startProcess({ PORT: String(port), ...(durableUrl ? { FLOOR_DATABASE_URL: durableUrl } : {}) }, 'bench/teams-floor.ts');
  try {
    await waitHealthy(port, 60_000);
  } catch (e) {
    await proc.stop(2000);
    throw new Error(`Teams floor did not start: ${(e as Error).message}\n${proc.output().slice(-3000)}`);
  }
  return { proc, url: `http://127.0.0.1:${port}` };
}

async function post(baseUrl: string, activity: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* plain text */
  }
  return { status: res.status, body };
}

/** The new-case form's submit action and values, captured once from `ny elevvard`. */
export interface TeamsNewCaseForm {
  verb: string;
  data: Record<string, unknown>;
}

export async function captureTeamsNewCaseForm(baseUrl: string, connector: FakeTeamsConnector): Promise<TeamsNewCaseForm> {
  const where = { serviceUrl: connector.url, user: MONA };
  const activity = messageActivity({ ...where, text: 'ny elevvard' });
  const before = connector.sent.length;
  const res = await post(baseUrl, activity);
  if (res.status !== 200) throw new Error(`ny: HTTP ${res.status}`);
  const reply = await connector.waitFor((c) => connector.sent.indexOf(c) >= before && c.pathActivityId === activity.id);
  const card = cardOf(reply);
  const submit = card ? findExecute(card, 'form:') : undefined;
  if (!card || !submit) throw new Error(`ny: no form card (${card ? cardText(card).slice(0, 200) : 'no card'})`);
  return { verb: submit.verb, data: { ...submit.data, ...fillCard(card, { reason: 'Upprepad frånvaro (benchmark)', firstRole: 'mentor', unit: 'NORR' }) } };
}

/** One `ny` submission (a fresh activity id and student reference); ok when the answer names a case code (floor: any card). */
export async function teamsNewCaseRequest(baseUrl: string, connector: FakeTeamsConnector, form: TeamsNewCaseForm, n: number, floor = false): Promise<Sample> {
  const data = { ...form.data, 'f:studentRef': `Bänkelev ${n} ${Math.random().toString(36).slice(2, 7)}` };
  const activity = executeActivity({ serviceUrl: connector.url, user: MONA, verb: form.verb, data });
  const t0 = performance.now();
  const res = await post(baseUrl, activity);
  const ms = performance.now() - t0;
  const body = res.body as { statusCode?: number; value?: unknown } | undefined;
  const ok = res.status === 200 && body?.statusCode === 200 && (floor || CASE_CODE.test(cardText(body.value)));
  return { ackMs: ms, e2eMs: ms, ok };
}
