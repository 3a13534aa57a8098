/** The records feature: the log with the plan, the audit trail with legal hold, the export. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { caseLegalHold, getAuditTrail } from '../../../src/cases/case-query.service.ts';
import { records } from '../../../src/chat/features/records.ts';
import { setLegalHold } from '../../../src/retention/retention.service.ts';
import { action, actions, fakeCtx, text } from './fake-ctx.ts';

vi.mock('../../../src/cases/case-query.service.ts', async (orig) => ({ ...(await orig<object>()), caseLegalHold: vi.fn(), getAuditTrail: vi.fn(), getCaseLog: vi.fn() }));
vi.mock('../../../src/retention/retention.service.ts', () => ({ setLegalHold: vi.fn() }));

const CODE = 'DEMO-26-0001';

describe('records feature', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    vi.mocked(getAuditTrail).mockResolvedValue({ code: CODE, events: [{ at: new Date('2026-11-23T08:00:00Z'), actor: 'Maria Mentor', platform: 'SLACK', action: 'case.open', outcome: 'DENIED' }] });
  });

  it('the audit trail offers legal hold, or lifting it when held', async () => {
    vi.mocked(caseLegalHold).mockResolvedValue(false);
    const x = fakeCtx();
    const r = await records.commands.audit(x, { name: 'audit', caseCode: CODE });
    expect(caseLegalHold).toHaveBeenCalledWith(x.deps, 'org-1', CODE);
    expect(actions(r)).toEqual(['case.hold']);
    expect(text(r)).toContain('Maria Mentor');
    vi.mocked(caseLegalHold).mockResolvedValue(true);
    expect(actions(await records.commands.audit(x, { name: 'audit', caseCode: CODE }))).toEqual(['case.unhold']);
  });

  it('hold and unhold set the legal hold by the button clicked', async () => {
    const x = fakeCtx();
    vi.mocked(setLegalHold).mockResolvedValue({ code: CODE } as never);
    await records.actions['case.hold'](x, action('case.hold', CODE));
    await records.actions['case.unhold'](x, action('case.unhold', CODE));
    expect(vi.mocked(setLegalHold).mock.calls.map((c) => c[3])).toEqual([true, false]);
  });
});
