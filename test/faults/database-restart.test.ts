/**
 * PostgreSQL restarted while serving commands: every in-flight command either completes or
 * answers with the clear "try again" message — nothing half-written — and the service recovers
 * without a restart of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.ts';
import { startService, type RunningService } from '../../src/app/service.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { privatePostgresAvailable, startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.ts';
import { replyText } from '../support/privacy.ts';

describe.runIf(privatePostgresAvailable && process.env.DATABASE_URL)('fault: database restart during commands', () => {
  let pg: PrivatePostgres;
  let s: RunningService;
  beforeAll(async () => {
    pg = startPrivatePostgres();
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', STAFETT_DATA_DIR: 'memory://', DATABASE_URL: pg.url, STAFETT_CONSOLE: '0', LOG_LEVEL: 'silent', STAFETT_DISPATCH_INTERVAL_MS: '60000' });
    s = await startService(config, createLogger(process.env.FAULT_LOG ?? 'silent'), { adapters: [] });
  }, 120_000);
  afterAll(async () => {
    await s?.stop().catch(() => {});
    pg?.destroy();
  });

  it('commands around a restart complete or say "try again"; none is half-written', async () => {
    const chat = s.core.chat;
    const ref = { platform: 'CONSOLE' as const, userId: 'maria' };
    const outcomes: string[] = [];
    let stop = false;
    const worker = (async () => {
      let i = 0;
      while (!stop) {
        i++;
        const form = await chat.submitForm(ref, 'case.new', { playbook: 's0-elevvard' }, { studentRef: `Elev ${i}`, firstRole: 'mentor' }, { requestKey: `fault:${i}` });
        const text = form.ok ? replyText(form.reply) : JSON.stringify(form.errors);
        outcomes.push(/DEMO-\d\d-\d{4}/.test(text) ? 'created' : /Databasen svarar inte/.test(text) ? 'retry' : `other: ${text}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await new Promise((r) => setTimeout(r, 500));
    pg.restart();
    await new Promise((r) => setTimeout(r, 1500));
    stop = true;
    await worker;
    console.log('fault outcomes', JSON.stringify(Object.fromEntries([...new Set(outcomes)].map((o) => [o, outcomes.filter((x) => x === o).length]))));
    expect(outcomes.filter((o) => o.startsWith('other'))).toEqual([]);
    expect(outcomes).toContain('created');
    // After the restart the service works again without being restarted itself.
    const after = await chat.submitForm(ref, 'case.new', { playbook: 's0-elevvard' }, { studentRef: 'Elev efter', firstRole: 'mentor' });
    expect(after.ok && replyText(after.reply)).toMatch(/DEMO-\d\d-\d{4}/);
    // Nothing half-written: every case has its member, its first log line and its deadline.
    const cases = await s.db.prisma.case.findMany({ include: { members: true, log: true, deadlines: true } });
    expect(cases.length).toBe(outcomes.filter((o) => o === 'created').length + 1);
    for (const k of cases) {
      expect(k.members.length).toBe(1);
      expect(k.log.map((l) => l.kind)).toContain('case.opened');
      expect(k.deadlines.length).toBeGreaterThan(0);
    }
    const health = await fetch(`http://127.0.0.1:${s.port}/healthz`);
    expect(health.status).toBe(200);
  });
});
