/**
 * What social services may see (issue 12 items 5–7, issue 14 item 10), through the real services
 * and ChatService on both databases: the gate holds whatever case role they hold; a report of
 * concern is never refused and discloses the report, not the case; social services cannot give
 * themselves a basis; further disclosure is a recorded, approved share with a scope and an end;
 * withdrawal of consent closes every route at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignRole, openCase, recordConcern, requestHandover, acceptHandover } from '../../src/cases/case.service.ts';
import { getAuditTrail, getCaseLog, getCaseStatus } from '../../src/cases/case-query.service.ts';
import { listConcernReports } from '../../src/cases/concern.service.ts';
import { ChatService } from '../../src/chat/chat.service.ts';
import { buildCaseExport } from '../../src/chat/export.ts';
import type { Reply } from '../../src/ports/reply.ts';
import { recordConsent, withdrawConsent } from '../../src/consent/consent.service.ts';
import { decideShare, listShareRequests, requestShare } from '../../src/consent/share.service.ts';
import { scheduleMeeting } from '../../src/meetings/meeting.service.ts';
import { addAction, recordDecision } from '../../src/plans/plan.service.ts';
import { NotifierRegistry } from '../../src/ports/notifier.ts';
import { createReminders } from '../../src/reminders/index.ts';
import { replyText } from '../support/privacy.ts';
import { dbKind } from '../support/db.ts';
import { createTestCore, DAY, type TestCore } from '../support/core.ts';
import { renderNotice } from '../../src/chat/notice-views.ts';
import { nudgeViews } from '../../src/chat/reminder-views.ts';

const NOTE = 'Morfar slår Alva Lindqvist enligt grannen';

async function code(p: Promise<unknown>): Promise<string> {
  return p.then(() => 'allowed', (e: { code?: string }) => e.code ?? String(e));
}

describe(`social services and legal bases (${dbKind})`, () => {
  let c: TestCore;
  let chat: ChatService;
  const sent: { personId: string; text: string; kind: string }[] = [];
  const console = (userId: string) => ({ platform: 'CONSOLE' as const, userId });
  const buttons = (r: Reply) => r.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));

  beforeAll(async () => {
    c = await createTestCore();
    // The real outbox write, and the notice as the dispatcher will render it.
    const write = c.deps.notifyPerson;
    c.deps.notifyPerson = async (tx, personId, notice, params, opts) => {
      await write(tx, personId, notice, params, opts);
      sent.push({ personId, text: renderNotice(notice.kind, 'sv', params, { timeZone: 'Europe/Stockholm' })!.text, kind: notice.kind });
    };
    const notifier = new NotifierRegistry();
    chat = new ChatService({ deps: c.deps, notifier, reminders: createReminders({ notices: renderNotice, views: nudgeViews, deps: c.deps, notifier, instanceId: 't', intervalMs: 60_000 }), config: { production: false } });
  });
  afterAll(async () => c?.close());

  it('a social-services person in a school role is gated by consent, also after withdrawal (item 5)', async () => {
    const maria = await c.as('maria');
    const sara = await c.as('sara');
    const { code: k } = await openCase(c.deps, maria, { playbookKey: 's0-elevvard', schoolUnitCode: 'NORR', studentRef: 'Alva Lindqvist', firstRole: 'mentor' });
    await recordConsent(c.deps, maria, k, { scope: ['SCHOOL', 'SOCIAL_SERVICES'], givenBy: [{ party: 'GUARDIAN' }] });
    await assignRole(c.deps, maria, k, { person: { text: 'sara' }, role: 'evg-member' });
    expect((await getCaseStatus(c.deps, sara, k)).details?.studentRef).toBe('Alva Lindqvist');
    // A read under consent records the basis it relied on, whatever the case role.
    const shared = await c.deps.prisma.auditEvent.findFirst({ where: { actorId: sara.personId, action: 'case.details.read', outcome: 'ALLOWED' }, orderBy: { id: 'desc' } });
    expect((shared!.detail as { basis?: string }).basis).toMatch(/^CONSENT:/);
    await withdrawConsent(c.deps, maria, k);
    expect((await getCaseStatus(c.deps, sara, k)).details).toBeUndefined();
    expect(await code(getCaseLog(c.deps, sara, k))).toBe('CONSENT.REQUIRED');
    expect(await code(buildCaseExport(c.deps, sara, k, 'sv', 'Europe/Stockholm'))).toBe('CONSENT.REQUIRED');
    expect(await code(addAction(c.deps, sara, k, { text: 'Hembesök' }))).toBe('CONSENT.REQUIRED');
    // The school keeps its access.
    expect((await getCaseStatus(c.deps, maria, k)).details).toBeDefined();
  });

  it('a report of concern is never refused, discloses the report and not the case, and tells the baton holder without the text (items 6, 14.10)', async () => {
    const maria = await c.as('maria');
    const sara = await c.as('sara');
    const elin = await c.as('elin');
    const { code: k, caseId } = await openCase(c.deps, maria, { playbookKey: 's0-elevvard', schoolUnitCode: 'NORR', studentRef: 'Bo Berg', firstRole: 'mentor', reason: 'Bo Berg har slutat komma' });
    sent.length = 0;
    // Anyone files one: a colleague without a role, and social services themselves.
    await recordConcern(c.deps, elin, k, { note: NOTE });
    await recordConcern(c.deps, sara, k, { note: 'Socialtjänsten har fått samtal från skolsköterskan' });
    // The baton holder is told, without the reporter's text; social services are told too.
    const toHolder = sent.filter((s) => s.personId === maria.personId);
    expect(toHolder.map((s) => s.kind)).toEqual(['concern.reported', 'concern.reported']);
    for (const s of sent) {
      expect(s.text).toContain(k);
      expect(s.text).not.toContain('Morfar');
      expect(s.text).not.toContain('Alva');
      expect(s.text).not.toContain('skolsköterskan');
    }
    expect(sent.some((s) => s.personId === sara.personId && s.kind === 'concern.disclosed')).toBe(true);
    // The report is no basis for the file: no details, no log, no export, cannot join the case.
    expect((await getCaseStatus(c.deps, sara, k)).details).toBeUndefined();
    expect(await code(getCaseLog(c.deps, sara, k))).not.toBe('allowed');
    expect(await code(assignRole(c.deps, maria, k, { person: { text: 'sara' }, role: 'social-services' }))).toBe('CONSENT.REQUIRED');
    expect(await c.deps.prisma.legalBasis.count({ where: { caseId } })).toBe(0);
    // ...but the report itself reaches social services: who, when, what.
    const reports = await listConcernReports(c.deps, sara, k);
    expect(reports.reports.map((r) => [r.reporter, r.note])).toEqual([['Elin Kurator', NOTE], ['Sara Socialsekreterare', 'Socialtjänsten har fått samtal från skolsköterskan']]);
    const read = await c.deps.prisma.auditEvent.findFirst({ where: { actorId: sara.personId, action: 'case.concern.read' }, orderBy: { id: 'desc' } });
    expect(read?.outcome).toBe('ALLOWED');
    // Through chat: status for social services shows the summary and a way to the report only.
    const st = await chat.handleText(console('sara'), `status ${k}`);
    expect(replyText(st)).not.toContain('Bo Berg');
    const view = buttons(st).find((b) => b.action === 'concern.view');
    expect(view).toBeDefined();
    const shown = await chat.handleAction(console('sara'), view!.action, view!.value);
    expect(replyText(shown)).toContain('Morfar slår');
    expect(replyText(shown)).not.toContain('Bo Berg');
    // Filing grants nothing: a colleague outside the case cannot read the reports; the unit's team lead can.
    expect(await code(listConcernReports(c.deps, elin, k))).toBe('ACCESS.DENIED');
    expect(await code(listConcernReports(c.deps, await c.as('tove'), k))).toBe('allowed');
    // Filing on a closed case is not refused either.
    await c.deps.prisma.case.update({ where: { id: caseId }, data: { status: 'CLOSED', closedAt: c.clock.now() } });
    await expect(recordConcern(c.deps, elin, k, { note: 'Ny oro efter avslut' })).resolves.toMatchObject({ code: k });
  });

  it('an earlier concern-report basis (from before) opens nothing', async () => {
    const maria = await c.as('maria');
    const sara = await c.as('sara');
    const { code: k, caseId } = await openCase(c.deps, maria, { playbookKey: 's0-elevvard', schoolUnitCode: 'NORR', studentRef: 'Cia Ek', firstRole: 'mentor' });
    await recordConsent(c.deps, maria, k, { scope: ['SOCIAL_SERVICES'], givenBy: [{ party: 'GUARDIAN' }] });
    await assignRole(c.deps, maria, k, { person: { text: 'sara' }, role: 'social-services' });
    const r = await recordConcern(c.deps, maria, k, { note: 'Oro' });
    await c.deps.prisma.legalBasis.create({ data: { caseId, agency: 'SOCIAL_SERVICES', basis: 'CONCERN_REPORT', concernId: r.concernId, recordedAt: c.clock.now() } });
    await withdrawConsent(c.deps, maria, k);
    expect((await getCaseStatus(c.deps, sara, k)).details).toBeUndefined();
    expect(await code(getCaseLog(c.deps, sara, k))).toBe('CONSENT.REQUIRED');
  });

  it('social services cannot create a legal basis for themselves', async () => {
    const maria = await c.as('maria');
    const sara = await c.as('sara');
    const { code: k } = await openCase(c.deps, maria, { playbookKey: 's0-elevvard', schoolUnitCode: 'NORR', studentRef: 'Dan Dahl', firstRole: 'mentor' });
    const expiresAt = new Date(c.clock.now().getTime() + 3 * DAY);
    await recordConsent(c.deps, maria, k, { scope: ['SOCIAL_SERVICES'], givenBy: [{ party: 'GUARDIAN' }], expiresAt });
    await assignRole(c.deps, maria, k, { person: { text: 'sara' }, role: 'social-services' });
    // While a consent holds, social services may take part, but not extend their own basis.
    expect(await code(addAction(c.deps, sara, k, { text: 'Samtal med familjen' }))).toBe('allowed');
    expect(await code(recordConsent(c.deps, sara, k, { scope: ['SCHOOL', 'SOCIAL_SERVICES'], givenBy: [{ party: 'GUARDIAN' }] }))).toBe('CONSENT.SELF_BASIS');
    // The refusal is audited as one, although the change it refused was rolled back.
    const refused = await c.deps.prisma.auditEvent.findMany({ where: { actorId: sara.personId, action: 'consent.record', outcome: 'DENIED' } });
    expect(refused.map((a) => (a.detail as { reason?: string }).reason)).toContain('CONSENT.SELF_BASIS');
    expect(await code(requestShare(c.deps, maria, k, { scope: ['CASE'], purpose: 'Skolan vill dela', until: new Date(c.clock.now().getTime() + 10 * DAY) }))).toBe('SHARE.ONLY_SOCIAL_SERVICES');
    // An expired consent opens nothing, though its LegalBasis row was never revoked.
    c.clock.advance(4 * DAY);
    expect((await getCaseStatus(c.deps, sara, k)).details).toBeUndefined();
    expect(await code(getCaseLog(c.deps, sara, k))).toBe('CONSENT.REQUIRED');
  });

  it('further disclosure: a request from social services, approved by the principal, with its scope and end', async () => {
    const maria = await c.as('maria');
    const sara = await c.as('sara');
    const { code: k, caseId } = await openCase(c.deps, maria, { playbookKey: 's0-elevvard', schoolUnitCode: 'NORR', studentRef: 'Eva Ström', firstRole: 'mentor', reason: 'Eva Ström är borta varje måndag' });
    await recordConcern(c.deps, maria, k, { note: 'Oro för hemsituationen' });
    sent.length = 0;
    const until = new Date(c.clock.now().getTime() + 20 * DAY);
    // Through chat: `delning KOD` gives social services the request form.
    const formReply = await chat.handleText(console('sara'), `delning ${k}`);
    expect(formReply.form?.id).toBe('share.request');
    const submitted = await chat.submitForm(console('sara'), 'share.request', formReply.form!.context, { scope: 'CASE', purpose: 'Utredning enligt SoL, behöver åtgärdsplanen', until: '2026-12-13' });
    expect(submitted.ok).toBe(true);
    const reqs = await c.deps.prisma.shareRequest.findMany({ where: { caseId } });
    expect(reqs).toHaveLength(1);
    expect(reqs[0]!.purposeEnc).not.toContain('SoL');
    // The principal and the team lead of the unit are told, without the purpose.
    const rasmus = await c.as('rasmus');
    const tove = await c.as('tove');
    expect(sent.filter((s) => s.kind === 'share.requested').map((s) => s.personId).sort()).toEqual([rasmus.personId, tove.personId].sort());
    for (const s of sent) expect(s.text).not.toContain('SoL');
    // Nothing is open until approved; social services and the mentor cannot approve.
    expect((await getCaseStatus(c.deps, sara, k)).details).toBeUndefined();
    expect(await code(decideShare(c.deps, sara, k, reqs[0]!.id, true))).toBe('ACCESS.DENIED');
    expect(await code(decideShare(c.deps, maria, k, reqs[0]!.id, true))).toBe('ACCESS.DENIED');
    // The principal sees the request and approves it with the button.
    const list = await chat.handleText(console('rasmus'), `delning ${k}`);
    expect(replyText(list)).toContain('Utredning enligt SoL');
    const approve = buttons(list).find((b) => b.action === 'share.approve')!;
    const done = await chat.handleAction(console('rasmus'), approve.action, approve.value);
    expect(replyText(done)).toContain(k);
    expect(sent.some((s) => s.personId === sara.personId && s.kind === 'share.approved')).toBe(true);
    // Scope CASE: status details, but not the log or export, and no writing.
    expect((await getCaseStatus(c.deps, sara, k)).details?.reason).toBe('Eva Ström är borta varje måndag');
    expect(await code(getCaseLog(c.deps, sara, k))).toBe('CONSENT.REQUIRED');
    expect(await code(addAction(c.deps, sara, k, { text: 'Hembesök' }))).toBe('CONSENT.REQUIRED');
    const audit = await c.deps.prisma.auditEvent.findFirst({ where: { actorId: sara.personId, action: 'case.details.read', caseId }, orderBy: { id: 'desc' } });
    expect((audit!.detail as { basis?: string }).basis).toMatch(/^SHARE_REQUEST:/);
    // The share ends at its date.
    c.clock.set(new Date(until.getTime() + DAY));
    expect((await getCaseStatus(c.deps, sara, k)).details).toBeUndefined();
    // A declined request opens nothing.
    const r2 = await requestShare(c.deps, sara, k, { scope: ['CASE', 'LOG'], purpose: 'Ny begäran', until: new Date(c.clock.now().getTime() + 5 * DAY) });
    expect((await listShareRequests(c.deps, rasmus, k)).requests.map((r) => r.id)).toEqual([r2.requestId]);
    await decideShare(c.deps, tove, k, r2.requestId, false);
    expect((await getCaseStatus(c.deps, sara, k)).details).toBeUndefined();
    expect(await code(decideShare(c.deps, tove, k, r2.requestId, true))).toBe('SHARE.NOT_FOUND');
  });

  it('withdrawal stops every route to details at once: status, log, export, audit view, App Home, buttons, forms', async () => {
    const maria = await c.as('maria');
    const sara = await c.as('sara');
    const { code: k } = await openCase(c.deps, maria, { playbookKey: 's0-elevvard', schoolUnitCode: 'NORR', studentRef: 'Frej Falk', firstRole: 'mentor', reason: 'Frej Falk mår dåligt' });
    await recordConsent(c.deps, maria, k, { scope: ['SCHOOL', 'SOCIAL_SERVICES'], givenBy: [{ party: 'GUARDIAN' }] });
    await assignRole(c.deps, maria, k, { person: { text: 'sara' }, role: 'mentor' });
    const { meetingId } = await scheduleMeeting(c.deps, maria, k, { type: 'malmote', startsAt: new Date(c.clock.now().getTime() + 2 * DAY), location: 'Frej Falks hem, Ekvägen 3' });
    // Sara holds the baton, so the audit view was open to her.
    await requestHandover(c.deps, maria, k, { text: 'sara' });
    await acceptHandover(c.deps, sara, k);
    expect(await code(getAuditTrail(c.deps, sara, k))).toBe('allowed');
    const home0 = replyText(await chat.home(console('sara')));
    expect(home0).toContain(k);
    await withdrawConsent(c.deps, maria, k);
    const leaks = (r: Reply | { ok: boolean }) => {
      // The whole reply: blocks, forms, private follow-ups and attached files.
      const text = JSON.stringify(r);
      return ['Frej', 'Falk', 'Ekvägen', 'mår dåligt'].filter((w) => text.includes(w));
    };
    const tries: [string, Promise<Reply | { ok: boolean }>][] = [
      ['status', chat.handleText(console('sara'), `status ${k}`)],
      ['log', chat.handleText(console('sara'), `logg ${k}`)],
      ['export', chat.handleText(console('sara'), `export ${k}`)],
      ['audit', chat.handleText(console('sara'), `granskning ${k}`)],
      ['meetings', chat.handleText(console('sara'), `möte ${k}`)],
      ['home', chat.home(console('sara'))],
      ['btn.open', chat.handleAction(console('sara'), 'case.open', k)],
      ['btn.log', chat.handleAction(console('sara'), 'case.log', k)],
      ['btn.export', chat.handleAction(console('sara'), 'case.export', k)],
      ['btn.meetings', chat.handleAction(console('sara'), 'case.meetings', k)],
      ['btn.consent', chat.handleAction(console('sara'), 'case.consent', k)],
      ['btn.cancelMeeting', chat.handleAction(console('sara'), 'meeting.cancel', `${k}|${meetingId}`)],
      ['btn.hold', chat.handleAction(console('sara'), 'case.hold', k)],
      ['form.action', chat.submitForm(console('sara'), 'action.add', { code: k }, { text: 'Hembesök' })],
      ['form.reschedule', chat.submitForm(console('sara'), 'meeting.reschedule', { code: k, meetingId }, { startsAt: '2026-12-01 10:00' })],
    ];
    let attempts = 0;
    for (const [name, p] of tries) {
      const r = await p;
      attempts++;
      expect(leaks(r), name).toEqual([]);
    }
    expect(attempts).toBe(tries.length);
    // Nothing was changed by the refused forms and buttons.
    const m = await c.deps.prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    expect(m.status).toBe('PLANNED');
    expect(await c.deps.prisma.caseAction.count({ where: { case: { code: k } } })).toBe(0);
    // The refusals are audited as refusals.
    const denied = await c.deps.prisma.auditEvent.count({ where: { actorId: sara.personId, outcome: 'DENIED', caseId: { not: null } } });
    expect(denied).toBeGreaterThanOrEqual(6);
  });

  it('the "is a report needed?" prompt is answered once a report exists (issue 14 item 10)', async () => {
    const maria = await c.as('maria');
    const ask = async (withReport: boolean) => {
      const { code: k } = await openCase(c.deps, maria, { playbookKey: 's3-bti', schoolUnitCode: 'NORR', studentRef: 'Gun Gran', firstRole: 'stafettholder' });
      await recordDecision(c.deps, maria, k, { kind: 'concern-or-not', outcome: 'concern', text: 'Grund till oro' });
      await recordConsent(c.deps, maria, k, { scope: ['SCHOOL'], givenBy: [{ party: 'GUARDIAN' }] });
      if (withReport) await recordConcern(c.deps, maria, k, { note: 'Anmälan gjord av rektor' });
      return { k, reply: replyText(await chat.handleText(console('maria'), `nästa ${k}`)) };
    };
    const without = await ask(false);
    expect(without.reply).toContain('Ta ställning');
    const withReport = await ask(true);
    expect(withReport.reply).not.toContain('Ta ställning');
    expect(withReport.reply).toContain('Orosanmälan: gjord');
    expect(withReport.reply).not.toContain('Anmälan gjord av rektor');
  });
});
