/** The absence feature: signals open a case; a file path is read only in the console. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { importAttendance, openCaseFromSignal } from '../../../src/absence/absence.service.ts';
import { absence } from '../../../src/chat/features/absence.ts';
import { actions, fakeCtx, text } from './fake-ctx.ts';

vi.mock('../../../src/absence/absence.service.ts', () => ({ importAttendance: vi.fn(), importReply: vi.fn(() => ({ visibility: 'private', blocks: [], fallbackText: 'import' })), openCaseFromSignal: vi.fn() }));

describe('absence feature', () => {
  beforeEach(() => vi.clearAllMocks());

  it('`signal ID` opens (or finds) the case and offers status and a meeting', async () => {
    vi.mocked(openCaseFromSignal).mockResolvedValue({ code: 'DEMO-26-0007', created: true } as never);
    const x = fakeCtx();
    const r = await absence.commands.signal(x, { name: 'signal', rest: ' s-42 ' });
    expect(openCaseFromSignal).toHaveBeenCalledWith(x.deps, x.actor, 's-42');
    expect(actions(r)).toEqual(['case.open', 'case.meeting']);
  });

  it('`import path` outside the console asks for the file instead of reading the path', async () => {
    const slack = fakeCtx({ actor: { ...fakeCtx().actor, platform: 'SLACK' } });
    await absence.commands.import(slack, { name: 'import', rest: '/etc/passwd' });
    expect(importAttendance).not.toHaveBeenCalled();
    const r = await absence.commands.import(fakeCtx(), { name: 'import', rest: '/nonexistent/franvaro.csv' });
    expect(text(r)).toContain('/nonexistent/franvaro.csv');
    expect(importAttendance).not.toHaveBeenCalled();
  });
});
