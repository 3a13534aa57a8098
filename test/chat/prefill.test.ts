/** What people type after the case code prefills the form: meeting type, date and time; action text, owner and date. */
import { describe, expect, it } from 'vitest';
import { actionPrefill, meetingPrefill } from '../../src/chat/prefill.ts';
import { PlaybookRegistry } from '../../src/playbooks/index.ts';

const ctx = { zone: 'Europe/Stockholm', now: new Date('2026-12-02T09:00:00Z') };

describe('meetingPrefill', () => {
  const pb = new PlaybookRegistry().get('s0-elevvard')!;
  it('reads the type and the date and time, in either order', () => {
    expect(meetingPrefill(pb, 'nätverksmöte tisdag kl. 13', ctx)).toEqual({ type: 'natverksmote', when: { date: '2026-12-08', time: '13:00', needsConfirmation: false } });
    expect(meetingPrefill(pb, 'tirsdag kl 13 nettverksmøte', ctx).when).toMatchObject({ date: '2026-12-08', time: '13:00' });
    expect(meetingPrefill(pb, 'nätverksmöte', ctx)).toEqual({ type: 'natverksmote' });
    expect(meetingPrefill(pb, 'nätverksmöte 12/1 13.30', ctx).when).toEqual({ date: '2027-01-12', time: '13:30', needsConfirmation: true, reason: 'nextYear' });
  });
});

describe('actionPrefill', () => {
  it.each([
    ['Ringa mamma <@U0KIM> 15 jan', { text: 'Ringa mamma', owner: { slackUserId: 'U0KIM' }, due: { date: '2027-01-15', needsConfirmation: true, reason: 'nextYear' } }],
    ['Ringa BUP <@U0KIM|kim>', { text: 'Ringa BUP', owner: { slackUserId: 'U0KIM' } }],
    ['Följa med till skolan @karin 12/1', { text: 'Följa med till skolan', owner: { text: 'karin' }, due: { date: '2027-01-12', needsConfirmation: true, reason: 'nextYear' } }],
    ['Hämta i skolan <at>Kim K. Kurator</at> tisdag', { text: 'Hämta i skolan', owner: { text: 'Kim K. Kurator' }, due: { date: '2026-12-08', needsConfirmation: false } }],
    ['Ring hem @"Karin Koordinator" i morgon', { text: 'Ring hem', owner: { text: 'Karin Koordinator' }, due: { date: '2026-12-03', needsConfirmation: false } }],
    ['Mejla mentorn @anna.lind@skolan.se senast fredag', { text: 'Mejla mentorn', owner: { text: 'anna.lind@skolan.se' }, due: { date: '2026-12-04', needsConfirmation: false } }],
    ['Följer med till skolan på tisdagar', { text: 'Följer med till skolan på tisdagar' }],
  ])('%j', (typed, expected) => {
    expect(actionPrefill(typed, ctx)).toEqual(expected);
  });
});
