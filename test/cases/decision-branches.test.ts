/**
 * Decisions choose the way: where a seed model branches on an outcome, each outcome is walked
 * and the guard, `nästa` and the status follow the latest decision — not only its existence.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advanceStage, assignRole, closeCase, openCase, recordOutput, setTier } from '../../src/cases/case.service.ts';
import { getCaseStatus } from '../../src/cases/case-query.service.ts';
import { recordConsent } from '../../src/consent/consent.service.ts';
import { recordMeetingOutcome, scheduleMeeting } from '../../src/meetings/meeting.service.ts';
import { recordDecision, setMaintenancePlan } from '../../src/plans/plan.service.ts';
import type { Actor } from '../../src/orgs/org.service.ts';
import { dbKind } from '../support/db.ts';
import { createTestCore, DAY, type TestCore } from '../support/core.ts';

let c: TestCore;
beforeEach(async () => {
  c = await createTestCore();
});
afterEach(async () => c.close());

const later = (days: number) => new Date(c.clock.now().getTime() + days * DAY);
const stageOf = async (code: string) => (await c.deps.prisma.case.findFirstOrThrow({ where: { code } })).stage;
const steps = async (a: Actor, code: string) => (await getCaseStatus(c.deps, a, code)).details!.nextSteps.map((n) => n.to);
const offer = async (a: Actor, code: string) => (await getCaseStatus(c.deps, a, code)).details!.closureOffer;
const rejects = async (p: Promise<unknown>, code: string) => {
  await expect(p).rejects.toMatchObject({ code });
};
const consent = (a: Actor, code: string) => recordConsent(c.deps, a, code, { scope: ['SCHOOL', 'SOCIAL_SERVICES'], givenBy: [{ party: 'GUARDIAN' }] });

describe(`S0 Elevvård: the evaluation outcome chooses the way (${dbKind})`, () => {
  /** A case at "Nätverksmöte/utvärdering" with the evaluation meeting held. The full walk up to here is in scenarios.test.ts. */
  async function atEvaluation(maria: Actor): Promise<string> {
    const { code, caseId } = await openCase(c.deps, maria, { playbookKey: 's0-elevvard', schoolUnitCode: 'NORR', studentRef: 'Elev Utvärdering', firstRole: 'mentor' });
    await c.deps.prisma.case.update({ where: { id: caseId }, data: { stage: 'utvardering' } });
    await recordMeetingOutcome(c.deps, maria, code, { type: 'natverksmote-utvardering', outputs: ['evaluation', 'concernReportConsidered'] });
    return code;
  }

  it('positive → continue (follow-up), and the negative branch is no longer offered', async () => {
    const maria = await c.as('maria');
    const code = await atEvaluation(maria);
    expect(await steps(maria, code)).toEqual(['uppfoljning', 'bedomarteamet']);
    await recordDecision(c.deps, maria, code, { kind: 'evaluation-outcome', outcome: 'positive', text: 'Närvaron har ökat' });
    expect(await steps(maria, code)).toEqual(['uppfoljning']);
    await rejects(advanceStage(c.deps, maria, code, 'bedomarteamet'), 'TRANSITION.DECIDED_OTHERWISE');
    // Continuing needs the next evaluation meeting planned; then `nästa` picks the positive way by itself.
    await rejects(advanceStage(c.deps, maria, code), 'TRANSITION.GUARD_FAILED');
    await scheduleMeeting(c.deps, maria, code, { type: 'natverksmote-utvardering', startsAt: later(40) });
    expect((await advanceStage(c.deps, maria, code)).to).toBe('uppfoljning');
  });

  it('negative → consult Bedömarteamet; the status names the decision in words', async () => {
    const maria = await c.as('maria');
    const code = await atEvaluation(maria);
    await recordDecision(c.deps, maria, code, { kind: 'evaluation-outcome', outcome: 'negative', text: 'Ingen förändring' });
    expect(await steps(maria, code)).toEqual(['bedomarteamet']);
    const st = await getCaseStatus(c.deps, maria, code);
    expect(st.details!.decisions[0]!.label).toBe('Utvärdering: negativt – konsultera Bedömarteamet');
    await rejects(advanceStage(c.deps, maria, code, 'uppfoljning'), 'TRANSITION.DECIDED_OTHERWISE');
    expect((await advanceStage(c.deps, maria, code)).to).toBe('bedomarteamet');
  });

  it('a later decision replaces the earlier one', async () => {
    const maria = await c.as('maria');
    const code = await atEvaluation(maria);
    await recordDecision(c.deps, maria, code, { kind: 'evaluation-outcome', outcome: 'positive', text: 'Först positivt' });
    c.clock.advance(60_000);
    await recordDecision(c.deps, maria, code, { kind: 'evaluation-outcome', outcome: 'negative', text: 'Omprövat: negativt' });
    expect(await steps(maria, code)).toEqual(['bedomarteamet']);
  });
});

