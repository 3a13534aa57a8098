import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeCase, openCase } from '../../src/cases/case.service.ts';
import { recordConsent } from '../../src/consent/consent.service.ts';
import { addAction, recordDecision } from '../../src/plans/plan.service.ts';
import { purgeExpiredCases, setLegalHold } from '../../src/retention/retention.service.ts';
import { dbKind } from '../support/db.ts';
import { createTestCore, DAY, type TestCore } from '../support/core.ts';
import { renderNotice } from '../../src/chat/notice-views.ts';
import { nudgeViews } from '../../src/chat/reminder-views.ts';

let c: TestCore;
beforeEach(async () => {
  c = await createTestCore();
});
afterEach(async () => c.close());

async function closedCase(student: string): Promise<string> {
  const karin = await c.as('karin');
  const { code } = await openCase(c.deps, karin, { playbookKey: 's4-sandviken', studentRef: student, firstRole: 'coordinator', reason: `Orolig för ${student}` });
  await recordConsent(c.deps, karin, code, { scope: ['SCHOOL'], givenBy: [{ party: 'GUARDIAN', label: 'Mamma Exempel' }] });
  await addAction(c.deps, karin, code, { text: `Samtal med ${student}` });
  await recordDecision(c.deps, karin, code, { text: `Beslut om ${student}` });
  await closeCase(c.deps, karin, code, { reason: 'Klart', confirmOpenActions: true });
  return code;
}

describe(`retention (${dbKind})`, () => {
  it('purges personal data after the retention period, keeps anonymised figures and respects legal hold', async () => {
    const purgeMe = await closedCase('Pelle Purge');
    const keepMe = await closedCase('Hilda Hold');
    await setLegalHold(c.deps, await c.as('karin'), keepMe, true);
    expect(await purgeExpiredCases(c.deps)).toEqual([]); // retention (730 days) not reached
    c.clock.advance(731 * DAY);
    expect(await purgeExpiredCases(c.deps)).toEqual([purgeMe]);
    expect(await purgeExpiredCases(c.deps)).toEqual([]); // idempotent
    const purged = await c.deps.prisma.case.findFirstOrThrow({ where: { code: purgeMe } });
    expect(purged.status).toBe('PURGED');
    expect([purged.studentRefEnc, purged.studentRefHash, purged.reasonEnc]).toEqual([null, null, null]);
    for (const model of ['caseAction', 'decision', 'consent', 'caseLogEntry', 'caseMember'] as const) {
      expect(await (c.deps.prisma[model] as unknown as { count: (a: unknown) => Promise<number> }).count({ where: { caseId: purged.id } })).toBe(0);
    }
    const stats = await c.deps.prisma.caseStatsRecord.findUniqueOrThrow({ where: { caseId: purged.id } });
    // Sandviken has no list of reasons: the free-text reason was encrypted and is not kept.
    expect(stats.closureReason).toBe('other');
    expect(JSON.stringify(stats)).not.toMatch(/Pelle|Purge|Mamma/);
    const held = await c.deps.prisma.case.findFirstOrThrow({ where: { code: keepMe } });
    expect(held.status).toBe('CLOSED');
    expect(c.deps.cipher.decrypt(held.studentRefEnc!)).toBe('Hilda Hold');
    const audit = await c.deps.prisma.auditEvent.findMany({ where: { caseId: purged.id, action: 'case.purge' } });
    expect(audit).toHaveLength(1);
  });

  it('only the baton holder or the team lead may place a legal hold', async () => {
    const code = await closedCase('Olle Obehörig');
    await expect(setLegalHold(c.deps, await c.as('maria'), code, true)).rejects.toMatchObject({ code: 'ACCESS.DENIED' });
  });
});

describe(`legal hold from chat (${dbKind})`, () => {
  it('the audit view offers the hold to the baton holder and the button sets and lifts it', async () => {
    const { ChatService } = await import('../../src/chat/chat.service.ts');
    const { NotifierRegistry } = await import('../../src/ports/notifier.ts');
    const { createReminders } = await import('../../src/reminders/index.ts');
    const notifier = new NotifierRegistry();
    const chat = new ChatService({ deps: c.deps, notifier, reminders: createReminders({ notices: renderNotice, views: nudgeViews, deps: c.deps, notifier, instanceId: 't', intervalMs: 60_000 }), config: { production: false } });
    const code = await closedCase('Hanna Hold');
    const ref = { platform: 'CONSOLE' as const, userId: 'karin' };
    const audit = await chat.handleText(ref, `granskning ${code}`);
    const hold = audit.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])).find((b) => b.action === 'case.hold');
    expect(hold?.value).toBe(code);
    await chat.handleAction(ref, 'case.hold', code);
    expect((await c.deps.prisma.case.findFirstOrThrow({ where: { code } })).legalHold).toBe(true);
    c.clock.advance(731 * DAY);
    expect(await purgeExpiredCases(c.deps)).toEqual([]);
    await chat.handleAction(ref, 'case.unhold', code);
    expect(await purgeExpiredCases(c.deps)).toEqual([code]);
    const denied = await chat.handleAction({ platform: 'CONSOLE', userId: 'maria' }, 'case.hold', code);
    expect(denied.fallbackText).toMatch(/behörighet/);
  });
});
