/**
 * The identity rules behind every request (resolveActor), on both databases: workspace binding,
 * e-mail linking only inside a mapped workspace and never re-linking, auto-provisioning only by
 * `autoProvision.emailDomains`, the "any workspace" pilot flag, and what the organisation file
 * accepts. The same paths serve Slack and Teams (with credentials, Teams reports the e-mail of
 * the account; the adapter tests cover the transport).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOrganisation, resolveActor } from '../../src/orgs/org.service.ts';
import { OrgFileError, organisationSchema, parseOrgText, type OrganisationSpec } from '../../src/orgs/org-file.ts';
import { isDomainError } from '../../src/shared/errors.ts';
import { createTestDatabase, dbKind, type TestDatabase } from '../support/db.ts';

const TENANT = '11111111-2222-4333-8444-555555555555';
const OTHER_TENANT = '99999999-2222-4333-8444-555555555555';

function spec(extra: Partial<OrganisationSpec> = {}): OrganisationSpec {
  return organisationSchema.parse({
    slug: 'idkommun', name: 'Identitetsby', timeZone: 'Europe/Stockholm', casePrefix: 'ID',
    workspaces: { slack: ['T0MAPPED'], teams: [TENANT] },
    autoProvision: { emailDomains: ['idkommun.se'] },
    people: [
      { name: 'Karin Koordinator', email: 'karin@idkommun.se', teamsUserId: 'aad-karin', roles: ['COORDINATOR_POOL'] },
      { name: 'Nils Ny', email: 'nils@idkommun.se', roles: [] },
      { name: 'Lisa Slack', email: 'lisa@idkommun.se', slackUserId: 'U0LISA', roles: [] },
    ],
    ...extra,
  });
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
  return 'ADMITTED';
}

describe(`identity rules (${dbKind})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await applyOrganisation(t.db.prisma, spec());
  });
  afterAll(async () => t?.close());

  it('Teams with credentials: the account e-mail links only inside the mapped tenant, once', async () => {
    const prisma = t.db.prisma;
    // Another tenant whose account carries the coordinator's e-mail.
    expect(await refusal(resolveActor(prisma, { platform: 'TEAMS', userId: 'aad-evil', workspaceId: OTHER_TENANT, email: 'karin@idkommun.se' }))).toBe('IDENTITY.WORKSPACE_NOT_MAPPED');
    // A second account of the mapped tenant with her e-mail: refused, she stays linked.
    expect(await refusal(resolveActor(prisma, { platform: 'TEAMS', userId: 'aad-second', workspaceId: TENANT, email: 'KARIN@idkommun.se' }))).toBe('IDENTITY.ALREADY_LINKED');
    expect((await prisma.person.findFirstOrThrow({ where: { email: 'karin@idkommun.se' } })).teamsUserId).toBe('aad-karin');
    // Nils has never used Teams with Stafett: linked by his e-mail, audited.
    const nils = await resolveActor(prisma, { platform: 'TEAMS', userId: 'aad-nils', workspaceId: TENANT, email: 'nils@idkommun.se' });
    expect(nils.displayName).toBe('Nils Ny');
    expect(await prisma.auditEvent.count({ where: { action: 'identity.link', actorId: nils.personId } })).toBe(1);
    // From then on the id is his, also without an e-mail.
    expect((await resolveActor(prisma, { platform: 'TEAMS', userId: 'aad-nils', workspaceId: TENANT })).personId).toBe(nils.personId);
  });

  it('unknown users: refused, unless their mail domain is listed; then staff without roles', async () => {
    const prisma = t.db.prisma;
    expect(await refusal(resolveActor(prisma, { platform: 'SLACK', userId: 'U0NOMAIL', workspaceId: 'T0MAPPED' }))).toBe('IDENTITY.UNKNOWN_USER');
    expect(await refusal(resolveActor(prisma, { platform: 'SLACK', userId: 'U0OTHER', workspaceId: 'T0MAPPED', email: 'x@elsewhere.se' }))).toBe('IDENTITY.UNKNOWN_USER');
    expect(await refusal(resolveActor(prisma, { platform: 'SLACK', userId: 'U0NEWBIE', workspaceId: 'T0ELSE', email: 'newbie@idkommun.se' }))).toBe('IDENTITY.WORKSPACE_NOT_MAPPED');
    expect(await prisma.person.count({ where: { slackUserId: { in: ['U0NOMAIL', 'U0OTHER', 'U0NEWBIE'] } } })).toBe(0);
    const newbie = await resolveActor(prisma, { platform: 'SLACK', userId: 'U0NEWBIE', workspaceId: 'T0MAPPED', email: 'newbie@idkommun.se', displayName: 'Ny\u0000bie' });
    const row = await prisma.person.findUniqueOrThrow({ where: { id: newbie.personId }, include: { roles: true } });
    expect(row.roles).toEqual([]);
    expect(row.displayName).toBe('Nybie');
    expect(await prisma.auditEvent.count({ where: { action: 'identity.provision', actorId: newbie.personId } })).toBe(1);
    // No user id, or ids with control characters: refused before any lookup.
    expect(await refusal(resolveActor(prisma, { platform: 'SLACK', userId: '', workspaceId: 'T0MAPPED' }))).toBe('IDENTITY.NO_USER');
    expect(await refusal(resolveActor(prisma, { platform: 'SLACK', userId: undefined as unknown as string, workspaceId: 'T0MAPPED' }))).toBe('IDENTITY.NO_USER');
    expect(await refusal(resolveActor(prisma, { platform: 'SLACK', userId: 'U0\u0000X', workspaceId: 'T0MAPPED' }))).toBe('IDENTITY.INVALID');
    expect(await refusal(resolveActor(prisma, { platform: 'SLACK', userId: 'U0LISA', workspaceId: 'T0\uD800' }))).toBe('IDENTITY.INVALID');
    const denied = await prisma.auditEvent.findMany({ where: { action: 'identity.resolve', outcome: 'DENIED' } });
    expect(denied.length).toBeGreaterThanOrEqual(9);
    expect(JSON.stringify(denied.map((d) => d.detail))).not.toMatch(/\\u0000/);
  });

  it('a workspace removed from the file is unbound; anyWorkspace admits listed ids only, and links nobody by e-mail', async () => {
    const prisma = t.db.prisma;
    expect((await resolveActor(prisma, { platform: 'SLACK', userId: 'U0LISA', workspaceId: 'T0MAPPED' })).displayName).toBe('Lisa Slack');
    await applyOrganisation(prisma, spec({ workspaces: { slack: [], teams: [TENANT], anyWorkspace: false } }));
    expect(await refusal(resolveActor(prisma, { platform: 'SLACK', userId: 'U0LISA', workspaceId: 'T0MAPPED' }))).toBe('IDENTITY.WORKSPACE_NOT_MAPPED');
    await applyOrganisation(prisma, spec({ workspaces: { slack: [], teams: [], anyWorkspace: true } }));
    const lisa = await resolveActor(prisma, { platform: 'SLACK', userId: 'U0LISA', workspaceId: 'T0PILOT' });
    expect(lisa.workspaceMapped).toBe(false);
    expect(await refusal(resolveActor(prisma, { platform: 'SLACK', userId: 'U0KARIN2', workspaceId: 'T0PILOT', email: 'karin@idkommun.se' }))).toBe('IDENTITY.UNKNOWN_USER');
    expect(await refusal(resolveActor(prisma, { platform: 'SLACK', userId: 'U0AUTO', workspaceId: 'T0PILOT', email: 'auto@idkommun.se' }))).toBe('IDENTITY.UNKNOWN_USER');
    expect((await prisma.person.findFirstOrThrow({ where: { email: 'karin@idkommun.se' } })).slackUserId).toBeNull();
    await applyOrganisation(prisma, spec());
  });

  it('the organisation file: a workspace belongs to one organisation, anyWorkspace to one pilot, ids look like ids', () => {
    const org = (slug: string, ws: string) => `  - slug: ${slug}\n    name: Kommun ${slug}\n    timeZone: Europe/Stockholm\n    workspaces: ${ws}\n`;
    const parse = (body: string) => parseOrgText(`organisations:\n${body}`, 'orgs.yaml');
    expect(() => parse(org('aa', '{ slack: [T0SAME] }') + org('bb', '{ slack: [T0SAME] }'))).toThrow(/already listed for aa/);
    expect(() => parse(org('aa', '{ anyWorkspace: true }') + org('bb', '{ anyWorkspace: true }'))).toThrow(/one organisation only/);
    expect(() => parse(org('aa', '{ slack: ["not a team id"] }'))).toThrow(OrgFileError);
    expect(parse(org('aa', '{ slack: [T0A], teams: [11111111-2222-4333-8444-555555555555] }'))[0]!.workspaces?.anyWorkspace).toBe(false);
  });
});
