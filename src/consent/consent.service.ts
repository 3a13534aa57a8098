/**
 * Consent (the secrecy waiver between agencies): scope, who gave it, date, expiry, withdrawal.
 * Withdrawal at once ends social services' access to new details and tells the case lead.
 */
import { consentWithdrawnNotice } from './consent.notices.ts';
import { z } from 'zod/v4';
import type { Actor } from '../orgs/org.service.ts';
import { needsSocialServicesBasis } from '../access/policy.ts';
import { appendLog, withCase } from '../cases/case-access.ts';
import { emitCaseEvent, parseInput } from '../cases/case.service.ts';
import { CONSENT_SCOPES } from '../playbooks/index.ts';
import { DomainError } from '../shared/errors.ts';
import type { ServiceDeps } from '../shared/deps.ts';

export const consentInput = z.object({
  scope: z.array(z.enum(CONSENT_SCOPES)).min(1, 'välj minst en part'),
  givenBy: z.array(z.object({ party: z.enum(['GUARDIAN', 'STUDENT']), label: z.string().trim().max(120).optional() })).min(1, 'ange vem som gav samtycket'),
  status: z.enum(['GIVEN', 'DECLINED']).default('GIVEN'),
  givenAt: z.date().optional(),
  expiresAt: z.date().optional(),
  note: z.string().trim().max(1000).optional(),
});

/** Records a consent (or a declined one, for statistics). */
export async function recordConsent(deps: ServiceDeps, actor: Actor, code: string, input: z.input<typeof consentInput>, opts: { requestKey?: string } = {}): Promise<{ consentId: string; code: string }> {
  const cmd = parseInput(consentInput, input);
  return withCase(deps, actor, code, 'case.write', 'consent.record', async (c) => {
    // Social services cannot create a legal basis for themselves: the school records the consent.
    if (cmd.status === 'GIVEN' && cmd.scope.includes('SOCIAL_SERVICES') && needsSocialServicesBasis(c.facts)) {
      throw new DomainError('CONSENT.SELF_BASIS', { code: c.kase.code });
    }
    const givenAt = cmd.givenAt ?? c.now;
    if (cmd.expiresAt && cmd.expiresAt <= givenAt) throw new DomainError('INPUT.INVALID', { field: 'expiresAt', problem: 'måste vara efter datumet för samtycket' });
    const consent = await c.tx.consent.create({
      data: {
        caseId: c.kase.id, scope: cmd.scope, status: cmd.status, givenAt, expiresAt: cmd.expiresAt ?? null, recordedById: actor.personId,
        givenBy: cmd.givenBy.map((g) => ({ party: g.party, labelEnc: deps.cipher.encryptOpt(g.label) })), noteEnc: deps.cipher.encryptOpt(cmd.note), createdAt: c.now,
      },
    });
    if (cmd.status === 'GIVEN') {
      for (const agency of cmd.scope) {
        await c.tx.legalBasis.create({ data: { caseId: c.kase.id, agency, basis: 'CONSENT', consentId: consent.id, recordedById: actor.personId, recordedAt: c.now } });
      }
    }
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, cmd.status === 'GIVEN' ? 'consent.given' : 'consent.declined', { scope: cmd.scope.join(','), parties: cmd.givenBy.map((g) => g.party).join(','), expiresAt: cmd.expiresAt?.toISOString() ?? null });
    if (cmd.status === 'GIVEN') await emitCaseEvent(c, { type: 'consentGiven' });
    return { consentId: consent.id, code: c.kase.code };
  }, { write: true, requestKey: opts.requestKey });
}

/** Withdraws a consent: its legal bases end now and the baton holder is told. */
export async function withdrawConsent(deps: ServiceDeps, actor: Actor, code: string, consentId?: string): Promise<{ code: string; withdrawn: number }> {
  return withCase(deps, actor, code, 'case.write', 'consent.withdraw', async (c) => {
    const where = { caseId: c.kase.id, status: 'GIVEN' as const, ...(consentId ? { id: consentId } : {}) };
    const consents = await c.tx.consent.findMany({ where });
    if (!consents.length) throw new DomainError('CONSENT.NONE_ACTIVE', { code: c.kase.code });
    for (const k of consents) {
      await c.tx.consent.update({ where: { id: k.id }, data: { status: 'WITHDRAWN', withdrawnAt: c.now, withdrawnById: actor.personId } });
      await c.tx.legalBasis.updateMany({ where: { consentId: k.id, revokedAt: null }, data: { revokedAt: c.now } });
    }
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'consent.withdrawn', { count: consents.length });
    const lead = c.kase.batonHolderId;
    if (lead && lead !== actor.personId) {
      await deps.notifyPerson(c.tx, lead, consentWithdrawnNotice, { caseCode: c.kase.code }, { caseId: c.kase.id, key: `consent-withdrawn:${consents.map((k) => k.id).sort().join(',')}` });
    }
    return { code: c.kase.code, withdrawn: consents.length };
  }, { write: true });
}
