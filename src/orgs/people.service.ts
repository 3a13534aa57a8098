/**
 * Administration from chat: an organisation admin adds a colleague (or updates one found by
 * e-mail) with organisation roles, optionally scoped to a school unit.
 */
import { idempotentWrite } from '../shared/idempotency.ts';
import { z } from 'zod/v4';
import { recordAudit } from '../audit/audit.ts';
import { parseInput } from '../cases/case.service.ts';
import { DomainError } from '../shared/errors.ts';
import type { ServiceDeps } from '../shared/deps.ts';
import { orgRoles } from './org-file.ts';
import type { Actor } from './org.service.ts';

export const addPersonInput = z.object({
  name: z.string().trim().min(2, 'minst 2 tecken').max(120),
  email: z.email('ogiltig e-postadress').optional(),
  slackUserId: z.string().regex(/^[UW][A-Z0-9]{4,}$/).optional(),
  roles: z.array(z.enum(orgRoles)).max(6).default([]),
  unitCode: z.string().max(40).optional(),
});

/** Whether the person holds the ADMIN organisation role. */
export async function isAdmin(deps: ServiceDeps, actor: Actor): Promise<boolean> {
  return (await deps.prisma.personOrgRole.count({ where: { personId: actor.personId, role: 'ADMIN' } })) > 0;
}

/** Adds or updates a person with organisation roles. Admins only; audited. */
export async function addPerson(deps: ServiceDeps, actor: Actor, input: z.input<typeof addPersonInput>): Promise<{ personId: string; created: boolean }> {
  const cmd = parseInput(addPersonInput, input);
  const now = deps.clock.now();
  if (!(await isAdmin(deps, actor))) {
    await recordAudit(deps.prisma, { at: now, orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: 'org.person.add', outcome: 'DENIED', detail: { reason: 'not-admin' } });
    throw new DomainError('ACCESS.DENIED', { code: '—' });
  }
  return idempotentWrite(deps, async (tx) => {
    let unitId: string | null = null;
    if (cmd.unitCode) {
      const unit = await tx.schoolUnit.findUnique({ where: { orgId_code: { orgId: actor.orgId, code: cmd.unitCode } } });
      if (!unit) throw new DomainError('INPUT.INVALID', { field: 'unit', problem: `okänd skolenhet "${cmd.unitCode}"` });
      unitId = unit.id;
    }
    const email = cmd.email?.toLowerCase();
    const existing = email ? await tx.person.findUnique({ where: { orgId_email: { orgId: actor.orgId, email } } }) : null;
    const person = existing
      ? await tx.person.update({ where: { id: existing.id }, data: { displayName: cmd.name, ...(cmd.slackUserId ? { slackUserId: cmd.slackUserId } : {}) } })
      : await tx.person.create({ data: { orgId: actor.orgId, displayName: cmd.name, email: email ?? null, slackUserId: cmd.slackUserId ?? null } });
    for (const role of cmd.roles) {
      const has = await tx.personOrgRole.findFirst({ where: { personId: person.id, role, schoolUnitId: unitId, source: 'CHAT' } });
      if (!has) await tx.personOrgRole.create({ data: { personId: person.id, role, schoolUnitId: unitId, source: 'CHAT' } });
    }
    await recordAudit(tx, { at: now, orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: existing ? 'org.person.update' : 'org.person.add', detail: { personId: person.id, roles: cmd.roles.join(','), unit: cmd.unitCode ?? null } });
    return { personId: person.id, created: !existing };
  });
}
