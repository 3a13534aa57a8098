/** The admin feature: the people list for admins only, adding a person, the development clock. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { admin, whoAmI } from '../../../src/chat/features/admin.ts';
import { listActivePeople, listSchoolUnits, orgRolesOf } from '../../../src/orgs/org-query.service.ts';
import { addPerson, isAdmin } from '../../../src/orgs/people.service.ts';
import { fakeCtx, form, text } from './fake-ctx.ts';

vi.mock('../../../src/orgs/org-query.service.ts', () => ({ consoleUsers: vi.fn(), listActivePeople: vi.fn(), listSchoolUnits: vi.fn(), orgRolesOf: vi.fn() }));
vi.mock('../../../src/orgs/people.service.ts', () => ({ addPerson: vi.fn(), isAdmin: vi.fn() }));

describe('admin feature', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    vi.mocked(listSchoolUnits).mockResolvedValue([{ id: 'u1', code: 'NORR', name: 'Norrskolan' }]);
  });

  it('`personal` is refused to a non-admin without reading anyone', async () => {
    vi.mocked(isAdmin).mockResolvedValue(false);
    const r = await admin.commands.people(fakeCtx(), { name: 'people' });
    expect(text(r)).toMatch(/^⚠/);
    expect(listActivePeople).not.toHaveBeenCalled();
  });

  it('an admin sees the people and the add-person form', async () => {
    vi.mocked(isAdmin).mockResolvedValue(true);
    vi.mocked(listActivePeople).mockResolvedValue([{ displayName: 'Kim Kurator', roles: [] }] as never);
    const r = await admin.commands.people(fakeCtx(), { name: 'people' });
    expect(text(r)).toContain('Kim Kurator');
    expect(r.form?.id).toBe('org.person');
  });

  it('adding a person forgets cached identities first', async () => {
    const x = fakeCtx();
    vi.mocked(addPerson).mockResolvedValue({ personId: 'p9', created: true });
    await admin.forms['org.person'](x, form(x, 'org.person', {}, { name: 'Ny Person', roles: 'TEAM_LEAD,ADMIN', unit: 'NORR' }));
    expect(x.forgetActors).toHaveBeenCalled();
    expect(addPerson).toHaveBeenCalledWith(x.deps, x.actor, { name: 'Ny Person', email: undefined, roles: ['TEAM_LEAD', 'ADMIN'], unitCode: 'NORR' });
  });

  it('the clock is disabled without a development clock or in production', async () => {
    const x = fakeCtx();
    await admin.commands.clock(x, { name: 'clock', op: { kind: 'advance', ms: 86_400_000 } });
    expect(x.chat.reminders.sweepOnce).not.toHaveBeenCalled();
  });

  it('who am I names the person and their roles in their language', async () => {
    vi.mocked(orgRolesOf).mockResolvedValue([{ role: 'ADMIN' }, { role: 'ADMIN' }] as never);
    expect((await whoAmI(fakeCtx({ lang: 'en' }))).fallbackText).toMatch(/Maria Mentor \(Admin/i);
  });
});
