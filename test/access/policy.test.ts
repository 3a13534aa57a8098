/**
 * The access decisions of src/access/policy.ts as a table: who (organisation and case roles,
 * legal basis) × which permission → allowed or refused, with the reason the audit trail records.
 * Pure: the real `decide`, no database. Every row is written from the rules in the policy's
 * header, so a change of rule shows here as a changed row.
 */
import { describe, expect, it } from 'vitest';
import { decide, needsSocialServicesBasis, type AccessFacts, type Permission } from '../../src/access/policy.ts';

const ORG = 'org-1';
const UNIT = 'unit-norr';
const OTHER_UNIT = 'unit-soder';

type Who = { orgRoles?: { role: string; schoolUnitId: string | null }[]; memberRoles?: string[]; orgId?: string; basis?: boolean; scope?: readonly string[]; agencyBlocked?: boolean };

function facts(w: Who, status: AccessFacts['case']['status'] = 'OPEN'): AccessFacts {
  return {
    person: { id: 'p1', orgId: w.orgId ?? ORG, orgRoles: w.orgRoles ?? [] },
    case: { orgId: ORG, schoolUnitId: UNIT, status },
    memberRoles: w.memberRoles ?? [],
    socialServicesBasis: w.basis ?? false,
    basis: w.basis ? 'CONSENT:k1' : null,
    ...(w.scope ? { socialServicesScope: w.scope } : {}),
    ...(w.agencyBlocked ? { agencyShareBlocked: true } : {}),
  };
}

const ACTORS: Record<string, Who> = {
  'mentor (case member)': { memberRoles: ['mentor'] },
  'organisation member, not in the case': {},
  'other organisation, same case role': { orgId: 'org-2', memberRoles: ['mentor'] },
  'team lead of the unit': { orgRoles: [{ role: 'TEAM_LEAD', schoolUnitId: UNIT }] },
  'team lead of another unit': { orgRoles: [{ role: 'TEAM_LEAD', schoolUnitId: OTHER_UNIT }] },
  'principal of the unit': { orgRoles: [{ role: 'PRINCIPAL', schoolUnitId: UNIT }] },
  'coordinator pool': { orgRoles: [{ role: 'COORDINATOR_POOL', schoolUnitId: OTHER_UNIT }] },
  'EHT member, not in the case': { orgRoles: [{ role: 'EHT_MEMBER', schoolUnitId: UNIT }] },
  'admin, not in the case': { orgRoles: [{ role: 'ADMIN', schoolUnitId: null }] },
  'social services, no basis': { orgRoles: [{ role: 'SOCIAL_SERVICES', schoolUnitId: null }], memberRoles: ['social-services'] },
  'social services as mentor, no basis': { orgRoles: [{ role: 'SOCIAL_SERVICES', schoolUnitId: null }], memberRoles: ['mentor'] },
  'social services, consent in force': { orgRoles: [{ role: 'SOCIAL_SERVICES', schoolUnitId: null }], memberRoles: ['social-services'], basis: true },
  'social services, share of CASE only': { orgRoles: [{ role: 'SOCIAL_SERVICES', schoolUnitId: null }], memberRoles: ['social-services'], basis: true, scope: ['CASE'] },
  'social-services case role only, no basis': { memberRoles: ['social-services'] },
  'health member, sharing needs a consent': { memberRoles: ['school-nurse'], agencyBlocked: true },
};

const PERMISSIONS: Permission[] = ['case.summary', 'case.details', 'case.record', 'case.write', 'case.manage', 'case.concern', 'case.concern.read', 'case.share.approve', 'case.audit'];

