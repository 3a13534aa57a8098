/**
 * The playbook's `consentRequiredFor`, enforced for every action it names:
 * - `openCase`: the case opens only with the consent recorded in the same step (the new-case
 *   form asks for it; see README);
 * - `openLog`: the case leaves its first stage (the log is opened) only with a consent;
 * - `inviteSocialServices` / `inviteHealth` / `inviteExternal`: a person joins in a role of that
 *   agency only with a consent covering it (social services: any legal basis, always);
 * - `shareWithSocialServices` / `shareWithHealth`: a person whose only route to the case is a role
 *   of that agency sees details only while such a consent is in force (access policy).
 */
import { CONSENT_ACTION_SCOPE, type ConsentAction, type ConsentScope, type Playbook } from '../playbooks/index.ts';
import { SOCIAL_SERVICES_ROLE } from '../access/policy.ts';
import { DomainError } from '../shared/errors.ts';
import type { Tx } from '../shared/deps.ts';

/** The agency a case role represents (null: the school's own staff). */
export function roleAgency(pb: Playbook, role: string): 'SOCIAL_SERVICES' | 'HEALTH' | 'OTHER' | null {
  if (role === SOCIAL_SERVICES_ROLE) return 'SOCIAL_SERVICES';
  return pb.roles.find((r) => r.key === role)?.agency ?? null;
}

/** The invite / share actions that concern an agency. */
export const AGENCY_ACTIONS: Record<'SOCIAL_SERVICES' | 'HEALTH' | 'OTHER', { invite: ConsentAction; share?: ConsentAction }> = {
  SOCIAL_SERVICES: { invite: 'inviteSocialServices', share: 'shareWithSocialServices' },
  HEALTH: { invite: 'inviteHealth', share: 'shareWithHealth' },
  OTHER: { invite: 'inviteExternal' },
};

/** Whether a given, unexpired consent covers `scope` (null: any consent). */
export async function hasConsent(tx: Tx, caseId: string, now: Date, scope: ConsentScope | null): Promise<boolean> {
  const n = await tx.consent.count({
    where: { caseId, status: 'GIVEN', ...(scope ? { scope: { has: scope } } : {}), OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
  });
  return n > 0;
}

/** Throws CONSENT.REQUIRED when the playbook gates `action` and no consent covering it is recorded. */
export async function requireConsentFor(tx: Tx, pb: Playbook, caseId: string, code: string, now: Date, action: ConsentAction): Promise<void> {
  if (!pb.consentRequiredFor.includes(action)) return;
  if (!(await hasConsent(tx, caseId, now, CONSENT_ACTION_SCOPE[action]))) throw new DomainError('CONSENT.REQUIRED', { code });
}

/**
 * For the access policy: true when the person's only case roles belong to one agency whose
 * sharing the playbook gates (health services) and no consent covering it is in force.
 * Social services are gated separately and always (see policy.ts).
 */
export async function agencyShareBlocked(tx: Tx, pb: Playbook, caseId: string, memberRoles: readonly string[], now: Date): Promise<boolean> {
  const scope = gatedShareScope(pb, memberRoles);
  if (scope === undefined) return false;
  return !(await hasConsent(tx, caseId, now, scope));
}

/**
 * `agencyShareBlocked` from the case's consents, already loaded (the status view loads them all).
 */
export function agencyShareBlockedFrom(pb: Playbook, memberRoles: readonly string[], consents: readonly { scope: string[]; status: string; expiresAt: Date | null }[], now: Date): boolean {
  const scope = gatedShareScope(pb, memberRoles);
  if (scope === undefined) return false;
  return !consents.some((c) => c.status === 'GIVEN' && (!c.expiresAt || c.expiresAt > now) && (!scope || c.scope.includes(scope)));
}

/** The consent scope that gates these case roles' sharing (null: any consent), or undefined when none does. */
function gatedShareScope(pb: Playbook, memberRoles: readonly string[]): ConsentScope | null | undefined {
  if (!memberRoles.length) return undefined;
  const agencies = new Set(memberRoles.map((r) => roleAgency(pb, r)));
  if (agencies.size !== 1) return undefined;
  const agency = [...agencies][0];
  if (!agency || agency === 'SOCIAL_SERVICES') return undefined;
  const share = AGENCY_ACTIONS[agency].share;
  if (!share || !pb.consentRequiredFor.includes(share)) return undefined;
  return CONSENT_ACTION_SCOPE[share];
}
