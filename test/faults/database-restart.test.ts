/**
 * PostgreSQL restarted while serving commands: every in-flight command either completes or
 * answers with the clear "try again" message — nothing half-written — and the service recovers
 * without a restart of its own. Sent again with the same request keys afterwards, every one is
 * recorded exactly once: none lost, none doubled.
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
    const codes = new Map<number, string>();
    let stop = false;
    const submit = async (i: number) => {
      const form = await chat.submitForm(ref, 'case.new', { playbook: 's0-elevvard' }, { studentRef: `Elev ${i}`, firstRole: 'mentor' }, { requestKey: `fault:${i}` });
      const text = form.ok ? replyText(form.reply) : JSON.stringify(form.errors);
      const code = /DEMO-\d\d-\d{4}/.exec(text)?.[0];
      return { text, code, outcome: code ? 'created' : /Databasen svarar inte/.test(text) ? 'retry' : `other: ${text}` };
    };
    const worker = (async () => {
      let i = 0;
      while (!stop) {
        i++;
        const r = await submit(i);
        outcomes.push(r.outcome);
        if (r.code) codes.set(i, r.code);
        await new Promise((res) => setTimeout(res, 20));
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
    // Every request sent again with its own key once the database is back (what a person's retry,
    // or a platform's redelivery, does): one answered "try again" is carried out now, one that was
    // created returns its first case — none is created twice.
    const before = await s.db.prisma.case.count();
    const retried = outcomes.map((o, n) => ({ o, i: n + 1 }));
    for (const { o, i } of retried) {
      const again = await submit(i);
      expect(again.outcome, `request ${i}`).toBe('created');
      if (o === 'created') expect(again.code).toBe(codes.get(i));
    }
    expect(await s.db.prisma.case.count()).toBe(before + outcomes.filter((o) => o === 'retry').length);
    const health = await fetch(`http://127.0.0.1:${s.port}/healthz`);
    expect(health.status).toBe(200);
  });
});