describe(`S1 Västbas: the assessment and the 6-month evaluation (${dbKind})`, () => {
  async function assessed(karin: Actor): Promise<string> {
    const { code } = await openCase(c.deps, karin, { playbookKey: 's1-vastbas', schoolUnitCode: 'NORR', studentRef: 'Elev Bedömning', firstRole: 'central-coordinator', consent: { scope: ['SCHOOL'], givenBy: ['GUARDIAN'] } });
    await consent(karin, code);
    await advanceStage(c.deps, karin, code);
    await recordMeetingOutcome(c.deps, karin, code, { type: 'bedomning', outputs: ['decisionCaseOrNot'] });
    return code;
  }

  it('"annan åtgärd" → not on to förmöte; closure "Inte ett Västbasärende" is offered', async () => {
    const karin = await c.as('karin');
    const code = await assessed(karin);
    await recordDecision(c.deps, karin, code, { kind: 'vastbas-case', outcome: 'other-measure', text: 'Myndighetsutövning' });
    await assignRole(c.deps, karin, code, { person: { text: 'kalle' }, role: 'coordinator-lead' });
    await assignRole(c.deps, karin, code, { person: { text: 'karin' }, role: 'coordinator-doc' });
    await rejects(advanceStage(c.deps, karin, code), 'TRANSITION.DECIDED_CLOSE');
    expect(await steps(karin, code)).toEqual([]);
    expect(await offer(karin, code)).toEqual({ reason: 'not-vastbas', reasonLabel: 'Inte ett Västbasärende', decision: 'Bedömning: annan åtgärd' });
    await closeCase(c.deps, karin, code, { reason: 'not-vastbas' });
  });

  it('"Västbasärende" → förmöte', async () => {
    const karin = await c.as('karin');
    const code = await assessed(karin);
    await recordDecision(c.deps, karin, code, { kind: 'vastbas-case', outcome: 'vastbas', text: 'Västbasärende' });
    await assignRole(c.deps, karin, code, { person: { text: 'kalle' }, role: 'coordinator-lead' });
    await assignRole(c.deps, karin, code, { person: { text: 'karin' }, role: 'coordinator-doc' });
    expect(await offer(karin, code)).toBeNull();
    expect((await advanceStage(c.deps, karin, code)).to).toBe('formote');
  });

  it('the 6-month evaluation: continue → follow-up, close → closure offered', async () => {
    const karin = await c.as('karin');
    const code = await assessed(karin);
    const { caseId } = await c.deps.prisma.case.findFirstOrThrow({ where: { code } }).then((k) => ({ caseId: k.id }));
    await c.deps.prisma.case.update({ where: { id: caseId }, data: { stage: 'utvardering' } });
    await recordMeetingOutcome(c.deps, karin, code, { type: 'utvardering', outputs: ['evaluation'] });
    await recordDecision(c.deps, karin, code, { kind: 'evaluation-outcome', outcome: 'close', text: 'Målen nådda' });
    await rejects(advanceStage(c.deps, karin, code), 'TRANSITION.DECIDED_CLOSE');
    expect((await offer(karin, code))?.reason).toBe('goals-met');
    c.clock.advance(60_000);
    await recordDecision(c.deps, karin, code, { kind: 'evaluation-outcome', outcome: 'continue', text: 'Fortsatta insatser' });
    expect(await offer(karin, code)).toBeNull();
    expect((await advanceStage(c.deps, karin, code)).to).toBe('uppfoljning');
  });
});

