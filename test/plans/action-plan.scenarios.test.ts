/**
 * The action plan of every seed model, driven through the conversation layer as staff would:
 * actions with staff and non-staff owners (from `åtgärd` and from a meeting's outcome), their
 * reminders and escalation, Klar / Utvärdera / Ändra from typed commands and buttons, the baton
 * hand-over with its reminders and notices, and closing with open actions.
 */
import MarkdownIt from 'markdown-it';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatService } from '../../src/chat/chat.service.ts';
import type { ActorRef } from '../../src/ports/actor.ts';
import type { Block, Reply } from '../../src/ports/reply.ts';
import { openCase } from '../../src/cases/case.service.ts';
import { scheduleMeeting } from '../../src/meetings/meeting.service.ts';
import { dbKind } from '../support/db.ts';
import { createReminderFixture, drain, type ReminderFixture } from '../reminders/support/fixture.ts';

interface Model {
  key: string;
  opener: string;
  firstRole: string;
  /** A staff owner other than the opener (may write in the case). */
  staff: string;
  /** The participant outside the staff who owns an action (seed wording). */
  participant: string;
  /** Who is asked to take the baton and declines, and who accepts. */
  declines: string;
  accepts: string;
  close?: { reason: string; maintenancePlan?: string };
}

const MODELS: Model[] = [
  // Elevvård closes only from the follow-up stages (walked in test/cases/scenarios.test.ts).
  { key: 's0-elevvard', opener: 'maria', firstRole: 'mentor', staff: 'karin', participant: 'Vårdnadshavare', declines: 'kalle', accepts: 'karin' },
  { key: 's1-vastbas', opener: 'karin', firstRole: 'central-coordinator', staff: 'kalle', participant: 'Mormor', declines: 'kalle', accepts: 'maria', close: { reason: 'goals-met' } },
  { key: 's2-tomelilla', opener: 'maria', firstRole: 'mentor', staff: 'karin', participant: 'Eleven', declines: 'kalle', accepts: 'karin', close: { reason: 'no-longer-needed', maintenancePlan: 'Mentorn stämmer av närvaron varje fredag fram till sommarlovet.' } },
  { key: 's3-bti', opener: 'maria', firstRole: 'mentor', staff: 'karin', participant: 'Foresatte', declines: 'kalle', accepts: 'karin', close: { reason: 'efforts-completed' } },
  { key: 's4-sandviken', opener: 'maria', firstRole: 'mentor', staff: 'karin', participant: 'BUP', declines: 'kalle', accepts: 'karin', close: { reason: 'Närvaron är god sedan sex veckor' } },
];

let f: ReminderFixture;
let chat: ChatService;
beforeEach(async () => {
  // Monday 23 Nov 2026, 08:00 in Stockholm.
  f = await createReminderFixture(new Date('2026-11-23T08:00:00+01:00'));
  chat = new ChatService({ deps: f.deps, notifier: f.registry, reminders: f.reminders, config: { production: false } });
});
afterEach(async () => f.close());

