/**
 * Property-based access check: random people × cases × actions through the real services,
 * compared with an oracle written from the rules in DOMAIN.md. No unauthorised read or write.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignRole, openCase, recordConcern, recordDeviation } from '../../src/cases/case.service.ts';
import { getCaseLog } from '../../src/cases/case-query.service.ts';
import { recordConsent, withdrawConsent } from '../../src/consent/consent.service.ts';
import type { Actor } from '../../src/orgs/org.service.ts';
import { addAction } from '../../src/plans/plan.service.ts';
import { dbKind } from '../support/db.ts';
import { createTestCore, type TestCore } from '../support/core.ts';

const users = ['maria', 'karin', 'kalle', 'elin', 'rasmus', 'sara', 'tove'] as const;
type User = (typeof users)[number];

// Organisation roles of the demo people (src/orgs/demo-organisation.ts).
const orgRoles: Record<User, { role: string; unit?: string }[]> = {
  maria: [],
  karin: [{ role: 'COORDINATOR_POOL' }],
  kalle: [{ role: 'COORDINATOR_POOL' }],
  elin: [{ role: 'EHT_MEMBER', unit: 'NORR' }],
  rasmus: [{ role: 'PRINCIPAL', unit: 'NORR' }, { role: 'EHT_MEMBER', unit: 'NORR' }],
  sara: [{ role: 'SOCIAL_SERVICES' }],
  tove: [{ role: 'TEAM_LEAD', unit: 'NORR' }, { role: 'ADMIN' }],
};

interface CaseModel {
  code: string;
  unit: 'NORR' | 'SODER';
  members: Partial<Record<User, string[]>>;
  consentSS: boolean;
}

/** The rule, written independently of src/access/policy.ts. */
function oracle(u: User, k: CaseModel): boolean {
  const roles = k.members[u] ?? [];
  const has = (r: string, unitScoped: boolean) => orgRoles[u].some((x) => x.role === r && (!unitScoped || !x.unit || x.unit === k.unit));
  // Social services (by organisation role) are gated by consent whatever case role they hold;
  // a report of concern is never a basis.
  const socialServices = has('SOCIAL_SERVICES', false);
  if (roles.some((r) => r !== 'social-services')) return socialServices ? k.consentSS : true;
  if (has('TEAM_LEAD', true) || has('PRINCIPAL', true) || has('COORDINATOR_POOL', false)) return true;
  if (roles.includes('social-services')) return k.consentSS;
  return false;
}

describe(`access control, property-based (${dbKind})`, () => {
  let c: TestCore;
  const actors = {} as Record<User, Actor>;
  const cases: CaseModel[] = [];
  let checks = 0;

  beforeAll(async () => {
    c = await createTestCore();
    for (const u of users) actors[u] = await c.as(u);
    // Four cases: two units, different members, with and without consent for social services.
    const specs: { opener: User; unit: 'NORR' | 'SODER'; add: [User, string][]; consent: 'none' | 'given' | 'withdrawn'; concern?: User }[] = [
      { opener: 'maria', unit: 'NORR', add: [['elin', 'evg-member']], consent: 'none', concern: 'sara' },
      { opener: 'maria', unit: 'SODER', add: [['sara', 'social-services']], consent: 'given' },
      { opener: 'elin', unit: 'SODER', add: [['sara', 'social-services']], consent: 'withdrawn', concern: 'maria' },
      { opener: 'karin', unit: 'NORR', add: [], consent: 'given' },
      // Social services in a school role, consent withdrawn, a report of concern filed.
      { opener: 'maria', unit: 'NORR', add: [['sara', 'evg-member']], consent: 'withdrawn', concern: 'elin' },
    ];
    for (const s of specs) {
      const { code } = await openCase(c.deps, actors[s.opener], { playbookKey: 's0-elevvard', schoolUnitCode: s.unit, studentRef: `Elev ${code0(cases.length)}`, firstRole: 'mentor' });
      const model: CaseModel = { code, unit: s.unit, members: { [s.opener]: ['mentor'] }, consentSS: false };
      if (s.consent !== 'none') {
        await recordConsent(c.deps, actors[s.opener], code, { scope: ['SCHOOL', 'SOCIAL_SERVICES'], givenBy: [{ party: 'GUARDIAN' }] });
        model.consentSS = true;
      }
      for (const [u, role] of s.add) {
        await assignRole(c.deps, actors[s.opener], code, { person: { text: u }, role });
        model.members[u] = [...(model.members[u] ?? []), role];
      }
      if (s.consent === 'withdrawn') {
        await withdrawConsent(c.deps, actors[s.opener], code);
        model.consentSS = false;
      }
      if (s.concern) await recordConcern(c.deps, actors[s.concern], code, { note: 'Oro för hemmet' });
      cases.push(model);
    }
  });
  afterAll(async () => c?.close());

  it('every read and write is allowed exactly when the rules allow it, and every attempt is audited', async () => {
    const auditBefore = await c.deps.prisma.auditEvent.count();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...users), fc.integer({ min: 0, max: cases.length - 1 }), fc.constantFrom('read', 'write', 'deviation'), async (u, i, action) => {
        const k = cases[i]!;
        const expected = oracle(u, k);
        const run =
          action === 'read' ? getCaseLog(c.deps, actors[u], k.code)
          : action === 'write' ? addAction(c.deps, actors[u], k.code, { text: 'Gemensam åtgärd' })
          : recordDeviation(c.deps, actors[u], k.code, { theme: 'timing' });
        const outcome = await run.then(() => 'allowed', (e: { code?: string }) => e.code ?? 'error');
        checks++;
        if (expected) expect(outcome, `${u} ${action} ${k.code}`).toBe('allowed');
        else expect(['ACCESS.DENIED', 'CONSENT.REQUIRED'], `${u} ${action} ${k.code}`).toContain(outcome);
      }),
      { numRuns: 150 },
    );
    // Every attempt, allowed or denied, left an audit event.
    expect((await c.deps.prisma.auditEvent.count()) - auditBefore).toBeGreaterThanOrEqual(checks);
    const denied = await c.deps.prisma.auditEvent.count({ where: { outcome: 'DENIED' } });
    expect(denied).toBeGreaterThan(0);
  });

  it('a report of concern is never blocked for anyone in the organisation', async () => {
    for (const u of users) {
      for (const k of cases) await expect(recordConcern(c.deps, actors[u], k.code, {})).resolves.toMatchObject({ code: k.code });
    }
  });
});

function code0(n: number): string {
  return String.fromCharCode(65 + n);
}
