/** Organisation settings are read with zod once per row: typed fields, and a broken field reads as absent. */
import { describe, expect, it } from 'vitest';
import { orgSettings } from '../../src/orgs/org-settings.ts';
import { orgCalendar } from '../../src/orgs/org-calendar.ts';
import { identitySettings } from '../../src/orgs/org.service.ts';
import { DEFAULT_NUDGE_SETTINGS, nudgeSettings } from '../../src/reminders/reminder.ts';
import { absencePlaybookKey } from '../../src/absence/absence.service.ts';

describe('orgSettings', () => {
  it('reads the stored fields typed', () => {
    const raw = {
      playbooks: ['s1-vastbas', 's0-elevvard'], workingHours: { start: '08:00', end: '16:00' }, closedDays: ['2026-12-24'],
      nudges: { inactivityDays: 10 }, identity: { anyWorkspace: true, emailDomains: ['Kommun.SE'] }, noReplyEmail: 'noreply@kommun.se',
      roleGroups: { 'EHT Norr': { role: 'EHT_MEMBER', unit: 'NORR' } }, absencePlaybook: 's1-vastbas',
    };
    const s = orgSettings(raw);
    expect(s.playbooks).toEqual(['s1-vastbas', 's0-elevvard']);
    expect(s.roleGroups).toEqual({ 'EHT Norr': { role: 'EHT_MEMBER', unit: 'NORR' } });
    expect(orgSettings(raw)).toBe(s); // parsed once per row object
    expect(orgCalendar({ timeZone: 'Europe/Stockholm', holidayRegion: 'SE', settings: raw })).toMatchObject({ workStart: '08:00', workEnd: '16:00', extraClosedDays: ['2026-12-24'] });
    expect(identitySettings(raw)).toEqual({ anyWorkspace: true, emailDomains: ['kommun.se'] });
    expect(nudgeSettings(raw)).toEqual({ ...DEFAULT_NUDGE_SETTINGS, inactivityDays: 10 });
    expect(absencePlaybookKey(raw)).toBe('s1-vastbas');
  });

  it('falls back per field when a stored value does not parse, and for missing settings', () => {
    const s = orgSettings({ playbooks: 'not-a-list', workingHours: { start: 8 }, identity: { anyWorkspace: 'yes', emailDomains: ['a.se'] }, roleGroups: { g: { role: 'NO_SUCH_ROLE' } } });
    expect(s.playbooks).toBeUndefined();
    expect(s.workingHours).toBeUndefined();
    expect(s.roleGroups).toBeUndefined();
    expect(identitySettings({ identity: { anyWorkspace: 'yes', emailDomains: ['a.se'] } })).toEqual({ anyWorkspace: false, emailDomains: ['a.se'] });
    expect(orgSettings(null)).toEqual({});
    expect(nudgeSettings(undefined)).toEqual(DEFAULT_NUDGE_SETTINGS);
    expect(absencePlaybookKey({ playbooks: ['s2-tomelilla'] })).toBe('s2-tomelilla');
  });
});
