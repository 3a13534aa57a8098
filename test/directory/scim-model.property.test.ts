/**
 * Random sequences of SCIM operations, sent over HTTP as Entra ID shapes them, against a
 * model: after every step the set of provisioned people (with their active flag) and every
 * person's organisation roles (directory-given and hand-given) equal the model's.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PATCH_OP, entraUser, startScimFixture, type ScimFixture } from './scim-fixture.ts';

let f: ScimFixture;
beforeAll(async () => {
  f = await startScimFixture();
}, 60_000);
afterAll(async () => {
  await f?.close();
});

const USERS = 4;
const GROUPS: [string, string[]][] = [
  ['Elevhälsa Norrskolan', ['EHT_MEMBER@NORR']],
  ['IFO barn och unga', ['SOCIAL_SERVICES']],
  ['Rektorer Norr', ['PRINCIPAL@NORR', 'EHT_MEMBER@NORR']],
  ['Vikarier', []],
];

type Op =
  | { k: 'create'; u: number }
  | { k: 'active'; u: number; on: boolean; form: 'bool' | 'string' | 'pathless' }
  | { k: 'delete'; u: number }
  | { k: 'put'; u: number; on?: boolean }
  | { k: 'group'; g: number }
  | { k: 'ungroup'; g: number }
  | { k: 'members'; g: number; add: number[]; remove: number[] }
  | { k: 'hand'; u: number };

const u = fc.integer({ min: 0, max: USERS - 1 });
const g = fc.integer({ min: 0, max: GROUPS.length - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: u.map((x) => ({ k: 'create' as const, u: x })) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('active' as const), u, on: fc.boolean(), form: fc.constantFrom('bool' as const, 'string' as const, 'pathless' as const) }) },
  { weight: 1, arbitrary: u.map((x) => ({ k: 'delete' as const, u: x })) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('put' as const), u, on: fc.option(fc.boolean(), { nil: undefined }) }) },
  { weight: 2, arbitrary: g.map((x) => ({ k: 'group' as const, g: x })) },
  { weight: 1, arbitrary: g.map((x) => ({ k: 'ungroup' as const, g: x })) },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('members' as const), g, add: fc.uniqueArray(u, { maxLength: 3 }), remove: fc.uniqueArray(u, { maxLength: 2 }) }) },
  { weight: 1, arbitrary: u.map((x) => ({ k: 'hand' as const, u: x })) },
);

const email = (i: number) => `u${i}@prop.test`;

interface Model {
  users: Map<number, { active: boolean }>;
  groups: Map<number, Set<number>>;
  hand: Set<number>;
}

async function reset(): Promise<void> {
  const p = f.svc.db.prisma;
  await p.scimGroup.deleteMany({ where: { orgId: f.orgId } });
  await p.person.deleteMany({ where: { email: { endsWith: '@prop.test' } } });
}

async function check(m: Model, ids: Map<number, string>, units: Map<string, string>): Promise<void> {
  const p = f.svc.db.prisma;
  const people = await p.person.findMany({ where: { email: { endsWith: '@prop.test' } }, include: { roles: true } });
  const provisioned = people.filter((x) => x.scimUserName).map((x) => `${x.email}:${x.active}`).sort();
  expect(provisioned).toEqual([...m.users].map(([i, v]) => `${email(i)}:${v.active}`).sort());
  for (const person of people) {
    const i = Number(/^u(\d+)@/.exec(person.email!)![1]);
    const want = new Set<string>();
    const user = m.users.get(i);
    if (user?.active) for (const [gi, members] of m.groups) if (members.has(i)) for (const r of GROUPS[gi]![1]) want.add(r);
    const scim = person.roles.filter((r) => r.source === 'SCIM').map((r) => (r.schoolUnitId ? `${r.role}@${units.get(r.schoolUnitId)}` : r.role)).sort();
    expect(scim, `${person.email} directory roles`).toEqual([...want].sort());
    const hand = person.roles.filter((r) => r.source === 'CHAT').map((r) => r.role);
    expect(hand, `${person.email} hand roles`).toEqual(m.hand.has(i) ? ['TEAM_LEAD'] : []);
  }
}

it('person set and roles always equal the model', async () => {
  const units = new Map((await f.svc.db.prisma.schoolUnit.findMany({ where: { orgId: f.orgId } })).map((x) => [x.id, x.code]));
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 16 }), async (random) => {
      // Every run starts from the same directory so the random part exercises memberships.
      const prelude: Op[] = [
        ...Array.from({ length: USERS - 1 }, (_, i) => ({ k: 'create' as const, u: i })),
        ...GROUPS.slice(0, 3).map((_, i) => ({ k: 'group' as const, g: i })),
        { k: 'members', g: 0, add: [0, 1], remove: [] },
        { k: 'members', g: 2, add: [1, 2], remove: [] },
      ];
      const ops = [...prelude, ...random];
      await reset();
      const m: Model = { users: new Map(), groups: new Map(), hand: new Set() };
      const ids = new Map<number, string>();
      const gids = new Map<number, string>();
      for (const o of ops) {
        switch (o.k) {
          case 'create': {
            const r = await f.scim('POST', '/Users', entraUser(email(o.u), { externalId: `prop-${o.u}` }));
            if (m.users.has(o.u)) expect(r.status).toBe(409);
            else {
              expect(r.status).toBe(201);
              m.users.set(o.u, { active: true });
              ids.set(o.u, r.body.id);
            }
            break;
          }
          case 'active': {
            const id = ids.get(o.u) ?? '00000000-0000-0000-0000-000000000000';
            const value = o.form === 'string' ? (o.on ? 'True' : 'False') : o.on;
            const operation = o.form === 'pathless' ? { op: 'replace', value: { active: value } } : { op: 'Replace', path: 'active', value };
            const r = await f.scim('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [operation] });
            if (!m.users.has(o.u)) expect(r.status).toBe(404);
            else {
              expect(r.status).toBe(200);
              m.users.get(o.u)!.active = o.on;
            }
            break;
          }
          case 'put': {
            const id = ids.get(o.u) ?? '00000000-0000-0000-0000-000000000000';
            const body: Record<string, unknown> = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: email(o.u), externalId: `prop-${o.u}`, emails: [{ value: email(o.u), primary: true }] };
            if (o.on !== undefined) body.active = o.on;
            const r = await f.scim('PUT', `/Users/${id}`, body);
            if (!m.users.has(o.u)) expect(r.status).toBe(404);
            else {
              expect(r.status).toBe(200);
              if (o.on !== undefined) m.users.get(o.u)!.active = o.on;
            }
            break;
          }
          case 'delete': {
            const r = await f.scim('DELETE', `/Users/${ids.get(o.u) ?? '00000000-0000-0000-0000-000000000000'}`);
            if (!m.users.has(o.u)) expect(r.status).toBe(404);
            else {
              expect(r.status).toBe(204);
              m.users.delete(o.u);
              for (const members of m.groups.values()) members.delete(o.u);
            }
            break;
          }
          case 'group': {
            const r = await f.scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: GROUPS[o.g]![0], externalId: `grp-${o.g}` });
            if (m.groups.has(o.g)) expect(r.status).toBe(409);
            else {
              expect(r.status).toBe(201);
              m.groups.set(o.g, new Set());
              gids.set(o.g, r.body.id);
            }
            break;
          }
          case 'ungroup': {
            const r = await f.scim('DELETE', `/Groups/${gids.get(o.g) ?? '00000000-0000-0000-0000-000000000000'}`);
            expect(r.status).toBe(m.groups.has(o.g) ? 204 : 404);
            m.groups.delete(o.g);
            break;
          }
          case 'members': {
            const operations = [
              ...(o.remove.length ? [{ op: 'Remove', path: 'members', value: o.remove.map((x) => ({ $ref: null, value: ids.get(x) ?? `missing-${x}` })) }] : []),
              ...(o.add.length ? [{ op: 'Add', path: 'members', value: o.add.map((x) => ({ $ref: null, value: ids.get(x) ?? `missing-${x}` })) }] : []),
            ];
            if (!operations.length) break;
            const r = await f.scim('PATCH', `/Groups/${gids.get(o.g) ?? '00000000-0000-0000-0000-000000000000'}`, { schemas: [PATCH_OP], Operations: operations });
            const members = m.groups.get(o.g);
            if (!members) expect(r.status).toBe(404);
            else if (o.add.some((x) => !m.users.has(x))) expect([r.status, r.body?.scimType]).toEqual([400, 'invalidValue']);
            else {
              expect(r.status).toBe(204);
              for (const x of o.remove) members.delete(x);
              for (const x of o.add) members.add(x);
            }
            break;
          }
          case 'hand': {
            const person = await f.svc.db.prisma.person.findFirst({ where: { email: email(o.u) } });
            if (person && !m.hand.has(o.u)) {
              await f.svc.db.prisma.personOrgRole.create({ data: { personId: person.id, role: 'TEAM_LEAD', source: 'CHAT' } });
              m.hand.add(o.u);
            }
            break;
          }
        }
        await check(m, ids, units);
      }
    }),
    { numRuns: 12, interruptAfterTimeLimit: 150_000 },
  );
}, 240_000);
