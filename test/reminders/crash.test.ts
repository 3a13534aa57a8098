import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotifierRegistry } from '../../src/ports/notifier.ts';
import { serverUrl } from '../support/db.ts';
import { createReminderFixture, drain, insertNudges, type ReminderFixture } from './support/fixture.ts';
import { FileNotifier, readDeliveryFile } from './support/file-notifier.ts';

// PGlite in tests is in-memory and single-process: a second process needs the server.
describe.runIf(serverUrl)('1a. SIGKILL mid-dispatch (postgres)', () => {
  let f: ReminderFixture;
  beforeEach(async () => { f = await createReminderFixture(); });
  afterEach(async () => { await f.close(); });

  it('a dispatcher killed while delivering, then a fresh one: every nudge delivered exactly once', async () => {
    const ps = await Promise.all(['karin', 'maria'].map((u) => f.as(u)));
    const ids = [
      ...(await insertNudges(f.deps, f.orgId, ps[0]!.personId, 15, new Date('2020-01-01T09:00:00Z'), { prefix: 'k0' })),
      ...(await insertNudges(f.deps, f.orgId, ps[1]!.personId, 15, new Date('2020-01-01T09:00:00Z'), { prefix: 'k1' })),
    ];
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'stafett-crash-')), 'delivered.txt');
    const child = spawn('node_modules/.bin/tsx', ['test/reminders/support/dispatch-child.ts', f.t.url!, file, '7'], { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, sig) => r(sig)));
    // Kill once the platform has taken 7 messages and the 7th call is still "in flight".
    for (let i = 0; i < 600 && readDeliveryFile(file).length < 7; i++) await new Promise((r) => setTimeout(r, 50));
    expect(readDeliveryFile(file)).toHaveLength(7);
    // tsx runs the script in a child node process: kill the whole group we started, by its id.
    process.kill(-child.pid!, 'SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // The 7th was accepted by the platform but never marked SENT.
    expect(await f.deps.prisma.nudge.count({ where: { id: { in: ids }, status: 'SENT' } })).toBe(6);

    // A fresh dispatcher after the dead one's lease has expired.
    f.clock.set(new Date(Date.now() + 60_000));
    const registry = new NotifierRegistry();
    registry.register('CONSOLE', new FileNotifier(file));
    const fresh = f.makeReminders(f.deps, 'fresh', {}, registry);
    await drain(fresh);
    const lines = readDeliveryFile(file);
    const counts = new Map<string, number>();
    for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
    expect(counts.size).toBe(30);
    expect([...counts.entries()].filter(([, c]) => c !== 1)).toEqual([]);
    expect(new Set(lines.map((l) => l.replace(/^nudge:/, '')))).toEqual(new Set(ids));
    expect(await f.deps.prisma.nudge.count({ where: { id: { in: ids }, status: 'SENT' } })).toBe(30);
    expect(await f.deps.prisma.deliveryAttempt.count({ where: { nudgeId: { in: ids }, outcome: 'CONFIRMED' } })).toBe(1);
  });
});
