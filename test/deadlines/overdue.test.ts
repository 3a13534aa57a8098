/**
 * Today's bounds per time zone are remembered (src/deadlines/overdue.ts): whatever order the
 * instants come in — forwards, backwards, across midnight and the DST changes — the answers are
 * luxon's own for that instant and zone.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isOverdue, overdueCutoff, weekEndOf } from '../../src/deadlines/overdue.ts';

const ZONES = ['Europe/Stockholm', 'Europe/Oslo', 'UTC', 'America/New_York'];
const fresh = (t: number, zone: string) => {
  const d = DateTime.fromMillis(t, { zone });
  return { cutoff: d.startOf('day').toMillis(), weekEnd: d.endOf('week').toMillis() };
};

describe('overdueCutoff and weekEndOf', () => {
  it("should equal luxon's answer for every instant, in any order, through midnights and DST changes", () => {
    // Three weeks around the spring change (2027-03-28) and the autumn one (2026-10-25), every 37 minutes.
    const starts = [Date.UTC(2027, 2, 20), Date.UTC(2026, 9, 17)];
    const instants = starts.flatMap((s) => Array.from({ length: (21 * 24 * 60) / 37 }, (_, i) => s + i * 37 * 60_000));
    const order = [...instants, ...[...instants].reverse(), ...instants.filter((_, i) => i % 7 === 0).reverse()];
    for (const t of order) {
      const zone = ZONES[t % ZONES.length]!;
      const want = fresh(t, zone);
      expect(overdueCutoff(new Date(t), zone).getTime()).toBe(want.cutoff);
      expect(weekEndOf(new Date(t), zone).getTime()).toBe(want.weekEnd);
    }
  });

  it('should count a deadline overdue from the next local day, also right after midnight', () => {
    const zone = 'Europe/Stockholm';
    const due = new Date('2026-12-07T14:00:00+01:00');
    expect(isOverdue(due, new Date('2026-12-07T23:59:59.999+01:00'), zone)).toBe(false);
    expect(isOverdue(due, new Date('2026-12-08T00:00:00+01:00'), zone)).toBe(true);
    expect(isOverdue(due, new Date('2026-12-07T23:30:00+01:00'), zone)).toBe(false);
    expect(weekEndOf(new Date('2026-12-07T00:00:00+01:00'), zone).toISOString()).toBe('2026-12-13T22:59:59.999Z');
    // A returned Date is the caller's own.
    overdueCutoff(new Date('2026-12-07T12:00:00+01:00'), zone).setTime(0);
    expect(overdueCutoff(new Date('2026-12-07T12:00:00+01:00'), zone).toISOString()).toBe('2026-12-06T23:00:00.000Z');
  });
});
