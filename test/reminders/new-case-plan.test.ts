/**
 * Opening a case writes its first deadlines and nudges in its one opening statement, planned in
 * JavaScript before it (ServiceDeps.planNewCase), without the re-plan every other change runs.
 * Held to the re-plan here: right after each opening — every playbook, with and without a school
 * unit, a referral and an absence signal, the organisation read by the chat request or by
 * openCase itself — re-planning the case from the database finds nothing to insert, cancel or
 * re-arm, and the stored rows carry the case's code.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCase, type OpenCaseInput } from '../../src/cases/case.service.ts';
import { activeRequestOrg } from '../../src/orgs/org-query.service.ts';
import { replanCase } from '../../src/reminders/index.ts';
import { GUARDIAN_TASK_RULE } from '../../src/reminders/reminder.ts';
import { dbKind } from '../support/db.ts';
import { createReminderFixture, type ReminderFixture } from './support/fixture.ts';

const PLAYBOOKS = ['s0-elevvard', 's1-vastbas', 's2-tomelilla', 's3-bti', 's4-sandviken'];

describe(`a new case's first plan (${dbKind})`, () => {
  let f: ReminderFixture;
  beforeEach(async () => { f = await createReminderFixture(new Date('2026-11-23T08:00:00+01:00')); });
  afterEach(async () => { await f.close(); });

  const snapshot = async (caseId: string) => ({
    nudges: (await f.deps.prisma.nudge.findMany({ where: { caseId }, orderBy: { dedupeKey: 'asc' } })).map((n) => ({ id: n.id, key: n.dedupeKey, status: n.status, personId: n.personId, sendAt: n.sendAt.toISOString(), payload: n.payload })),
    deadlines: (await f.deps.prisma.deadline.findMany({ where: { caseId }, orderBy: { ruleKey: 'asc' } })).map((d) => ({ id: d.id, ruleKey: d.ruleKey, dueAt: d.dueAt.toISOString(), ownerId: d.ownerId, status: d.status })),
  });

  it('is what re-planning the stored case wants, for every playbook, unit, origin and way of reading the organisation', async () => {
    const karin = await f.as('karin');
    const tove = await f.as('tove');
    // An organisation-wide team lead besides Tove (NORR), and one who has left (never escalated to).
    const elin = await f.as('elin');
    const rasmus = await f.as('rasmus');
    await f.deps.prisma.personOrgRole.create({ data: { personId: elin.personId, role: 'TEAM_LEAD', schoolUnitId: null } });
    await f.deps.prisma.personOrgRole.create({ data: { personId: rasmus.personId, role: 'TEAM_LEAD', schoolUnitId: null } });
    await f.deps.prisma.person.update({ where: { id: rasmus.personId }, data: { active: false } });

    let n = 0;
    const escalatedTo = new Map<string, Set<string>>();
    for (const playbookKey of PLAYBOOKS) {
      for (const unit of ['NORR', 'SODER', undefined]) {
        for (const origin of ['REFERRAL', 'ABSENCE_SIGNAL'] as const) {
          for (const viaRequest of [true, false]) {
            const input: OpenCaseInput = {
              playbookKey, schoolUnitCode: unit, studentRef: `Elev ${++n}`, origin,
              consent: { scope: ['SCHOOL', 'SOCIAL_SERVICES'], givenBy: ['GUARDIAN'] },
            };
            const org = viaRequest ? await activeRequestOrg(f.deps, karin.personId, karin.orgId, { teamLeads: true }) : undefined;
            const { caseId, code } = await openCase(f.deps, karin, input, org ? { org } : {});
            const before = await snapshot(caseId);
            expect(before.nudges.length, `${playbookKey} ${unit} ${origin}`).toBeGreaterThan(0);
            for (const x of before.nudges) expect((x.payload as { caseCode?: string }).caseCode).toBe(code);
            expect(before.deadlines.some((d) => d.ruleKey === GUARDIAN_TASK_RULE)).toBe(origin === 'ABSENCE_SIGNAL');
            const leads = escalatedTo.get(unit ?? '-') ?? new Set<string>();
            for (const x of before.nudges) if (x.key.includes(':esc2:')) leads.add(x.personId!);
            escalatedTo.set(unit ?? '-', leads);

            await f.deps.prisma.$transaction((tx) => replanCase(f.deps, tx, caseId));
            expect(await snapshot(caseId), `${playbookKey} ${unit} ${origin} ${viaRequest ? 'request' : 'read'}`).toEqual(before);
          }
        }
      }
    }
    // The team leads of the unit and the organisation-wide one; never the one who has left.
    expect([...escalatedTo.get('NORR')!].sort()).toEqual([elin.personId, tove.personId].sort());
    expect([...escalatedTo.get('SODER')!]).toEqual([elin.personId]);
    expect([...escalatedTo.get('-')!]).toEqual([elin.personId]);
  });
});
