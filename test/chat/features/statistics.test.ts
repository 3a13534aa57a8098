/** The statistics feature hands the organisation's name to the statistics view. */
import { describe, expect, it, vi } from 'vitest';
import { statistics } from '../../../src/chat/features/statistics.ts';
import { computeStats } from '../../../src/chat/stats-view.ts';
import { fakeCtx } from './fake-ctx.ts';

vi.mock('../../../src/chat/stats-view.ts', () => ({ computeStats: vi.fn(async () => ({ visibility: 'private', blocks: [], fallbackText: 'statistik' })) }));

describe('statistics feature', () => {
  it('`statistik` asks the statistics view, in the person\'s language, for their organisation', async () => {
    const x = fakeCtx({ lang: 'en' });
    expect((await statistics.commands.stats(x, { name: 'stats' })).fallbackText).toBe('statistik');
    expect(computeStats).toHaveBeenCalledWith(x.deps, x.actor, 'en', 'Demo kommun');
  });
});
