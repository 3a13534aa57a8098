/**
 * The statistics' date (chart line, file names) is the organisation's day, not the server's: at
 * 00:30 in Stockholm a server in UTC (or in Los Angeles) is still on the day before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeStats } from '../../src/chat/stats-view.ts';
import { createTestCore, type TestCore } from '../support/core.ts';
import { dbKind } from '../support/db.ts';

describe(`statistics date (${dbKind})`, () => {
  let core: TestCore;
  const originalTz = process.env.TZ;
  beforeAll(async () => {
    process.env.TZ = 'America/Los_Angeles';
    // Thursday 3 December 2026, 00:30 in Stockholm = 2 December 23:30 UTC = 15:30 in Los Angeles.
    core = await createTestCore(new Date('2026-12-02T23:30:00Z'));
  });
  afterAll(async () => {
    process.env.TZ = originalTz;
    await core?.close();
  });

  it('names the files with the organisation\'s date', async () => {
    expect(new Date('2026-12-02T23:30:00Z').getDate()).toBe(2);
    const r = await computeStats(core.deps, await core.as('tove'), 'sv', 'Demo kommun');
    expect(r.attachments?.map((a) => a.fileName)).toEqual(['statistik-2026-12-03.png']);
    expect(r.privateFollowUp?.attachments?.map((a) => a.fileName)).toEqual(['statistik-demo-kommun-2026-12-03.csv']);
  });
});
