/**
 * Who may see and change what. Pure functions over facts loaded by the services, so every
 * decision is testable and identical for Slack, Teams and the console.
 *
 * Organisation → school units → cases. Case details: case members, the unit's team lead and
 * principal, and the coordinator pool. A person whose organisation role is social services is
 * gated whatever case role they hold (and so is anyone acting in the case's social-services
 * role without another route): they see details only while a legal basis covering social
 * services is in force — a consent, or a share request from social services approved by a
 * person with the authority. A report of concern is not such a basis: it discloses the report
 * itself (who, when, what) to social services, never the rest of the file. Everyone in the
 * organisation may see the shared summary (code, stage, role of the baton holder, next date)
 * and may always record a report of concern.
 */
export type OrgRoleName = 'TEAM_LEAD' | 'COORDINATOR_POOL' | 'SOCIAL_SERVICES' | 'EHT_MEMBER' | 'PRINCIPAL' | 'ADMIN';

export const SOCIAL_SERVICES_ROLE = 'social-services';

export interface AccessFacts {
  person: { id: string; orgId: string; orgRoles: { role: OrgRoleName | string; schoolUnitId: string | null }[] };
  case: { orgId: string; schoolUnitId: string | null; status: 'OPEN' | 'CLOSED' | 'PURGED' };
  /** The person's active roles in this case. */
  memberRoles: string[];
  /** A consent covering social services or an approved share request is in force. */
  socialServicesBasis: boolean;
  /** Which basis (e.g. `CONSENT:<id>`), for the audit trail. */
  basis?: string | null;
  /**
   * Parts the basis in force discloses: `CASE` (status, plan, meetings, decisions), `LOG` (log,
   * export) and `WRITE` (taking part in the case). A consent covers all three; an approved share
   * request the parts it names. Undefined with a basis: all parts.
   */
  socialServicesScope?: readonly string[];
  /**
   * The person's only case roles represent an agency (health services) whose sharing the
   * playbook makes conditional on consent, and no such consent is in force.
   */
  agencyShareBlocked?: boolean;
}

/** Everything a consent covering social services opens. */
export const CONSENT_SHARE_SCOPE = ['CASE', 'LOG', 'WRITE'] as const;
/** What social services may ask for in a share request. */
export const SHARE_REQUEST_PARTS = ['CASE', 'LOG'] as const;

export type Permission =
  /** Code, stage, baton holder's role, next date: safe for channels. */
  | 'case.summary'
  /** Everything else: names, free text, plan, meetings, decisions. */
  | 'case.details'
  /** The case log and the export (the record itself). */
  | 'case.record'
  /** Changes to the case (meetings, decisions, actions, consents, stage). */
  | 'case.write'
  /** A report of concern: never gated beyond organisation membership. */
  | 'case.concern'
  /** The reports of concern themselves (who, when, what): social services and those who see details. */
  | 'case.concern.read'
  /** Approve or decline social services' request for further disclosure: principal or team lead of the unit. */
  | 'case.share.approve'
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

/** True when the person has the social-services organisation role (in any unit). */
export function hasSocialServicesOrgRole(f: Pick<AccessFacts, 'person'>): boolean {
  return f.person.orgRoles.some((r) => r.role === 'SOCIAL_SERVICES');
}

/**
 * True when the person may see details only under a legal basis covering social services:
 * anyone with the social-services organisation role, whatever case role they hold, and anyone
 * whose only route to the case is its social-services role.
 */
export function needsSocialServicesBasis(f: AccessFacts): boolean {
  if (hasSocialServicesOrgRole(f)) return true;
  const nonSsMember = f.memberRoles.some((r) => r !== SOCIAL_SERVICES_ROLE);
  if (nonSsMember) return false;
  if (hasOrgRole(f, 'TEAM_LEAD', true) || hasOrgRole(f, 'PRINCIPAL', true) || hasOrgRole(f, 'COORDINATOR_POOL', false)) return false;
  return f.memberRoles.includes(SOCIAL_SERVICES_ROLE) || hasOrgRole(f, 'SOCIAL_SERVICES', false);
}

/** Whether a social-services-gated person's basis covers a part (always true for others). */
function covers(f: AccessFacts, part: string): boolean {
  if (!needsSocialServicesBasis(f)) return true;
  if (!f.socialServicesBasis) return false;
  return (f.socialServicesScope ?? CONSENT_SHARE_SCOPE).includes(part);
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
  if (f.case.status === 'PURGED' && permission !== 'case.summary' && permission !== 'case.concern') return deny('purged');
  switch (permission) {
    case 'case.summary':
      return allow('organisation-member');
    case 'case.concern':
      // The duty to report holds at any time: a closed case does not refuse a report.
      return allow('concern-never-gated');
    case 'case.details':
    case 'case.record': {
      const route = detailsRoute(f);
      if (!route) return deny('not-member');
      if (!covers(f, permission === 'case.details' ? 'CASE' : 'LOG')) return deny('no-legal-basis');
      if (route === 'member' && f.agencyShareBlocked) return deny('no-legal-basis');
      return allow(route);
    }
    case 'case.concern.read': {
      if (hasSocialServicesOrgRole(f) || f.memberRoles.includes(SOCIAL_SERVICES_ROLE)) return allow('duty-to-report');
      const details = decide(f, 'case.details', opts);
      return details.allowed ? details : deny(details.reason);
    }
    case 'case.share.approve': {
      if (needsSocialServicesBasis(f)) return deny('social-services-own-basis');
      if (hasOrgRole(f, 'PRINCIPAL', true)) return allow('principal');
      if (hasOrgRole(f, 'TEAM_LEAD', true)) return allow('team-lead');
      return deny('no-authority');
    }
    case 'case.write':
    case 'case.manage': {
      if (f.case.status !== 'OPEN') return deny('closed');
      const route = detailsRoute(f);
      if (!route) return deny('not-member');
      if (!covers(f, 'WRITE')) return deny('no-legal-basis');
      if (route === 'member' && f.agencyShareBlocked) return deny('no-legal-basis');
      return allow(route);
    }
    case 'case.audit': {
      if (!covers(f, 'CASE')) return deny('no-legal-basis');
      if (opts.isBatonHolder) return allow('case-lead');
      if (hasOrgRole(f, 'TEAM_LEAD', true)) return allow('team-lead');
      return deny('not-case-lead');
    }
  }
}
