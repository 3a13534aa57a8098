/**
 * The offset memo (src/shared/zone-offset-cache.ts) answers exactly what Intl answers, quarter
 * hour by quarter hour across daylight-saving changes and odd offsets, and every instant inside
 * a quarter hour gets its quarter hour's offset.
 */
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { installZoneOffsetCache } from '../../src/shared/zone-offset-cache.ts';

const ZONES = ['Europe/Stockholm', 'Europe/Oslo', 'UTC', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham'];
const Q = 15 * 60_000;

describe('zone offset cache', () => {
  it('agrees with luxon for every quarter hour from September 2026 to September 2027 and for instants between them', () => {
    // Luxon's own answers first, from zones created before the memo exists.
    const dtfs = new Map<string, Intl.DateTimeFormat>();
    const plain = (zone: string, ts: number) => {
      let dtf = dtfs.get(zone);
      if (!dtf) dtfs.set(zone, (dtf = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })));
      const p = Object.fromEntries(dtf.formatToParts(new Date(ts)).map((x) => [x.type, x.value]));
      const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour) % 24, Number(p.minute), Number(p.second));
      return Math.round((asUtc - Math.floor(ts / 1000) * 1000) / 60_000);
    };
    installZoneOffsetCache();
    installZoneOffsetCache(); // twice is once
    const from = Date.UTC(2026, 8, 1);
    const to = Date.UTC(2027, 8, 1);
    let changes = 0;
    const wrong: string[] = [];
    for (const name of ZONES) {
      const zone = IANAZone.create(name);
      let last: number | undefined;
      for (let ts = from; ts < to; ts += Q) {
        const expected = plain(name, ts);
        if (zone.offset(ts) !== expected) wrong.push(`${name} ${new Date(ts).toISOString()}`);
        // A later instant of the same quarter hour, after the quarter hour itself was cached.
        const later = ts + Q - 1000;
        if (zone.offset(later) !== plain(name, later)) wrong.push(`${name} ${new Date(later).toISOString()}`);
        if (last !== undefined && last !== expected) changes++;
        last = expected;
      }
    }
    expect(wrong).toEqual([]);
    // Stockholm, Oslo, New York, Lord Howe, St John's and Chatham change twice a year.
    expect(changes).toBe(6 * 2);
    // Luxon through the memo, as without it: the spring-forward gap and the fall-back hour in Stockholm.
    expect(DateTime.fromISO('2026-03-29T02:30', { zone: 'Europe/Stockholm' }).toISO()).toBe('2026-03-29T03:30:00.000+02:00');
    expect(DateTime.fromISO('2026-10-25T02:30', { zone: 'Europe/Stockholm' }).toISO()).toBe('2026-10-25T02:30:00.000+01:00');
  });
});
