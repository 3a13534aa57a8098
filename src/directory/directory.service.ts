/**
 * The organisation's directory as a SCIM service provider: users become people, directory
 * groups become organisation roles through the organisation file's `roleGroups`, and a
 * deactivated or deleted user loses access at once (their batons and actions are handed on).
 * Every call runs in one transaction with its audit event and its notices (written to the outbox).
 */
import { Prisma as PrismaNs } from '../generated/prisma/client.ts';
import { recordAudit } from '../audit/audit.ts';
import type { ServiceDeps, Tx } from '../shared/deps.ts';
import { z } from 'zod/v4';
import { actionsOrphanedNotice, batonReleasedNotice } from './directory.notices.ts';
import { badRequest, notFound, ScimError } from './scim-errors.ts';
import { parseScimFilter, type FilterTerm } from './scim-filter.ts';
import {
  applyGroupPatch, applyUserPatch, parseGroupResource, parsePatch, parseUserResource, type GroupState, type UserState,
} from './scim-resource.ts';
import { MAX_PAGE, URN } from './scim-schema.ts';
import { orgSettings } from '../orgs/org-settings.ts';

/** The authenticated provisioning client. */
export interface ScimClient {
  orgId: string;
  tokenId: string;
}

export interface ScimResponse {
  status: number;
  body?: unknown;
  location?: string;
}

/** A notice written to the outbox in the request's transaction (src/notices). */
type Notice =
  | { personId: string; caseId: string; notice: typeof batonReleasedNotice; params: { caseCode: string; name: string } }
  | { personId: string; caseId: string; notice: typeof actionsOrphanedNotice; params: { caseCode: string; name: string; count: number } };

type Detail = Record<string, string | number | boolean | null>;

interface Ctx {
  tx: Tx;
  deps: ServiceDeps;
  client: ScimClient;
  now: Date;
  base: string;
  notices: Notice[];
  detail: Detail;
}

const personWithGroups = { scimGroups: { include: { group: { select: { id: true, displayName: true } } } } } as const;
type PersonRow = PrismaNs.PersonGetPayload<{ include: typeof personWithGroups }>;

async function run(deps: ServiceDeps, client: ScimClient, base: string, action: string, fn: (c: Ctx) => Promise<ScimResponse>): Promise<ScimResponse> {
  const notices: Notice[] = [];
  const now = deps.clock.now();
  let res: ScimResponse;
  try {
    res = await deps.prisma.$transaction(async (tx) => {
      const c: Ctx = { tx, deps, client, now, base, notices, detail: {} };
      const r = await fn(c);
      for (const n of notices) {
        if (n.notice === batonReleasedNotice) await deps.notifyPerson(tx, n.personId, batonReleasedNotice, n.params as { caseCode: string; name: string }, { caseId: n.caseId });
        else await deps.notifyPerson(tx, n.personId, actionsOrphanedNotice, n.params as { caseCode: string; name: string; count: number }, { caseId: n.caseId });
      }
      await recordAudit(tx, { at: now, orgId: client.orgId, actorId: null, platform: 'SYSTEM', action, detail: { client: 'scim', tokenId: client.tokenId, status: r.status, ...c.detail } });
      return r;
    });
  } catch (e) {
    const err = e instanceof PrismaNs.PrismaClientKnownRequestError && e.code === 'P2002' ? new ScimError(409, 'uniqueness', 'a resource with the same unique attribute exists') : e;
    if (err instanceof ScimError) {
      // A refused request changes nothing, but the attempt is part of the trail.
      await recordAudit(deps.prisma, { at: now, orgId: client.orgId, actorId: null, platform: 'SYSTEM', action, outcome: 'DENIED', detail: { client: 'scim', tokenId: client.tokenId, status: err.status, scimType: err.scimType ?? null } });
      throw err;
    }
    throw e;
  }
  return res;
}

// ---------------------------------------------------------------------------------------------
// Case-insensitive equality. Prisma's `mode: 'insensitive'` equality becomes ILIKE without escaping
// `%` and `_`, which would let a filter value match other users; compare lower() = lower() instead.

const CI_COLUMNS = { 'Person.scimUserName': ['Person', 'scimUserName'], 'Person.displayName': ['Person', 'displayName'], 'ScimGroup.displayName': ['ScimGroup', 'displayName'] } as const;

