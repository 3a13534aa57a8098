/**
 * Applies organisation set-up to the database (idempotent upserts) and resolves who is talking:
 * platform workspace → organisation, platform user → person (linked by e-mail when first seen).
 */
import type { Prisma } from '../infra/db/database.ts';
import type { ActorRef } from '../chat/actor.ts';
import { DomainError } from '../shared/errors.ts';
import type { OrganisationSpec, OrgRole } from './org-file.ts';

export interface Actor {
  personId: string;
  orgId: string;
  displayName: string;
  lang: 'sv' | 'nb' | 'en';
  platform: ActorRef['platform'];
  ref: ActorRef;
}

/** Upserts one organisation with its units, people, roles and workspace mappings. */
export async function applyOrganisation(prisma: Prisma, spec: OrganisationSpec): Promise<string> {
  const org = await prisma.organisation.upsert({
    where: { slug: spec.slug },
    create: {
      slug: spec.slug, name: spec.name, timeZone: spec.timeZone, language: spec.language, holidayRegion: spec.holidayRegion,
      casePrefix: spec.casePrefix, retentionDays: spec.retentionDays ?? null, settings: { ...spec.settings, playbooks: spec.playbooks },
    },
    update: {
      name: spec.name, timeZone: spec.timeZone, language: spec.language, holidayRegion: spec.holidayRegion,
      casePrefix: spec.casePrefix, retentionDays: spec.retentionDays ?? null, settings: { ...spec.settings, playbooks: spec.playbooks },
    },
  });
  const units = new Map<string, string>();
  for (const u of spec.schoolUnits) {
    const row = await prisma.schoolUnit.upsert({
      where: { orgId_code: { orgId: org.id, code: u.code } },
      create: { orgId: org.id, code: u.code, name: u.name },
      update: { name: u.name },
    });
    units.set(u.code, row.id);
  }
  for (const [platform, ids] of [['SLACK', spec.workspaces?.slack ?? []], ['TEAMS', spec.workspaces?.teams ?? []]] as const) {
    for (const externalId of ids) {
      await prisma.platformWorkspace.upsert({
        where: { platform_externalId: { platform, externalId } },
        create: { orgId: org.id, platform, externalId },
        update: { orgId: org.id },
      });
    }
  }
  for (const p of spec.people) {
    const email = p.email?.toLowerCase();
    const existing = email
      ? await prisma.person.findUnique({ where: { orgId_email: { orgId: org.id, email } } })
      : p.consoleUser
        ? await prisma.person.findUnique({ where: { orgId_consoleUser: { orgId: org.id, consoleUser: p.consoleUser } } })
        : null;
    const data = {
      displayName: p.name,
      email: email ?? null,
      language: p.language ?? null,
      ...(p.slackUserId ? { slackUserId: p.slackUserId } : {}),
      ...(p.teamsUserId ? { teamsUserId: p.teamsUserId } : {}),
      ...(p.consoleUser ? { consoleUser: p.consoleUser } : {}),
    };
    const person = existing
      ? await prisma.person.update({ where: { id: existing.id }, data })
      : await prisma.person.create({ data: { orgId: org.id, ...data } });
    const wanted = p.roles.map((r) => (typeof r === 'string' ? { role: r, unit: undefined } : r));
    await prisma.personOrgRole.deleteMany({ where: { personId: person.id } });
    for (const r of wanted) {
      await prisma.personOrgRole.create({
        data: { personId: person.id, role: r.role, schoolUnitId: r.unit ? (units.get(r.unit) ?? null) : null },
      });
    }
  }
  return org.id;
}

/** Finds the organisation for a platform workspace; a single-organisation deployment needs no mapping. */
export async function resolveOrgId(prisma: Prisma, ref: ActorRef): Promise<string> {
  if (ref.workspaceId && ref.platform !== 'CONSOLE') {
    const ws = await prisma.platformWorkspace.findUnique({
      where: { platform_externalId: { platform: ref.platform, externalId: ref.workspaceId } },
    });
    if (ws) return ws.orgId;
  }
  const orgs = await prisma.organisation.findMany({ select: { id: true }, take: 2, orderBy: { createdAt: 'asc' } });
  if (orgs.length === 1) return orgs[0]!.id;
  if (orgs.length === 0) throw new DomainError('ORG.NONE');
  throw new DomainError('ORG.NOT_MAPPED');
}

const platformField = { SLACK: 'slackUserId', TEAMS: 'teamsUserId', CONSOLE: 'consoleUser' } as const;

/** Resolves (and on first contact creates or links) the person behind a platform user. */
export async function resolveActor(prisma: Prisma, ref: ActorRef): Promise<Actor> {
  const orgId = await resolveOrgId(prisma, ref);
  const field = platformField[ref.platform];
  let person = await prisma.person.findFirst({ where: { orgId, [field]: ref.userId } });
  if (!person && ref.email) {
    const byEmail = await prisma.person.findUnique({ where: { orgId_email: { orgId, email: ref.email.toLowerCase() } } });
    if (byEmail) {
      person = await prisma.person.update({
        where: { id: byEmail.id },
        data: { [field]: ref.userId, ...(ref.platform === 'SLACK' && ref.workspaceId ? { slackTeamId: ref.workspaceId } : {}), ...(ref.platform === 'TEAMS' && ref.workspaceId ? { teamsTenantId: ref.workspaceId } : {}) },
      });
    }
  }
  if (!person) {
    if (ref.platform === 'CONSOLE') throw new DomainError('PERSON.UNKNOWN_CONSOLE_USER', { user: ref.userId });
    person = await prisma.person.create({
      data: {
        orgId,
        displayName: ref.displayName?.slice(0, 120) || ref.userId,
        email: ref.email?.toLowerCase() ?? null,
        [field]: ref.userId,
        ...(ref.platform === 'SLACK' && ref.workspaceId ? { slackTeamId: ref.workspaceId } : {}),
        ...(ref.platform === 'TEAMS' && ref.workspaceId ? { teamsTenantId: ref.workspaceId } : {}),
      },
    });
  }
  // Remember the language the platform reports, so nudges sent later use it too.
  if (!person.language && ref.locale) {
    person = await prisma.person.update({ where: { id: person.id }, data: { language: normalizeLangLoose(ref.locale) } });
  }
  const org = await prisma.organisation.findUniqueOrThrow({ where: { id: orgId }, select: { language: true } });
  const lang = normalizeLangLoose(person.language ?? ref.locale ?? org.language);
  return { personId: person.id, orgId, displayName: person.displayName, lang, platform: ref.platform, ref };
}

function normalizeLangLoose(v: string): 'sv' | 'nb' | 'en' {
  const l = v.toLowerCase();
  if (l.startsWith('nb') || l.startsWith('no') || l.startsWith('nn')) return 'nb';
  if (l.startsWith('en')) return 'en';
  return 'sv';
}

/** Adds an organisation role (admins from chat). */
export async function grantOrgRole(prisma: Prisma, personId: string, role: OrgRole, schoolUnitId: string | null): Promise<void> {
  const existing = await prisma.personOrgRole.findFirst({ where: { personId, role, schoolUnitId } });
  if (!existing) await prisma.personOrgRole.create({ data: { personId, role, schoolUnitId } });
}
