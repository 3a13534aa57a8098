/**
 * Provisioned people meet their chat accounts: Slack by e-mail (the UPN when the directory sends
 * no e-mail), Teams by the Entra object id sent as externalId. And deprovisioning on one instance
 * ends access on another that has the person cached (PostgreSQL: two services, one database).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../src/app/service.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { serverUrl } from '../support/db.ts';
import { PATCH_OP, startScimFixture, TENANT, type ScimFixture } from './scim-fixture.ts';

let f: ScimFixture;
beforeAll(async () => {
  f = await startScimFixture();
}, 60_000);
afterAll(async () => {
  await f?.close();
});

const upnOnly = (upn: string, externalId: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: upn,
  externalId,
  displayName: 'Ulla Upn',
  active: true,
});

describe('linking provisioned people to chat accounts', () => {
  it('links a Slack user of a mapped workspace by the UPN, and a Teams user by the object id', async () => {
    const oid = '3f1d7c9e-2b4a-4c6d-8e0f-1a2b3c4d5e6f';
    const u = await f.scim('POST', '/Users', upnOnly('ulla.upn@kommun.example', oid));
    expect(u.status).toBe(201);
    const slack = await f.svc.core.chat.handleText({ platform: 'SLACK', userId: 'U0ULLA01', workspaceId: 'T0SCIM', email: 'Ulla.Upn@kommun.example', displayName: 'ulla' }, 'mina');
    expect(JSON.stringify(slack)).not.toMatch(/⚠/);
    const teams = await f.svc.core.chat.handleText({ platform: 'TEAMS', userId: oid, workspaceId: TENANT }, 'mina');
    expect(JSON.stringify(teams)).not.toMatch(/⚠/);
    const p = await f.svc.db.prisma.person.findUniqueOrThrow({ where: { id: u.body.id } });
    expect(p).toMatchObject({ slackUserId: 'U0ULLA01', slackTeamId: 'T0SCIM', teamsUserId: oid, teamsTenantId: TENANT });
    expect(await f.svc.db.prisma.person.count({ where: { displayName: 'Ulla Upn' } })).toBe(1);
  });

  it('does not link Teams by externalId when it is not an object id, nor take over an already linked Teams id', async () => {
    const a = await f.scim('POST', '/Users', upnOnly('nick.name@kommun.example', 'nickname'));
    expect((await f.svc.db.prisma.person.findUniqueOrThrow({ where: { id: a.body.id } })).teamsUserId).toBeNull();
    const taken = '0a0a0a0a-1b1b-2c2c-3d3d-4e4e4e4e4e4e';
    await f.svc.db.prisma.person.update({ where: { id: a.body.id }, data: { teamsUserId: taken } });
    const b = await f.scim('POST', '/Users', upnOnly('second@kommun.example', taken));
    expect(b.status).toBe(201);
    expect((await f.svc.db.prisma.person.findUniqueOrThrow({ where: { id: b.body.id } })).teamsUserId).toBeNull();
    expect((await f.svc.db.prisma.person.findUniqueOrThrow({ where: { id: a.body.id } })).teamsUserId).toBe(taken);
  });
});

describe.skipIf(!serverUrl)('deprovisioning across instances (PostgreSQL)', () => {
  let other: RunningService | undefined;
  afterAll(async () => {
    await other?.stop();
  });
  it('a person cached by another instance is refused there as soon as the directory deactivates them', async () => {
    other = await startService({ ...f.svc.config, port: 0, instanceId: 'second' }, createLogger('silent'));
    const u = await f.scim('POST', '/Users', upnOnly('cached.person@kommun.example', 'cached'));
    const ref = { platform: 'SLACK' as const, userId: 'U0CACHED1', workspaceId: 'T0SCIM', email: 'cached.person@kommun.example' };
    expect(JSON.stringify(await other.core.chat.handleText(ref, 'mina'))).not.toMatch(/⚠/);
    expect(JSON.stringify(await other.core.chat.home(ref))).not.toMatch(/avslutat i kommunens katalog/);
    const off = await f.scim('PATCH', `/Users/${u.body.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] });
    expect(off.status).toBe(200);
    // Well inside the 30 s identity cache of the other instance.
    expect(JSON.stringify(await other.core.chat.handleText(ref, 'mina'))).toMatch(/avslutat i kommunens katalog/);
    // App Home checks it in its own statement (loadHome), on the same cached identity.
    expect(JSON.stringify(await other.core.chat.home(ref))).toMatch(/avslutat i kommunens katalog/);
  }, 60_000);
});
