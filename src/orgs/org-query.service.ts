/**
 * Reads of an organisation's set-up for the conversation layer: the organisation itself, its
 * school units and people. Nothing here touches case data (those reads are in src/cases/ and are
 * audited); nothing is cached, so a re-applied organisation file is seen by the next request on
 * every instance.
 */
import type { ServiceDeps } from '../shared/deps.ts';
import { orgSettings } from './org-settings.ts';

/** What a request needs to know about its organisation. */
export interface OrgInfo {
  name: string;
  timeZone: string;
  holidayRegion: string;
  /** Playbook keys the organisation uses; empty: every registered playbook. */
  playbooks: string[];
  casePrefix: string;
}

export async function getOrgInfo(deps: Pick<ServiceDeps, 'prisma'>, orgId: string): Promise<OrgInfo> {
  const row = await deps.prisma.organisation.findUniqueOrThrow({ where: { id: orgId } });
  return { name: row.name, timeZone: row.timeZone, holidayRegion: row.holidayRegion, playbooks: orgSettings(row.settings).playbooks ?? [], casePrefix: row.casePrefix };
}

/** The organisation's school units, by name. */
export async function listSchoolUnits(deps: Pick<ServiceDeps, 'prisma'>, orgId: string): Promise<{ id: string; code: string; name: string }[]> {
  return deps.prisma.schoolUnit.findMany({ where: { orgId }, orderBy: { name: 'asc' } });
}

/** Active people of the organisation with their organisation roles (the admin's people list). */
export async function listActivePeople(deps: Pick<ServiceDeps, 'prisma'>, orgId: string, take = 60) {
  return deps.prisma.person.findMany({ where: { orgId, active: true }, include: { roles: true }, orderBy: { displayName: 'asc' }, take });
}

/** The organisation roles one person holds. */
export async function orgRolesOf(deps: Pick<ServiceDeps, 'prisma'>, personId: string) {
  return deps.prisma.personOrgRole.findMany({ where: { personId } });
}

/** Console user names of the organisation, oldest first (the console banner). */
export async function consoleUsers(deps: Pick<ServiceDeps, 'prisma'>, orgId: string): Promise<(string | null)[]> {
  return (await deps.prisma.person.findMany({ where: { orgId, consoleUser: { not: null } }, orderBy: { createdAt: 'asc' } })).map((p) => p.consoleUser);
}

/** A person's display name; `required` throws when there is no such person. */
export async function personDisplayName(deps: Pick<ServiceDeps, 'prisma'>, personId: string, required: true): Promise<string>;
export async function personDisplayName(deps: Pick<ServiceDeps, 'prisma'>, personId: string, required?: false): Promise<string | undefined>;
export async function personDisplayName(deps: Pick<ServiceDeps, 'prisma'>, personId: string, required = false): Promise<string | undefined> {
  if (required) return (await deps.prisma.person.findUniqueOrThrow({ where: { id: personId } })).displayName;
  return (await deps.prisma.person.findUnique({ where: { id: personId }, select: { displayName: true } }))?.displayName;
}

/** How a staff member of the organisation can be named on each platform, or null. */
export async function personHandles(deps: Pick<ServiceDeps, 'prisma'>, orgId: string, personId: string): Promise<{ slackUserId: string | null; consoleUser: string | null; displayName: string; email: string | null } | null> {
  return deps.prisma.person.findFirst({ where: { id: personId, orgId }, select: { slackUserId: true, consoleUser: true, displayName: true, email: true } });
}
