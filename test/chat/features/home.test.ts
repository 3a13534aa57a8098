/**
 * App Home's view from the list of my cases: this week's meetings and deadlines in time order
 * across cases, overdue ones apart, nothing after the week (the read and its week's end:
 * test/cases/home-agenda.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { MyCaseLine } from '../../../src/cases/case-query.service.ts';
import { homeView } from '../../../src/chat/features/home.ts';
import type { Block } from '../../../src/ports/reply.ts';
import { fakeCtx } from './fake-ctx.ts';

const line = (code: string, meetings: string[], deadlines: [string, string][]): MyCaseLine => ({
  caseId: `id-${code}`,
  playbookKey: 's0-elevvard',
  mine: { summary: { code, status: 'OPEN', stageLabel: 'Kartläggning', tierLabel: null, batonRoleLabel: 'Mentor', nextDate: null }, roles: ['Mentor'], holdsBaton: true, overdue: 0, pendingHandoverToMe: false },
  meetingsUntil: meetings.map((at) => ({ startsAt: new Date(at), type: 'elevhalsomote' })),
  openDeadlines: deadlines.map(([at, ruleKey]) => ({ dueAt: new Date(at), ruleKey })),
});

const listItems = (blocks: Block[], after: string): string[] => {
  const i = blocks.findIndex((b) => b.type === 'text' && b.text.includes(after));
  const next = blocks[i + 1];
  return next?.type === 'list' ? next.items : [];
};

describe('home view', () => {
  it('orders the week across cases, keeps overdue apart and leaves out what falls after the week', async () => {
    const x = fakeCtx(); // Monday 23 November 2026, 09:00 in Stockholm
    const rows = [
      line('DEMO-26-0001', ['2026-11-25T09:00:00Z'], [['2026-11-16T08:00:00Z', 'rule.old'], ['2026-11-27T15:00:00Z', 'rule.friday'], ['2026-12-10T08:00:00Z', 'rule.later']]),
      line('DEMO-26-0002', ['2026-11-24T12:00:00Z'], [['2026-11-26T08:00:00Z', 'rule.thursday']]),
    ];
    // The week ends with Sunday in Stockholm.
    const r = homeView(x, { weekEnd: new Date('2026-11-29T22:59:59.999Z'), rows });
    const week = listItems(r.blocks, 'Den här veckan');
    expect(week.map((w) => w.match(/DEMO-26-000\d/)![0])).toEqual(['DEMO-26-0002', 'DEMO-26-0001', 'DEMO-26-0002', 'DEMO-26-0001']);
    expect(week[0]).toMatch(/24 nov/);
    expect(week.join('\n')).not.toMatch(/rule\.later|rule\.old/);
    const overdue = listItems(r.blocks, 'Försenat');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatch(/^⚠ \*\*DEMO-26-0001\*\*/);
    expect(JSON.stringify(r)).not.toContain('rule.later');
  });

  it('says there is nothing when the week is empty', async () => {
    const r = homeView(fakeCtx(), { weekEnd: new Date('2026-11-29T22:59:59.999Z'), rows: [line('DEMO-26-0003', [], [])] });
    expect(r.blocks.filter((b) => b.type === 'text' && b.text === 'Inget just nu.')).toHaveLength(2);
  });
});
