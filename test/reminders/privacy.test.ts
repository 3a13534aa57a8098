import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCase, setCaseChannel } from '../../src/cases/case.service.ts';
import { scheduleMeeting } from '../../src/meetings/meeting.service.ts';
import { addAction } from '../../src/plans/plan.service.ts';
import { getBuiltinPlaybook } from '../../src/playbooks/index.ts';
import { nudgeLine } from '../../src/chat/reminder-views.ts';
import { stripMarkup } from '../../src/ports/reply.ts';
import { DAY } from '../support/core.ts';
import { dbKind } from '../support/db.ts';
import { createReminderFixture, RecordingNotifier, type ReminderFixture } from './support/fixture.ts';

describe(`channel messages carry no personal data (${dbKind})`, () => {
  let f: ReminderFixture;
  beforeEach(async () => { f = await createReminderFixture(new Date('2026-11-23T08:00:00+01:00')); });
  afterEach(async () => { await f.close(); });

  it('meeting reminders, overdue notices, bundles and the weekly digest in a channel show only codes, labels, dates and roles', async () => {
    const slack = new RecordingNotifier();
    f.registry.register('SLACK', slack);
    const karin = await f.as('karin');
    const c = await openCase(f.deps, karin, {
      playbookKey: 's0-elevvard', schoolUnitCode: 'NORR', studentRef: '19121212-1212',
      reason: 'Tolvan Tolvansson är borta; mamma Lena Tolvansson ringer skolan. Diagnos: astma.',
    });
    await setCaseChannel(f.deps, karin, c.code, 'SLACK', 'C-PRIVACY');
    await scheduleMeeting(f.deps, karin, c.code, { type: 'natverksmote', startsAt: new Date('2026-12-01T13:00:00+01:00'), location: 'Rum 12, hos Lena Tolvansson' });
    await addAction(f.deps, karin, c.code, { text: 'Ring Lena Tolvansson på 070-1234567 om Tolvans astma', dueAt: new Date('2026-11-25T16:00:00+01:00') });
    const r = f.makeReminders(f.deps, 'privacy', { weeklyDigests: true });
    for (let d = 0; d < 15; d++) {
      await r.sweepOnce();
      f.clock.advance(DAY);
    }
    const channel = slack.deliveries.filter((x) => x.target.channelId === 'C-PRIVACY');
    const kinds = channel.map((x) => x.message.kind);
    expect(kinds).toEqual(expect.arrayContaining(['meeting.before', 'digest.channel']));
    expect(channel.some((x) => JSON.stringify(x.message).includes('Försenat'))).toBe(true);
    const people = await f.deps.prisma.person.findMany();
    const forbidden = [
      // Full names, first names and e-mails (surnames like "Mentor" in the demo data are also role names, which are allowed).
      ...people.flatMap((p) => [p.displayName, p.displayName.split(' ')[0]!, p.email ?? '']).filter((s) => s.length > 2),
      'Tolvan', 'Lena', '070-1234567', 'astma', 'Rum 12', '19121212', '1212',
    ];
    for (const msg of channel) {
      // What a person can read: the rendered reply, without opaque ids (button values, keys).
      const reply = msg.message.reply;
      const text = JSON.stringify({ ...reply, blocks: reply.blocks.map((b) => (b.type === 'actions' ? { ...b, buttons: b.buttons.map((x) => ({ ...x, value: '' })) } : b)) });
      for (const word of forbidden) expect(text, `channel message leaks "${word}"`).not.toContain(word);
      expect(text).not.toMatch(/\d{6,8}[-+]?\d{4}/);
      expect(msg.message.reply.visibility).toBe('shared');
      expect(text).toContain(c.code);
    }
    // The same data did reach the 1:1 messages, so the check above had something to catch.
    expect(f.consoleNotifier.deliveries.some((x) => JSON.stringify(x.message).includes('Ring Lena Tolvansson'))).toBe(true);
  });
});

describe('nudge texts in sv, nb and en', () => {
  const pb = getBuiltinPlaybook('s0-elevvard');
  const p = { caseCode: 'DEMO-26-0001', meetingType: 'natverksmote', startsAt: '2026-12-01T12:00:00.000Z' };
  it('meeting reminder', () => {
    const tz = 'Europe/Stockholm';
    expect(stripMarkup(nudgeLine('meeting.before', p, { lang: 'sv', tz, playbook: pb }))).toBe('Påminnelse: Nätverksmöte i ärende DEMO-26-0001 på tisdag 1 dec kl. 13:00.');
    expect(stripMarkup(nudgeLine('meeting.before', p, { lang: 'nb', tz: 'Europe/Oslo', playbook: pb }))).toBe('Påminnelse: Nettverksmøte i sak DEMO-26-0001 tirsdag 1. desember kl. 13:00.');
    expect(stripMarkup(nudgeLine('meeting.before', p, { lang: 'en', tz, playbook: pb }))).toBe('Reminder: Network meeting for case DEMO-26-0001 on Tuesday 1 Dec at 13:00.');
  });
});