describe(`S2 Tomelilla: beredning and the family's answer (${dbKind})`, () => {
  async function inBeredning(karin: Actor): Promise<string> {
    const { code } = await openCase(c.deps, karin, { playbookKey: 's2-tomelilla', schoolUnitCode: 'NORR', studentRef: 'Elev Beredning', firstRole: 'team-coordinator', tier: 'yellow', consent: { scope: ['SCHOOL'], givenBy: ['GUARDIAN'] } });
    await consent(karin, code);
    await assignRole(c.deps, karin, code, { person: { text: 'kalle' }, role: 'team-case-worker' });
    return code;
  }

  it('"behöver kompletteras" → back to the school\'s EHT, not on; approved after completion → on', async () => {
    const karin = await c.as('karin');
    const code = await inBeredning(karin);
    await recordDecision(c.deps, karin, code, { kind: 'application-approved', outcome: 'needs-completion', text: 'Insatstrappan saknas' });
    expect(await steps(karin, code)).toEqual(['komplettering']);
    await rejects(advanceStage(c.deps, karin, code, 'uppstartsmote-skola'), 'TRANSITION.DECIDED_OTHERWISE');
    expect((await advanceStage(c.deps, karin, code)).to).toBe('komplettering');
    expect((await advanceStage(c.deps, karin, code)).to).toBe('beredning');
    await recordDecision(c.deps, karin, code, { kind: 'application-approved', outcome: 'approved', text: 'Kompletterad' });
    expect(await steps(karin, code)).toEqual(['uppstartsmote-skola']);
    expect((await advanceStage(c.deps, karin, code)).to).toBe('uppstartsmote-skola');
  });

  async function atStartUpWithFamily(karin: Actor): Promise<string> {
    const code = await inBeredning(karin);
    await recordDecision(c.deps, karin, code, { kind: 'application-approved', outcome: 'approved', text: 'Komplett' });
    await advanceStage(c.deps, karin, code);
    await assignRole(c.deps, karin, code, { person: { text: 'elin' }, role: 'school-contact' });
    await recordMeetingOutcome(c.deps, karin, code, { type: 'uppstartsmote-skola', outputs: ['schoolContactAppointed', 'minutes'] });
    await advanceStage(c.deps, karin, code);
    await recordMeetingOutcome(c.deps, karin, code, { type: 'uppstartsmote-elev', outputs: ['minutes'] });
    return code;
  }

  it('student and guardians decline → cannot move to kartläggning; closure "tackar nej" is offered and closes', async () => {
    const karin = await c.as('karin');
    const code = await atStartUpWithFamily(karin);
    await recordDecision(c.deps, karin, code, { kind: 'student-accepts', outcome: 'declined', text: 'Familjen vill inte' });
    await rejects(advanceStage(c.deps, karin, code), 'TRANSITION.DECIDED_CLOSE');
    await rejects(advanceStage(c.deps, karin, code, 'kartlaggning'), 'TRANSITION.DECIDED_CLOSE');
    expect(await stageOf(code)).toBe('uppstartsmote-elev');
    expect(await offer(karin, code)).toEqual({ reason: 'declined', reasonLabel: 'Eleven och vårdnadshavare tackar nej till fortsatt stöd', decision: 'Elev och vårdnadshavare: tackar nej' });
    expect((await getCaseStatus(c.deps, await c.as('karin', 'nb'), code)).details!.closureOffer?.decision).toBe('Elev og foresatte: takker nei');
    await setMaintenancePlan(c.deps, karin, code, 'Skolan följer upp närvaron varje vecka');
    await closeCase(c.deps, karin, code, { reason: 'declined' });
    expect((await c.deps.prisma.case.findFirstOrThrow({ where: { code } })).closureReason).toBe('declined');
  });

  it('student and guardians accept → kartläggning', async () => {
    const karin = await c.as('karin');
    const code = await atStartUpWithFamily(karin);
    await rejects(advanceStage(c.deps, karin, code), 'TRANSITION.GUARD_FAILED');
    await recordDecision(c.deps, karin, code, { kind: 'student-accepts', outcome: 'accepted', text: 'Tackar ja' });
    expect(await offer(karin, code)).toBeNull();
    expect((await advanceStage(c.deps, karin, code)).to).toBe('kartlaggning');
  });
});