/** Expected reason per actor and permission on an open case; `+` allowed, `-` refused. */
const TABLE: Record<string, Record<Permission, string>> = {
  'mentor (case member)': { 'case.summary': '+organisation-member', 'case.details': '+member', 'case.record': '+member', 'case.write': '+member', 'case.manage': '+member', 'case.concern': '+concern-never-gated', 'case.concern.read': '+member', 'case.share.approve': '-no-authority', 'case.audit': '-not-case-lead' },
  'organisation member, not in the case': { 'case.summary': '+organisation-member', 'case.details': '-not-member', 'case.record': '-not-member', 'case.write': '-not-member', 'case.manage': '-not-member', 'case.concern': '+concern-never-gated', 'case.concern.read': '-not-member', 'case.share.approve': '-no-authority', 'case.audit': '-not-case-lead' },
  'other organisation, same case role': Object.fromEntries(PERMISSIONS.map((p) => [p, '-other-organisation'])) as Record<Permission, string>,
  'team lead of the unit': { 'case.summary': '+organisation-member', 'case.details': '+team-lead', 'case.record': '+team-lead', 'case.write': '+team-lead', 'case.manage': '+team-lead', 'case.concern': '+concern-never-gated', 'case.concern.read': '+team-lead', 'case.share.approve': '+team-lead', 'case.audit': '+team-lead' },
  'team lead of another unit': { 'case.summary': '+organisation-member', 'case.details': '-not-member', 'case.record': '-not-member', 'case.write': '-not-member', 'case.manage': '-not-member', 'case.concern': '+concern-never-gated', 'case.concern.read': '-not-member', 'case.share.approve': '-no-authority', 'case.audit': '-not-case-lead' },
  'principal of the unit': { 'case.summary': '+organisation-member', 'case.details': '+principal', 'case.record': '+principal', 'case.write': '+principal', 'case.manage': '+principal', 'case.concern': '+concern-never-gated', 'case.concern.read': '+principal', 'case.share.approve': '+principal', 'case.audit': '-not-case-lead' },
  'coordinator pool': { 'case.summary': '+organisation-member', 'case.details': '+coordinator-pool', 'case.record': '+coordinator-pool', 'case.write': '+coordinator-pool', 'case.manage': '+coordinator-pool', 'case.concern': '+concern-never-gated', 'case.concern.read': '+coordinator-pool', 'case.share.approve': '-no-authority', 'case.audit': '-not-case-lead' },
  'EHT member, not in the case': { 'case.summary': '+organisation-member', 'case.details': '-not-member', 'case.record': '-not-member', 'case.write': '-not-member', 'case.manage': '-not-member', 'case.concern': '+concern-never-gated', 'case.concern.read': '-not-member', 'case.share.approve': '-no-authority', 'case.audit': '-not-case-lead' },
  'admin, not in the case': { 'case.summary': '+organisation-member', 'case.details': '-not-member', 'case.record': '-not-member', 'case.write': '-not-member', 'case.manage': '-not-member', 'case.concern': '+concern-never-gated', 'case.concern.read': '-not-member', 'case.share.approve': '-no-authority', 'case.audit': '-not-case-lead' },
  'social services, no basis': { 'case.summary': '+organisation-member', 'case.details': '-no-legal-basis', 'case.record': '-no-legal-basis', 'case.write': '-no-legal-basis', 'case.manage': '-no-legal-basis', 'case.concern': '+concern-never-gated', 'case.concern.read': '+duty-to-report', 'case.share.approve': '-social-services-own-basis', 'case.audit': '-no-legal-basis' },
  'social services as mentor, no basis': { 'case.summary': '+organisation-member', 'case.details': '-no-legal-basis', 'case.record': '-no-legal-basis', 'case.write': '-no-legal-basis', 'case.manage': '-no-legal-basis', 'case.concern': '+concern-never-gated', 'case.concern.read': '+duty-to-report', 'case.share.approve': '-social-services-own-basis', 'case.audit': '-no-legal-basis' },
  'social services, consent in force': { 'case.summary': '+organisation-member', 'case.details': '+social-services-member', 'case.record': '+social-services-member', 'case.write': '+social-services-member', 'case.manage': '+social-services-member', 'case.concern': '+concern-never-gated', 'case.concern.read': '+duty-to-report', 'case.share.approve': '-social-services-own-basis', 'case.audit': '-not-case-lead' },
  'social services, share of CASE only': { 'case.summary': '+organisation-member', 'case.details': '+social-services-member', 'case.record': '-no-legal-basis', 'case.write': '-no-legal-basis', 'case.manage': '-no-legal-basis', 'case.concern': '+concern-never-gated', 'case.concern.read': '+duty-to-report', 'case.share.approve': '-social-services-own-basis', 'case.audit': '-not-case-lead' },
  'social-services case role only, no basis': { 'case.summary': '+organisation-member', 'case.details': '-no-legal-basis', 'case.record': '-no-legal-basis', 'case.write': '-no-legal-basis', 'case.manage': '-no-legal-basis', 'case.concern': '+concern-never-gated', 'case.concern.read': '+duty-to-report', 'case.share.approve': '-social-services-own-basis', 'case.audit': '-no-legal-basis' },
  'health member, sharing needs a consent': { 'case.summary': '+organisation-member', 'case.details': '-no-legal-basis', 'case.record': '-no-legal-basis', 'case.write': '-no-legal-basis', 'case.manage': '-no-legal-basis', 'case.concern': '+concern-never-gated', 'case.concern.read': '-no-legal-basis', 'case.share.approve': '-no-authority', 'case.audit': '-not-case-lead' },
};

