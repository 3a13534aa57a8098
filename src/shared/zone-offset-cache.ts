/**
 * A memo for luxon's time-zone offsets. Luxon asks `Intl.DateTimeFormat#formatToParts` for the
 * offset of every instant it converts (`partsOffset`, ~3 µs a call); working hours, deadlines and
 * date formatting convert dozens of instants per request. Offsets only change at a zone's
 * transitions, and every transition of the tz database since 1970 falls on a quarter hour in UTC
 * (offsets are whole quarter hours), so one offset per zone and quarter hour is exact
 * (test/shared/zone-offset-cache.test.ts walks DST changes of several zones quarter hour by
 * quarter hour against luxon's own answer). Installed once by the service at start.
 */
import { IANAZone } from 'luxon';

const QUARTER_HOUR_MS = 15 * 60_000;
/** Per zone: about 3.5 years of quarter hours; the map starts over when it is full. */
const MAX_PER_ZONE = 120_000;

interface OffsetProto {
  offset(this: IANAZone, ts: number): number;
  _stafettOffsetCache?: true;
}

export function installZoneOffsetCache(): void {
  const proto = IANAZone.prototype as unknown as OffsetProto;
  if (proto._stafettOffsetCache) return;
  const original = proto.offset;
  const perZone = new Map<string, Map<number, number>>();
  proto.offset = function offset(this: IANAZone, ts: number): number {
    if (!Number.isFinite(ts) || !this.isValid) return original.call(this, ts);
    let cache = perZone.get(this.name);
    if (!cache) perZone.set(this.name, (cache = new Map()));
    const bucket = Math.floor(ts / QUARTER_HOUR_MS);
    let v = cache.get(bucket);
    if (v === undefined) {
      v = original.call(this, ts);
      if (cache.size >= MAX_PER_ZONE) cache.clear();
      cache.set(bucket, v);
    }
    return v;
  };
  proto._stafettOffsetCache = true;
}
