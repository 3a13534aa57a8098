/**
 * Reads of an organisation's set-up for the conversation layer: the organisation itself, its
 * school units and people. Nothing here touches case data (those reads are in src/cases/ and are
 * audited); nothing is cached, so a re-applied organisation file is seen by the next request on
 * every instance.
 */
import { query, sql } from '../infra/db/fast-sql.ts';
import type { ServiceDeps } from '../shared/deps.ts';
import { DomainError } from '../shared/errors.ts';
import { orgSettings } from './org-settings.ts';
import { orgCalendar } from './org-calendar.ts';
import type { WorkingHoursConfig } from '../shared/calendar.ts';

/** What a request needs to know about its organisation. */
export interface OrgInfo {
  name: string;
  timeZone: string;
  holidayRegion: string;
  /** Playbook keys the organisation uses; empty: every registered playbook. */
  playbooks: string[];
  casePrefix: string;
  /** Working days and hours (src/orgs/org-calendar.ts). */
  calendar: WorkingHoursConfig;
}

export async function getOrgInfo(deps: Pick<ServiceDeps, 'prisma'>, orgId: string): Promise<OrgInfo> {
  const row = await deps.prisma.organisation.findUniqueOrThrow({ where: { id: orgId } });
  return { name: row.name, timeZone: row.timeZone, holidayRegion: row.holidayRegion, playbooks: orgSettings(row.settings).playbooks ?? [], casePrefix: row.casePrefix, calendar: orgCalendar(row) };
}

/**
 * What every request checks first, in one statement: the person asking is still active
 * (deprovisioning on any instance ends access at once) and their organisation's set-up.
 */
export async function activeRequestOrg(deps: Pick<ServiceDeps, 'prisma'>, personId: string, orgId: string): Promise<OrgInfo> {
  const [row] = await query<{ active: boolean | null; name: string; timeZone: string; holidayRegion: string; casePrefix: string; settings: unknown }>(deps.prisma, sql`
    SELECT p."active", o."name", o."timeZone", o."holidayRegion", o."casePrefix", o."settings"
    FROM "Organisation" o LEFT JOIN "Person" p ON p."id" = ${personId} AND p."orgId" = o."id"
    WHERE o."id" = ${orgId}`);
  if (!row?.active) throw new DomainError('PERSON.DEPROVISIONED');
  const settings = typeof row.settings === 'string' ? (JSON.parse(row.settings) as unknown) : row.settings;
  return {
    name: row.name, timeZone: row.timeZone, holidayRegion: row.holidayRegion, playbooks: orgSettings(settings).playbooks ?? [], casePrefix: row.casePrefix,
    calendar: orgCalendar({ timeZone: row.timeZone, holidayRegion: row.holidayRegion, settings }),
  };
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
