/** The concern feature: a report to social services (SE) or barnevernet (NO), and reading reports. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { recordConcern } from '../../../src/cases/case.service.ts';
import { checkCaseAccess } from '../../../src/cases/case-access.ts';
import { casePlaybook } from '../../../src/cases/case-query.service.ts';
import { listConcernReports } from '../../../src/cases/concern.service.ts';
import { concern } from '../../../src/chat/features/concern.ts';
import { getBuiltinPlaybook } from '../../../src/playbooks/index.ts';
import { action, fakeCtx, form, text } from './fake-ctx.ts';

vi.mock('../../../src/cases/case.service.ts', () => ({ recordConcern: vi.fn() }));
vi.mock('../../../src/cases/concern.service.ts', () => ({ listConcernReports: vi.fn() }));
vi.mock('../../../src/cases/case-access.ts', () => ({ checkCaseAccess: vi.fn() }));
vi.mock('../../../src/cases/case-query.service.ts', async (orig) => ({ ...(await orig<object>()), casePlaybook: vi.fn() }));

const CODE = 'DEMO-26-0001';

describe('concern feature', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    vi.mocked(recordConcern).mockResolvedValue({ code: CODE } as never);
    vi.mocked(casePlaybook).mockResolvedValue(getBuiltinPlaybook('s0-elevvard')!);
  });

  it('a typed report goes to social services in Sweden and to barnevernet in Norway', async () => {
    const se = fakeCtx();
    await concern.commands.concern(se, { name: 'concern', caseCode: CODE, rest: 'Oro hemma' });
    expect(recordConcern).toHaveBeenLastCalledWith(se.deps, se.actor, CODE, { note: 'Oro hemma', recipient: 'SOCIAL_SERVICES' });
    const no = fakeCtx({ org: { ...se.org, holidayRegion: 'NO', timeZone: 'Europe/Oslo' } });
    await concern.commands.concern(no, { name: 'concern', caseCode: CODE, rest: 'Bekymring' });
    expect(recordConcern).toHaveBeenLastCalledWith(no.deps, no.actor, CODE, { note: 'Bekymring', recipient: 'BARNEVERN' });
  });

  it('without text, and from the button, the form is shown to anyone who may report', async () => {
    const x = fakeCtx();
    expect((await concern.textForms!.concern!(x, CODE)).form?.id).toBe('concern.record');
    expect((await concern.actions['case.concern'](x, action('case.concern', CODE))).form?.id).toBe('concern.record');
    expect(vi.mocked(checkCaseAccess).mock.calls.map((c) => c[3])).toEqual(['case.concern', 'case.concern']);
  });

  it('the form records the chosen recipient; the view lists the reports', async () => {
    const x = fakeCtx();
    expect(text(await concern.forms['concern.record'](x, form(x, 'concern.record', { code: CODE }, { recipient: 'BARNEVERN', note: 'n' })))).toMatch(/^✅/);
    expect(recordConcern).toHaveBeenLastCalledWith(x.deps, x.actor, CODE, { note: 'n', recipient: 'BARNEVERN' });
    vi.mocked(listConcernReports).mockResolvedValue({ code: CODE, reports: [] } as never);
    const r = await concern.actions['concern.view'](x, action('concern.view', CODE));
    expect(r.visibility).toBe('private');
    expect(listConcernReports).toHaveBeenCalledWith(x.deps, x.actor, CODE);
  });
});
