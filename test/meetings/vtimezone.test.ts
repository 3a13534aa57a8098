/**
 * The generated VTIMEZONE agrees with the IANA data: ical.js (Mozilla's parser), given only the
 * generated component, converts local times across the covered years — every hour around each
 * offset change — to the same instant as luxon.
 */
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { vtimezone } from '../../src/meetings/vtimezone.ts';

/** Every 6 hours of 2026–2027, and every hour of a 6-hour step in which the offset changes. */
function samples(zone: string): DateTime[] {
  const out: DateTime[] = [];
  for (let t = DateTime.fromObject({ year: 2026 }, { zone }); t.year < 2028; t = t.plus({ hours: 6 })) {
    const next = t.plus({ hours: 6 });
    if (next.offset !== t.offset) for (let h = 0; h < 6; h++) out.push(t.plus({ hours: h }));
    else out.push(t);
  }
  return out;
}

describe('vtimezone', () => {
  for (const zone of ['Europe/Stockholm', 'America/New_York', 'Australia/Sydney', 'Asia/Tokyo']) {
    it(`matches the IANA offsets of ${zone} in 2026–2027`, () => {
      const text = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n${vtimezone(zone, 2026, 2027)}\r\nEND:VCALENDAR\r\n`;
      const tz = new ICAL.Timezone(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vtimezone')!);
      const wrong: string[] = [];
      const all = samples(zone);
      for (const t of all) {
        // A wall time that occurs twice (the autumn change) is ambiguous; parsers differ on it.
        if ([-1, 1].some((h) => t.plus({ hours: h }).hour === t.hour)) continue;
        const local = new ICAL.Time({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: 0, second: 0, isDate: false }, tz);
        if (local.toUnixTime() * 1000 !== t.toMillis()) wrong.push(t.toISO()!);
      }
      expect(wrong).toEqual([]);
      expect(all.length).toBeGreaterThan(2900);
    });
  }
});
