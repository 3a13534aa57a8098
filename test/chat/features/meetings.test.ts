/** The meetings feature: booking, the outside-the-window confirmation, record and reschedule. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checkCaseAccess } from '../../../src/cases/case-access.ts';
import { casePlaybook } from '../../../src/cases/case-query.service.ts';
import { meetings } from '../../../src/chat/features/meetings.ts';
import { meetingInvitation } from '../../../src/meetings/meeting-invitation.ts';
import { findCaseMeeting } from '../../../src/meetings/meeting-query.service.ts';
import { rescheduleMeeting, scheduleMeeting } from '../../../src/meetings/meeting.service.ts';
import { getBuiltinPlaybook } from '../../../src/playbooks/index.ts';
import { DomainError } from '../../../src/shared/errors.ts';
import { action, actions, fakeCtx, form, text } from './fake-ctx.ts';

vi.mock('../../../src/meetings/meeting.service.ts', () => ({ cancelMeeting: vi.fn(), recordMeetingOutcome: vi.fn(), rescheduleMeeting: vi.fn(), scheduleMeeting: vi.fn() }));
vi.mock('../../../src/meetings/meeting-invitation.ts', () => ({ meetingInvitation: vi.fn() }));
vi.mock('../../../src/meetings/meeting-query.service.ts', () => ({ findCaseMeeting: vi.fn() }));
vi.mock('../../../src/cases/case-query.service.ts', async (orig) => ({ ...(await orig<object>()), casePlaybook: vi.fn(), getCaseDetails: vi.fn() }));
vi.mock('../../../src/cases/case-access.ts', () => ({ checkCaseAccess: vi.fn() }));
vi.mock('../../../src/orgs/org-query.service.ts', () => ({ personHandles: vi.fn(async () => null) }));

const pb = getBuiltinPlaybook('s0-elevvard')!;
const CODE = 'DEMO-26-0001';

describe('meetings feature', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    vi.mocked(casePlaybook).mockResolvedValue(pb);
    vi.mocked(meetingInvitation).mockResolvedValue({ fileName: 'mote.ics', mimeType: 'text/calendar', content: 'BEGIN:VCALENDAR' });
  });

  it('books a meeting and hands out its invitation', async () => {
    const x = fakeCtx();
    vi.mocked(scheduleMeeting).mockResolvedValue({ code: CODE, meetingId: 'm1' } as never);
    const type = pb.meetingTypes[0]!.key;
    const r = await meetings.forms['meeting.schedule'](x, form(x, 'meeting.schedule', { code: CODE }, { type, startsAt: '2026-11-30 10:00' }));
    expect(scheduleMeeting).toHaveBeenCalledWith(x.deps, x.actor, CODE, { type, startsAt: new Date('2026-11-30T09:00:00.000Z'), durationMin: 60, location: undefined }, {});
    expect(r.attachments?.map((a) => a.fileName)).toEqual(['mote.ics']);
  });

  it('outside the window asks to confirm; "book anyway" carries the booking back', async () => {
    const x = fakeCtx();
    vi.mocked(scheduleMeeting).mockRejectedValueOnce(new DomainError('MEETING.OUTSIDE_WINDOW', { type: pb.meetingTypes[0]!.key, side: 'late', rule: 'x', due: '2026-11-25T00:00:00Z' }));
    const type = pb.meetingTypes[0]!.key;
    const r = await meetings.forms['meeting.schedule'](x, form(x, 'meeting.schedule', { code: CODE }, { type, startsAt: '2026-11-30 10:00' }));
    expect(actions(r)).toEqual(['meeting.confirmOutside', 'case.meeting']);
    const confirm = r.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []))[0]!;
    vi.mocked(scheduleMeeting).mockResolvedValue({ code: CODE, meetingId: 'm1' } as never);
    await meetings.actions['meeting.confirmOutside'](x, action('meeting.confirmOutside', confirm.value));
    expect(vi.mocked(scheduleMeeting).mock.lastCall?.[3]).toMatchObject({ type, confirmOutsideWindow: true });
  });

  it('a garbled "book anyway" value books nothing', async () => {
    await expect(meetings.actions['meeting.confirmOutside'](fakeCtx(), action('meeting.confirmOutside', `${CODE}|%%%`))).rejects.toMatchObject({ code: 'FORM.UNKNOWN' });
    expect(scheduleMeeting).not.toHaveBeenCalled();
    expect(rescheduleMeeting).not.toHaveBeenCalled();
  });

  it('recording a meeting reads only a meeting of the granted case', async () => {
    const x = fakeCtx();
    vi.mocked(checkCaseAccess).mockResolvedValue({ caseId: 'c1', code: CODE });
    vi.mocked(findCaseMeeting).mockResolvedValue(null);
    await expect(meetings.actions['meeting.record'](x, action('meeting.record', `${CODE}|m-other`))).rejects.toMatchObject({ code: 'MEETING.NOT_FOUND' });
    expect(findCaseMeeting).toHaveBeenCalledWith(x.deps, 'c1', 'm-other');
    vi.mocked(findCaseMeeting).mockResolvedValue({ id: 'm1', type: pb.meetingTypes[0]!.key });
    expect((await meetings.actions['meeting.record'](x, action('meeting.record', `${CODE}|m1`))).form?.id).toBe('meeting.outcome');
  });

  it('an action recorded at a meeting needs an owner', async () => {
    const x = fakeCtx();
    await expect(meetings.forms['meeting.outcome'](x, form(x, 'meeting.outcome', { code: CODE }, { action: 'Ring hem' }))).rejects.toMatchObject({ field: 'actionOwner' });
    expect(text(await meetings.forms['meeting.reschedule'](x, form(x, 'meeting.reschedule', { code: CODE, meetingId: 'm1' }, { startsAt: '2026-12-01 09:00' })))).toMatch(/^✅/);
  });
});
