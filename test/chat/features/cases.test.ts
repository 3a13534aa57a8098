/** The cases feature: its commands, buttons and forms call the case services and answer in words. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { closeCase, recordOutput, setCaseChannel, setTier } from '../../../src/cases/case.service.ts';
import { casePlaybook, listMyCases } from '../../../src/cases/case-query.service.ts';
import { checkCaseAccess } from '../../../src/cases/case-access.ts';
import { cases } from '../../../src/chat/features/cases.ts';
import { FieldError } from '../../../src/chat/features/form-input.ts';
import { listSchoolUnits } from '../../../src/orgs/org-query.service.ts';
import { getBuiltinPlaybook } from '../../../src/playbooks/index.ts';
import { DomainError } from '../../../src/shared/errors.ts';
import { action, actions, fakeCtx, form, text } from './fake-ctx.ts';

vi.mock('../../../src/cases/case.service.ts', () => ({ advanceStage: vi.fn(), assignRole: vi.fn(), closeCase: vi.fn(), openCase: vi.fn(), recordOutput: vi.fn(), setCaseChannel: vi.fn(), setTier: vi.fn() }));
vi.mock('../../../src/cases/case-query.service.ts', async (orig) => ({ ...(await orig<object>()), casePlaybook: vi.fn(), caseStage: vi.fn(), getCaseStatus: vi.fn(), listMyCases: vi.fn() }));
vi.mock('../../../src/cases/case-access.ts', () => ({ checkCaseAccess: vi.fn() }));
vi.mock('../../../src/orgs/org-query.service.ts', () => ({ listSchoolUnits: vi.fn(), personDisplayName: vi.fn(), personHandles: vi.fn() }));

const tomelilla = getBuiltinPlaybook('s2-tomelilla')!;

describe('cases feature', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    vi.mocked(casePlaybook).mockResolvedValue(tomelilla);
    vi.mocked(listSchoolUnits).mockResolvedValue([]);
  });

  it('`status` without a code lists my cases, with a button to open a new one', async () => {
    const x = fakeCtx();
    vi.mocked(listMyCases).mockResolvedValue([]);
    const r = await cases.commands.status(x, { name: 'status' });
    expect(listMyCases).toHaveBeenCalledWith(x.deps, x.actor);
    expect(actions(r)).toEqual(['case.new']);
  });

  it('`ny` in an organisation with one playbook opens that playbook\'s new-case form', async () => {
    const x = fakeCtx({ org: { ...fakeCtx().org, playbooks: ['s0-elevvard'] } });
    const r = await cases.commands.new(x, { name: 'new', rest: 'oro för frånvaro' });
    expect(r.form?.id).toBe('case.new');
    expect(r.form?.fields.find((f) => f.name === 'reason')?.initial).toBe('oro för frånvaro');
  });

  it('`kanal` from the console says it needs a channel and changes nothing', async () => {
    const r = await cases.commands.channel(fakeCtx(), { name: 'channel', caseCode: 'DEMO-26-0001' });
    expect(setCaseChannel).not.toHaveBeenCalled();
    expect(r.visibility).toBe('private');
  });

  it('the output button records the output and names it', async () => {
    const x = fakeCtx();
    vi.mocked(recordOutput).mockResolvedValue({ code: 'DEMO-26-0001' });
    const r = await cases.actions['case.output'](x, action('case.output', 'DEMO-26-0001|riskAssessment'));
    expect(recordOutput).toHaveBeenCalledWith(x.deps, x.actor, 'DEMO-26-0001', 'riskAssessment');
    expect(text(r)).toMatch(/^✅/);
  });

  it('the tier button is gated (audited) before the form opens', async () => {
    const x = fakeCtx();
    const r = await cases.actions['case.tier'](x, action('case.tier', 'DEMO-26-0001'));
    expect(checkCaseAccess).toHaveBeenCalledWith(x.deps, x.actor, 'DEMO-26-0001', 'case.write', 'form.tier.open');
    expect(r.form?.id).toBe('case.tier');
  });

  it('the tier form sets the tier and answers with its label', async () => {
    const x = fakeCtx();
    const key = tomelilla.tiers![0]!.key;
    const r = await cases.forms['case.tier'](x, form(x, 'case.tier', { code: 'DEMO-26-0001' }, { tier: key }));
    expect(setTier).toHaveBeenCalledWith(x.deps, x.actor, 'DEMO-26-0001', key);
    expect(text(r)).toContain(tomelilla.tiers![0]!.labels.sv);
  });

  it('the close form asks again on the confirmation field when actions were opened meanwhile', async () => {
    const x = fakeCtx();
    vi.mocked(closeCase).mockRejectedValue(new DomainError('CLOSURE.OPEN_ACTIONS', { code: 'DEMO-26-0001', n: '1' }));
    await expect(cases.forms['case.close'](x, form(x, 'case.close', { code: 'DEMO-26-0001' }, { confirmOpen: 'false' }))).rejects.toBeInstanceOf(FieldError);
    await expect(cases.forms['case.close'](x, form(x, 'case.close', { code: 'DEMO-26-0001' }, {}))).rejects.toBeInstanceOf(DomainError);
  });
});
