/**
 * Reads of an organisation's set-up for the conversation layer: the organisation itself, its
 * school units and people. Nothing here touches case data (those reads are in src/cases/ and are
 * audited); nothing is cached, so a re-applied organisation file is seen by the next request on
 * every instance.
 */
import { query } from '../infra/db/fast-sql.ts';
import type { ServiceDeps } from '../shared/deps.ts';
import { DomainError } from '../shared/errors.ts';
import { orgSettings, type StoredOrgSettings } from './org-settings.ts';
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
  /** The organisation's stored settings, checked (src/orgs/org-settings.ts). */
  settings: StoredOrgSettings;
  /** Active team leads, with the code of their school unit (null: every unit); only when asked for. */
  teamLeads?: TeamLead[];
}

export interface TeamLead {
  personId: string;
  unitCode: string | null;
}

/** The active team leads of an organisation, as JSON: a sub-select of the organisation's row `o`. */
const TEAM_LEADS_JSON = `COALESCE((SELECT json_agg(json_build_object('personId', r."personId", 'unitCode', u."code"))
  FROM "PersonOrgRole" r JOIN "Person" lp ON lp."id" = r."personId" LEFT JOIN "SchoolUnit" u ON u."id" = r."schoolUnitId"
  WHERE r."role" = 'TEAM_LEAD' AND lp."orgId" = o."id" AND lp."active"), '[]'::json)`;

/** The team leads for a case of the school unit `unitCode` (none: the organisation-wide ones). */
export function teamLeadsFor(leads: readonly TeamLead[], unitCode: string | null | undefined): string[] {
  return [...new Set(leads.filter((l) => l.unitCode === null || l.unitCode === (unitCode ?? null)).map((l) => l.personId))];
}

export async function getOrgInfo(deps: Pick<ServiceDeps, 'prisma'>, orgId: string): Promise<OrgInfo> {
  const row = await deps.prisma.organisation.findUniqueOrThrow({ where: { id: orgId } });
  return { name: row.name, ...orgFacts(row) };
}

const REQUEST_ORG = (leads: boolean) => `
    SELECT p."active", o."name", o."timeZone", o."holidayRegion", o."casePrefix", o."settings"${leads ? `, ${TEAM_LEADS_JSON} AS "teamLeads"` : ''}
    FROM "Organisation" o LEFT JOIN "Person" p ON p."id" = $1 AND p."orgId" = o."id"
    WHERE o."id" = $2`;
const REQUEST_ORG_TEXT = { plain: REQUEST_ORG(false), withLeads: REQUEST_ORG(true) };

/**
 * What every request checks first, in one statement: the person asking is still active
 * (deprovisioning on any instance ends access at once) and their organisation's set-up; with
 * `teamLeads`, the organisation's team leads too (opening a case plans their escalations).
 */
export async function activeRequestOrg(deps: Pick<ServiceDeps, 'prisma'>, personId: string, orgId: string, opts: { teamLeads?: boolean } = {}): Promise<OrgInfo> {
  const [row] = await query<RequestOrgRow>(deps.prisma, {
    text: opts.teamLeads ? REQUEST_ORG_TEXT.withLeads : REQUEST_ORG_TEXT.plain,
    values: [personId, orgId],
  });
  return requestOrgFrom(row, opts);
}

/**
 * The columns of the request check: `p."active", o."name", o."timeZone", o."holidayRegion",
 * o."casePrefix", o."settings"` of the organisation `o` and the asking person `p` (left-joined by
 * id and organisation), as `activeRequestOrg` reads them or a statement that reads them along with
 * its own work (App Home's list, `loadMyCases`).
 */
export interface RequestOrgRow {
  active: boolean | null;
  name: string;
  timeZone: string;
  holidayRegion: string;
  casePrefix: string;
  settings: unknown;
  teamLeads?: TeamLead[] | string;
}

/** The request check decided: the person is active (or PERSON.DEPROVISIONED), and the organisation's set-up. */
export function requestOrgFrom(row: RequestOrgRow | null | undefined, opts: { teamLeads?: boolean } = {}): OrgInfo {
  if (!row?.active) throw new DomainError('PERSON.DEPROVISIONED');
  return { name: row.name, ...orgFacts(row), ...(opts.teamLeads ? { teamLeads: jsonColumn<TeamLead[]>(row.teamLeads) ?? [] } : {}) };
}

/** A json column as the direct path (parsed) or Prisma's raw query (text) returns it. */
function jsonColumn<T>(v: unknown): T | undefined {
  return (typeof v === 'string' ? JSON.parse(v) : v ?? undefined) as T | undefined;
}

/** The set-up facts of an organisation row, its settings checked once. */
function orgFacts(row: { timeZone: string; holidayRegion: string; casePrefix: string; settings: unknown }): Pick<OrgInfo, 'timeZone' | 'holidayRegion' | 'playbooks' | 'casePrefix' | 'calendar' | 'settings'> {
  const raw = jsonColumn<unknown>(row.settings);
  const settings = orgSettings(raw);
  return {
    timeZone: row.timeZone, holidayRegion: row.holidayRegion, playbooks: settings.playbooks ?? [], casePrefix: row.casePrefix,
    calendar: orgCalendar({ timeZone: row.timeZone, holidayRegion: row.holidayRegion, settings: raw }), settings,
  };
}

/** The organisation facts opening a case needs, when the request did not bring them. */
export async function openingOrg(deps: Pick<ServiceDeps, 'prisma'>, orgId: string): Promise<ReturnType<typeof orgFacts> & { teamLeads: TeamLead[] }> {
  const [row] = await query<{ timeZone: string; holidayRegion: string; casePrefix: string; settings: unknown; teamLeads: TeamLead[] | string }>(deps.prisma, {
    text: `SELECT o."timeZone", o."holidayRegion", o."casePrefix", o."settings", ${TEAM_LEADS_JSON} AS "teamLeads" FROM "Organisation" o WHERE o."id" = $1`,
    values: [orgId],
  });
  if (!row) throw new DomainError('PERSON.DEPROVISIONED');
  return { ...orgFacts(row), teamLeads: jsonColumn<TeamLead[]>(row.teamLeads) ?? [] };
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
