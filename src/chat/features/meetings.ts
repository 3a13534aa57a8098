/**
 * Meetings: the case's meetings with record / reschedule / cancel, booking (with the warning and
 * "book anyway" outside the model's window), recording an outcome, and the .ics invitation.
 */
import { checkCaseAccess } from '../../cases/case-access.ts';
import { getCaseDetails, meetingLabel, ruleLabel } from '../../cases/case-query.service.ts';
import { meetingInvitation } from '../../meetings/meeting-invitation.ts';
import { findCaseMeeting } from '../../meetings/meeting-query.service.ts';
import { cancelMeeting, recordMeetingOutcome, rescheduleMeeting, scheduleMeeting } from '../../meetings/meeting.service.ts';
import type { Playbook } from '../../playbooks/index.ts';
import { DomainError, isDomainError } from '../../shared/errors.ts';
import * as F from '../forms.ts';
import { fmtDate, fmtDateTime } from '../../i18n/dates.ts';
import { type Lang } from '../../i18n/lang.ts';
import { personRef } from '../plan-chat.ts';
import { whenToFieldValue } from '../../commands/dates.ts';
import { prefilledDateIntro } from '../date-question.ts';
import { meetingPrefill } from '../prefill.ts';
import { textReply } from '../../ports/reply.ts';
import { tx } from '../texts.ts';
import type { ActionId, ActionIdOf } from '../../ports/action-ids.ts';
import type { ChatCtx, ChatReply, Feature } from './feature.ts';
import { FieldError } from './form-input.ts';
import { formReply, gate, ownerInitial, playbookOf } from './support.ts';
import { pt } from '../plan.texts.ts';

/** A booking carried by "Boka ändå": type, start, duration, location, or the meeting rescheduled. */
type Booking = { t?: string; s: string; d?: number; l?: string; m?: string };

async function meetingsView(x: ChatCtx, code: string): Promise<ChatReply> {
  const { lang } = x;
  const st = await getCaseDetails(x.deps, x.actor, code);
  const pb = st.playbook;
  if (!st.details) throw new DomainError('ACCESS.DENIED', { code });
  const tz = x.org.timeZone;
  const C = st.summary.code;
  if (!st.details.meetings.length) {
    const form = F.meetingForm(lang, C, pb);
    return { ...formReply(form), blocks: [{ type: 'text', text: tx(lang, 'meetings.none') }, { type: 'actions', buttons: [{ label: tx(lang, 'btn.recordUnplanned'), action: 'meeting.recordUnplanned', value: C }] }] };
  }
  const blocks: ChatReply['blocks'] = [{ type: 'header', text: tx(lang, 'meetings.header', { code: C }) }];
  for (const m of st.details.meetings) {
    blocks.push({ type: 'text', text: `**${m.typeLabel}** – ${fmtDateTime(m.startsAt, tz, lang)}${m.location ? `, ${m.location}` : ''}` });
    blocks.push({ type: 'actions', buttons: [
      { label: tx(lang, 'btn.record'), action: 'meeting.record', value: `${C}|${m.id}`, style: 'primary' },
      { label: tx(lang, 'btn.reschedule'), action: 'meeting.reschedule', value: `${C}|${m.id}` },
      { label: tx(lang, 'btn.cancelMeeting'), action: 'meeting.cancel', value: `${C}|${m.id}`, style: 'danger' },
    ] });
  }
  blocks.push({ type: 'actions', buttons: [{ label: tx(lang, 'btn.newMeeting'), action: 'case.meeting', value: C }, { label: tx(lang, 'btn.recordUnplanned'), action: 'meeting.recordUnplanned', value: C }] });
  return { visibility: 'private', blocks, fallbackText: tx(lang, 'meetings.header', { code: C }) };
}

/** "The time is outside the model's window" in words, e.g. "… ligger före tidsfristen …". */
function windowWarning(lang: Lang, tz: string, pb: Playbook, what: string, at: Date, side: string, ruleKey: string, earliest: Date | null, due: Date): string {
  const window = earliest ? `${fmtDate(earliest, tz, lang)}–${fmtDate(due, tz, lang)}` : tx(lang, 'window.until', { date: fmtDate(due, tz, lang) });
  return tx(lang, side === 'early' ? 'window.early' : 'window.late', { what, when: fmtDateTime(at, tz, lang), rule: ruleLabel(pb, ruleKey, lang), window });
}

