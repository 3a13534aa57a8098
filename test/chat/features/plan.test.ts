/** The plan feature: decisions and actions typed or from a form; an action's owner is chosen. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checkCaseAccess } from '../../../src/cases/case-access.ts';
import { casePlaybook } from '../../../src/cases/case-query.service.ts';
import { plan } from '../../../src/chat/features/plan.ts';
import { personDisplayName, personHandles } from '../../../src/orgs/org-query.service.ts';
import { addAction, recordDecision } from '../../../src/plans/plan.service.ts';
import { getBuiltinPlaybook } from '../../../src/playbooks/index.ts';
import { action, fakeCtx, form, text } from './fake-ctx.ts';

vi.mock('../../../src/plans/plan.service.ts', async (orig) => ({ ...(await orig<object>()), addAction: vi.fn(), recordDecision: vi.fn() }));
vi.mock('../../../src/cases/case-query.service.ts', async (orig) => ({ ...(await orig<object>()), casePlaybook: vi.fn() }));
vi.mock('../../../src/cases/case-access.ts', () => ({ checkCaseAccess: vi.fn(), withCase: vi.fn() }));
vi.mock('../../../src/orgs/org-query.service.ts', () => ({ personDisplayName: vi.fn(), personHandles: vi.fn() }));

const CODE = 'DEMO-26-0001';

describe('plan feature', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    vi.mocked(casePlaybook).mockResolvedValue(getBuiltinPlaybook('s0-elevvard')!);
    vi.mocked(personHandles).mockResolvedValue({ slackUserId: null, consoleUser: 'maria', displayName: 'Maria Mentor', email: null });
  });

  it('`beslut KOD text` records the decision with the request key', async () => {
    const x = fakeCtx({ opts: { requestKey: 'k1' } });
    vi.mocked(recordDecision).mockResolvedValue({ code: CODE } as never);
    const r = await plan.commands.decision(x, { name: 'decision', caseCode: CODE, rest: 'Extra stöd i matematik' });
    expect(recordDecision).toHaveBeenCalledWith(x.deps, x.actor, CODE, { text: 'Extra stöd i matematik' }, { requestKey: 'k1' });
    expect(text(r)).toMatch(/^✅/);
  });

  it('`beslut KOD` without text opens the form for someone who may record it', async () => {
    const x = fakeCtx();
    const r = await plan.textForms!.decision!(x, CODE);
    expect(checkCaseAccess).toHaveBeenCalledWith(x.deps, x.actor, CODE, 'case.write', 'form.decision.open');
    expect(r.form?.id).toBe('decision.record');
  });

  it('the action button opens the form with the recorder as the owner, visibly', async () => {
    const r = await plan.actions['case.action'](fakeCtx(), action('case.action', CODE));
    expect(r.form?.fields.find((f) => f.name === 'owner')?.initial).toBe('maria');
  });

  it('the action form refuses an empty owner and names the owner of an added action', async () => {
    const x = fakeCtx();
    await expect(plan.forms['action.add'](x, form(x, 'action.add', { code: CODE }, { text: 'Ring hem' }))).rejects.toMatchObject({ field: 'owner' });
    expect(addAction).not.toHaveBeenCalled();
    vi.mocked(addAction).mockResolvedValue({ code: CODE, number: 3, ownerId: 'p-kim', actionId: 'a3' } as never);
    vi.mocked(personDisplayName).mockResolvedValue('Kim Kurator');
    const r = await plan.forms['action.add'](x, form(x, 'action.add', { code: CODE }, { text: 'Ring hem', owner: 'Kim Kurator', dueAt: '2026-11-30' }));
    expect(vi.mocked(addAction).mock.lastCall?.[3]).toMatchObject({ text: 'Ring hem', owner: { text: 'Kim Kurator' }, dueAt: new Date('2026-11-30T15:00:00.000Z') });
    expect(text(r)).toContain('Kim Kurator');
  });
});