async function idsEqualIgnoringCase(tx: Tx, column: keyof typeof CI_COLUMNS, orgId: string, value: string): Promise<string[]> {
  const [table, col] = CI_COLUMNS[column];
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM ${PrismaNs.raw(`"${table}"`)} WHERE "orgId" = ${orgId} AND lower(${PrismaNs.raw(`"${col}"`)}) = lower(${value})`;
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// Rendering

function userResource(p: PersonRow, base: string): Record<string, unknown> {
  return {
    schemas: [URN.user],
    id: p.id,
    ...(p.scimExternalId ? { externalId: p.scimExternalId } : {}),
    userName: p.scimUserName,
    name: { ...(p.givenName ? { givenName: p.givenName } : {}), ...(p.familyName ? { familyName: p.familyName } : {}), formatted: p.displayName },
    displayName: p.displayName,
    emails: p.email ? [{ value: p.email, type: 'work', primary: true }] : [],
    ...(p.language ? { preferredLanguage: p.language } : {}),
    active: p.active,
    groups: p.scimGroups.map((m) => ({ value: m.group.id, display: m.group.displayName, $ref: `${base}/Groups/${m.group.id}` })),
    meta: { resourceType: 'User', created: p.createdAt.toISOString(), lastModified: p.updatedAt.toISOString(), location: `${base}/Users/${p.id}` },
  };
}

type GroupRow = PrismaNs.ScimGroupGetPayload<{ include: { members: { include: { person: { select: { displayName: true } } } } } }>;

function groupResource(g: GroupRow, base: string, withMembers: boolean): Record<string, unknown> {
  return {
    schemas: [URN.group],
    id: g.id,
    ...(g.externalId ? { externalId: g.externalId } : {}),
    displayName: g.displayName,
    ...(withMembers ? { members: g.members.map((m) => ({ value: m.personId, display: m.person.displayName, $ref: `${base}/Users/${m.personId}` })) } : {}),
    meta: { resourceType: 'Group', created: g.createdAt.toISOString(), lastModified: g.updatedAt.toISOString(), location: `${base}/Groups/${g.id}` },
  };
}

function listResponse(resources: unknown[], total: number, startIndex: number): Record<string, unknown> {
  return { schemas: [URN.listResponse], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources };
}

/** `startIndex` (1-based) and `count` from the query string (RFC 7644 §3.4.2.4). */
export function paging(q: URLSearchParams): { skip: number; take: number; startIndex: number } {
  const num = (name: string, dflt: number) => {
    const raw = q.get(name);
    if (raw === null || raw === '') return dflt;
    if (!/^-?\d{1,9}$/.test(raw)) throw badRequest('invalidValue', `${name} must be an integer`);
    return Number(raw);
  };
  const startIndex = Math.max(1, num('startIndex', 1));
  const take = Math.min(MAX_PAGE, Math.max(0, num('count', 100)));
  return { skip: startIndex - 1, take, startIndex };
}

// ---------------------------------------------------------------------------------------------
// Roles from groups

const groupKey = (name: string) => name.normalize('NFC').trim().toLocaleLowerCase('sv');

interface RoleMap {
  byGroup: Map<string, { role: string; schoolUnitId: string | null }[]>;
}

async function loadRoleMap(tx: Tx, orgId: string): Promise<RoleMap> {
  const org = await tx.organisation.findUniqueOrThrow({ where: { id: orgId }, select: { settings: true } });
  const roleGroups = orgSettings(org.settings).roleGroups ?? {};
  const units = new Map((await tx.schoolUnit.findMany({ where: { orgId }, select: { id: true, code: true } })).map((u) => [u.code, u.id]));
  const byGroup = new Map<string, { role: string; schoolUnitId: string | null }[]>();
  for (const [name, entry] of Object.entries(roleGroups)) {
    const list = (Array.isArray(entry) ? entry : [entry]).map((r) => (typeof r === 'string' ? { role: r, unit: undefined } : r));
    byGroup.set(groupKey(name), list.flatMap((r) => (r.unit && !units.has(r.unit) ? [] : [{ role: r.role, schoolUnitId: r.unit ? units.get(r.unit)! : null }])));
  }
  return { byGroup };
}

/**
 * Makes a person's directory-given roles equal what their groups give (nothing when inactive).
 * Roles given by hand (CHAT) or by the organisation file (FILE) are never touched.
 */
export async function syncDirectoryRoles(tx: Tx, orgId: string, personId: string, map?: RoleMap): Promise<{ added: string[]; removed: string[] }> {
  const m = map ?? (await loadRoleMap(tx, orgId));
  const person = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { active: true, scimGroups: { include: { group: { select: { id: true, displayName: true } } } } } });
  const wanted = new Map<string, { role: string; schoolUnitId: string | null; groupId: string }>();
  if (person.active) {
    for (const g of person.scimGroups) {
      for (const r of m.byGroup.get(groupKey(g.group.displayName)) ?? []) {
        const k = `${r.role}|${r.schoolUnitId ?? ''}`;
        if (!wanted.has(k)) wanted.set(k, { ...r, groupId: g.group.id });
      }
    }
  }
  const existing = await tx.personOrgRole.findMany({ where: { personId, source: 'SCIM' } });
  const have = new Set(existing.map((r) => `${r.role}|${r.schoolUnitId ?? ''}`));
  const removed = existing.filter((r) => !wanted.has(`${r.role}|${r.schoolUnitId ?? ''}`));
  if (removed.length) await tx.personOrgRole.deleteMany({ where: { id: { in: removed.map((r) => r.id) } } });
  const added = [...wanted.entries()].filter(([k]) => !have.has(k)).map(([, v]) => v);
  for (const r of added) await tx.personOrgRole.create({ data: { personId, role: r.role, schoolUnitId: r.schoolUnitId, source: 'SCIM', scimGroupId: r.groupId } });
  const label = (r: { role: string; schoolUnitId: string | null }) => (r.schoolUnitId ? `${r.role}@${r.schoolUnitId}` : r.role);
  return { added: added.map(label), removed: removed.map(label) };
}

/** Re-applies `roleGroups` to every directory-managed person of an organisation (after the file changed). */
export async function resyncOrganisationRoles(deps: ServiceDeps, orgId: string): Promise<number> {
  return deps.prisma.$transaction(async (tx) => {
    const map = await loadRoleMap(tx, orgId);
    const people = await tx.person.findMany({ where: { orgId, OR: [{ scimUserName: { not: null } }, { roles: { some: { source: 'SCIM' } } }] }, select: { id: true } });
    let changed = 0;
    for (const p of people) {
      const r = await syncDirectoryRoles(tx, orgId, p.id, map);
      if (r.added.length || r.removed.length) changed++;
    }
    return changed;
  });
}

// ---------------------------------------------------------------------------------------------
// Deprovisioning

/**
 * Ends a person's access now: inactive (every instance checks this on each request), no pending
 * nudges, batons offered to the unit's team lead, open actions flagged to the case lead.
 */
async function endAccess(c: Ctx, personId: string): Promise<void> {
  const { tx, now } = c;
  const person = await tx.person.update({ where: { id: personId }, data: { active: false, deprovisionedAt: now } });
  await tx.nudge.updateMany({ where: { personId, status: 'PENDING' }, data: { status: 'CANCELLED', cancelReason: 'deprovisioned' } });
  await tx.batonHandover.updateMany({ where: { toId: personId, status: 'PENDING' }, data: { status: 'CANCELLED', answeredAt: now } });
  const leads = await tx.personOrgRole.findMany({
    where: { role: 'TEAM_LEAD', personId: { not: personId }, person: { orgId: c.client.orgId, active: true } },
    select: { personId: true, schoolUnitId: true },
    orderBy: [{ createdAt: 'asc' }, { personId: 'asc' }],
  });
  const leadFor = (unitId: string | null) => leads.find((l) => unitId && l.schoolUnitId === unitId)?.personId ?? leads.find((l) => l.schoolUnitId === null)?.personId;
  const held = await tx.case.findMany({ where: { orgId: c.client.orgId, status: 'OPEN', batonHolderId: personId }, select: { id: true, code: true, schoolUnitId: true } });
  let handed = 0;
  let stranded = 0;
  const handedTo = new Map<string, string>();
  for (const k of held) {
    const lead = leadFor(k.schoolUnitId);
    if (!lead) {
      stranded++;
      c.deps.log.warn({ caseId: k.id }, 'deprovisioned baton holder: no team lead to hand the baton to');
      continue;
    }
    await tx.batonHandover.updateMany({ where: { caseId: k.id, status: 'PENDING' }, data: { status: 'CANCELLED', answeredAt: now } });
    await tx.batonHandover.create({ data: { caseId: k.id, fromId: personId, toId: lead, requestedAt: now } });
    await appendCaseLog(tx, k.id, now, 'baton.released', { toId: lead });
    handedTo.set(k.id, lead);
    handed++;
    c.notices.push({ personId: lead, caseId: k.id, notice: batonReleasedNotice, params: { caseCode: k.code, name: person.displayName } });
  }
  const actions = await tx.caseAction.findMany({ where: { ownerId: personId, status: 'OPEN', case: { status: 'OPEN', orgId: c.client.orgId } }, select: { caseId: true } });
  const perCase = new Map<string, number>();
  for (const a of actions) perCase.set(a.caseId, (perCase.get(a.caseId) ?? 0) + 1);
  for (const [caseId, count] of perCase) {
    const k = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { code: true, playbookKey: true, playbookVersion: true, schoolUnitId: true, batonHolderId: true, members: { where: { removedAt: null, person: { active: true } }, select: { personId: true, role: true } } } });
    const pb = c.deps.playbooks.get(k.playbookKey, k.playbookVersion) ?? c.deps.playbooks.get(k.playbookKey);
    const lead = k.members.find((m) => m.role === pb?.caseLeadRole && m.personId !== personId)?.personId
      ?? (k.batonHolderId && k.batonHolderId !== personId ? k.batonHolderId : undefined)
      ?? handedTo.get(caseId) ?? leadFor(k.schoolUnitId);
    await appendCaseLog(tx, caseId, now, 'actions.orphaned', { count });
    if (lead) c.notices.push({ personId: lead, caseId, notice: actionsOrphanedNotice, params: { caseCode: k.code, name: person.displayName, count } });
  }
  Object.assign(c.detail, { deprovisioned: true, batonsHanded: handed, batonsStranded: stranded, actionsFlagged: actions.length });
}

async function appendCaseLog(tx: Tx, caseId: string, at: Date, kind: string, params: Detail): Promise<void> {
  const last = await tx.caseLogEntry.findFirst({ where: { caseId }, orderBy: { seq: 'desc' }, select: { seq: true } });
  await tx.caseLogEntry.create({ data: { caseId, seq: (last?.seq ?? 0) + 1, at, actorId: null, kind, params } });
  await tx.case.update({ where: { id: caseId }, data: { version: { increment: 1 } } });
}

// ---------------------------------------------------------------------------------------------
// Users

function stateOf(p: PersonRow): UserState {
  return {
    userName: p.scimUserName ?? '', externalId: p.scimExternalId, givenName: p.givenName, familyName: p.familyName, formatted: null,
    displayName: p.displayName, email: p.email, active: p.active, preferredLanguage: p.language,
  };
}

const looksLikeEmail = (s: string) => z.email().safeParse(s).success;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function langOf(v: string | null): 'sv' | 'nb' | 'en' | undefined {
  const l = v?.toLowerCase() ?? '';
  if (/^(sv)\b/.test(l)) return 'sv';
  if (/^(nb|no|nn)\b/.test(l)) return 'nb';
  if (/^en\b/.test(l)) return 'en';
  return undefined;
}

function personFields(s: UserState) {
  const display = s.displayName ?? s.formatted ?? ([s.givenName, s.familyName].filter(Boolean).join(' ') || s.userName);
  const lang = langOf(s.preferredLanguage);
  return {
    scimUserName: s.userName,
    scimExternalId: s.externalId,
    givenName: s.givenName,
    familyName: s.familyName,
    displayName: display.slice(0, 120),
    // Chat accounts are linked by e-mail; Entra's userName (the UPN) stands in when no e-mail is sent.
    email: s.email ?? (looksLikeEmail(s.userName) ? s.userName.toLowerCase() : null),
    ...(lang ? { language: lang } : {}),
  };
}

async function findUser(c: Ctx, id: string): Promise<PersonRow> {
  const p = await c.tx.person.findFirst({ where: { id, orgId: c.client.orgId, scimUserName: { not: null } }, include: personWithGroups });
  if (!p) throw notFound(`User ${id}`);
  return p;
}

async function assertUnique(c: Ctx, fields: ReturnType<typeof personFields>, selfId: string | null): Promise<void> {
  const others = { orgId: c.client.orgId, ...(selfId ? { id: { not: selfId } } : {}) };
  if ((await idsEqualIgnoringCase(c.tx, 'Person.scimUserName', c.client.orgId, fields.scimUserName)).some((id) => id !== selfId)) {
    throw new ScimError(409, 'uniqueness', 'userName is already taken');
  }
  if (fields.scimExternalId && (await c.tx.person.findFirst({ where: { ...others, scimExternalId: fields.scimExternalId }, select: { id: true } }))) {
    throw new ScimError(409, 'uniqueness', 'externalId is already taken');
  }
}

/** Links the Teams account when the directory's externalId is the Entra object id (Teams' user id). */
async function linkTeams(c: Ctx, personId: string, externalId: string | null): Promise<void> {
  if (!externalId || !GUID.test(externalId)) return;
  const p = await c.tx.person.findUniqueOrThrow({ where: { id: personId }, select: { teamsUserId: true } });
  if (p.teamsUserId) return;
  const tenants = await c.tx.platformWorkspace.findMany({ where: { orgId: c.client.orgId, platform: 'TEAMS' }, select: { externalId: true } });
  if (!tenants.length) return; // only inside a mapped tenant
  const taken = await c.tx.person.findFirst({ where: { orgId: c.client.orgId, teamsUserId: externalId }, select: { id: true } });
  if (taken) {
    c.detail.teamsLink = 'conflict';
    return;
  }
  await c.tx.person.update({ where: { id: personId }, data: { teamsUserId: externalId, ...(tenants.length === 1 ? { teamsTenantId: tenants[0]!.externalId } : {}) } });
  c.detail.teamsLink = 'linked';
}

async function writeUser(c: Ctx, before: PersonRow | null, next: UserState): Promise<PersonRow> {
  const fields = personFields(next);
  await assertUnique(c, fields, before?.id ?? null);
  let personId: string;
  if (before) {
    if (fields.email && fields.email !== before.email && (await c.tx.person.findFirst({ where: { orgId: c.client.orgId, email: fields.email, id: { not: before.id } }, select: { id: true } }))) {
      throw new ScimError(409, 'uniqueness', 'another person has this e-mail address');
    }
    await c.tx.person.update({ where: { id: before.id }, data: fields });
    personId = before.id;
  } else {
    // A person already known by e-mail (organisation file, chat) is adopted, not duplicated.
    const known = fields.email ? await c.tx.person.findUnique({ where: { orgId_email: { orgId: c.client.orgId, email: fields.email } } }) : null;
    if (known?.scimUserName) throw new ScimError(409, 'uniqueness', 'another user has this e-mail address');
    const row = known
      ? await c.tx.person.update({ where: { id: known.id }, data: { ...fields, provisionedAt: c.now } })
      : await c.tx.person.create({ data: { orgId: c.client.orgId, ...fields, active: true, provisionedAt: c.now } });
    personId = row.id;
    c.detail.adopted = Boolean(known);
    if (known && !known.active) await c.tx.person.update({ where: { id: personId }, data: { active: true, deprovisionedAt: null } });
  }
  const wasActive = before ? before.active : (await c.tx.person.findUniqueOrThrow({ where: { id: personId }, select: { active: true } })).active;
  if (wasActive && !next.active) await endAccess(c, personId);
  else if (!wasActive && next.active) {
    await c.tx.person.update({ where: { id: personId }, data: { active: true, deprovisionedAt: null, provisionedAt: c.now } });
    c.detail.reactivated = true;
  }
  await linkTeams(c, personId, fields.scimExternalId);
  const roles = await syncDirectoryRoles(c.tx, c.client.orgId, personId);
  c.detail.personId = personId;
  if (before) {
    const b = stateOf(before);
    const changed = (Object.keys(next) as (keyof UserState)[]).filter((k) => k !== 'formatted' && k !== 'preferredLanguage' && next[k] !== b[k] && !(k === 'email' && fields.email === b.email));
    c.detail.changed = changed.join(',') || null;
  }
  if (roles.added.length) c.detail.rolesAdded = roles.added.join(',');
  if (roles.removed.length) c.detail.rolesRemoved = roles.removed.join(',');
  return c.tx.person.findUniqueOrThrow({ where: { id: personId }, include: personWithGroups });
}

export async function createUser(deps: ServiceDeps, client: ScimClient, base: string, body: unknown): Promise<ScimResponse> {
  return run(deps, client, base, 'scim.user.create', async (c) => {
    const p = await writeUser(c, null, parseUserResource(body));
    return { status: 201, body: userResource(p, base), location: `${base}/Users/${p.id}` };
  });
}

export async function getUser(deps: ServiceDeps, client: ScimClient, base: string, id: string): Promise<ScimResponse> {
  return run(deps, client, base, 'scim.user.read', async (c) => {
    c.detail.personId = id.slice(0, 64);
    return { status: 200, body: userResource(await findUser(c, id), base) };
  });
}

async function userWhere(tx: Tx, orgId: string, terms: FilterTerm[]): Promise<PrismaNs.PersonWhereInput[]> {
  return Promise.all(terms.map(async (t): Promise<PrismaNs.PersonWhereInput> => {
    const s = String(t.value);
    switch (t.path) {
      case 'username': return { id: { in: await idsEqualIgnoringCase(tx, 'Person.scimUserName', orgId, s) } };
      case 'externalid': return { scimExternalId: s };
      case 'id': return { id: s };
      case 'displayname': return { id: { in: await idsEqualIgnoringCase(tx, 'Person.displayName', orgId, s) } };
      case 'active': return { active: t.value === true || s.toLowerCase() === 'true' };
      case 'emails':
      case 'emails.value':
      case 'emails[type eq "work"].value':
        return { email: s.toLowerCase() };
      default:
        throw badRequest('invalidFilter', `filtering on "${t.path}" is not supported (userName, externalId, id, displayName, emails, active)`);
    }
  }));
}

export async function listUsers(deps: ServiceDeps, client: ScimClient, base: string, q: URLSearchParams): Promise<ScimResponse> {
  return run(deps, client, base, 'scim.user.list', async (c) => {
    const filter = q.get('filter');
    const where: PrismaNs.PersonWhereInput = { orgId: client.orgId, scimUserName: { not: null }, AND: filter ? await userWhere(c.tx, client.orgId, parseScimFilter(filter)) : [] };
    const pg = paging(q);
    const [total, rows] = await Promise.all([
      c.tx.person.count({ where }),
      pg.take ? c.tx.person.findMany({ where, include: personWithGroups, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], skip: pg.skip, take: pg.take }) : Promise.resolve([]),
    ]);
    c.detail.results = rows.length;
    return { status: 200, body: listResponse(rows.map((r) => userResource(r, base)), total, pg.startIndex) };
  });
}

export async function replaceUser(deps: ServiceDeps, client: ScimClient, base: string, id: string, body: unknown): Promise<ScimResponse> {
  return run(deps, client, base, 'scim.user.replace', async (c) => {
    const before = await findUser(c, id);
    const p = await writeUser(c, before, parseUserResource(body, stateOf(before)));
    return { status: 200, body: userResource(p, base) };
  });
}

export async function patchUser(deps: ServiceDeps, client: ScimClient, base: string, id: string, body: unknown): Promise<ScimResponse> {
  return run(deps, client, base, 'scim.user.patch', async (c) => {
    const ops = parsePatch(body);
    const before = await findUser(c, id);
    const p = await writeUser(c, before, applyUserPatch(stateOf(before), ops));
    return { status: 200, body: userResource(p, base) };
  });
}

/** DELETE: the person stays (history keeps their name) but is inactive and no longer a SCIM resource. */
export async function deleteUser(deps: ServiceDeps, client: ScimClient, base: string, id: string): Promise<ScimResponse> {
  return run(deps, client, base, 'scim.user.delete', async (c) => {
    const before = await findUser(c, id);
    c.detail.personId = before.id;
    if (before.active) await endAccess(c, before.id);
    await c.tx.scimGroupMember.deleteMany({ where: { personId: before.id } });
    await c.tx.person.update({ where: { id: before.id }, data: { scimUserName: null, scimExternalId: null, active: false, deprovisionedAt: before.deprovisionedAt ?? c.now } });
    const roles = await syncDirectoryRoles(c.tx, client.orgId, before.id);
    if (roles.removed.length) c.detail.rolesRemoved = roles.removed.join(',');
    return { status: 204 };
  });
}

// ---------------------------------------------------------------------------------------------
// Groups

const groupInclude = { members: { include: { person: { select: { displayName: true } } }, orderBy: { addedAt: 'asc' } } } as const;

async function findGroup(c: Ctx, id: string): Promise<GroupRow> {
  const g = await c.tx.scimGroup.findFirst({ where: { id, orgId: c.client.orgId }, include: groupInclude });
  if (!g) throw notFound(`Group ${id}`);
  return g;
}

async function writeGroup(c: Ctx, before: GroupRow | null, next: GroupState): Promise<GroupRow> {
  const orgId = c.client.orgId;
  const sameName = (await idsEqualIgnoringCase(c.tx, 'ScimGroup.displayName', orgId, next.displayName)).some((id) => id !== before?.id);
  if (sameName) throw new ScimError(409, 'uniqueness', 'a group with this displayName exists');
  if (next.externalId && (await c.tx.scimGroup.findFirst({ where: { orgId, externalId: next.externalId, ...(before ? { id: { not: before.id } } : {}) }, select: { id: true } }))) {
    throw new ScimError(409, 'uniqueness', 'externalId is already taken');
  }
  const wanted = new Set(next.members);
  if (wanted.size) {
    const found = await c.tx.person.findMany({ where: { orgId, id: { in: [...wanted] }, scimUserName: { not: null } }, select: { id: true } });
    if (found.length !== wanted.size) {
      const known = new Set(found.map((f) => f.id));
      const missing = [...wanted].find((m) => !known.has(m));
      throw badRequest('invalidValue', `member "${String(missing).slice(0, 64)}" is not a user of this directory`);
    }
  }
  const g = before
    ? await c.tx.scimGroup.update({ where: { id: before.id }, data: { displayName: next.displayName, externalId: next.externalId } })
    : await c.tx.scimGroup.create({ data: { orgId, displayName: next.displayName, externalId: next.externalId } });
  const had = new Set(before?.members.map((m) => m.personId) ?? []);
  const added = [...wanted].filter((m) => !had.has(m));
  const removed = [...had].filter((m) => !wanted.has(m));
  if (removed.length) await c.tx.scimGroupMember.deleteMany({ where: { groupId: g.id, personId: { in: removed } } });
  if (added.length) await c.tx.scimGroupMember.createMany({ data: added.map((personId) => ({ groupId: g.id, personId, addedAt: c.now })) });
  const renamed = before && before.displayName !== next.displayName;
  const affected = renamed ? [...new Set([...wanted, ...removed])] : [...added, ...removed];
  const map = await loadRoleMap(c.tx, orgId);
  const rolesAdded: string[] = [];
  const rolesRemoved: string[] = [];
  for (const personId of affected) {
    const r = await syncDirectoryRoles(c.tx, orgId, personId, map);
    rolesAdded.push(...r.added.map((x) => `${personId}:${x}`));
    rolesRemoved.push(...r.removed.map((x) => `${personId}:${x}`));
  }
  Object.assign(c.detail, {
    groupId: g.id, membersAdded: added.length, membersRemoved: removed.length, ...(renamed ? { renamed: true } : {}),
    ...(rolesAdded.length ? { rolesAdded: rolesAdded.join(',').slice(0, 2000) } : {}), ...(rolesRemoved.length ? { rolesRemoved: rolesRemoved.join(',').slice(0, 2000) } : {}),
  });
  return c.tx.scimGroup.findUniqueOrThrow({ where: { id: g.id }, include: groupInclude });
}

const stateOfGroup = (g: GroupRow): GroupState => ({ displayName: g.displayName, externalId: g.externalId, members: g.members.map((m) => m.personId) });
const wantMembers = (q: URLSearchParams) => !/(^|,)\s*members\s*(,|$)/i.test(q.get('excludedAttributes') ?? '');

export async function createGroup(deps: ServiceDeps, client: ScimClient, base: string, body: unknown): Promise<ScimResponse> {
  return run(deps, client, base, 'scim.group.create', async (c) => {
    const g = await writeGroup(c, null, parseGroupResource(body));
    return { status: 201, body: groupResource(g, base, true), location: `${base}/Groups/${g.id}` };
  });
}

export async function getGroup(deps: ServiceDeps, client: ScimClient, base: string, id: string, q: URLSearchParams): Promise<ScimResponse> {
  return run(deps, client, base, 'scim.group.read', async (c) => {
    c.detail.groupId = id.slice(0, 64);
    return { status: 200, body: groupResource(await findGroup(c, id), base, wantMembers(q)) };
  });
}

async function groupWhere(tx: Tx, orgId: string, terms: FilterTerm[]): Promise<PrismaNs.ScimGroupWhereInput[]> {
  return Promise.all(terms.map(async (t): Promise<PrismaNs.ScimGroupWhereInput> => {
    const s = String(t.value);
    switch (t.path) {
      case 'displayname': return { id: { in: await idsEqualIgnoringCase(tx, 'ScimGroup.displayName', orgId, s) } };
      case 'externalid': return { externalId: s };
      case 'id': return { id: s };
      case 'members':
      case 'members.value':
        return { members: { some: { personId: s } } };
      default:
        throw badRequest('invalidFilter', `filtering on "${t.path}" is not supported (displayName, externalId, id, members)`);
    }
  }));
}

export async function listGroups(deps: ServiceDeps, client: ScimClient, base: string, q: URLSearchParams): Promise<ScimResponse> {
  return run(deps, client, base, 'scim.group.list', async (c) => {
    const filter = q.get('filter');
    const where: PrismaNs.ScimGroupWhereInput = { orgId: client.orgId, AND: filter ? await groupWhere(c.tx, client.orgId, parseScimFilter(filter)) : [] };
    const pg = paging(q);
    const [total, rows] = await Promise.all([
      c.tx.scimGroup.count({ where }),
      pg.take ? c.tx.scimGroup.findMany({ where, include: groupInclude, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], skip: pg.skip, take: pg.take }) : Promise.resolve([]),
    ]);
    c.detail.results = rows.length;
    return { status: 200, body: listResponse(rows.map((g) => groupResource(g, base, wantMembers(q))), total, pg.startIndex) };
  });
}

export async function replaceGroup(deps: ServiceDeps, client: ScimClient, base: string, id: string, body: unknown): Promise<ScimResponse> {
  return run(deps, client, base, 'scim.group.replace', async (c) => {
    const g = await writeGroup(c, await findGroup(c, id), parseGroupResource(body));
    return { status: 200, body: groupResource(g, base, true) };
  });
}

export async function patchGroup(deps: ServiceDeps, client: ScimClient, base: string, id: string, body: unknown): Promise<ScimResponse> {
  return run(deps, client, base, 'scim.group.patch', async (c) => {
    const ops = parsePatch(body);
    const before = await findGroup(c, id);
    await writeGroup(c, before, applyGroupPatch(stateOfGroup(before), ops, before.id));
    return { status: 204 };
  });
}

export async function deleteGroup(deps: ServiceDeps, client: ScimClient, base: string, id: string): Promise<ScimResponse> {
  return run(deps, client, base, 'scim.group.delete', async (c) => {
    const g = await findGroup(c, id);
    const members = g.members.map((m) => m.personId);
    await c.tx.scimGroup.delete({ where: { id: g.id } });
    const map = await loadRoleMap(c.tx, client.orgId);
    let removed = 0;
    for (const personId of members) removed += (await syncDirectoryRoles(c.tx, client.orgId, personId, map)).removed.length;
    Object.assign(c.detail, { groupId: g.id, membersRemoved: members.length, rolesRemoved: removed });
    return { status: 204 };
  });
}

/** Audits a request refused before any organisation is known (bad or missing token, no TLS). */
export async function auditRefusedScimCall(deps: ServiceDeps, reason: string, detail: Detail = {}): Promise<void> {
  await recordAudit(deps.prisma, { at: deps.clock.now(), orgId: null, actorId: null, platform: 'SYSTEM', action: 'scim.auth', outcome: 'DENIED', detail: { client: 'scim', reason, ...detail } });
}
