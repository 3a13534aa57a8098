/** The consent feature: consent with its parties, withdrawal, and share requests decided. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getCaseDetails } from '../../../src/cases/case-query.service.ts';
import { consent } from '../../../src/chat/features/consent.ts';
import { recordConsent, withdrawConsent } from '../../../src/consent/consent.service.ts';
import { decideShare, requestShare } from '../../../src/consent/share.service.ts';
import { action, actions, fakeCtx, form, text } from './fake-ctx.ts';

vi.mock('../../../src/consent/consent.service.ts', () => ({ recordConsent: vi.fn(), withdrawConsent: vi.fn() }));
vi.mock('../../../src/consent/share.service.ts', () => ({ decideShare: vi.fn(), listShareRequests: vi.fn(), requestShare: vi.fn() }));
vi.mock('../../../src/cases/case-query.service.ts', async (orig) => ({ ...(await orig<object>()), getCaseDetails: vi.fn() }));

const CODE = 'DEMO-26-0001';

describe('consent feature', () => {
  beforeEach(() => vi.clearAllMocks());

  it('`samtycke KOD skolan och socialtjänsten` opens the form with those parties chosen', async () => {
    const r = await consent.commands.consent(fakeCtx(), { name: 'consent', caseCode: 'demo-26-0001', rest: 'skolan och socialtjänsten' });
    expect(r.form?.id).toBe('consent.record');
    expect(r.form?.context).toEqual({ code: CODE });
  });

  it('with a consent in force offers a new consent and its withdrawal', async () => {
    vi.mocked(getCaseDetails).mockResolvedValue({ summary: { code: CODE }, details: { consents: [{ id: 'k1', scope: ['SCHOOL'], status: 'GIVEN', expiresAt: null }] } } as never);
    const r = await consent.actions['case.consent'](fakeCtx(), action('case.consent', CODE));
    expect(r.form).toBeUndefined();
    expect(actions(r)).toEqual(['case.consentForm', 'consent.withdraw']);
  });

  it('the consent form needs a scope and who gave it', async () => {
    const x = fakeCtx();
    await expect(consent.forms['consent.record'](x, form(x, 'consent.record', { code: CODE }, { givenBy: 'GUARDIAN' }))).rejects.toMatchObject({ field: 'scope' });
    vi.mocked(recordConsent).mockResolvedValue({ code: CODE } as never);
    await consent.forms['consent.record'](x, form(x, 'consent.record', { code: CODE }, { scope: 'SCHOOL,SOCIAL_SERVICES', givenBy: 'GUARDIAN' }));
    expect(vi.mocked(recordConsent).mock.lastCall?.[3]).toMatchObject({ status: 'GIVEN', scope: ['SCHOOL', 'SOCIAL_SERVICES'], givenBy: [{ party: 'GUARDIAN' }] });
  });

  it('withdraws, and decides a share request by the button clicked', async () => {
    const x = fakeCtx();
    vi.mocked(withdrawConsent).mockResolvedValue({ code: CODE } as never);
    expect(text(await consent.actions['consent.withdraw'](x, action('consent.withdraw', CODE)))).toMatch(/^✅/);
    vi.mocked(decideShare).mockResolvedValue({ code: CODE, approved: false } as never);
    await consent.actions['share.decline'](x, action('share.decline', `${CODE}|s1`));
    expect(decideShare).toHaveBeenCalledWith(x.deps, x.actor, CODE, 's1', false);
  });

  it('a share request may last at most a year', async () => {
    const x = fakeCtx();
    await expect(consent.forms['share.request'](x, form(x, 'share.request', { code: CODE }, { scope: 'CASE', purpose: 'Utredning', until: '2028-01-01' }))).rejects.toMatchObject({ field: 'until' });
    expect(requestShare).not.toHaveBeenCalled();
  });
});
