import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimJob, finishJob, runOnce } from '../../src/shared/job-claim.ts';
import { createTestDatabase, dbKind, type TestDatabase } from '../support/db.ts';

describe(`periodic jobs run once across instances (${dbKind})`, () => {
  let t: TestDatabase;
  beforeEach(async () => { t = await createTestDatabase(); });
  afterEach(async () => t.close());
  const at = (iso: string) => new Date(iso);

  it('one of several instances runs the hour; the others skip it; the next hour is claimed again', async () => {
    const now = at('2026-12-02T09:00:00Z');
    const ran: string[] = [];
    const results = await Promise.all(['a', 'b', 'c'].map((id) => runOnce(t.db.prisma, 'retention.purge', '2026-12-02T09', id, now, 60_000, async () => { ran.push(id); })));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(ran).toHaveLength(1);
    // Done for the hour: nobody runs it again, not even after the lease.
    expect(await runOnce(t.db.prisma, 'retention.purge', '2026-12-02T09', 'b', at('2026-12-02T09:30:00Z'), 60_000, async () => { ran.push('again'); })).toBe(false);
    expect(await runOnce(t.db.prisma, 'retention.purge', '2026-12-02T10', 'b', at('2026-12-02T10:00:00Z'), 60_000, async () => { ran.push('b10'); })).toBe(true);
    expect(ran).toEqual([expect.any(String), 'b10']);
  });

  it('a claim whose instance died is taken over after its lease, not before', async () => {
    const now = at('2026-12-02T09:00:00Z');
    expect(await claimJob(t.db.prisma, 'digest.plan', 'org:2026-W49', 'dead', now, 60_000)).toBe(true);
    expect(await claimJob(t.db.prisma, 'digest.plan', 'org:2026-W49', 'other', at('2026-12-02T09:00:30Z'), 60_000)).toBe(false);
    // The holder itself may pick its unfinished work up again.
    expect(await claimJob(t.db.prisma, 'digest.plan', 'org:2026-W49', 'dead', at('2026-12-02T09:00:30Z'), 60_000)).toBe(true);
    expect(await claimJob(t.db.prisma, 'digest.plan', 'org:2026-W49', 'other', at('2026-12-02T09:02:00Z'), 60_000)).toBe(true);
    await finishJob(t.db.prisma, 'digest.plan', 'org:2026-W49', at('2026-12-02T09:02:01Z'));
    expect(await claimJob(t.db.prisma, 'digest.plan', 'org:2026-W49', 'third', at('2026-12-02T10:00:00Z'), 60_000)).toBe(false);
  });
});
