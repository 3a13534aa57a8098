/**
 * Applies organisation set-up to the database (idempotent upserts) and resolves who is talking:
 * platform workspace → organisation, platform user → person (linked by e-mail when first seen).
 */
import type { Prisma } from '../infra/db/database.ts';
import type { ActorRef } from '../ports/actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { DomainError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import type { OrganisationSpec, OrgRole } from './org-file.ts';
import { orgSettings } from './org-settings.ts';

export interface Actor {
  personId: string;
  orgId: string;
  displayName: string;
  lang: 'sv' | 'nb' | 'en';
  platform: ActorRef['platform'];
  ref: ActorRef;
  /**
   * The request came from a workspace/tenant listed for the organisation (always for the console).
   * False under `anyWorkspace`: then nobody is linked or admitted by e-mail.
   */
  workspaceMapped?: boolean;
}

function identityOf(spec: OrganisationSpec): IdentitySettings {
  return { anyWorkspace: spec.workspaces?.anyWorkspace === true, emailDomains: (spec.autoProvision?.emailDomains ?? []).map((d) => d.toLowerCase()) };
}

/**
 * Upserts one organisation with its units, people, roles and workspace mappings. Instances that
 * start at the same moment apply the file one after the other (a transaction-scoped advisory
 * lock), so neither trips over the other's half-written people.
 */
