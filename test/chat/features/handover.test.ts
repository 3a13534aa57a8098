/** The hand-over feature: asking a colleague, accepting, declining. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { acceptHandover, declineHandover, requestHandover } from '../../../src/cases/case.service.ts';
import { checkCaseAccess } from '../../../src/cases/case-access.ts';
import { handover } from '../../../src/chat/features/handover.ts';
import { action, fakeCtx, form, text } from './fake-ctx.ts';

vi.mock('../../../src/cases/case.service.ts', () => ({ acceptHandover: vi.fn(), declineHandover: vi.fn(), requestHandover: vi.fn() }));
vi.mock('../../../src/cases/case-access.ts', () => ({ checkCaseAccess: vi.fn() }));

const CODE = 'DEMO-26-0001';

describe('handover feature', () => {
  beforeEach(() => vi.clearAllMocks());

  it('`stafett KOD` without a colleague opens the form; with a name asks that colleague', async () => {
    const x = fakeCtx();
    expect((await handover.commands.handover(x, { name: 'handover', caseCode: CODE })).form?.id).toBe('baton.handover');
    vi.mocked(requestHandover).mockResolvedValue({ handoverId: 'h1', toId: 'p-kim', toName: 'Kim Kurator' });
    const r = await handover.commands.handover(x, { name: 'handover', caseCode: CODE, target: { kind: 'name', value: 'Kim' } });
    expect(requestHandover).toHaveBeenCalledWith(x.deps, x.actor, CODE, { text: 'Kim' });
    expect(text(r)).toContain('Kim Kurator');
  });

  it('the form names a colleague by mention or name', async () => {
    const x = fakeCtx();
    vi.mocked(requestHandover).mockResolvedValue({ handoverId: 'h1', toId: 'p-kim', toName: 'Kim Kurator' });
    await handover.forms['baton.handover'](x, form(x, 'baton.handover', { code: CODE }, { person: 'kim@demo.se' }));
    expect(vi.mocked(requestHandover).mock.lastCall?.[3]).toEqual({ text: 'kim@demo.se' });
    await expect(handover.forms['baton.handover'](x, form(x, 'baton.handover', { code: CODE }, {}))).rejects.toMatchObject({ field: 'person' });
  });

  it('accept and decline buttons answer the request; the hand-over button is gated', async () => {
    const x = fakeCtx();
    vi.mocked(acceptHandover).mockResolvedValue({ code: CODE });
    vi.mocked(declineHandover).mockResolvedValue({ code: CODE });
    expect(text(await handover.actions['case.accept'](x, action('case.accept', CODE)))).toMatch(/^✅/);
    await handover.actions['case.decline'](x, action('case.decline', CODE));
    expect(declineHandover).toHaveBeenCalledWith(x.deps, x.actor, CODE, undefined);
    await handover.actions['case.handover'](x, action('case.handover', CODE));
    expect(checkCaseAccess).toHaveBeenCalledWith(x.deps, x.actor, CODE, 'case.manage', 'form.handover.open');
  });
});