const show = (d: { allowed: boolean; reason: string }) => `${d.allowed ? '+' : '-'}${d.reason}`;

describe('access policy: actor × permission on an open case', () => {
  for (const [who, w] of Object.entries(ACTORS)) {
    it(who, () => {
      const got = Object.fromEntries(PERMISSIONS.map((p) => [p, show(decide(facts(w), p))]));
      expect(got).toEqual(TABLE[who]);
    });
  }

  it('covers every actor of the table and no other', () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(ACTORS).sort());
  });
});

describe('access policy: the case lead, closed and purged cases', () => {
  it('gives the audit trail to the baton holder, unless social services lack a basis', () => {
    expect(show(decide(facts(ACTORS['mentor (case member)']!), 'case.audit', { isBatonHolder: true }))).toBe('+case-lead');
    expect(show(decide(facts(ACTORS['social services, no basis']!), 'case.audit', { isBatonHolder: true }))).toBe('-no-legal-basis');
    expect(show(decide(facts(ACTORS['social services, consent in force']!), 'case.audit', { isBatonHolder: true }))).toBe('+case-lead');
  });

  it('refuses changes to a closed case but still reads it and accepts a report of concern', () => {
    const mentor = facts(ACTORS['mentor (case member)']!, 'CLOSED');
    expect(show(decide(mentor, 'case.write'))).toBe('-closed');
    expect(show(decide(mentor, 'case.manage'))).toBe('-closed');
    expect(show(decide(mentor, 'case.details'))).toBe('+member');
    expect(show(decide(mentor, 'case.record'))).toBe('+member');
    expect(show(decide(mentor, 'case.concern'))).toBe('+concern-never-gated');
  });

  it('of a purged case shows only the summary and takes a report of concern', () => {
    const lead = facts(ACTORS['team lead of the unit']!, 'PURGED');
    for (const p of PERMISSIONS) {
      const expected = p === 'case.summary' ? '+organisation-member' : p === 'case.concern' ? '+concern-never-gated' : '-purged';
      expect(show(decide(lead, p)), p).toBe(expected);
    }
  });

  it('gates exactly those who need a legal basis covering social services', () => {
    const gated = Object.entries(ACTORS).filter(([, w]) => needsSocialServicesBasis(facts(w))).map(([who]) => who).sort();
    expect(gated).toEqual(['social services as mentor, no basis', 'social services, consent in force', 'social services, no basis', 'social services, share of CASE only', 'social-services case role only, no basis']);
  });
});