export async function applyOrganisation(prisma: Prisma, spec: OrganisationSpec): Promise<string> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(7354021, hashtext(${spec.slug}))::text`;
    return applyOrganisationLocked(tx as unknown as Prisma, spec);
  }, { maxWait: 60_000, timeout: 120_000 });
}

async function applyOrganisationLocked(prisma: Prisma, spec: OrganisationSpec): Promise<string> {
  const org = await prisma.organisation.upsert({
    where: { slug: spec.slug },
    create: {
      slug: spec.slug, name: spec.name, timeZone: spec.timeZone, language: spec.language, holidayRegion: spec.holidayRegion,
      casePrefix: spec.casePrefix, retentionDays: spec.retentionDays ?? null, settings: { ...spec.settings, playbooks: spec.playbooks, identity: identityOf(spec), roleGroups: spec.roleGroups ?? {}, ...(spec.noReplyEmail ? { noReplyEmail: spec.noReplyEmail } : {}) },
    },
    update: {
      name: spec.name, timeZone: spec.timeZone, language: spec.language, holidayRegion: spec.holidayRegion,
      casePrefix: spec.casePrefix, retentionDays: spec.retentionDays ?? null, settings: { ...spec.settings, playbooks: spec.playbooks, identity: identityOf(spec), roleGroups: spec.roleGroups ?? {}, ...(spec.noReplyEmail ? { noReplyEmail: spec.noReplyEmail } : {}) },
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
    // The file is the truth: a workspace removed from it no longer reaches this organisation.
    await prisma.platformWorkspace.deleteMany({ where: { orgId: org.id, platform, externalId: { notIn: [...ids] } } });
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
    // The file owns only the roles it wrote: roles given in chat or by the directory stay.
    await prisma.personOrgRole.deleteMany({ where: { personId: person.id, source: 'FILE' } });
    for (const r of wanted) {
      await prisma.personOrgRole.create({
        data: { personId: person.id, role: r.role, schoolUnitId: r.unit ? (units.get(r.unit) ?? null) : null, source: 'FILE' },
      });
    }
  }
  return org.id;
}

/** Identity settings kept in `Organisation.settings.identity` (from the organisation file). */
export type IdentitySettings = {
  anyWorkspace: boolean;
  emailDomains: string[];
};

export function identitySettings(settings: unknown): IdentitySettings {
  const s = orgSettings(settings).identity ?? {};
  return { anyWorkspace: s.anyWorkspace === true, emailDomains: (s.emailDomains ?? []).map((d) => d.toLowerCase()) };
}

/** What resolving an identity may use besides the database: a logger and the service clock. */
export interface IdentityContext {
  log?: Logger;
  now?: () => Date;
  /**
   * No audit row or log line for a refusal: the caller asks on behalf of a request whose own
   * answer is refused (and audited) a moment later, e.g. the Teams conversation-reference refresh.
   */
  quiet?: boolean;
}

/** A refused identity: a localized refusal and one audit row; nothing else is read or written. */
export const IDENTITY_REFUSALS = ['IDENTITY.WORKSPACE_NOT_MAPPED', 'IDENTITY.NO_USER', 'IDENTITY.ALREADY_LINKED', 'IDENTITY.UNKNOWN_USER', 'IDENTITY.INVALID'] as const;

/** Platform ids are short opaque strings; anything else (NUL, lone surrogates, 1 MB) is refused. */
export function isCleanId(v: string | undefined): v is string {
  return typeof v === 'string' && v.trim().length > 0 && v.length <= 200 && v.isWellFormed() && !/[\u0000-\u001f\u007f]/.test(v);
}

/** An attacker-chosen id made safe for an audit row or a log line: printable, at most 64 characters. */
export function auditableId(v: unknown): string | null {
  if (typeof v !== 'string' || !v) return null;
  return v.toWellFormed().replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 64);
}

async function refuse(prisma: Prisma, ctx: IdentityContext, ref: ActorRef, code: (typeof IDENTITY_REFUSALS)[number], reason: string, extra: { orgId?: string; personId?: string } = {}): Promise<never> {
  if (!ctx.quiet) {
    const detail = { reason, workspace: auditableId(ref.workspaceId), enterprise: auditableId(ref.enterpriseId), user: auditableId(ref.userId), ...(extra.personId ? { personId: extra.personId } : {}) };
    try {
      await recordAudit(prisma, { at: ctx.now?.() ?? new Date(), orgId: extra.orgId ?? null, actorId: null, platform: ref.platform, action: 'identity.resolve', outcome: 'DENIED', detail });
    } catch (e) {
      ctx.log?.error({ err: e }, 'could not audit a refused request');
    }
    ctx.log?.warn({ refused: reason, platform: ref.platform, workspace: detail.workspace, user: detail.user }, 'request refused');
  }
  throw new DomainError(code, {});
}

/**
 * Finds the organisation a platform request belongs to. Slack and Teams requests must come from
 * a workspace (team / enterprise) or tenant listed under the organisation's `workspaces`, or from
 * anywhere when one organisation explicitly opted in to `anyWorkspace` (then `mapped` is false
 * and nobody is linked or admitted by e-mail). The console is the operator's own terminal.
 */
export async function resolveOrg(prisma: Prisma, ref: ActorRef, ctx: IdentityContext = {}): Promise<{ orgId: string; mapped: boolean }> {
  if (ref.platform === 'CONSOLE') {
    const byUser = isCleanId(ref.userId) ? await prisma.person.findMany({ where: { consoleUser: ref.userId }, select: { orgId: true }, take: 2 }) : [];
    if (byUser.length === 1) return { orgId: byUser[0]!.orgId, mapped: true };
    const orgs = await prisma.organisation.findMany({ select: { id: true }, take: 2, orderBy: { createdAt: 'asc' } });
    if (orgs.length === 1) return { orgId: orgs[0]!.id, mapped: true };
    if (orgs.length === 0) throw new DomainError('ORG.NONE');
    throw new DomainError('ORG.NOT_MAPPED');
  }
  const ids = [ref.workspaceId, ref.enterpriseId].filter((v): v is string => v !== undefined && v !== '');
  if (ids.some((id) => !isCleanId(id))) return refuse(prisma, ctx, ref, 'IDENTITY.INVALID', 'invalid-workspace-id');
  for (const externalId of ids) {
    const ws = await prisma.platformWorkspace.findUnique({ where: { platform_externalId: { platform: ref.platform, externalId } } });
    if (ws) return { orgId: ws.orgId, mapped: true };
  }
  const pilots = await prisma.organisation.findMany({ where: { settings: { path: ['identity', 'anyWorkspace'], equals: true } }, select: { id: true }, take: 2 });
  if (pilots.length === 1) return { orgId: pilots[0]!.id, mapped: false };
  return refuse(prisma, ctx, ref, 'IDENTITY.WORKSPACE_NOT_MAPPED', ids.length ? 'workspace-not-mapped' : 'no-workspace-id');
}

const platformField = { SLACK: 'slackUserId', TEAMS: 'teamsUserId', CONSOLE: 'consoleUser' } as const;

function workspaceData(ref: ActorRef): Record<string, string> {
  if (ref.platform === 'SLACK' && ref.workspaceId) return { slackTeamId: ref.workspaceId };
  if (ref.platform === 'TEAMS' && ref.workspaceId) return { teamsTenantId: ref.workspaceId };
  return {};
}

function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Resolves the person behind a platform user — the one place that decides who is somebody in
 * the organisation:
 * - the workspace/tenant must be mapped to the organisation (see `resolveOrg`);
 * - a known platform id is that person;
 * - otherwise, inside a mapped workspace, the profile e-mail links the platform user to the
 *   person with that e-mail, unless that person is already linked to another user id (refused:
 *   an admin must re-link);
 * - otherwise only `autoProvision.emailDomains` admits the user (as staff without roles);
 * - anybody else is refused. Every refusal is audited and logged once.
 */
export async function resolveActor(prisma: Prisma, ref: ActorRef, ctx: IdentityContext = {}): Promise<Actor> {
  if (typeof ref.userId !== 'string' || !ref.userId.trim()) return refuse(prisma, ctx, ref, 'IDENTITY.NO_USER', 'no-user-id');
  if (!isCleanId(ref.userId)) return refuse(prisma, ctx, ref, 'IDENTITY.INVALID', 'invalid-user-id');
  const { orgId, mapped } = await resolveOrg(prisma, ref, ctx);
  const field = platformField[ref.platform];
  let person = await prisma.person.findUnique({ where: field === 'slackUserId' ? { orgId_slackUserId: { orgId, slackUserId: ref.userId } } : field === 'teamsUserId' ? { orgId_teamsUserId: { orgId, teamsUserId: ref.userId } } : { orgId_consoleUser: { orgId, consoleUser: ref.userId } } });
  if (person && !person.active) return refuse(prisma, ctx, ref, 'IDENTITY.UNKNOWN_USER', 'inactive', { orgId, personId: person.id });
  if (!person && ref.platform === 'CONSOLE') throw new DomainError('PERSON.UNKNOWN_CONSOLE_USER', { user: ref.userId });
  const email = ref.email && ref.email.isWellFormed() && ref.email.length <= 254 && ref.email.includes('@') ? ref.email.toLowerCase() : undefined;
  if (!person && email && mapped) {
    const byEmail = await prisma.person.findUnique({ where: { orgId_email: { orgId, email } } });
    if (byEmail) {
      if (!byEmail.active) return refuse(prisma, ctx, ref, 'IDENTITY.UNKNOWN_USER', 'inactive', { orgId, personId: byEmail.id });
      // Only a person with no account on this platform yet is linked; never re-linked silently.
      const linked = await prisma.person.updateMany({ where: { id: byEmail.id, [field]: null }, data: { [field]: ref.userId, ...workspaceData(ref) } });
      if (linked.count === 0) return refuse(prisma, ctx, ref, 'IDENTITY.ALREADY_LINKED', 'already-linked', { orgId, personId: byEmail.id });
      person = await prisma.person.findUniqueOrThrow({ where: { id: byEmail.id } });
      await recordAudit(prisma, { at: ctx.now?.() ?? new Date(), orgId, actorId: person.id, platform: ref.platform, action: 'identity.link', detail: { via: 'email', workspace: auditableId(ref.workspaceId) } });
    }
  }
  if (!person) {
    const org = await prisma.organisation.findUniqueOrThrow({ where: { id: orgId }, select: { settings: true } });
    const domains = identitySettings(org.settings).emailDomains;
    if (!mapped || !email || !domains.includes(emailDomain(email))) return refuse(prisma, ctx, ref, 'IDENTITY.UNKNOWN_USER', email ? 'unknown-user' : 'unknown-user-no-email', { orgId });
    try {
      person = await prisma.person.create({
        data: { orgId, displayName: (ref.displayName?.toWellFormed().replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 120)) || email, email, [field]: ref.userId, ...workspaceData(ref) },
      });
    } catch {
      // Someone else took this e-mail or id a moment ago: treat it as the linking case next time.
      return refuse(prisma, ctx, ref, 'IDENTITY.ALREADY_LINKED', 'provision-conflict', { orgId });
    }
    await recordAudit(prisma, { at: ctx.now?.() ?? new Date(), orgId, actorId: person.id, platform: ref.platform, action: 'identity.provision', detail: { via: 'email-domain', domain: emailDomain(email) } });
  }
  // Remember the language the platform reports, so nudges sent later use it too.
  if (!person.language && ref.locale) {
    person = await prisma.person.update({ where: { id: person.id }, data: { language: normalizeLangLoose(ref.locale) } });
  }
  const org = await prisma.organisation.findUniqueOrThrow({ where: { id: orgId }, select: { language: true } });
  const lang = normalizeLangLoose(person.language ?? ref.locale ?? org.language);
  return { personId: person.id, orgId, displayName: person.displayName, lang, platform: ref.platform, ref, workspaceMapped: mapped };
}

/**
 * A colleague picked on the platform (Slack user picker, a mention) who has never used Stafett:
 * linked to the person of the actor's organisation with the profile's e-mail — only when the
 * actor's workspace is mapped, and only if that person has no account on the platform yet.
 * Returns the person's id, or null when nobody of the organisation has that e-mail.
 */
export async function linkColleague(prisma: Prisma, actor: Actor, platformUserId: string, lookup: (() => Promise<{ email?: string } | undefined>) | undefined, now: Date): Promise<string | null> {
  if (actor.platform === 'CONSOLE' || !isCleanId(platformUserId)) return null;
  const field = platformField[actor.platform];
  const known = await prisma.person.findFirst({ where: { orgId: actor.orgId, [field]: platformUserId }, select: { id: true } });
  if (known) return known.id;
  if (actor.workspaceMapped === false || !lookup) return null;
  const profile = await lookup().catch(() => undefined);
  const email = profile?.email?.toLowerCase();
  if (!email || !email.includes('@') || !email.isWellFormed()) return null;
  const person = await prisma.person.findUnique({ where: { orgId_email: { orgId: actor.orgId, email } } });
  if (!person || !person.active) return null;
  const linked = await prisma.person.updateMany({ where: { id: person.id, [field]: null }, data: { [field]: platformUserId, ...workspaceData(actor.ref) } });
  if (linked.count === 0) {
    await recordAudit(prisma, { at: now, orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: 'identity.link', outcome: 'DENIED', detail: { reason: 'already-linked', personId: person.id, via: 'picker' } });
    throw new DomainError('PERSON.ALREADY_LINKED', { name: person.displayName });
  }
  await recordAudit(prisma, { at: now, orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: 'identity.link', detail: { via: 'picker', personId: person.id, workspace: auditableId(actor.ref.workspaceId) } });
  return person.id;
}

export function normalizeLangLoose(v: string): 'sv' | 'nb' | 'en' {
  const l = v.toLowerCase();
  if (l.startsWith('nb') || l.startsWith('no') || l.startsWith('nn')) return 'nb';
  if (l.startsWith('en')) return 'en';
  return 'sv';
}

/** Adds an organisation role (admins from chat). */
export async function grantOrgRole(prisma: Prisma, personId: string, role: OrgRole, schoolUnitId: string | null): Promise<void> {
  const existing = await prisma.personOrgRole.findFirst({ where: { personId, role, schoolUnitId, source: 'CHAT' } });
  if (!existing) await prisma.personOrgRole.create({ data: { personId, role, schoolUnitId, source: 'CHAT' } });
}