/** Asks to confirm a booking outside the window; "Boka ändå" carries the booking back. */
async function outsideWindowReply(x: ChatCtx, code: string, e: DomainError, booking: Booking): Promise<ChatReply> {
  const { lang } = x;
  const pb = await playbookOf(x, code);
  const p = e.params as Record<string, string>;
  const text = windowWarning(lang, x.org.timeZone, pb, meetingLabel(pb, p.type ?? '', lang), new Date(booking.s), p.side ?? 'late', p.rule ?? '', p.earliest ? new Date(p.earliest) : null, new Date(p.due ?? booking.s));
  const C = code.toUpperCase();
  const value = `${C}|${Buffer.from(JSON.stringify(booking)).toString('base64url')}`;
  const other: { action: ActionId; value: string } = booking.m ? { action: 'meeting.reschedule', value: `${C}|${booking.m}` } : { action: 'case.meeting', value: `${C}|${p.type ?? ''}` };
  return {
    visibility: 'private',
    blocks: [
      { type: 'text', text: `⚠ ${text} ${tx(lang, 'window.confirm')}` },
      { type: 'actions', buttons: [{ label: tx(lang, 'btn.bookAnyway'), action: 'meeting.confirmOutside', value, style: 'primary' }, { label: tx(lang, 'btn.otherTime'), ...other }] },
    ],
    fallbackText: text,
  };
}

async function withIcs(x: ChatCtx, reply: ChatReply, code: string, meetingId: string): Promise<ChatReply> {
  // The invitation is read through withCase: the meeting must belong to this case of the actor's organisation.
  const ics = await meetingInvitation(x.deps, x.actor, code, meetingId, x.lang);
  return ics ? { ...reply, attachments: [ics] } : reply;
}

/** Runs a booking; outside the model's window it asks to confirm instead. */
async function booked(x: ChatCtx, code: string, booking: Booking, run: () => Promise<ChatReply>): Promise<ChatReply> {
  try {
    return await run();
  } catch (e) {
    if (isDomainError(e) && e.code === 'MEETING.OUTSIDE_WINDOW') return outsideWindowReply(x, code, e, booking);
    throw e;
  }
}

function rescheduled(x: ChatCtx, code: string, meetingId: string, startsAt: Date): Promise<ChatReply> {
  return withIcs(x, textReply(`✅ ${tx(x.lang, 'ok.rescheduled', { when: fmtDateTime(startsAt, x.org.timeZone, x.lang) })}`), code, meetingId);
}

export const meetings: Feature<
  'meeting',
  ActionIdOf<'meetings'>,
  typeof F.FORM.meeting | typeof F.FORM.outcome | typeof F.FORM.reschedule
