/** Dates and times typed by people (forms, the console), in the organisation's time zone. */
import { DateTime } from 'luxon';
import { parseTypedDate, whenToInstant, type TypedWhen } from '../commands/dates.ts';

/**
 * Reads a date or date-time typed in a form or the console, in the organisation's zone, as people
 * type dates (see commands/dates.ts): `2026-12-01 13:00`, `1/12 13:00`, `15. januar`, `tisdag kl. 13`,
 * `i morgon`. The reading says whether it must be confirmed (`when.needsConfirmation`).
 */
export function readFormDate(text: string, tz: string, now: Date, opts: { defaultTime?: string; expect?: 'future' | 'past' } = {}): { at: Date; when: TypedWhen } | null {
  const when = parseTypedDate(text, { zone: tz, now, ...(opts.expect ? { expect: opts.expect } : {}) });
  if (!when) return null;
  return { at: whenToInstant(when, tz, opts.defaultTime), when };
}
