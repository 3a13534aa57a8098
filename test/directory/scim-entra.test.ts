/**
 * The SCIM endpoint driven with the requests Microsoft documents for Entra ID's provisioning
 * service ("Tutorial: Develop and plan provisioning for a SCIM endpoint", request/response
 * examples, and the SCIM-compatibility notes on Entra's PATCH quirks).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../src/cases/case.service.ts';
import { addAction } from '../../src/plans/plan.service.ts';
import { resolveActor } from '../../src/orgs/org.service.ts';
import { entraUser, PATCH_OP, startScimFixture, TENANT, type ScimFixture } from './scim-fixture.ts';

let f: ScimFixture;
beforeAll(async () => {
  f = await startScimFixture();
}, 60_000);
afterAll(async () => {
  await f?.close();
});

describe('SCIM discovery', () => {
  it('serves ServiceProviderConfig, ResourceTypes and Schemas to an authenticated client', async () => {
    const spc = await f.scim('GET', '/ServiceProviderConfig');
    expect(spc.status).toBe(200);
    expect(spc.headers.get('content-type')).toMatch(/application\/scim\+json/);
    expect(spc.body.patch.supported).toBe(true);
    expect(spc.body.bulk.supported).toBe(false);
    const rt = await f.scim('GET', '/ResourceTypes');
    expect(rt.body.Resources.map((r: any) => r.id)).toEqual(['User', 'Group']);
    const sc = await f.scim('GET', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User');
    expect(sc.status).toBe(200);
    expect(sc.body.attributes.map((a: any) => a.name)).toContain('userName');
  });
});

describe('Users as Entra ID sends them', () => {
  it('creates a user (201 with id and Location), finds it by userName and externalId, and answers 0 results for an unknown one', async () => {
    const created = await f.scim('POST', '/Users', entraUser('Test_User_ab6490ee@testuser.com', { given: 'Ingrid', family: 'Ek' }));
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/[0-9a-f-]{36}/);
    expect(created.headers.get('location')).toContain(`/scim/v2/Users/${created.body.id}`);
    expect(created.body).toMatchObject({ userName: 'Test_User_ab6490ee@testuser.com', active: true, displayName: 'Ingrid Ek', name: { givenName: 'Ingrid', familyName: 'Ek' } });

    const byName = await f.scim('GET', `/Users?filter=${encodeURIComponent('userName eq "Test_User_ab6490ee@testuser.com"')}`);
    expect(byName.status).toBe(200);
    expect(byName.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(byName.body.Resources[0].id).toBe(created.body.id);

    const byExt = await f.scim('GET', `/Users?filter=${encodeURIComponent('externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"')}`);
    expect(byExt.body.totalResults).toBe(1);

    const none = await f.scim('GET', `/Users?filter=${encodeURIComponent('userName eq "non-existent user"')}`);
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });

    // Entra's object id as externalId links the Teams account (the org maps a tenant).
    const p = await f.svc.db.prisma.person.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(p).toMatchObject({ teamsUserId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef', teamsTenantId: TENANT, email: 'test_user_ab6490ee@testuser.com' });

    const dup = await f.scim('POST', '/Users', entraUser('test_user_AB6490EE@testuser.com', { externalId: 'other' }));
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '409', scimType: 'uniqueness' });
  });

  it('updates multi-valued and single-valued attributes by PATCH (Microsoft\'s "Update User" requests)', async () => {
    const u = await f.scim('POST', '/Users', entraUser('patch.me@testuser.com', { externalId: 'ext-patch' }));
    const multi = await f.scim('PATCH', `/Users/${u.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
      ],
    });
    expect(multi.status).toBe(200);
    expect(multi.body.emails[0].value).toBe('updatedemail@microsoft.com');
    expect(multi.body.name.familyName).toBe('updatedFamilyName');
    const single = await f.scim('PATCH', `/Users/${u.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'userName', value: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com' }] });
    expect(single.body.userName).toBe('5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com');
    // Before aadOptscim062020 Entra sends path-less value objects keyed by attribute paths.
    const pathless = await f.scim('PATCH', `/Users/${u.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Add', value: { 'name.givenName': 'Babs', nickName: 'Babs', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department': 'IT' } }] });
    expect(pathless.status).toBe(200);
    expect(pathless.body.name.givenName).toBe('Babs');
    const got = await f.scim('GET', `/Users/${u.body.id}`);
    expect(got.body).toMatchObject({ id: u.body.id, name: { givenName: 'Babs', familyName: 'updatedFamilyName' } });
    expect(got.body.nickName).toBeUndefined();
  });

  it('PUT replaces the user; DELETE answers 204 and the user is gone while the person (and their name) stays', async () => {
    const u = await f.scim('POST', '/Users', entraUser('put.me@testuser.com', { externalId: 'ext-put' }));
    const put = await f.scim('PUT', `/Users/${u.body.id}`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'put.me@testuser.com', displayName: 'Putte Put', emails: [{ value: 'put.me@testuser.com', primary: true }] });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ displayName: 'Putte Put', active: true });
    expect(put.body.externalId).toBeUndefined();
    const del = await f.scim('DELETE', `/Users/${u.body.id}`);
    expect(del.status).toBe(204);
    expect((await f.scim('GET', `/Users/${u.body.id}`)).status).toBe(404);
    const p = await f.svc.db.prisma.person.findUniqueOrThrow({ where: { id: u.body.id } });
    expect(p).toMatchObject({ displayName: 'Putte Put', active: false, scimUserName: null });
    expect(p.deprovisionedAt).not.toBeNull();
  });

  it('pages with startIndex and count', async () => {
    for (let i = 0; i < 5; i++) await f.scim('POST', '/Users', entraUser(`page${i}@testuser.com`, { externalId: `ext-page-${i}` }));
    const all = await f.scim('GET', '/Users?count=200');
    const total = all.body.totalResults;
    expect(total).toBeGreaterThanOrEqual(5);
    const page = await f.scim('GET', '/Users?startIndex=2&count=2');
    expect(page.body).toMatchObject({ totalResults: total, startIndex: 2, itemsPerPage: 2 });
    expect(page.body.Resources.map((r: any) => r.id)).toEqual(all.body.Resources.slice(1, 3).map((r: any) => r.id));
    const zero = await f.scim('GET', '/Users?count=0');
    expect(zero.body).toMatchObject({ totalResults: total, itemsPerPage: 0, Resources: [] });
  });
});

describe('Groups become organisation roles', () => {
  it('creates a group, adds members by PATCH, removes and adds in one PATCH with several operations', async () => {
    const a = await f.scim('POST', '/Users', entraUser('anna.eht@testuser.com', { externalId: 'ext-anna' }));
    const b = await f.scim('POST', '/Users', entraUser('bo.eht@testuser.com', { externalId: 'ext-bo' }));
    const g = await f.scim('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'Elevhälsa Norrskolan',
      meta: { resourceType: 'Group' },
    });
    expect(g.status).toBe(201);
    const add = await f.scim('PATCH', `/Groups/${g.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: a.body.id }] }] });
    expect(add.status).toBe(204);
    const unit = await f.svc.db.prisma.schoolUnit.findFirstOrThrow({ where: { orgId: f.orgId, code: 'NORR' } });
    const roles = (id: string) => f.svc.db.prisma.personOrgRole.findMany({ where: { personId: id }, select: { role: true, schoolUnitId: true, source: true } });
    expect(await roles(a.body.id)).toEqual([{ role: 'EHT_MEMBER', schoolUnitId: unit.id, source: 'SCIM' }]);

    const both = await f.scim('PATCH', `/Groups/${g.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Remove', path: 'members', value: [{ $ref: null, value: a.body.id }] },
        { op: 'Add', path: 'members', value: [{ $ref: null, value: b.body.id }] },
      ],
    });
    expect(both.status).toBe(204);
    expect(await roles(a.body.id)).toEqual([]);
    expect(await roles(b.body.id)).toEqual([{ role: 'EHT_MEMBER', schoolUnitId: unit.id, source: 'SCIM' }]);

    const got = await f.scim('GET', `/Groups/${g.body.id}`);
    expect(got.body.members.map((m: any) => m.value)).toEqual([b.body.id]);
    const lean = await f.scim('GET', `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Elevhälsa Norrskolan"')}`);
    expect(lean.body.totalResults).toBe(1);
    expect(lean.body.Resources[0].members).toBeUndefined();

    // RFC 7644 form of removal, then the group is deleted: its roles go with it.
    await f.scim('PATCH', `/Groups/${g.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ value: a.body.id }] }] });
    const rfc = await f.scim('PATCH', `/Groups/${g.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${b.body.id}"]` }] });
    expect(rfc.status).toBe(204);
    expect(await roles(b.body.id)).toEqual([]);
    expect((await f.scim('DELETE', `/Groups/${g.body.id}`)).status).toBe(204);
    expect(await roles(a.body.id)).toEqual([]);
  });

  it('keeps a role given by hand when the directory takes the same role away, and the personal view says which is which', async () => {
    const u = await f.scim('POST', '/Users', entraUser('hand.role@testuser.com', { externalId: 'ext-hand', given: 'Hedda', family: 'Hand' }));
    const g = await f.scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'IFO barn och unga', members: [{ value: u.body.id }] });
    expect(g.status).toBe(201);
    await f.svc.db.prisma.personOrgRole.create({ data: { personId: u.body.id, role: 'SOCIAL_SERVICES', schoolUnitId: null, source: 'CHAT' } });
    await f.svc.db.prisma.person.update({ where: { id: u.body.id }, data: { consoleUser: 'handrole' } });
    await f.svc.db.prisma.personOrgRole.create({ data: { personId: (await f.svc.db.prisma.person.findFirstOrThrow({ where: { consoleUser: 'tove' } })).id, role: 'EHT_MEMBER', schoolUnitId: null, source: 'CHAT' } });
    const view = await f.svc.core.chat.handleText({ platform: 'CONSOLE', userId: 'tove' }, 'personal');
    const list = view.blocks.find((b) => b.type === 'list') as { items: string[] };
    expect(list.items.find((i) => i.startsWith('Hedda Hand'))).toMatch(/katalog \+ för hand/);
    await f.scim('PATCH', `/Groups/${g.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: 'members' }] });
    expect(await f.svc.db.prisma.personOrgRole.findMany({ where: { personId: u.body.id }, select: { role: true, source: true } })).toEqual([{ role: 'SOCIAL_SERVICES', source: 'CHAT' }]);
  });
});

describe('Deprovisioning', () => {
  it('PATCH active "False" (Entra before aadOptscim062020) ends chat access at once, hands the baton to the unit team lead and flags open actions', async () => {
    const prisma = f.svc.db.prisma;
    // Maria is already in the organisation file: the directory adopts her by e-mail.
    const m = await f.scim('POST', '/Users', entraUser('maria.mentor@demo.example', { externalId: 'ext-maria', given: 'Maria', family: 'Mentor' }));
    expect(m.status).toBe(201);
    const maria = await prisma.person.findFirstOrThrow({ where: { consoleUser: 'maria' } });
    expect(m.body.id).toBe(maria.id);
    const actor = await resolveActor(prisma, { platform: 'CONSOLE', userId: 'maria' });
    const { code, caseId } = await openCase(f.svc.core.deps, actor, { playbookKey: 's0-elevvard', schoolUnitCode: 'NORR', studentRef: 'Elev Testsson 2015' });
    await addAction(f.svc.core.deps, actor, code, { text: 'Ringa vårdnadshavare' });
    const before = await f.svc.core.chat.handleText({ platform: 'CONSOLE', userId: 'maria' }, 'mina');
    expect(before.fallbackText).not.toMatch(/avslutat/);

    const off = await f.scim('PATCH', `/Users/${maria.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);

    const after = await f.svc.core.chat.handleText({ platform: 'CONSOLE', userId: 'maria' }, 'mina');
    expect(JSON.stringify(after)).toMatch(/avslutat i kommunens katalog/);

    const tove = await prisma.person.findFirstOrThrow({ where: { consoleUser: 'tove' } });
    const h = await prisma.batonHandover.findFirstOrThrow({ where: { caseId, status: 'PENDING' } });
    expect(h).toMatchObject({ fromId: maria.id, toId: tove.id });
    expect(f.notices.filter((n) => n.personId === tove.id).map((n) => n.kind)).toEqual(['directory.batonReleased', 'directory.actionsOrphaned']);
    expect(f.notices.find((n) => n.kind === 'directory.batonReleased')?.text).toContain(code);
    const log = await prisma.caseLogEntry.findMany({ where: { caseId }, orderBy: { seq: 'asc' } });
    expect(log.map((l) => l.kind)).toEqual(expect.arrayContaining(['baton.released', 'actions.orphaned']));
    // History keeps her name.
    expect((await prisma.person.findUniqueOrThrow({ where: { id: maria.id } })).displayName).toBe('Maria Mentor');
    // Tove takes the baton over as usual.
    const t = await f.svc.core.chat.handleText({ platform: 'CONSOLE', userId: 'tove' }, `acceptera ${code}`);
    expect(JSON.stringify(t)).not.toMatch(/⚠/);
    expect((await prisma.case.findUniqueOrThrow({ where: { id: caseId } })).batonHolderId).toBe(tove.id);

    // Re-activation (the standard boolean form) gives access back.
    const on = await f.scim('PATCH', `/Users/${maria.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: true }] });
    expect(on.body.active).toBe(true);
    const back = await f.svc.core.chat.handleText({ platform: 'CONSOLE', userId: 'maria' }, 'mina');
    expect(JSON.stringify(back)).not.toMatch(/avslutat i kommunens katalog/);
  });

  it('audits every SCIM call with the provisioning client as the actor', async () => {
    const rows = await f.svc.db.prisma.auditEvent.findMany({ where: { action: { startsWith: 'scim.' } } });
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['scim.discovery', 'scim.user.create', 'scim.user.list', 'scim.user.patch', 'scim.user.replace', 'scim.user.delete', 'scim.group.create', 'scim.group.patch', 'scim.group.delete']) expect(actions).toContain(a);
    const off = rows.find((r) => r.action === 'scim.user.patch' && (r.detail as any).deprovisioned);
    expect(off?.detail).toMatchObject({ client: 'scim', changed: 'active', batonsHanded: 1, actionsFlagged: 1 });
    expect(rows.every((r) => r.platform === 'SYSTEM' && r.actorId === null)).toBe(true);
  });
});