describe(`S3 BTI: concern or not (${dbKind})`, () => {
  it('no concern → not on to level 1; closure "no reason for concern" is offered', async () => {
    const maria = await c.as('maria', 'nb');
    const { code } = await openCase(c.deps, maria, { playbookKey: 's3-bti', schoolUnitCode: 'NORR', studentRef: 'Elev Nivå', firstRole: 'stafettholder' });
    await recordConsent(c.deps, maria, code, { scope: ['SCHOOL'], givenBy: [{ party: 'GUARDIAN' }] });
    await recordDecision(c.deps, maria, code, { kind: 'concern-or-not', outcome: 'no-concern', text: 'Ingen grunn' });
    await rejects(advanceStage(c.deps, maria, code), 'TRANSITION.DECIDED_CLOSE');
    expect((await offer(maria, code))?.reason).toBe('no-concern');
    c.clock.advance(60_000);
    await recordDecision(c.deps, maria, code, { kind: 'concern-or-not', outcome: 'concern', text: 'Ny vurdering: bekymring' });
    expect((await advanceStage(c.deps, maria, code)).to).toBe('niva-1');
  });

  it('level 1 → 2 only when others are to be involved', async () => {
    const maria = await c.as('maria', 'nb');
    const { code, caseId } = await openCase(c.deps, maria, { playbookKey: 's3-bti', schoolUnitCode: 'NORR', studentRef: 'Elev Nivå To', firstRole: 'stafettholder' });
    await c.deps.prisma.case.update({ where: { id: caseId }, data: { stage: 'niva-1' } });
    await recordOutput(c.deps, maria, code, 'evaluation');
    await scheduleMeeting(c.deps, maria, code, { type: 'koordinerende-mote', startsAt: later(7) });
    await recordDecision(c.deps, maria, code, { kind: 'involve-others', outcome: 'no', text: 'Egen innsats fortsetter' });
    await rejects(advanceStage(c.deps, maria, code), 'TRANSITION.DECIDED_OTHERWISE');
    c.clock.advance(60_000);
    await recordDecision(c.deps, maria, code, { kind: 'involve-others', outcome: 'yes', text: 'Foresatte og PPT' });
    expect(await steps(maria, code)).toEqual(['niva-2']);
    expect((await advanceStage(c.deps, maria, code)).to).toBe('niva-2');
  });
});

describe(`S2 before the beredning is decided (${dbKind})`, () => {
  it('offers both ways, and `nästa` explains what is missing on the main way', async () => {
    const karin = await c.as('karin');
    const { code } = await openCase(c.deps, karin, { playbookKey: 's2-tomelilla', schoolUnitCode: 'NORR', studentRef: 'Elev Nivå', firstRole: 'team-coordinator', consent: { scope: ['SCHOOL'], givenBy: ['GUARDIAN'] } });
    await setTier(c.deps, karin, code, 'orange');
    expect(await steps(karin, code)).toEqual(['uppstartsmote-skola', 'komplettering']);
    await expect(advanceStage(c.deps, karin, code)).rejects.toMatchObject({ code: 'TRANSITION.GUARD_FAILED', params: { missing: expect.stringMatching(/Beredning av ansökan: godkänd/) } });
  });
});
