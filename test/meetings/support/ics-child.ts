/**
 * Books, reschedules and cancels meetings through ChatService in a process of its own, so the
 * parent can choose its `TZ`: `tsx ics-child.ts`. Prints one JSON line with every .ics made and
 * the wall time the person typed for it.
 */
import { openCase } from '../../../src/cases/case.service.ts';
import { FORM } from '../../../src/chat/forms.ts';
import type { Reply } from '../../../src/ports/reply.ts';
import { resolveActor } from '../../../src/orgs/org.service.ts';
import { FakeClock } from '../../../src/shared/clock.ts';
import { startTestService } from '../../support/service.ts';

const clock = new FakeClock(new Date('2026-11-23T08:00:00+01:00'));
const s = await startTestService({ clock });
const out: { label: string; entered: string; durationMin: number; ics: string }[] = [];
try {
  const ref = { platform: 'CONSOLE' as const, userId: 'maria' };
  const actor = await resolveActor(s.db.prisma, ref);
  const { code } = await openCase(s.core.deps, actor, { playbookKey: 's0-elevvard', studentRef: 'Elev Exempelsson', schoolUnitCode: 'NORR' });
  const ics = (r: Reply): string => {
    const file = r.attachments?.find((a) => a.mimeType === 'text/calendar');
    if (!file || r.attachments!.length !== 1) throw new Error(`no .ics in ${JSON.stringify(r)}`);
    return file.content;
  };
  const book = async (label: string, entered: string, durationMin = 60) => {
    const r = await s.core.chat.submitForm(ref, FORM.meeting, { code }, { type: 'malmote', startsAt: entered, durationMin: String(durationMin) });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    out.push({ label, entered, durationMin, ics: ics(r.reply) });
    // The uid of the invitation is `<meeting id>@stafett`.
    return /^UID:(.+)@stafett\r$/m.exec(out.at(-1)!.ics)![1]!;
  };
  // Winter; the day of the spring change (Stockholm 2027-03-28, New York 2027-03-14); between the
  // two zones' changes; the day of the autumn change (2027-10-31); a meeting over midnight UTC.
  await book('winter', '2026-11-25 13:30');
  await book('spring-change-day', '2027-03-28 13:30');
  await book('new-york-dst-only', '2027-03-20 09:15', 45);
  await book('autumn-change-day', '2027-10-31 13:30');
  const moved = await book('late-evening', '2026-12-10 23:30', 90);
  // Reschedule from winter to summer time, then cancel.
  const r1 = await s.core.chat.submitForm(ref, FORM.reschedule, { code, meetingId: moved }, { startsAt: '2027-04-06 08:00' });
  if (!r1.ok) throw new Error(JSON.stringify(r1.errors));
  out.push({ label: 'rescheduled', entered: '2027-04-06 08:00', durationMin: 90, ics: ics(r1.reply) });
  const r2 = await s.core.chat.handleAction(ref, 'meeting.cancel', `${code}|${moved}`);
  out.push({ label: 'cancelled', entered: '2027-04-06 08:00', durationMin: 90, ics: ics(r2) });
  process.stdout.write(`${JSON.stringify({ tz: process.env.TZ, code, out })}\n`);
} finally {
  await s.close();
}