> = {
  name: 'meetings',
  commands: {
    meeting: async (x, cmd) => {
      // `möte KOD nätverksmöte tisdag kl. 13`: type, date and time prefilled; a doubtful date is asked about.
      if (cmd.rest) {
        const pb = await playbookOf(x, cmd.caseCode);
        const p = meetingPrefill(pb, cmd.rest, { zone: x.org.timeZone, now: x.deps.clock.now() });
        if (p.type || p.when) {
          await gate(x, cmd.caseCode, 'case.write', 'meeting');
          return formReply(F.meetingForm(x.lang, cmd.caseCode.toUpperCase(), pb, p.type, {
            ...(p.when ? { startsAt: whenToFieldValue(p.when) } : {}),
            ...(p.when?.needsConfirmation ? { intro: prefilledDateIntro(p.when, x.lang) } : {}),
          }));
        }
      }
      return meetingsView(x, cmd.caseCode);
    },
  },
  actions: {
    'case.meetings': (x, a) => meetingsView(x, a.code),
    'case.meeting': async (x, a) => {
      await gate(x, a.code, 'case.write', 'meeting');
      return formReply(F.meetingForm(x.lang, a.code, await playbookOf(x, a.code), a.id || undefined));
    },
    'meeting.record': async (x, a) => {
      const { caseId } = await checkCaseAccess(x.deps, x.actor, a.code, 'case.write', 'form.outcome.open');
      const pb = await playbookOf(x, a.code);
      const m = await findCaseMeeting(x.deps, caseId, a.id);
      if (!m) throw new DomainError('MEETING.NOT_FOUND', { code: a.code.toUpperCase() });
      return formReply(F.outcomeForm(x.lang, a.code, pb, { id: m.id, type: m.type }, { owner: await ownerInitial(x) }));
    },
    'meeting.recordUnplanned': async (x, a) => {
      await gate(x, a.code, 'case.write', 'outcome');
      return formReply(F.outcomeForm(x.lang, a.code, await playbookOf(x, a.code), {}, { owner: await ownerInitial(x) }));
    },
    'meeting.reschedule': async (x, a) => {
      const { caseId } = await checkCaseAccess(x.deps, x.actor, a.code, 'case.write', 'form.reschedule.open');
      if (!(await findCaseMeeting(x.deps, caseId, a.id))) throw new DomainError('MEETING.NOT_FOUND', { code: a.code.toUpperCase() });
      return formReply(F.rescheduleForm(x.lang, a.code, a.id));
    },
    'meeting.confirmOutside': async (x, { code, id }) => {
      // The person saw the warning and books anyway; the booking is logged as outside the window.
      let b: Booking;
      try {
        b = JSON.parse(Buffer.from(id, 'base64url').toString('utf8')) as Booking;
      } catch {
        throw new DomainError('FORM.UNKNOWN');
      }
      const startsAt = new Date(b.s);
      if (Number.isNaN(startsAt.getTime())) throw new DomainError('FORM.UNKNOWN');
      if (b.m) {
        await rescheduleMeeting(x.deps, x.actor, code, b.m, startsAt, { confirmOutsideWindow: true });
        return rescheduled(x, code, b.m, startsAt);
      }
      const r = await scheduleMeeting(x.deps, x.actor, code, { type: b.t ?? '', startsAt, durationMin: b.d ?? 60, location: b.l, confirmOutsideWindow: true }, x.opts);
      const pb = await playbookOf(x, code);
      return withIcs(x, textReply(`✅ ${tx(x.lang, 'ok.meeting', { type: meetingLabel(pb, b.t ?? '', x.lang), when: fmtDateTime(startsAt, x.org.timeZone, x.lang) })}`), r.code, r.meetingId);
    },
    'meeting.cancel': async (x, a) => {
      await cancelMeeting(x.deps, x.actor, a.code, a.id);
      return withIcs(x, textReply(`✅ ${tx(x.lang, 'ok.cancelled')}`), a.code, a.id);
    },
  },
  forms: {
    [F.FORM.meeting]: async (x, f) => {
      const { lang } = x;
      const startsAt = f.date('startsAt', true)!;
      const duration = f.v.durationMin ? Number(f.v.durationMin) : 60;
      if (!Number.isFinite(duration)) throw new FieldError('durationMin', tx(lang, 'bad.number'));
      const booking = { type: f.req('type', tx(lang, 'f.meetingType')), startsAt, durationMin: duration, location: f.v.location || undefined };
      return booked(x, f.code, { t: booking.type, s: startsAt.toISOString(), d: duration, l: booking.location }, async () => {
        const r = await scheduleMeeting(x.deps, x.actor, f.code, booking, x.opts);
        const pb = await playbookOf(x, f.code);
        return withIcs(x, textReply(`✅ ${tx(lang, 'ok.meeting', { type: meetingLabel(pb, f.v.type!, lang), when: fmtDateTime(startsAt, x.org.timeZone, lang) })}`), r.code, r.meetingId);
      });
    },
    [F.FORM.outcome]: async (x, f) => {
      const { lang } = x;
      const v = f.v;
      const code = f.code;
      const nextAt = v.nextType ? f.date('nextAt', true) : undefined;
      const actionDue = f.date('actionDueAt', false, '16:00');
      const actionEvaluation = f.date('actionEvaluationAt', false, '16:00');
      // An action recorded at a meeting is a real plan action: its owner is chosen, never assumed.
      if (v.action && !v.actionOwner) throw new FieldError('actionOwner', pt(lang, 'plan.need.owner'));
      const held = await recordMeetingOutcome(x.deps, x.actor, code, {
        meetingId: f.ctx.meetingId, type: v.type || undefined, minutes: v.minutes || undefined, outputs: f.list('outputs'),
        decisions: v.decision ? [{ kind: 'GENERAL', text: v.decision }] : [],
        actions: v.action ? [{ text: v.action, owner: personRef(v.actionOwner!), participant: v.actionParticipant || undefined, dueAt: actionDue, evaluationAt: actionEvaluation }] : [],
        nextMeeting: v.nextType && nextAt ? { type: v.nextType, startsAt: nextAt } : undefined,
      }, x.opts);
      const done = textReply<ActionId>(`✅ ${tx(lang, 'ok.outcome', { code: code.toUpperCase() })}`);
      const breach = held.next?.outsideWindow;
      if (held.next && breach) {
        // The minutes are saved; the next meeting is booked but outside the model's window.
        const pb = await playbookOf(x, code);
        const warn = windowWarning(lang, x.org.timeZone, pb, meetingLabel(pb, v.nextType!, lang), nextAt!, breach.side, breach.ruleKey, breach.earliestAt, breach.dueAt);
        done.blocks.push({ type: 'text', text: `⚠ ${warn}` }, { type: 'actions', buttons: [{ label: tx(lang, 'btn.reschedule'), action: 'meeting.reschedule', value: `${code.toUpperCase()}|${held.next.meetingId}`, style: 'primary' }] });
      }
      return done;
    },
    [F.FORM.reschedule]: async (x, f) => {
      const startsAt = f.date('startsAt', true)!;
      const meetingId = f.ctx.meetingId ?? '';
      return booked(x, f.code, { m: meetingId, s: startsAt.toISOString() }, async () => {
        await rescheduleMeeting(x.deps, x.actor, f.code, meetingId, startsAt);
        return rescheduled(x, f.code, meetingId, startsAt);
      });
    },
  },
  personFields: { [F.FORM.outcome]: 'actionOwner' },
};
