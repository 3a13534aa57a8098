import { describe, expect, it } from 'vitest';
import { parseAbsoluteTime, parseDuration, parseTimeSpec } from '../../src/commands/duration.ts';

const M = 60_000;
const H = 60 * M;
const D = 24 * H;

describe('parseDuration', () => {
  it.each([
    ['+2d', 2 * D], ['2d', 2 * D], ['+3h', 3 * H], ['+30m', 30 * M], ['+1w', 7 * D], ['-1d', -D],
    ['+1d12h', D + 12 * H], ['+1d 2h', D + 2 * H], ['2 dagar', 2 * D], ['1 uke', 7 * D], ['3t', 3 * H],
    ['P2D', 2 * D], ['PT3H', 3 * H], ['P1W', 7 * D], ['P1DT2H30M', D + 2 * H + 30 * M], ['+p2d', 2 * D], ['PT45S', 45_000],
  ])('should parse %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '+', 'P', 'PT', 'P1M', 'P1Y', '2x', 'd2', '+2d foo', '99999999d', 'tomorrow'])('should reject %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('parseAbsoluteTime', () => {
  it('should read local times in the given zone and honour explicit offsets', () => {
    expect(parseAbsoluteTime('2026-12-01T08:00')?.toISOString()).toBe('2026-12-01T07:00:00.000Z');
    expect(parseAbsoluteTime('2026-07-01 08:00')?.toISOString()).toBe('2026-07-01T06:00:00.000Z');
    expect(parseAbsoluteTime('2026-12-01')?.toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(parseAbsoluteTime('2026-12-01T08:00+01:00', 'UTC')?.toISOString()).toBe('2026-12-01T07:00:00.000Z');
    expect(parseAbsoluteTime('2026-12-01T08:00Z')?.toISOString()).toBe('2026-12-01T08:00:00.000Z');
  });

  it.each(['2026-02-30', '2026-12-01T25:00', '01/12/2026', 'P2D'])('should reject %s', (text) => {
    expect(parseAbsoluteTime(text)).toBeNull();
  });

  it('should tell relative from absolute', () => {
    expect(parseTimeSpec('+2d')).toEqual({ kind: 'relative', ms: 2 * D });
    expect(parseTimeSpec('2026-12-01T08:00Z')).toEqual({ kind: 'absolute', at: new Date('2026-12-01T08:00:00Z') });
    expect(parseTimeSpec('sometime')).toBeNull();
  });
});
