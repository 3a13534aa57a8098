/**
 * Who may see and change what. Pure functions over facts loaded by the services, so every
 * decision is testable and identical for Slack, Teams and the console.
 *
 * Organisation → school units → cases. Case details: case members, the unit's team lead and
 * principal, and the coordinator pool. Social-services people (by case role or org role) see
 * details only while a legal basis exists: a consent covering social services, a report of
 * concern, or another recorded basis. Everyone in the organisation may see the shared summary
 * (code, stage, role of the baton holder, next date) and may always record a report of concern.
 */
export type OrgRoleName = 'TEAM_LEAD' | 'COORDINATOR_POOL' | 'SOCIAL_SERVICES' | 'EHT_MEMBER' | 'PRINCIPAL' | 'ADMIN';

export const SOCIAL_SERVICES_ROLE = 'social-services';

export interface AccessFacts {
  person: { id: string; orgId: string; orgRoles: { role: OrgRoleName | string; schoolUnitId: string | null }[] };
  case: { orgId: string; schoolUnitId: string | null; status: 'OPEN' | 'CLOSED' | 'PURGED' };
  /** The person's active roles in this case. */
  memberRoles: string[];
  /** A consent covering social services, a report of concern or another recorded basis is in force. */
  socialServicesBasis: boolean;
  /** Which basis (e.g. `CONSENT:<id>`), for the audit trail. */
  basis?: string | null;
}

export type Permission =
  /** Code, stage, baton holder's role, next date: safe for channels. */
  | 'case.summary'
  /** Everything else: names, free text, plan, log. */
  | 'case.details'
  /** Changes to the case (meetings, decisions, actions, consents, stage). */
  | 'case.write'
  /** A report of concern: never gated beyond organisation membership. */
  | 'case.concern'
  /** The audit trail: case lead (baton holder) and team lead. */
  | 'case.audit'
  /** Assign roles, close, hand over. */
  | 'case.manage';

export interface AccessDecision {
  allowed: boolean;
  /** Stable reason code for the audit log. */
  reason: string;
}

const allow = (reason: string): AccessDecision => ({ allowed: true, reason });
const deny = (reason: string): AccessDecision => ({ allowed: false, reason });

function hasOrgRole(f: AccessFacts, role: OrgRoleName, unitScoped: boolean): boolean {
  return f.person.orgRoles.some(
    (r) => r.role === role && (!unitScoped || r.schoolUnitId === null || r.schoolUnitId === f.case.schoolUnitId),
  );
}

/** True when the person's only route to the case is as social services. */
function isSocialServicesOnly(f: AccessFacts): boolean {
  const nonSsMember = f.memberRoles.some((r) => r !== SOCIAL_SERVICES_ROLE);
  if (nonSsMember) return false;
  if (hasOrgRole(f, 'TEAM_LEAD', true) || hasOrgRole(f, 'PRINCIPAL', true) || hasOrgRole(f, 'COORDINATOR_POOL', false)) return false;
  return f.memberRoles.includes(SOCIAL_SERVICES_ROLE) || hasOrgRole(f, 'SOCIAL_SERVICES', false);
}

/** Route by which a person may see case details, or null. */
function detailsRoute(f: AccessFacts): string | null {
  if (f.memberRoles.some((r) => r !== SOCIAL_SERVICES_ROLE)) return 'member';
  if (hasOrgRole(f, 'TEAM_LEAD', true)) return 'team-lead';
  if (hasOrgRole(f, 'PRINCIPAL', true)) return 'principal';
  if (hasOrgRole(f, 'COORDINATOR_POOL', false)) return 'coordinator-pool';
  if (f.memberRoles.includes(SOCIAL_SERVICES_ROLE)) return 'social-services-member';
  return null;
}

/** Decides one permission. */
export function decide(f: AccessFacts, permission: Permission, opts: { isBatonHolder?: boolean } = {}): AccessDecision {
  if (f.person.orgId !== f.case.orgId) return deny('other-organisation');
  if (f.case.status === 'PURGED' && permission !== 'case.summary') return deny('purged');
  switch (permission) {
    case 'case.summary':
      return allow('organisation-member');
    case 'case.concern':
      return f.case.status === 'OPEN' ? allow('concern-never-gated') : deny('closed');
    case 'case.details': {
      const route = detailsRoute(f);
      if (!route) return deny('not-member');
      if (isSocialServicesOnly(f) && !f.socialServicesBasis) return deny('no-legal-basis');
      return allow(route);
    }
    case 'case.write':
    case 'case.manage': {
      if (f.case.status !== 'OPEN') return deny('closed');
      const route = detailsRoute(f);
      if (!route) return deny('not-member');
      if (isSocialServicesOnly(f) && !f.socialServicesBasis) return deny('no-legal-basis');
      return allow(route);
    }
    case 'case.audit': {
      if (opts.isBatonHolder) return allow('case-lead');
      if (hasOrgRole(f, 'TEAM_LEAD', true)) return allow('team-lead');
      return deny('not-case-lead');
    }
  }
}
