/**
 * Every button anywhere names an action some feature handles. Three ways in: the ids written in
 * the source (any `action: '…', value` and `action: PLAN_ACTION.…`), the buttons the view builders
 * render for case states that show each of them, and the buttons of every notice and nudge kind.
 * A misspelt or removed id (`'case.opne'`) fails here even where the type checker cannot see it.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../../src/app/core.ts';
import { ADAPTER_ACTIONS } from '../../../adapters/slack/action-ids.ts';
import type { CaseStatus, MyCase } from '../../../src/cases/case-query.service.ts';
import { registry } from '../../../src/chat/features/registry.ts';
import { PLAN_ACTION, planBlocks } from '../../../src/chat/plan-chat.ts';
import type { Block, Button, Reply } from '../../../src/ports/reply.ts';
import { shareListReply } from '../../../src/chat/share-view.ts';
import { caseButtons, logReply, mineReply, statusReply } from '../../../src/chat/views.ts';
import { noticeKinds } from '../../../src/notices/notice.ts';
import { getBuiltinPlaybook } from '../../../src/playbooks/index.ts';
import type { PlanItem } from '../../../src/plans/plan.service.ts';
import { nudgeButtons } from '../../../src/chat/reminder-views.ts';
import { NUDGE_KINDS } from '../../../src/reminders/reminder.ts';
import { renderNotice } from '../../../src/chat/notice-views.ts';

const LANGS = ['sv', 'nb', 'en'] as const;
const CODE = 'ST-26-0001';
const adapterActions = new Set<string>(Object.values(ADAPTER_ACTIONS));

function buttonsOf(blocks: Block[]): Button[] {
  return blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
}

function buttonsOfReply(r: Reply): Button[] {
  return [...buttonsOf(r.blocks), ...(r.privateFollowUp ? buttonsOfReply(r.privateFollowUp) : [])];
}

function unhandled(actions: Iterable<string>): string[] {
  return [...new Set(actions)].filter((a) => !registry.action(a) && !adapterActions.has(a)).sort();
}

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'generated' && e.name !== 'node_modules') out.push(...(await sourceFiles(p)));
    } else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

const item = (over: Partial<PlanItem>): PlanItem => ({
  id: 'a1', number: 1, text: 'Ring hem', ownerId: 'p1', ownerName: 'Kim', participant: null, status: 'OPEN', dueAt: null, evaluationAt: null,
  evaluationResult: null, evaluationNote: null, overdue: false, awaitingEvaluation: false, ...over,
});

function status(open: boolean, over: Partial<NonNullable<CaseStatus['details']>> = {}): CaseStatus {
  const now = new Date('2026-11-02T09:00:00Z');
  return {
    summary: { code: CODE, status: open ? 'OPEN' : 'CLOSED', stageLabel: 'Kartläggning', tierLabel: null, batonRoleLabel: 'Mentor', nextDate: null },
    details: {
      playbookLabel: 'Tomelilla', dimension: 'stage', studentRef: 'Elev', reason: null, stageHint: 'Gör så här', schoolUnit: null, openedAt: now,
      batonHolder: null, pendingHandover: null, members: [], meetings: [], deadlines: [],
      actions: [item({}), item({ id: 'a2', number: 2, status: 'DONE', awaitingEvaluation: true })], maintenancePlan: null, decisions: [],
      closureOffer: { reason: 'declined', reasonLabel: 'Tackar nej', decision: 'Nej' }, consents: [], concernReports: 1,
      nextSteps: [{ to: 'next', label: 'Nästa', missing: ['x'], outputs: [{ key: 'riskAssessment', label: 'Risk' }] }], nextNudge: null, closedAt: null, closureReason: null,
      ...over,
    },
  };
}

describe('every button names an action a feature handles', () => {
  it('knows its own ids, and not a misspelt one', () => {
    expect(registry.actionIds().length).toBeGreaterThan(30);
    for (const id of registry.actionIds()) expect(registry.action(id), id).toBeTypeOf('function');
    expect(registry.action('case.opne')).toBeUndefined();
    expect(unhandled(['case.open', 'case.opne'])).toEqual(['case.opne']);
  });

  it('in the source: every action id written next to a button value', async () => {
    const files = [...(await sourceFiles('src')), ...(await sourceFiles('adapters'))];
    const found: { id: string; where: string }[] = [];
    const planIds = PLAN_ACTION as Record<string, string>;
    for (const f of files) {
      const text = await readFile(f, 'utf8');
      for (const m of text.matchAll(/\baction:\s*'([^']+)',\s*(?:\.\.\.|value\b)/g)) found.push({ id: m[1]!, where: f });
      for (const m of text.matchAll(/\baction:\s*PLAN_ACTION\.(\w+)/g)) found.push({ id: planIds[m[1]!] ?? `PLAN_ACTION.${m[1]}`, where: f });
    }
    // The scan must see the buttons it is meant to check (views, plan, reminders, notices).
    expect(found.length).toBeGreaterThan(50);
    for (const id of ['case.open', 'case.accept', 'nudge.snooze', 'share.approve', 'meeting.confirmOutside', 'action.evaluate']) expect(found.map((x) => x.id)).toContain(id);
    expect(found.filter((x) => unhandled([x.id]).length).map((x) => `${x.id} in ${x.where}`)).toEqual([]);
  });

  it('in the views: case buttons, status, my cases, the log with the plan, share requests', () => {
    const tomelilla = getBuiltinPlaybook('s2-tomelilla')!;
    expect(tomelilla.tiers?.length && tomelilla.closure.requireMaintenancePlan).toBeTruthy();
    const replies: Reply[] = [];
    const buttons: Button[] = [];
    for (const lang of LANGS) {
      buttons.push(...caseButtons(CODE, lang, true, tomelilla), ...caseButtons(CODE, lang, false, tomelilla));
      replies.push(statusReply(status(true), 'Europe/Stockholm', lang, tomelilla));
      replies.push(statusReply({ summary: status(true).summary, concernReports: 1 }, 'Europe/Stockholm', lang, tomelilla));
      const summary = status(true).summary;
      const mine: MyCase = { summary, roles: ['Mentor'], holdsBaton: true, overdue: 0, pendingHandoverToMe: false };
      replies.push(mineReply([], 'Europe/Stockholm', lang), mineReply([mine], 'Europe/Stockholm', lang));
      replies.push(logReply(CODE, [], tomelilla, 'Europe/Stockholm', lang, { items: status(true).details!.actions, open: true, maintenancePlan: null }));
      buttons.push(...buttonsOf(planBlocks(CODE, status(true).details!.actions, 'Europe/Stockholm', lang, { open: true, all: true })));
      replies.push(shareListReply({ code: CODE, canDecide: true, requests: [{ id: 's1', requestedAt: new Date(), requestedBy: 'Sara', scope: ['CASE'], until: new Date(), purpose: 'p', status: 'PENDING' }] }, 'Europe/Stockholm', lang));
    }
    const all = [...buttons, ...replies.flatMap(buttonsOfReply)].map((b) => b.action);
    // Each kind of button is rendered at least once (otherwise this would check nothing).
    for (const id of ['case.advance', 'case.tier', 'case.maintenancePlan', 'case.close', 'case.output', 'concern.view', 'case.new', 'case.open', 'action.done', 'action.evaluate', 'action.revise', 'share.approve', 'case.log', 'case.export']) expect(all).toContain(id);
    expect(unhandled(all)).toEqual([]);
  });

  it('in every notice and every nudge kind', () => {
    const actions: string[] = [];
    const kinds = noticeKinds();
    expect(kinds.length).toBeGreaterThan(5);
    // One parameter set that every notice kind reads (each uses its own fields).
    const params = {
      caseCode: CODE, byName: 'Kim', name: 'Kim', count: 2, at: '2026-11-02T09:00:00Z', reason: null, parts: ['CASE'], until: '2026-12-02T09:00:00Z',
      studentRef: null, className: null, unitName: 'Norrskolan', results: [], shortId: 'abcd1234', mentor: true, windows: {},
    };
    for (const lang of LANGS) {
      for (const kind of kinds) actions.push(...renderNotice(kind, lang, params, { timeZone: 'Europe/Stockholm' })!.buttons.map((b) => b.action));
      for (const kind of NUDGE_KINDS) {
        actions.push(...nudgeButtons('n1', kind, CODE, lang).map((b) => b.action));
        actions.push(...nudgeButtons('n1', kind, CODE, lang, { type: 'action-evaluation', id: 'a1' }).map((b) => b.action));
      }
    }
    for (const id of ['case.accept', 'case.decline', 'case.open', 'nudge.done', 'nudge.snooze', 'case.handover', 'action.evaluate']) expect(actions).toContain(id);
    expect(unhandled(actions)).toEqual([]);
  });
});
