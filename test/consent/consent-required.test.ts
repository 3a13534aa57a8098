/**
 * `consentRequiredFor` is enforced for every action any built-in playbook names: each action is
 * tried without the consent (refused) and with it (allowed), on the playbook that names it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceStage, assignRole, openCase } from '../../src/cases/case.service.ts';
import { getCaseStatus } from '../../src/cases/case-query.service.ts';
import { recordConsent, withdrawConsent } from '../../src/consent/consent.service.ts';
import { builtinPlaybooks, CONSENT_ACTIONS, type ConsentAction, type Playbook } from '../../src/playbooks/index.ts';
import { dbKind } from '../support/db.ts';
import { createTestCore, type TestCore } from '../support/core.ts';

let c: TestCore;
beforeAll(async () => {
  c = await createTestCore();
});
afterAll(async () => c?.close());

type Scope = 'SCHOOL' | 'SOCIAL_SERVICES' | 'HEALTH' | 'OTHER';
let n = 0;

/** Opens a case of `pb` (with a school-only consent when the playbook asks for one at opening). */
async function open(pb: Playbook) {
  const karin = await c.as('karin');
  const firstRole = pb.roles.find((r) => r.key !== 'social-services' && !r.agency)!.key;
  const consent = pb.consentRequiredFor.includes('openCase') ? { scope: ['SCHOOL'] as Scope[], givenBy: ['GUARDIAN' as const] } : undefined;
  return { karin, ...(await openCase(c.deps, karin, { playbookKey: pb.key, schoolUnitCode: 'NORR', studentRef: `Elev Samtycke ${++n}`, firstRole, consent })) };
}
const consent = async (code: string, scope: Scope[]) => recordConsent(c.deps, await c.as('karin'), code, { scope, givenBy: [{ party: 'GUARDIAN' }] });
const sees = async (who: string, code: string) => Boolean((await getCaseStatus(c.deps, await c.as(who), code)).details);
const roleOf = (pb: Playbook, agency: 'HEALTH' | 'OTHER') => pb.roles.find((r) => r.agency === agency)!.key;
/** Social services' role in the case; Tomelilla has none (the team includes social services' staff). */
const ssRole = (pb: Playbook) => pb.roles.find((r) => r.key === 'social-services')?.key ?? pb.roles.find((r) => !r.agency && r.key !== pb.roles[0]!.key)!.key;

/** Walks one action: refused without the consent it needs, allowed with it. */
const walk: Record<ConsentAction, (pb: Playbook) => Promise<void>> = {
  openCase: async (pb) => {
    const karin = await c.as('karin');
    await expect(openCase(c.deps, karin, { playbookKey: pb.key, schoolUnitCode: 'NORR', studentRef: 'Elev Utan Samtycke', firstRole: pb.roles[0]!.key }))
      .rejects.toMatchObject({ code: 'CONSENT.REQUIRED_TO_OPEN' });
    const { caseId } = await open(pb);
    const given = await c.deps.prisma.consent.findMany({ where: { caseId } });
    expect(given.map((g) => ({ status: g.status, scope: g.scope }))).toEqual([{ status: 'GIVEN', scope: ['SCHOOL'] }]);
    expect(await c.deps.prisma.legalBasis.count({ where: { caseId, basis: 'CONSENT', agency: 'SCHOOL' } })).toBe(1);
    expect((await c.deps.prisma.caseLogEntry.findMany({ where: { caseId }, orderBy: { seq: 'asc' } })).map((e) => e.kind).slice(0, 2)).toEqual(['case.opened', 'consent.given']);
  },
  openLog: async (pb) => {
    const { karin, code } = await open(pb);
    await expect(advanceStage(c.deps, karin, code)).rejects.toMatchObject({ code: 'CONSENT.REQUIRED' });
    await consent(code, ['SCHOOL']);
    await expect(advanceStage(c.deps, karin, code)).rejects.not.toMatchObject({ code: 'CONSENT.REQUIRED' });
  },
  inviteSocialServices: async (pb) => {
    const { karin, code } = await open(pb);
    await expect(assignRole(c.deps, karin, code, { person: { text: 'sara' }, role: ssRole(pb) })).rejects.toMatchObject({ code: 'CONSENT.REQUIRED' });
    await consent(code, ['SOCIAL_SERVICES']);
    await assignRole(c.deps, karin, code, { person: { text: 'sara' }, role: ssRole(pb) });
  },
  shareWithSocialServices: async (pb) => {
    const { karin, code } = await open(pb);
    await consent(code, ['SOCIAL_SERVICES']);
    await assignRole(c.deps, karin, code, { person: { text: 'sara' }, role: ssRole(pb) });
    expect(await sees('sara', code)).toBe(true);
    await withdrawConsent(c.deps, karin, code);
    expect(await sees('sara', code)).toBe(false);
  },
  inviteHealth: async (pb) => {
    const { karin, code } = await open(pb);
    const role = roleOf(pb, 'HEALTH');
    await consent(code, ['SCHOOL', 'SOCIAL_SERVICES']);
    await expect(assignRole(c.deps, karin, code, { person: { text: 'elin' }, role })).rejects.toMatchObject({ code: 'CONSENT.REQUIRED' });
    await consent(code, ['HEALTH']);
    await assignRole(c.deps, karin, code, { person: { text: 'elin' }, role });
  },
  shareWithHealth: async (pb) => {
    const { karin, code } = await open(pb);
    await consent(code, ['SCHOOL', 'HEALTH']);
    await assignRole(c.deps, karin, code, { person: { text: 'elin' }, role: roleOf(pb, 'HEALTH') });
    expect(await sees('elin', code)).toBe(true);
    await withdrawConsent(c.deps, karin, code);
    // Her only route to the case is the health role: no consent, no details.
    expect(await sees('elin', code)).toBe(false);
    expect(await sees('karin', code)).toBe(true);
  },
  inviteExternal: async (pb) => {
    const { karin, code } = await open(pb);
    const role = roleOf(pb, 'OTHER');
    await consent(code, ['SCHOOL']);
    await expect(assignRole(c.deps, karin, code, { person: { text: 'rasmus' }, role })).rejects.toMatchObject({ code: 'CONSENT.REQUIRED' });
    await consent(code, ['OTHER']);
    await assignRole(c.deps, karin, code, { person: { text: 'rasmus' }, role });
  },
};

describe(`consentRequiredFor is enforced for every action (${dbKind})`, () => {
  const named = builtinPlaybooks.flatMap((pb) => pb.consentRequiredFor.map((a) => [pb.key, a] as const));

  it('the built-ins together name every consent-gated action', () => {
    expect(new Set(named.map(([, a]) => a))).toEqual(new Set(CONSENT_ACTIONS));
  });

  for (const [key, action] of named) {
    it(`${key}: ${action}`, async () => {
      await walk[action](builtinPlaybooks.find((p) => p.key === key)!);
    });
  }

  it('a playbook that does not name an action does not gate it (S0 invites health staff without a health consent)', async () => {
    const pb = builtinPlaybooks.find((p) => p.key === 's0-elevvard')!;
    expect(pb.consentRequiredFor).not.toContain('inviteHealth');
    const { karin, code } = await open(pb);
    await assignRole(c.deps, karin, code, { person: { text: 'elin' }, role: 'health' });
  });
});