const ref = (user: string): ActorRef => ({ platform: 'CONSOLE', userId: user, conversation: { id: `console:${user}`, kind: 'personal' } });
const textOf = (r: Reply): string => [r.fallbackText, ...r.blocks.flatMap((b: Block) => (b.type === 'text' || b.type === 'header' ? [b.text] : b.type === 'list' ? b.items : b.type === 'fields' ? b.fields.map((x) => `${x.label}: ${x.value}`) : b.type === 'actions' ? b.buttons.map((x) => x.label) : []))].join('\n');
const buttons = (r: Reply) => r.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
// Notices go through the outbox: deliver what fell due after each request, as the running service does.
const settled = async <T>(p: Promise<T>): Promise<T> => { const r = await p; await drain(f.reminders); return r; };
const say = (user: string, text: string) => settled(chat.handleText(ref(user), text));
const click = (user: string, action: string, value: string) => settled(chat.handleAction(ref(user), action, value));
async function submit(user: string, r: Reply, values: Record<string, string>) {
  expect(r.form, textOf(r)).toBeDefined();
  return chat.submitForm(ref(user), r.form!.id, r.form!.context, values);
}
const okText = (res: Awaited<ReturnType<typeof submit>>): string => {
  expect(res.ok, JSON.stringify(res)).toBe(true);
  return res.ok ? textOf(res.reply) : '';
};
/** Messages delivered to a console user since `from`, as text with their kind. */
const inbox = (user: string, from = 0) => f.consoleNotifier.deliveries.slice(from).filter((d) => d.target.person?.consoleUser === user).map((d) => ({ kind: d.message.kind, text: textOf(d.message.reply), buttons: buttons(d.message.reply) }));
const at = async (iso: string) => {
  f.clock.set(new Date(iso));
  await drain(f.reminders);
};
/** List items of the Markdown export as a reader shows them (markdown-it, tags removed). */
const exportItems = (md: string) => [...new MarkdownIt().render(md).matchAll(/<li>([\s\S]*?)<\/li>/g)].map((x) => x[1]!.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim());
/** The PDF export's text as PDF.js reads it, all pages. */
async function pdfText(base64: string): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(Buffer.from(base64, 'base64')), useSystemFonts: false, disableFontFace: true }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) pages.push((await (await doc.getPage(i)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join(' '));
  await doc.cleanup();
  return pages.join(' ').replace(/\s+/g, ' ');
}
const name = async (user: string) => (await f.deps.prisma.person.findFirstOrThrow({ where: { consoleUser: user } })).displayName;

describe.each(MODELS)(`action plan and hand-over: $key (${dbKind})`, (m) => {
  it('runs the plan with staff and non-staff owners through reminders, completion, evaluation, revision, hand-over and closure', async () => {
    const opener = await f.as(m.opener);
    // Västbas and Tomelilla open a case only with the guardians' consent, given in the same step.
    const consent = { scope: ['SCHOOL', 'SOCIAL_SERVICES'] as ('SCHOOL' | 'SOCIAL_SERVICES')[], givenBy: ['GUARDIAN'] as 'GUARDIAN'[] };
    const { code, caseId } = await openCase(f.deps, opener, { playbookKey: m.key, schoolUnitCode: 'NORR', studentRef: 'Elev Planberg', firstRole: m.firstRole, consent });
    const openerName = await name(m.opener);
    const staffName = await name(m.staff);

    // BTI: the baton holder is the stafettholder from the start — status never says the role is vacant.
    const first = await say(m.opener, `status ${code}`);
    if (m.key === 's3-bti') {
      expect(textOf(first)).not.toMatch(/Stafett\S*”? är inte tillsatt/i);
      expect(textOf(first)).toMatch(new RegExp(`Stafetten: ${openerName} \\(.*Stafett`));
    }

    // 1. A staff-owned action from `åtgärd`: the owner is chosen in the form (pre-filled with the recorder).
    const form1 = await say(m.opener, `åtgärd ${code} Ringer hem varje måndag morgon`);
    expect(form1.form!.fields.find((x) => x.name === 'owner')).toMatchObject({ required: true, initial: m.opener });
    // An empty owner is refused next to the field, not silently the recorder.
    const empty = await submit(m.opener, form1, { text: 'Ringer hem varje måndag morgon', owner: '', dueAt: '2026-11-26', evaluationAt: '2026-12-10' });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(Object.keys(empty.errors)).toEqual(['owner']);
    // A name that is not a colleague keeps the form and says where a participant goes.
    const notStaff = await submit(m.opener, form1, { text: 'Ringer hem varje måndag morgon', owner: m.participant, dueAt: '2026-11-26' });
    expect(notStaff.ok).toBe(false);
    if (!notStaff.ok) expect(notStaff.errors.owner).toMatch(/utanför personalen/);
    expect(okText(await submit(m.opener, form1, { text: 'Ringer hem varje måndag morgon', owner: m.staff, dueAt: '2026-11-26', evaluationAt: '2026-12-10' })))
      .toMatch(new RegExp(`Åtgärd 1 är tillagd i ${code}\\. Påminnelserna går till ${staffName}`));

    // 2. A participant outside the staff owns an action; the opener follows it up and gets its reminders.
    const form2 = await say(m.opener, `åtgärd ${code} Följer med till skolan på tisdagar`);
    expect(okText(await submit(m.opener, form2, { text: 'Följer med till skolan på tisdagar', owner: m.opener, participant: m.participant, dueAt: '2026-11-27', evaluationAt: '2026-12-11' })))
      .toMatch(/Åtgärd 2 är tillagd/);

    // 3. An action recorded in a meeting's outcome is a real action: owner chosen, due and evaluation dates.
    const outcome = await click(m.opener, 'meeting.recordUnplanned', code);
    const type = outcome.form!.fields.find((x) => x.name === 'type')!.options![0]!.value;
    const noOwner = await submit(m.opener, outcome, { type, action: 'Hemläxa: hjälper till med morgonrutinen', actionOwner: '', actionDueAt: '2026-11-30' });
    expect(noOwner.ok).toBe(false);
    if (!noOwner.ok) expect(Object.keys(noOwner.errors)).toEqual(['actionOwner']);
    okText(await submit(m.opener, outcome, { type, action: 'Hemläxa: hjälper till med morgonrutinen', actionOwner: m.opener, actionParticipant: 'Vårdnadshavare', actionDueAt: '2026-11-30', actionEvaluationAt: '2026-12-14' }));

    const actions = await f.deps.prisma.caseAction.findMany({ where: { caseId }, orderBy: { number: 'asc' } });
    expect(actions.map((a) => a.number)).toEqual([1, 2, 3]);
    expect(actions[2]!.meetingId).not.toBeNull();
    // Participants' names are case details: encrypted at rest, never in nudge rows.
    for (const a of actions) expect(a.participantEnc ?? '').not.toMatch(/Mormor|Vårdnadshavare|Eleven|Foresatte|BUP/);
    expect(f.deps.cipher.decryptOpt(actions[1]!.participantEnc)).toBe(m.participant);
    const dl = await f.deps.prisma.deadline.findMany({ where: { caseId, subjectType: { in: ['action', 'action-evaluation'] } } });
    expect(dl.filter((d) => d.subjectId === actions[2]!.id).map((d) => d.ruleKey).sort()).toEqual(['action-due', 'action-evaluation']);
    expect(JSON.stringify(await f.deps.prisma.nudge.findMany({ where: { caseId } }))).not.toContain(m.participant);

    // Status lists every open action with owner, dates and Klar / Utvärdera / Ändra.
    const status = await say(m.opener, `status ${code}`);
    const st = textOf(status);
    expect(st).toMatch(new RegExp(`\\*\\*1\\.\\*\\* Ringer hem varje måndag morgon – ansvarig: ${staffName} · senast 26 nov\\. 2026 · utvärderas 10 dec\\. 2026`));
    expect(st).toMatch(new RegExp(`\\*\\*2\\.\\*\\* Följer med till skolan på tisdagar – ${m.participant}, följs upp av ${openerName}`));
    expect(st).toMatch(new RegExp(`\\*\\*3\\.\\*\\* Hemläxa: hjälper till med morgonrutinen – Vårdnadshavare, följs upp av ${openerName}`));
    for (const a of actions) {
      expect(buttons(status).filter((b) => b.value === `${code}|${a.id}`).map((b) => b.action)).toEqual(['action.done', 'action.evaluate', 'action.revise']);
    }
    // Teams shows at most 5 actions per action set.
    for (const b of status.blocks) if (b.type === 'actions' && b.buttons.some((x) => x.action.startsWith('action.'))) expect(b.buttons.length).toBeLessThanOrEqual(5);

    // Reminders: the staff owner the day before; the follower for the participant's action, naming the participant 1:1.
    await at('2026-11-25T09:00:00+01:00');
    expect(inbox(m.staff).find((x) => x.kind === 'deadline.soon')?.text).toMatch(/Ringer hem varje måndag morgon/);
    await at('2026-11-26T09:00:00+01:00');
    expect(inbox(m.opener).find((x) => x.kind === 'deadline.soon' && x.text.includes('tisdagar'))?.text).toContain(`(${m.participant})`);

    // Klar typed by the staff owner; the reply offers Utvärdera.
    const done1 = await say(m.staff, `klar ${code} 1`);
    expect(textOf(done1)).toMatch(new RegExp(`Åtgärd 1 i ${code} är klar`));
    expect(buttons(done1).map((b) => b.action)).toEqual(['action.evaluate']);
    expect(textOf(await say(m.staff, `klar ${code} 1`))).toMatch(/var redan klar/);
    // Klar from the status button for the participant's action.
    expect(textOf(await click(m.opener, 'action.done', `${code}|${actions[1]!.id}`))).toMatch(/Åtgärd 2 .* är klar/);
    const met = await f.deps.prisma.deadline.findMany({ where: { caseId, subjectType: 'action', subjectId: { in: [actions[0]!.id, actions[1]!.id] } } });
    expect(met.map((d) => d.status)).toEqual(['MET', 'MET']);

    // Action 3 is not done: overdue to its follower the day after, then escalated up the chain.
    const before3 = f.consoleNotifier.deliveries.length;
    await at('2026-12-01T09:00:00+01:00');
    expect(inbox(m.opener, before3).some((x) => x.kind === 'deadline.overdue' && x.text.includes('morgonrutinen'))).toBe(true);
    await at('2026-12-08T09:00:00+01:00');
    expect(inbox('tove', before3).some((x) => x.kind === 'deadline.escalation')).toBe(true);

    // Utvärdera typed with the result: "fungerade inte" + a note; the reply offers Ändra.
    const ev1 = await say(m.staff, `utvärdera ${code} 1 fungerade inte – för tidigt på morgonen`);
    expect(textOf(ev1)).toMatch(/Åtgärd 1 .* är utvärderad: fungerade inte/);
    expect(buttons(ev1).map((b) => b.action)).toEqual(['action.revise']);
    // Utvärdera from the button: the form asks worked / partly / did not, with a note.
    const evForm = await click(m.opener, 'action.evaluate', `${code}|${actions[1]!.id}`);
    expect(evForm.form!.fields.find((x) => x.name === 'result')!.options!.map((o) => o.label)).toEqual(['fungerade', 'fungerade delvis', 'fungerade inte']);
    expect(okText(await submit(m.opener, evForm, { result: 'PARTLY', note: 'Går bra två dagar av tre' }))).toMatch(/fungerade delvis/);
    const evaluated = await f.deps.prisma.caseAction.findMany({ where: { caseId }, orderBy: { number: 'asc' } });
    expect(evaluated.map((a) => a.evaluationResult)).toEqual(['NOT', 'PARTLY', null]);
    expect(f.deps.cipher.decryptOpt(evaluated[0]!.evaluationEnc)).toBe('för tidigt på morgonen');

    // Ändra: a new date and a new owner, logged; the reminders follow the new date and owner.
    const rev = await say(m.opener, `ändra ${code} 3`);
    expect(rev.form!.fields.find((x) => x.name === 'dueAt')!.initial).toBe('2026-11-30');
    expect(okText(await submit(m.opener, rev, { ...Object.fromEntries(rev.form!.fields.map((x) => [x.name, x.initial ?? ''])), dueAt: '2026-12-11', owner: m.staff, reason: 'Ny tid efter samtal med familjen' })))
      .toMatch(/Åtgärd 3 .* är ändrad: slutdatum, ansvarig/);
    const moved = await f.deps.prisma.deadline.findFirstOrThrow({ where: { caseId, subjectType: 'action', subjectId: actions[2]!.id, status: 'OPEN' } });
    expect(moved.ownerId).toBe((await f.as(m.staff)).personId);
    expect(moved.dueAt.toISOString()).toBe('2026-12-11T15:00:00.000Z');
    const pending3 = await f.deps.prisma.nudge.findMany({ where: { caseId, status: 'PENDING', kind: 'deadline.soon' } });
    expect(pending3.some((n) => n.personId === moved.ownerId && (n.payload as { deadlineId?: string }).deadlineId === moved.id)).toBe(true);

    // The log shows the plan changes and lists the plan with its buttons.
    const log = await say(m.opener, `logg ${code}`);
    expect(textOf(log)).toMatch(/Åtgärd 1 klar/);
    expect(textOf(log)).toMatch(/Åtgärd 1 utvärderad: fungerade inte – för tidigt på morgonen/);
    expect(textOf(log)).toMatch(/Åtgärd 3 ändrad – Ny tid efter samtal med familjen/);
    expect(buttons(log).some((b) => b.action === 'action.revise' && b.value === `${code}|${actions[2]!.id}`)).toBe(true);

    // The export has each action with its owner — a participant with the staff member who follows it up — and its evaluation.
    const exp = await say(m.opener, `export ${code}`);
    const expMd = exp.attachments?.find((a) => a.fileName.endsWith('.md'));
    const expPdf = exp.attachments?.find((a) => a.fileName.endsWith('.pdf'));
    const line2 = `2. Följer med till skolan på tisdagar – ${m.participant}, följs upp av ${openerName} · senast 27 nov. 2026 · utvärderas 11 dec. 2026 – klar – utvärderad 8 dec. 2026: fungerade delvis – Går bra två dagar av tre`;
    const line1 = `1. Ringer hem varje måndag morgon – ansvarig: ${staffName} · senast 26 nov. 2026 · utvärderas 10 dec. 2026 – klar – utvärderad 8 dec. 2026: fungerade inte – för tidigt på morgonen`;
    expect(exportItems(expMd!.content)).toEqual(expect.arrayContaining([line1, line2]));
    const pdfAll = await pdfText(expPdf!.content);
    expect(pdfAll).toContain(line1);
    expect(pdfAll).toContain(line2);

    // Hand-over: reminders to the proposed holder after a working day, to the holder after three; a decline tells the holder why.
    const holder = m.opener;
    const h0 = f.consoleNotifier.deliveries.length;
    await say(holder, `stafett ${code} ${m.declines}`);
    expect(inbox(m.declines, h0).map((x) => x.kind)).toContain('handover.request');
    await at('2026-12-09T10:00:00+01:00');
    const pendingNote = inbox(m.declines, h0).find((x) => x.kind === 'handover.pending');
    expect(pendingNote?.buttons.map((b) => b.action)).toEqual(['case.accept', 'case.decline', 'case.open']);
    expect(inbox(holder, h0).some((x) => x.kind === 'handover.waiting')).toBe(false);
    await at('2026-12-11T10:00:00+01:00');
    expect(inbox(holder, h0).find((x) => x.kind === 'handover.waiting')?.text).toMatch(new RegExp(`${code}.*inte accepterad`));
    await say(m.declines, `avböj ${code} Jag är föräldraledig i vår`);
    expect(inbox(holder, h0).find((x) => x.kind === 'handover.declined')?.text).toMatch(new RegExp(`${await name(m.declines)} avböjde .*${code}: ”Jag är föräldraledig i vår”`));
    // An accepted hand-over tells the previous holder (and the case lead).
    const h1 = f.consoleNotifier.deliveries.length;
    await say(holder, `stafett ${code} ${m.accepts}`);
    expect(textOf(await say(m.accepts, `acceptera ${code}`))).toMatch(/Du har nu stafetten/);
    expect(inbox(holder, h1).find((x) => x.kind === 'handover.accepted')?.text).toMatch(new RegExp(`${await name(m.accepts)} har tagit emot stafetten i ärende ${code}`));
    expect(await f.deps.prisma.nudge.count({ where: { caseId, status: 'PENDING', kind: { startsWith: 'handover.' } } })).toBe(0);
    const afterHandover = textOf(await say(m.accepts, `status ${code}`));
    expect(afterHandover).toMatch(new RegExp(`Stafetten: ${await name(m.accepts)}`));
    if (m.key === 's3-bti') expect(afterHandover).not.toMatch(/Stafett\S*”? är inte tillsatt/i);

    if (!m.close) return;
    // Closing with open or unevaluated actions asks to confirm and lists them; then nothing stays pending.
    await scheduleMeeting(f.deps, await f.as(m.accepts), code, { type, startsAt: new Date('2027-01-12T13:00:00+01:00') });
    const closeForm = await say(m.accepts, `avsluta ${code}`);
    // Actions 1 and 2 are done and evaluated; 3 is still open.
    expect(closeForm.form!.intro).toMatch(/Öppna eller inte utvärderade åtgärder \(1\)/);
    expect(closeForm.form!.intro).not.toMatch(/Följer med till skolan/);
    expect(closeForm.form!.intro).toMatch(/\*\*3\.\*\* Hemläxa: hjälper till med morgonrutinen/);
    const values = { reason: m.close.reason, maintenancePlan: m.close.maintenancePlan ?? '' };
    const unconfirmed = await submit(m.accepts, closeForm, { ...values, confirmOpen: 'false' });
    expect(unconfirmed.ok).toBe(false);
    if (!unconfirmed.ok) expect(unconfirmed.errors.confirmOpen).toMatch(/Åtgärder i .* är öppna eller inte utvärderade \(nr 3\)/);
    expect(okText(await submit(m.accepts, closeForm, { ...values, confirmOpen: 'true' }))).toMatch(/avslutat|avslutad/i);
    expect((await f.deps.prisma.caseAction.findMany({ where: { caseId }, orderBy: { number: 'asc' } })).map((a) => a.status)).toEqual(['DONE', 'DONE', 'CANCELLED']);
    expect(await f.deps.prisma.meeting.count({ where: { caseId, status: 'PLANNED' } })).toBe(0);
    expect(await f.deps.prisma.nudge.count({ where: { caseId, status: 'PENDING' } })).toBe(0);
    const closed = textOf(await say(m.accepts, `status ${code}`));
    expect(closed).not.toMatch(/Planerade möten|Handlingsplan:/);
    const closedLog = textOf(await say(m.accepts, `logg ${code}`));
    expect(closedLog).toMatch(/Öppna åtgärder stängda med ärendet \(nr 3\)/);
    expect(closedLog).toMatch(/Planerat möte stängt med ärendet/);
    expect(closedLog).toMatch(/3\.\*\* Hemläxa: hjälper till med morgonrutinen .* stängd med ärendet/);
    if (m.close.maintenancePlan) {
      // Tomelilla: the maintenance plan is shown in status, the log and the export.
      expect(closed).toContain(`Vidmakthållandeplan:** ${m.close.maintenancePlan}`);
      expect(closedLog).toContain(m.close.maintenancePlan);
      const exp = await say(m.accepts, `export ${code}`);
      const md = exp.attachments?.find((a) => a.fileName.endsWith('.md'));
      expect(md, 'the Markdown export').toBeDefined();
      expect(md!.content).toContain(m.close.maintenancePlan);
      expect(exportItems(md!.content)).toContain(`2. Följer med till skolan på tisdagar – Eleven, följs upp av ${openerName} · senast 27 nov. 2026 · utvärderas 11 dec. 2026 – klar – utvärderad 8 dec. 2026: fungerade delvis – Går bra två dagar av tre`);
    }
  });
});
