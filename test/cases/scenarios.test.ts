/**
 * One case per seed model, walked from the first signal to closure with a fake clock: the
 * deadlines created, the guards, the role rules and the log.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptHandover, advanceStage, assignRole, closeCase, declineHandover, openCase, recordConcern, recordDeviation, recordOutput, requestHandover, setTier } from '../../src/cases/case.service.ts';
import { getCaseLog, getCaseStatus } from '../../src/cases/case-query.service.ts';
import { recordConsent, withdrawConsent } from '../../src/consent/consent.service.ts';
import { recordMeetingOutcome, scheduleMeeting } from '../../src/meetings/meeting.service.ts';
import { addAction, recordDecision, setMaintenancePlan } from '../../src/plans/plan.service.ts';
import { dbKind } from '../support/db.ts';
import { createTestCore, DAY, type TestCore } from '../support/core.ts';

let c: TestCore;
beforeEach(async () => {
  c = await createTestCore();
});
afterEach(async () => c.close());

const deadlines = async (caseId: string) =>
  (await c.deps.prisma.deadline.findMany({ where: { caseId }, orderBy: { createdAt: 'asc' } })).map((d) => ({ rule: d.ruleKey, status: d.status, due: d.dueAt.toISOString() }));
const caseOf = (code: string) => c.deps.prisma.case.findFirstOrThrow({ where: { code } });
const later = (days: number) => new Date(c.clock.now().getTime() + days * DAY);
const held = async (code: string, type: string, extra: Parameters<typeof recordMeetingOutcome>[3] = {}, who = 'maria') =>
  recordMeetingOutcome(c.deps, await c.as(who), code, { type, ...extra });
const expectCode = async (p: Promise<unknown>, code: string) => {
  await expect(p).rejects.toMatchObject({ code });
};

describe(`S0 Elevvårdens 5 steg (${dbKind})`, () => {
  it('runs from absence signal to closure with its deadlines and guards', async () => {
    const maria = await c.as('maria');
    const { code, caseId } = await openCase(c.deps, maria, { playbookKey: 's0-elevvard', schoolUnitCode: 'NORR', studentRef: 'Elev Ett', firstRole: 'mentor', reason: '5 skolktillfällen' });
    expect(code).toBe('DEMO-26-0001');
    // Målmöte after the threshold: advisory 2 weeks from opening, at the end of that working day.
    expect(await deadlines(caseId)).toEqual([{ rule: 'malmote-after-threshold', status: 'OPEN', due: '2026-12-07T15:00:00.000Z' }]);
    await advanceStage(c.deps, maria, code);
    await scheduleMeeting(c.deps, maria, code, { type: 'malmote', startsAt: later(3) });
    // The goal meeting has not been held and nothing is in place yet.
    await expect(advanceStage(c.deps, maria, code)).rejects.toMatchObject({ code: 'TRANSITION.GUARD_FAILED' });
    try {
      await advanceStage(c.deps, maria, code);
    } catch (e) {
      expect((e as { params: { missing: string } }).params.missing).toMatch(/Mötet ”Målmöte” har inte hållits/);
      expect((e as { params: { missing: string } }).params.missing).toMatch(/Samtycke som omfattar socialtjänsten saknas/);
    }
    // Social services cannot join before consent.
    await expectCode(assignRole(c.deps, maria, code, { person: { text: 'sara' }, role: 'social-services' }), 'CONSENT.REQUIRED');
    c.clock.advance(3 * DAY);
    const meeting = await c.deps.prisma.meeting.findFirstOrThrow({ where: { caseId, type: 'malmote' } });
    await recordConsent(c.deps, maria, code, { scope: ['SCHOOL', 'SOCIAL_SERVICES'], givenBy: [{ party: 'GUARDIAN' }, { party: 'GUARDIAN' }] });
    await assignRole(c.deps, maria, code, { person: { text: 'sara' }, role: 'social-services' });
    await assignRole(c.deps, maria, code, { person: { text: 'elin' }, role: 'contact-person' });
    await expectCode(assignRole(c.deps, maria, code, { person: { text: 'rasmus' }, role: 'contact-person' }), 'ROLE.CONSTRAINT');
    await recordMeetingOutcome(c.deps, maria, code, {
      meetingId: meeting.id, outputs: ['consentSigned', 'esterOwner', 'contactPersonAppointed', 'nextMeetingDate', 'assignments'],
      minutes: 'Vårdnadshavare närvarade', decisions: [{ kind: 'GENERAL', text: 'Nätverksmöte inom tre veckor' }], nextMeeting: { type: 'natverksmote', startsAt: later(14) },
    });
    const afterGoal = await deadlines(caseId);
    expect(afterGoal.find((d) => d.rule === 'malmote-after-threshold')?.status).toBe('MET');
    // Network meeting within 3 weeks of the goal meeting (Thu 26 Nov + 3 weeks = Thu 17 Dec).
    expect(afterGoal.find((d) => d.rule === 'natverksmote-within-3-weeks')).toEqual({ rule: 'natverksmote-within-3-weeks', status: 'OPEN', due: '2026-12-17T15:00:00.000Z' });
    expect(afterGoal.find((d) => d.rule === 'evg-weekly')?.status).toBe('OPEN');
    await advanceStage(c.deps, maria, code);
    // With consent recorded, the social-services member sees details.
    expect((await getCaseStatus(c.deps, await c.as('sara'), code)).details?.studentRef).toBe('Elev Ett');
    c.clock.advance(14 * DAY);
    await assignRole(c.deps, maria, code, { person: { text: 'karin' }, role: 'network-leader' });
    await held(code, 'natverksmote', { outputs: ['riskAssessment', 'esterResults'], nextMeeting: { type: 'natverksmote-utvardering', startsAt: later(30) } });
    expect((await deadlines(caseId)).find((d) => d.rule === 'natverksmote-within-3-weeks')?.status).toBe('MET');
    expect((await deadlines(caseId)).find((d) => d.rule === 'follow-up-within-6-weeks')?.status).toBe('OPEN');
    const adv = await advanceStage(c.deps, maria, code);
    expect(adv.to).toBe('uppfoljning');
    // A report of concern by someone outside the case is never blocked.
    await recordConcern(c.deps, await c.as('rasmus'), code, { note: 'Rektor anmäler' });
    await advanceStage(c.deps, maria, code);
    // Closing needs a reason from the list.
    await expectCode(closeCase(c.deps, maria, code, {}), 'CLOSURE.REASON_REQUIRED');
    c.clock.advance(30 * DAY);
    await held(code, 'natverksmote-utvardering', { outputs: ['evaluation'] });
    await recordDecision(c.deps, maria, code, { kind: 'evaluation-outcome', outcome: 'positive', text: 'Närvaron har ökat' });
    await closeCase(c.deps, maria, code, { reason: 'improved' });
    const closed = await caseOf(code);
    expect(closed.status).toBe('CLOSED');
    expect((await deadlines(caseId)).filter((d) => d.status === 'OPEN')).toEqual([]);
    const log = await getCaseLog(c.deps, maria, code);
    const kinds = log.lines.map((l) => l.kind);
    expect(kinds[0]).toBe('case.opened');
    expect(kinds.at(-1)).toBe('case.closed');
    expect(kinds).toContain('concern.reported');
    expect(log.lines.map((l) => l.seq)).toEqual(log.lines.map((_, i) => i + 1));
    await expectCode(addAction(c.deps, maria, code, { text: 'För sent' }), 'CASE.CLOSED');
  });
});

describe(`S1 Västbas (${dbKind})`, () => {
  it('enforces consent, the two coordinators and the contact-person rules', async () => {
    const karin = await c.as('karin');
    const { code, caseId } = await openCase(c.deps, karin, { playbookKey: 's1-vastbas', schoolUnitCode: 'NORR', studentRef: 'Elev Två', firstRole: 'central-coordinator', consent: { scope: ['SCHOOL'], givenBy: ['GUARDIAN'] } });
    // The family consented to the request (school only): social services are not covered yet.
    await expectCode(advanceStage(c.deps, karin, code), 'TRANSITION.GUARD_FAILED');
    await recordConsent(c.deps, karin, code, { scope: ['SCHOOL', 'SOCIAL_SERVICES'], givenBy: [{ party: 'GUARDIAN' }] });
    await advanceStage(c.deps, karin, code);
    await held(code, 'bedomning', {}, 'karin');
    await recordDecision(c.deps, karin, code, { kind: 'vastbas-case', outcome: 'vastbas', text: 'Västbasärende' });
    // Coordinators come from the coordinator pool, are two different people and free of the case.
    await expectCode(assignRole(c.deps, karin, code, { person: { text: 'maria' }, role: 'coordinator-lead' }), 'ROLE.CONSTRAINT');
    await assignRole(c.deps, karin, code, { person: { text: 'kalle' }, role: 'coordinator-lead' });
    await expectCode(assignRole(c.deps, karin, code, { person: { text: 'kalle' }, role: 'coordinator-doc' }), 'ROLE.CONSTRAINT');
    await assignRole(c.deps, karin, code, { person: { text: 'karin' }, role: 'coordinator-doc' });
    await advanceStage(c.deps, karin, code);
    await assignRole(c.deps, karin, code, { person: { text: 'maria' }, role: 'sprakror' });
    await held(code, 'formote', { outputs: ['problemAnalysis', 'networkMap', 'sprakrorAppointed', 'guestList'], nextMeeting: { type: 'natverksmote-1', startsAt: later(10) } }, 'karin');
    await advanceStage(c.deps, karin, code);
    await held(code, 'natverksmote-1', { outputs: ['needsAnalysis', 'homework'], nextMeeting: { type: 'natverksmote-2', startsAt: later(20) } }, 'karin');
    await advanceStage(c.deps, karin, code);
    await held(code, 'natverksmote-2', { outputs: ['actionPlan'] }, 'karin');
    await addAction(c.deps, karin, code, { text: 'Anpassat schema', owner: { text: 'maria' }, dueAt: later(30), evaluationAt: later(60) });
    // The contact person is appointed by the principal, from EHT, and is not the principal.
    const rasmus = await c.as('rasmus');
    await expectCode(assignRole(c.deps, karin, code, { person: { text: 'elin' }, role: 'contact-person' }), 'ROLE.CONSTRAINT');
    await expectCode(assignRole(c.deps, rasmus, code, { person: { text: 'rasmus' }, role: 'contact-person' }), 'ROLE.CONSTRAINT');
    await assignRole(c.deps, rasmus, code, { person: { text: 'elin' }, role: 'contact-person' });
    await advanceStage(c.deps, karin, code);
    const d = await deadlines(caseId);
    // Contact person raises the case to EHT within 2 months of the plan; evaluation after 6 months.
    expect(d.find((x) => x.rule === 'raise-to-eht')?.status).toBe('OPEN');
    expect(d.find((x) => x.rule === 'evaluation-6-months')?.status).toBe('OPEN');
    const due6 = new Date(d.find((x) => x.rule === 'evaluation-6-months')!.due);
    expect(due6.getTime() - c.clock.now().getTime()).toBeGreaterThan(180 * DAY);
    await held(code, 'eht', {}, 'elin');
    expect((await deadlines(caseId)).find((x) => x.rule === 'raise-to-eht')?.status).toBe('MET');
    await advanceStage(c.deps, karin, code);
    await advanceStage(c.deps, karin, code);
    await held(code, 'utvardering', { outputs: ['evaluation'] }, 'karin');
    await recordDecision(c.deps, karin, code, { kind: 'evaluation-outcome', outcome: 'close', text: 'Målen nådda' });
    // Open or unevaluated actions: closing asks to confirm, then closes them with the case.
    await expectCode(closeCase(c.deps, karin, code, { reason: 'goals-met' }), 'CLOSURE.OPEN_ACTIONS');
    await closeCase(c.deps, karin, code, { reason: 'goals-met', confirmOpenActions: true });
    expect((await caseOf(code)).status).toBe('CLOSED');
  });
});

describe(`S2 Skolsocialt team Tomelilla (${dbKind})`, () => {
  it('runs the tiers and refuses closure without a reason from the list and a maintenance plan', async () => {
    const karin = await c.as('karin');
    const { code } = await openCase(c.deps, karin, { playbookKey: 's2-tomelilla', schoolUnitCode: 'NORR', studentRef: 'Elev Tre', firstRole: 'team-coordinator', consent: { scope: ['SCHOOL'], givenBy: ['GUARDIAN'] } });
    await expectCode(advanceStage(c.deps, karin, code), 'TRANSITION.GUARD_FAILED');
    await recordConsent(c.deps, karin, code, { scope: ['SCHOOL', 'SOCIAL_SERVICES'], givenBy: [{ party: 'GUARDIAN' }] });
    await recordDecision(c.deps, karin, code, { kind: 'application-approved', outcome: 'approved', text: 'Ansökan komplett' });
    await assignRole(c.deps, karin, code, { person: { text: 'kalle' }, role: 'team-case-worker' });
    await setTier(c.deps, karin, code, 'yellow');
    await advanceStage(c.deps, karin, code);
    await assignRole(c.deps, karin, code, { person: { text: 'elin' }, role: 'school-contact' });
    await held(code, 'uppstartsmote-skola', { outputs: ['schoolContactAppointed'] }, 'karin');
    await advanceStage(c.deps, karin, code);
    await held(code, 'uppstartsmote-elev', {}, 'karin');
    await recordDecision(c.deps, karin, code, { kind: 'student-accepts', outcome: 'accepted', text: 'Tackar ja' });
    await advanceStage(c.deps, karin, code);
    await expectCode(advanceStage(c.deps, karin, code), 'TRANSITION.GUARD_FAILED');
    await recordOutput(c.deps, karin, code, 'mapping');
    await scheduleMeeting(c.deps, karin, code, { type: 'ansvarsplanering', startsAt: later(7) });
    await advanceStage(c.deps, karin, code);
    c.clock.advance(7 * DAY);
    const m = await c.deps.prisma.meeting.findFirstOrThrow({ where: { type: 'ansvarsplanering' } });
    await recordMeetingOutcome(c.deps, karin, code, { meetingId: m.id, outputs: ['actionPlan'], actions: [{ text: 'Motiverande samtal varje vecka', dueAt: later(30) }] });
    await advanceStage(c.deps, karin, code);
    await expectCode(closeCase(c.deps, karin, code, { reason: 'no-longer-needed' }), 'CLOSURE.MAINTENANCE_PLAN_REQUIRED');
    await expectCode(closeCase(c.deps, karin, code, { reason: 'bored', maintenancePlan: 'Mentor följer upp' }), 'CLOSURE.REASON_REQUIRED');
    await setMaintenancePlan(c.deps, karin, code, 'Mentor följer upp närvaron varje vecka till terminens slut');
    // Open or unevaluated actions: closing asks to confirm, then closes them with the case.
    await expectCode(closeCase(c.deps, karin, code, { reason: 'no-longer-needed' }), 'CLOSURE.OPEN_ACTIONS');
    await closeCase(c.deps, karin, code, { reason: 'no-longer-needed', confirmOpenActions: true });
    const k = await caseOf(code);
    expect(k.status).toBe('CLOSED');
    expect(k.tier).toBe('yellow');
    expect(c.deps.cipher.decrypt(k.maintenancePlanEnc!)).toMatch(/Mentor följer upp/);
  });
});

describe(`S3 BTI Skien (${dbKind})`, () => {
  it('decides level 0 within 14 days and hands over the baton only on acceptance', async () => {
    const maria = await c.as('maria', 'nb');
    const { code, caseId } = await openCase(c.deps, maria, { playbookKey: 's3-bti', schoolUnitCode: 'NORR', studentRef: 'Elev Fire', firstRole: 'stafettholder' });
    const d0 = await deadlines(caseId);
    expect(d0).toEqual([{ rule: 'level-0-decision-14-days', status: 'OPEN', due: '2026-12-07T15:00:00.000Z' }]);
    await recordDecision(c.deps, maria, code, { kind: 'concern-or-not', outcome: 'concern', text: 'Grunn til bekymring' });
    expect((await deadlines(caseId))[0]!.status).toBe('MET');
    await expectCode(advanceStage(c.deps, maria, code), 'CONSENT.REQUIRED'); // no consent for the log (stafettlogg) yet
    await recordConsent(c.deps, maria, code, { scope: ['SCHOOL'], givenBy: [{ party: 'GUARDIAN' }, { party: 'STUDENT' }] });
    await advanceStage(c.deps, maria, code);
    // Exactly one stafettholder: a second cannot be appointed directly.
    await expectCode(assignRole(c.deps, maria, code, { person: { text: 'elin' }, role: 'stafettholder' }), 'ROLE.SINGLE_HOLDER');
    await requestHandover(c.deps, maria, code, { text: 'karin' });
    expect((await caseOf(code)).batonHolderId).toBe(maria.personId);
    await declineHandover(c.deps, await c.as('karin'), code, 'Ikke nå');
    expect((await caseOf(code)).batonHolderId).toBe(maria.personId);
    await expectCode(acceptHandover(c.deps, await c.as('karin'), code), 'HANDOVER.NOT_PENDING');
    await requestHandover(c.deps, maria, code, { text: 'karin' });
    const karin = await c.as('karin');
    await acceptHandover(c.deps, karin, code);
    const k = await caseOf(code);
    expect(k.batonHolderId).toBe(karin.personId);
    const holders = await c.deps.prisma.caseMember.findMany({ where: { caseId, role: 'stafettholder', removedAt: null } });
    expect(holders.map((h) => h.personId)).toEqual([karin.personId]);
    await recordOutput(c.deps, karin, code, 'evaluation');
    await recordDecision(c.deps, karin, code, { kind: 'involve-others', outcome: 'yes', text: 'Koordinerende møte' });
    await scheduleMeeting(c.deps, karin, code, { type: 'koordinerende-mote', startsAt: later(5) });
    await advanceStage(c.deps, karin, code);
    expect((await caseOf(code)).stage).toBe('niva-2');
    await closeCase(c.deps, karin, code, { reason: 'efforts-completed' });
    const log = (await getCaseLog(c.deps, karin, code)).lines.map((l) => l.kind);
    expect(log).toEqual(expect.arrayContaining(['baton.requested', 'baton.declined', 'baton.accepted', 'case.closed']));
  });
});

describe(`S4 Sandviken (${dbKind})`, () => {
  it('runs consultation, a joint plan with baseline attendance and deviation reports', async () => {
    const karin = await c.as('karin');
    const { code } = await openCase(c.deps, karin, { playbookKey: 's4-sandviken', schoolUnitCode: 'SODER', studentRef: 'Elev Fem', firstRole: 'coordinator' });
    await expectCode(advanceStage(c.deps, karin, code), 'TRANSITION.GUARD_FAILED');
    await scheduleMeeting(c.deps, karin, code, { type: 'konsultation', startsAt: later(2) });
    await advanceStage(c.deps, karin, code);
    c.clock.advance(2 * DAY);
    await held(code, 'konsultation', { outputs: ['coordinatingRole'] }, 'karin');
    await recordConsent(c.deps, karin, code, { scope: ['SCHOOL', 'SOCIAL_SERVICES', 'HEALTH'], givenBy: [{ party: 'GUARDIAN' }] });
    await advanceStage(c.deps, karin, code);
    await held(code, 'samverkansmote', { outputs: ['samverkansplan', 'attendanceBaseline'], actions: [{ text: 'Synkade insatser skola/IFO' }] }, 'karin');
    await advanceStage(c.deps, karin, code);
    await recordDeviation(c.deps, karin, code, { theme: 'preparation', text: 'Dagordningen kom inte ut i tid' });
    await recordDeviation(c.deps, karin, undefined, { theme: 'guardian-messenger' });
    await scheduleMeeting(c.deps, karin, code, { type: 'uppfoljningsmote', startsAt: later(14) });
    await advanceStage(c.deps, karin, code);
    await expectCode(closeCase(c.deps, karin, code, {}), 'CLOSURE.REASON_REQUIRED');
    // Open or unevaluated actions: closing asks to confirm, then closes them with the case.
    await expectCode(closeCase(c.deps, karin, code, { reason: 'Närvaron är god sedan sex veckor' }), 'CLOSURE.OPEN_ACTIONS');
    await closeCase(c.deps, karin, code, { reason: 'Närvaron är god sedan sex veckor', confirmOpenActions: true });
    expect((await caseOf(code)).status).toBe('CLOSED');
    expect(await c.deps.prisma.deviation.count()).toBe(2);
  });
});

describe(`consent withdrawal (${dbKind})`, () => {
  it('stops social services seeing details at once', async () => {
    const maria = await c.as('maria');
    const { code } = await openCase(c.deps, maria, { playbookKey: 's0-elevvard', studentRef: 'Elev Sex', firstRole: 'mentor' });
    await recordConsent(c.deps, maria, code, { scope: ['SOCIAL_SERVICES'], givenBy: [{ party: 'GUARDIAN' }] });
    await assignRole(c.deps, maria, code, { person: { text: 'sara' }, role: 'social-services' });
    const sara = await c.as('sara');
    expect((await getCaseStatus(c.deps, sara, code)).details).toBeDefined();
    await withdrawConsent(c.deps, maria, code);
    const after = await getCaseStatus(c.deps, sara, code);
    expect(after.details).toBeUndefined();
    // The read while consent was in force recorded the basis it relied on.
    const shares = await c.deps.prisma.auditEvent.findMany({ where: { actorId: sara.personId, action: 'case.details.read', outcome: 'ALLOWED' } });
    expect(shares.length).toBeGreaterThan(0);
    expect((shares[0]!.detail as { basis?: string }).basis).toMatch(/^CONSENT:/);
    expect(after.summary.code).toBe(code);
    await expectCode(addAction(c.deps, sara, code, { text: 'x x' }), 'CONSENT.REQUIRED');
  });
});
