/**
 * Everything Stafett may show in a shared space (channel status, statistics, channel-binding
 * confirmations) is rendered from cases full of names, personnummer and free text, and scanned:
 * nothing personal may appear. Adapter tests scan their Block Kit / Adaptive Card renderings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignRole, openCase, recordConcern, recordDeviation } from '../../src/cases/case.service.ts';
import { recordConsent } from '../../src/consent/consent.service.ts';
import { recordMeetingOutcome, scheduleMeeting } from '../../src/meetings/meeting.service.ts';
import { addAction, recordDecision } from '../../src/plans/plan.service.ts';
import { ChatService } from '../../src/chat/chat.service.ts';
import { NotifierRegistry } from '../../src/ports/notifier.ts';
import { createReminders } from '../../src/reminders/index.ts';
import { expectNoPersonalData, replyText } from '../support/privacy.ts';
import { dbKind } from '../support/db.ts';
import { createTestCore, DAY, type TestCore } from '../support/core.ts';
import { renderNotice } from '../../src/chat/notice-views.ts';
import { nudgeViews } from '../../src/chat/reminder-views.ts';

describe(`shared spaces carry no personal data (${dbKind})`, () => {
  let c: TestCore;
  let chat: ChatService;
  const codes: string[] = [];
  beforeAll(async () => {
    c = await createTestCore();
    const notifier = new NotifierRegistry();
    chat = new ChatService({ deps: c.deps, notifier, reminders: createReminders({ notices: renderNotice, views: nudgeViews, deps: c.deps, notifier, instanceId: 't', intervalMs: 60_000 }), config: { production: false } });
    const maria = await c.as('maria');
    // A colleague in a mapped Slack workspace who is in none of the cases.
    await c.t.db.prisma.platformWorkspace.create({ data: { orgId: maria.orgId, platform: 'SLACK', externalId: 'T1' } });
    await c.t.db.prisma.person.create({ data: { orgId: maria.orgId, displayName: 'Nils Nonmember', slackUserId: 'U0NONE', slackTeamId: 'T1' } });
    for (const pb of ['s0-elevvard', 's2-tomelilla', 's3-bti', 's4-sandviken']) {
      const first = pb === 's2-tomelilla' ? 'mentor' : pb === 's3-bti' ? 'stafettholder' : 'mentor';
      const { code } = await openCase(c.deps, maria, { playbookKey: pb, schoolUnitCode: 'NORR', studentRef: 'Alva Lindqvist 20140315-2380', firstRole: first, reason: 'Alva Lindqvist har diabetes, bor på Storgatan 12', tier: pb === 's2-tomelilla' ? 'orange' : undefined, ...(pb === 's2-tomelilla' ? { consent: { scope: ['SCHOOL', 'SOCIAL_SERVICES'], givenBy: ['GUARDIAN'] } } : {}) });
      codes.push(code);
      await recordConsent(c.deps, maria, code, { scope: ['SCHOOL', 'SOCIAL_SERVICES'], givenBy: [{ party: 'GUARDIAN', label: 'Per Lindqvist' }], note: 'Alva Lindqvist' });
      await assignRole(c.deps, maria, code, { person: { text: 'sara' }, role: 'social-services' }).catch(() => {});
      const type = c.deps.playbooks.get(pb)!.meetingTypes[0]!.key;
      await scheduleMeeting(c.deps, maria, code, { type, startsAt: new Date(c.clock.now().getTime() + 2 * DAY), location: 'Storgatan 12' });
      await recordMeetingOutcome(c.deps, maria, code, { type, minutes: 'Alva Lindqvist 20140315-2380 diabetes', decisions: [{ kind: 'GENERAL', text: 'Alva Lindqvist får anpassning' }], actions: [{ text: 'Ring Per Lindqvist' }] });
      await addAction(c.deps, maria, code, { text: 'Alva Lindqvist: läxhjälp', dueAt: new Date(c.clock.now().getTime() + 5 * DAY) });
      await recordDecision(c.deps, maria, code, { text: 'Alva Lindqvist 140315-2380' });
      await recordConcern(c.deps, maria, code, { note: 'Alva Lindqvist diabetes' });
      await recordDeviation(c.deps, maria, code, { theme: 'timing', text: 'Karin Koordinator kom för sent' });
    }
  });
  afterAll(async () => c?.close());

  it('status typed in a channel: the shared part has only code, stage, role and date', async () => {
    for (const code of codes) {
      const r = await chat.handleText({ platform: 'SLACK', userId: 'U0NONE', workspaceId: 'T1', conversation: { id: 'C1', kind: 'channel' } }, `status ${code}`);
      // The Slack user is a colleague but not a member of the case.
      expect(r.visibility).toBe('shared');
      expectNoPersonalData(replyText(r));
      expect(replyText(r)).toContain(code);
      const member = await chat.handleText({ platform: 'CONSOLE', userId: 'maria', conversation: { id: 'C1', kind: 'channel' } }, `status ${code}`);
      expect(member.visibility).toBe('shared');
      expectNoPersonalData(replyText({ ...member, privateFollowUp: undefined }));
      // Details go only in the private follow-up.
      expect(replyText(member.privateFollowUp!)).toContain('Alva Lindqvist');
      expect(member.privateFollowUp!.visibility).toBe('private');
    }
  });

  it('statistics are shared and aggregated', async () => {
    const r = await chat.handleText({ platform: 'CONSOLE', userId: 'tove' }, 'statistik');
    expectNoPersonalData(replyText(r));
  });
});
