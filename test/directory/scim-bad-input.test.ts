/**
 * Refused SCIM requests: malformed JSON, unknown attributes, wrong or missing tokens, filter
 * injection, plain HTTP where TLS is required. Each gets a SCIM error with the right status and
 * changes nothing (people, roles, groups and memberships are compared before and after).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateScimToken } from '../../src/directory/scim-token.ts';
import { entraUser, PATCH_OP, startScimFixture, type ScimFixture } from './scim-fixture.ts';

let f: ScimFixture;
let userId: string;
let groupId: string;

async function snapshot() {
  const p = f.svc.db.prisma;
  return JSON.stringify([
    await p.person.findMany({ orderBy: { id: 'asc' }, omit: { updatedAt: true } }),
    await p.personOrgRole.findMany({ orderBy: { id: 'asc' } }),
    await p.scimGroup.findMany({ orderBy: { id: 'asc' }, omit: { updatedAt: true } }),
    await p.scimGroupMember.findMany({ orderBy: [{ groupId: 'asc' }, { personId: 'asc' }] }),
    await p.batonHandover.count(),
  ]);
}

beforeAll(async () => {
  f = await startScimFixture();
  userId = (await f.scim('POST', '/Users', entraUser('kim.kvar@testuser.com', { externalId: 'ext-kim' }))).body.id;
  groupId = (await f.scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Elevhälsa Norrskolan', members: [{ value: userId }] })).body.id;
}, 60_000);
afterAll(async () => {
  await f?.close();
});

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

describe('refused SCIM requests change nothing', () => {
  const cases: [string, string, string, unknown, number, string | undefined, { raw?: string; token?: string | null }?][] = [
    ['malformed JSON', 'POST', '/Users', undefined, 400, 'invalidSyntax', { raw: '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":' }],
    ['a JSON array', 'POST', '/Users', [1, 2], 400, 'invalidSyntax'],
    ['an unknown attribute on create', 'POST', '/Users', { ...entraUser('new.one@testuser.com', { externalId: 'x1' }), favouriteColour: 'blue' }, 400, 'invalidSyntax'],
    ['an unknown extension schema', 'POST', '/Users', { ...entraUser('new.two@testuser.com', { externalId: 'x2' }), 'urn:example:custom:2.0:User': { level: 9 } }, 400, 'invalidSyntax'],
    ['no userName', 'POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], active: true }, 400, 'invalidValue'],
    ['active "maybe"', 'PATCH', '/Users/{user}', { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'maybe' }] }, 400, 'invalidValue'],
    ['an unknown PATCH path', 'PATCH', '/Users/{user}', { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'salary', value: 1 }] }, 400, 'invalidPath'],
    ['a valid op followed by a bad one', 'PATCH', '/Users/{user}', { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: false }, { op: 'Replace', path: 'secret', value: 1 }] }, 400, 'invalidPath'],
    ['an unknown op', 'PATCH', '/Users/{user}', { schemas: [PATCH_OP], Operations: [{ op: 'move', path: 'active', value: false }] }, 400, 'invalidSyntax'],
    ['PatchOp without schemas', 'PATCH', '/Users/{user}', { Operations: [{ op: 'replace', path: 'active', value: false }] }, 400, 'invalidSyntax'],
    ['remove without a path', 'PATCH', '/Users/{user}', { schemas: [PATCH_OP], Operations: [{ op: 'remove' }] }, 400, 'noTarget'],
    ['an invalid e-mail', 'PATCH', '/Users/{user}', { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'not an email' }] }, 400, 'invalidValue'],
    ['a group member from nowhere', 'PATCH', '/Groups/{group}', { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: 'members', value: [{ value: '{user}' }] }, { op: 'Add', path: 'members', value: [{ value: 'ffffffff-0000-0000-0000-000000000000' }] }] }, 400, 'invalidValue'],
    ['an unknown group attribute', 'PATCH', '/Groups/{group}', { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'owner', value: 'me' }] }, 400, 'invalidPath'],
    ['a wrong token', 'PATCH', '/Users/{user}', { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] }, 401, undefined, { token: 'stafett_scim_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }],
    ['a garbage token', 'DELETE', '/Users/{user}', undefined, 401, undefined, { token: "' OR 1=1 --" }],
    ['no token', 'DELETE', '/Groups/{group}', undefined, 401, undefined, { token: null }],
    ['an unknown user', 'PATCH', '/Users/00000000-0000-0000-0000-000000000000', { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] }, 404, undefined],
    ['an unsupported method', 'POST', '/Users/{user}', {}, 405, undefined],
  ];
  for (const [what, method, rawPath, body, status, scimType, opts] of cases) {
    it(`${what} → ${status}${scimType ? ` ${scimType}` : ''}`, async () => {
      const before = await snapshot();
      const fill = (s: string) => s.replaceAll('{user}', userId).replaceAll('{group}', groupId);
      const r = await f.scim(method, fill(rawPath), body === undefined ? undefined : JSON.parse(fill(JSON.stringify(body))), opts);
      expect(r.status).toBe(status);
      expect(r.body.schemas).toEqual([ERROR]);
      expect(r.body.status).toBe(String(status));
      if (scimType) expect(r.body.scimType).toBe(scimType);
      expect(typeof r.body.detail).toBe('string');
      expect(r.body.detail).not.toMatch(/at .*\.ts|prisma|stack/i);
      expect(await snapshot()).toBe(before);
    });
  }

  it('answers filter injection with invalidFilter or a literal match, never with other users', async () => {
    const attempts = [
      'userName eq "x" or userName pr',
      'userName eq "x" or 1 eq 1',
      'userName eq "kim.kvar@testuser.com") or (userName eq "x"',
      'userName ne "nobody"',
      'userName co "@"',
      'userName eq kim',
      'userName eq "a\\" or \\"1\\"=\\"1"',
      "userName eq 'x' OR '1'='1'",
      'password eq "x"',
      'userName eq "%"',
      'userName eq "kim%"',
      'emails[type eq "work" or 1 eq 1].value eq "x"',
      'userName eq "x" and',
      'x'.repeat(2000),
    ];
    for (const q of attempts) {
      const r = await f.scim('GET', `/Users?filter=${encodeURIComponent(q)}`);
      if (r.status === 200) expect(r.body.totalResults, q).toBe(0);
      else expect([r.status, r.body.scimType], q).toEqual([400, 'invalidFilter']);
    }
    const pg = await f.scim('GET', '/Users?startIndex=abc');
    expect(pg.status).toBe(400);
  });

  it('a rotated token stops working at once; the new one works', async () => {
    const { token } = await rotateScimToken(f.svc.db.prisma, f.orgId, new Date());
    expect((await f.scim('GET', '/Users')).status).toBe(401);
    expect((await f.scim('GET', '/Users', undefined, { token })).status).toBe(200);
    f.token = token;
  });

  it('audits refusals', async () => {
    const denied = await f.svc.db.prisma.auditEvent.findMany({ where: { action: { startsWith: 'scim.' }, outcome: 'DENIED' } });
    expect(denied.some((d) => (d.detail as any).reason === 'bad-token')).toBe(true);
    expect(denied.some((d) => (d.detail as any).reason === 'no-token')).toBe(true);
    expect(denied.some((d) => (d.detail as any).scimType === 'invalidPath')).toBe(true);
    expect(JSON.stringify(denied.map((d) => d.detail))).not.toContain('stafett_scim_');
  });
});

describe('TLS', () => {
  let g: ScimFixture;
  afterAll(async () => {
    await g?.close();
  });
  it('refuses plain HTTP when TLS is required, unless a trusted proxy says https', async () => {
    g = await startScimFixture({ STAFETT_SCIM_REQUIRE_TLS: '1' });
    const plain = await g.scim('GET', '/Users');
    expect(plain.status).toBe(403);
    expect(plain.body.detail).toMatch(/HTTPS/);
    // Without the explicit trust setting, the header is not believed.
    expect((await g.scim('GET', '/Users', undefined, { headers: { 'x-forwarded-proto': 'https' } } as any)).status).toBe(403);
    await g.close();
    g = await startScimFixture({ STAFETT_SCIM_REQUIRE_TLS: '1', STAFETT_TRUST_PROXY: '1' });
    expect((await g.scim('GET', '/Users')).status).toBe(403);
    const proxied = await g.scim('GET', '/Users', undefined, { headers: { 'x-forwarded-proto': 'https' } } as any);
    expect(proxied.status).toBe(200);
  }, 60_000);
});
