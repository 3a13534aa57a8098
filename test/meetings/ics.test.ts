/**
 * Calendar invitations open at the time the person typed, whatever the server's `TZ`.
 * Validators: ical.js (Mozilla's parser, used by Thunderbird) and node-ical, two independent
 * iCalendar parsers. The invitations are made by ChatService in child processes running with
 * `TZ=UTC` and `TZ=America/New_York` (test/meetings/support/ics-child.ts).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import ical, { type VEvent } from 'node-ical';
import { beforeAll, describe, expect, it } from 'vitest';
import { dbKind } from '../support/db.ts';

const run = promisify(execFile);
const ORG_ZONE = 'Europe/Stockholm';
const CHILD = path.join(import.meta.dirname, 'support', 'ics-child.ts');
const TSX = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');

interface ChildOut {
  tz: string;
  code: string;
  out: { label: string; entered: string; durationMin: number; ics: string }[];
}

async function invitationsIn(tz: string): Promise<ChildOut> {
  const { stdout } = await run(TSX, [CHILD], { env: { ...process.env, TZ: tz }, timeout: 120_000, maxBuffer: 8 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ChildOut;
}

/** The instant the person meant: the typed wall time in the organisation's zone. */
const meant = (entered: string) => DateTime.fromFormat(entered, 'yyyy-MM-dd HH:mm', { zone: ORG_ZONE }).toMillis();

/** ical.js, knowing only the VTIMEZONEs the file itself carries. */
function parseWithIcalJs(text: string) {
  const vcal = new ICAL.Component(ICAL.parse(text));
  ICAL.TimezoneService.reset();
  for (const vtz of vcal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
  const vevent = vcal.getFirstSubcomponent('vevent')!;
  const ev = new ICAL.Event(vevent);
  return { vcal, vevent, ev };
}

describe(`calendar invitations with the server in another time zone (${dbKind})`, () => {
  const runs: ChildOut[] = [];
  beforeAll(async () => {
    runs.push(...(await Promise.all([invitationsIn('UTC'), invitationsIn('America/New_York')])));
  }, 240_000);

  it('the child processes really ran in the foreign zones', () => {
    expect(runs.map((r) => r.tz)).toEqual(['UTC', 'America/New_York']);
    for (const r of runs) expect(r.out.map((o) => o.label)).toEqual(['winter', 'spring-change-day', 'new-york-dst-only', 'autumn-change-day', 'late-evening', 'rescheduled', 'cancelled']);
  });

  it('ical.js reads every start and end as the typed time in the organisation zone, not floating', () => {
    for (const r of runs) {
      for (const o of r.out) {
        const { ev } = parseWithIcalJs(o.ics);
        expect(ev.startDate.zone?.tzid, `${r.tz} ${o.label}`).toBe(ORG_ZONE);
        expect(ev.startDate.toJSDate().getTime(), `${r.tz} ${o.label}`).toBe(meant(o.entered));
        expect(ev.endDate.toJSDate().getTime(), `${r.tz} ${o.label}`).toBe(meant(o.entered) + o.durationMin * 60_000);
        // The wall-clock fields themselves are what the person typed.
        expect(`${ev.startDate.year}-${String(ev.startDate.month).padStart(2, '0')}-${String(ev.startDate.day).padStart(2, '0')} ${String(ev.startDate.hour).padStart(2, '0')}:${String(ev.startDate.minute).padStart(2, '0')}`).toBe(o.entered);
      }
    }
  });

  it('node-ical reads the same instants', () => {
    for (const r of runs) {
      for (const o of r.out) {
        const events = Object.values(ical.sync.parseICS(o.ics)).filter((c) => c?.type === 'VEVENT') as VEvent[];
        expect(events).toHaveLength(1);
        const ev = events[0]!;
        expect(new Date(ev.start).getTime(), `${r.tz} ${o.label}`).toBe(meant(o.entered));
        expect(new Date(ev.end!).getTime(), `${r.tz} ${o.label}`).toBe(meant(o.entered) + o.durationMin * 60_000);
        expect(ev.start.tz).toBe(ORG_ZONE);
      }
    }
  });

  it('both zones produce the same file apart from DTSTAMP and the meeting ids', () => {
    const strip = (s: string) => s.replace(/^(DTSTAMP|UID):.*$/gm, '');
    runs[0]!.out.forEach((o, i) => expect(strip(o.ics)).toBe(strip(runs[1]!.out[i]!.ics)));
  });

  it('carries a VTIMEZONE for every TZID it uses (RFC 5545 §3.2.19)', () => {
    for (const o of runs[0]!.out) {
      const used = new Set([...o.ics.matchAll(/;TZID=([^:;]+)/g)].map((m) => m[1]!));
      const defined = new Set([...o.ics.matchAll(/^TZID:(.+)\r$/gm)].map((m) => m[1]!));
      expect(used.size).toBeGreaterThan(0);
      for (const tzid of used) expect(defined, tzid).toContain(tzid);
    }
  });

  it('is an iTIP REQUEST/CANCEL with ORGANIZER and ATTENDEEs (RFC 5546), the title only code and type', () => {
    const code = runs[0]!.code;
    for (const o of runs[0]!.out) {
      const { vcal, vevent } = parseWithIcalJs(o.ics);
      expect(vcal.getFirstPropertyValue('method')).toBe(o.label === 'cancelled' ? 'CANCEL' : 'REQUEST');
      expect(vevent.getFirstPropertyValue('organizer')).toBe('mailto:no-reply@demo.invalid');
      const attendees = vevent.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase());
      // The booker (a member of the case) is invited by e-mail.
      expect(attendees).toContain('mailto:maria.mentor@demo.example');
      // Sara (social services) is not a member and has no legal basis: not invited.
      expect(attendees.join(' ')).not.toContain('sara');
      expect(vevent.getFirstPropertyValue('summary')).toBe(`${code} – Målmöte`);
      expect(vevent.getFirstPropertyValue('status')).toBe(o.label === 'cancelled' ? 'CANCELLED' : 'CONFIRMED');
      expect(String(vevent.getFirstProperty('dtstamp')!.getFirstValue())).toMatch(/Z$/);
      expect(o.ics).not.toMatch(/Exempelsson/);
    }
  });

  it('ends every line, the last included, with CRLF', () => {
    for (const o of runs[0]!.out) {
      expect(o.ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
      expect(o.ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    }
  });

  it('a reschedule and a cancellation keep the UID and raise SEQUENCE', () => {
    const byLabel = new Map(runs[0]!.out.map((o) => [o.label, parseWithIcalJs(o.ics).vevent]));
    const uid = (l: string) => byLabel.get(l)!.getFirstPropertyValue('uid');
    const seq = (l: string) => Number(byLabel.get(l)!.getFirstPropertyValue('sequence'));
    expect(uid('rescheduled')).toBe(uid('late-evening'));
    expect(uid('cancelled')).toBe(uid('late-evening'));
    expect(uid('winter')).not.toBe(uid('late-evening'));
    expect([seq('late-evening'), seq('rescheduled'), seq('cancelled')]).toEqual([0, 1, 2]);
  });
});
