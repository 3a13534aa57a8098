import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/app/config.ts';
import { createServerDatabase, dbKind, serverUrl } from '../support/db.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { freePort } from '../support/ports.ts';
import { generateKeySpec } from '../../src/shared/crypto.ts';

describe(`service shell (${dbKind})`, () => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService();
  });
  afterAll(async () => s.close());

  it('GET /healthz reports that the database answers', async () => {
    const r = await fetch(`${s.url}/healthz`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as { status: string; database: { kind: string; up: boolean } };
    expect(body.status).toBe('ok');
    expect(body.database).toEqual({ kind: dbKind, up: true });
  });

  it('unknown routes are 404 and wrong methods 405', async () => {
    expect((await fetch(`${s.url}/nope`)).status).toBe(404);
    expect((await fetch(`${s.url}/healthz`, { method: 'POST' })).status).toBe(405);
  });

  it('POST /dev/clock moves the clock by an ISO duration and to a set time', async () => {
    const before = Date.now();
    const r = await fetch(`${s.url}/dev/clock`, { method: 'POST', body: JSON.stringify({ advance: 'P2D' }) });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { now: string };
    const moved = new Date(body.now).getTime() - before;
    expect(moved).toBeGreaterThan(2 * 86_400_000 - 5_000);
    expect(moved).toBeLessThan(2 * 86_400_000 + 60_000);
    const set = await fetch(`${s.url}/dev/clock`, { method: 'POST', body: JSON.stringify({ set: '2027-03-01T08:00:00+01:00' }) });
    expect(((await set.json()) as { now: string }).now.slice(0, 16)).toBe('2027-03-01T07:00');
    expect(s.core.clock.now().toISOString().slice(0, 16)).toBe('2027-03-01T07:00');
  });

  it('POST /dev/clock refuses bad input with a message', async () => {
    const r = await fetch(`${s.url}/dev/clock`, { method: 'POST', body: JSON.stringify({ advance: 'two days' }) });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toMatch(/ISO-8601/);
    expect((await fetch(`${s.url}/dev/clock`, { method: 'POST', body: 'not json' })).status).toBe(400);
  });

  it('refuses oversize request bodies', async () => {
    const r = await fetch(`${s.url}/dev/clock`, { method: 'POST', body: 'x'.repeat(10_000) });
    expect(r.status).toBe(413);
  });
});

describe('configuration', () => {
  it('fails fast with the variable name on a bad setting', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ SLACK_SIGNING_SECRET: 'x' })).toThrow(/SLACK_BOT_TOKEN/);
  });

  it('has no development clock in production and needs a server database and key there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://x/y' })).toThrow(/STAFETT_ENCRYPTION_KEY/);
    const c = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://x/y', STAFETT_ENCRYPTION_KEY: 'k1:' + Buffer.alloc(32).toString('base64') });
    expect(c.devClock).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://x/y', STAFETT_ENCRYPTION_KEY: 'k', STAFETT_DEV_CLOCK: '1' })).toThrow(/STAFETT_DEV_CLOCK/);
  });

  it('is in local mode without platform credentials', () => {
    expect(loadConfig({}).localMode).toBe(true);
    expect(loadConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' }).localMode).toBe(false);
  });
});

// Exactly what `npm start` runs (package.json), with the project's Node 24.
const node = path.resolve('node_modules/.bin/node');
const START_ARGS = ['--max-semi-space-size=4', '--max-old-space-size=256', '--experimental-transform-types', '--disable-warning=ExperimentalWarning', 'src/main.ts'];

function startProcess(env: Record<string, string>) {
  const child = spawn(node, START_ARGS, { env: { ...process.env, NODE_ENV: 'test', STAFETT_CONSOLE: '0', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => out };
}

async function waitHealthy(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.status === 200) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not healthy on ${port} within ${ms} ms`);
}

describe('process lifecycle', () => {
  it('runs the same command as npm start', async () => {
    const pkg = JSON.parse(await (await import('node:fs/promises')).readFile('package.json', 'utf8')) as { scripts: { start: string } };
    expect(pkg.scripts.start).toBe(['node', ...START_ARGS].join(' '));
  });

  it('starts on the embedded database, answers /healthz and stops cleanly on SIGTERM', { timeout: 150_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stafett-'));
    const port = await freePort();
    const p = startProcess({ PORT: String(port), STAFETT_DATA_DIR: dir, DATABASE_URL: '' });
    try {
      await waitHealthy(port, 100_000);
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      expect(p.output()).toMatch(/Stafett stopped/);
    } finally {
      p.child.kill('SIGKILL');
    }
  });

  it('exits with status 78 and names the variable on a bad configuration', async () => {
    const p = startProcess({ PORT: 'not-a-port' });
    expect(await p.exited).toBe(78);
    expect(p.output()).toMatch(/PORT/);
  });

  it.runIf(serverUrl)('two instances started at the same moment against one PostgreSQL both become healthy', { timeout: 150_000 }, async () => {
    const db = await createServerDatabase();
    const pa = await freePort();
    let pb = await freePort();
    while (pb === pa) pb = await freePort();
    // One database, one key: separate data directories would each generate their own.
    const key = generateKeySpec('shared');
    const a = startProcess({ PORT: String(pa), DATABASE_URL: db.url, STAFETT_ENCRYPTION_KEY: key, STAFETT_DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'stafett-a-')) });
    const b = startProcess({ PORT: String(pb), DATABASE_URL: db.url, STAFETT_ENCRYPTION_KEY: key, STAFETT_DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'stafett-b-')) });
    try {
      await Promise.all([waitHealthy(pa, 100_000), waitHealthy(pb, 100_000)]).catch((e: Error) => {
        throw new Error(`${e.message}\n--- A (${pa}) ---\n${a.output().slice(-2000)}\n--- B (${pb}) ---\n${b.output().slice(-2000)}`);
      });
      // A third with no key (its data directory generates one) refuses, and says what to do.
      const c3Dir = await mkdtemp(path.join(os.tmpdir(), 'stafett-c-'));
      const c3 = startProcess({ PORT: String(await freePort()), DATABASE_URL: db.url, STAFETT_DATA_DIR: c3Dir });
      expect(await c3.exited).toBe(1);
      expect(c3.output()).toMatch(/Stafett could not start: .*Start every instance with the same STAFETT_ENCRYPTION_KEY/);
      expect(c3.output()).not.toMatch(/\n\s+at /);
      // The key it generated cannot open this database and is not left behind.
      expect(existsSync(path.join(c3Dir, 'encryption.key'))).toBe(false);
      const c = new (await import('pg')).default.Client({ connectionString: db.url });
      await c.connect();
      const rows = (await c.query('SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY 1')).rows;
      await c.end();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.n === 1)).toBe(true);
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      await Promise.all([a.exited, b.exited]);
      await db.drop();
    }
  });
});
