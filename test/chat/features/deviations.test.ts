/** The deviations feature: a report about a case or about the organisation's work. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { recordDeviation } from '../../../src/cases/case.service.ts';
import { checkCaseAccess } from '../../../src/cases/case-access.ts';
import { casePlaybook } from '../../../src/cases/case-query.service.ts';
import { deviations } from '../../../src/chat/features/deviations.ts';
import { getBuiltinPlaybook } from '../../../src/playbooks/index.ts';
import { fakeCtx, form, text } from './fake-ctx.ts';

vi.mock('../../../src/cases/case.service.ts', () => ({ recordDeviation: vi.fn() }));
vi.mock('../../../src/cases/case-access.ts', () => ({ checkCaseAccess: vi.fn() }));
vi.mock('../../../src/cases/case-query.service.ts', async (orig) => ({ ...(await orig<object>()), casePlaybook: vi.fn() }));

describe('deviations feature', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    vi.mocked(casePlaybook).mockResolvedValue(getBuiltinPlaybook('s0-elevvard')!);
  });

  it('`avvikelse text` without a case opens the form with the text, reading no case', async () => {
    const r = await deviations.commands.deviation(fakeCtx(), { name: 'deviation', rest: 'Rutinen följdes inte' });
    expect(casePlaybook).not.toHaveBeenCalled();
    expect(r.form?.id).toBe('deviation.record');
  });

  it('`avvikelse KOD` is gated like a change to the case', async () => {
    const x = fakeCtx();
    await deviations.textForms!.deviation!(x, 'DEMO-26-0001');
    expect(checkCaseAccess).toHaveBeenCalledWith(x.deps, x.actor, 'DEMO-26-0001', 'case.write', 'form.deviation.open');
  });

  it('the form needs a theme; without a case it records an organisation deviation', async () => {
    const x = fakeCtx();
    await expect(deviations.forms['deviation.record'](x, form(x, 'deviation.record', {}, { text: 't' }))).rejects.toMatchObject({ field: 'theme' });
    vi.mocked(recordDeviation).mockResolvedValue({ id: 'd1' });
    expect(text(await deviations.forms['deviation.record'](x, form(x, 'deviation.record', {}, { theme: 'rutin', text: 't' })))).toMatch(/^✅/);
    expect(recordDeviation).toHaveBeenCalledWith(x.deps, x.actor, undefined, { theme: 'rutin', text: 't' });
  });
});
