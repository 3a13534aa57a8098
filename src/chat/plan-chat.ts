/**
 * The action plan in chat — one room: the plan list with Klar / Utvärdera / Ändra on every open
 * action, the typed forms (`klar KOD 2`, `utvärdera KOD 2`, `ändra KOD 2`), their buttons and the
 * evaluate / revise forms. ChatService routes here; the domain is in src/plans/plan.service.ts.
 */
import type { Actor } from '../orgs/org.service.ts';
import { personHandles } from '../orgs/org-query.service.ts';
import { completeAction, evaluateAction, EVALUATION_RESULTS, getActionPlan, pendingPlanItems, reviseAction, type EvaluationResult, type PlanItem } from '../plans/plan.service.ts';
import type { ServiceDeps } from '../shared/deps.ts';
import { DomainError } from '../shared/errors.ts';
import { fold } from '../commands/fold.ts';
import { dateConfirmHow, dateQuestion } from './date-question.ts';
import { FieldError } from './features/form-input.ts';
import { fmtDate, isoDate } from '../i18n/dates.ts';
import { readFormDate } from './format.ts';
import { type Lang } from '../i18n/lang.ts';
import { tx } from './texts.ts';
import { pt } from './plan.texts.ts';
import type { Block, FormField, FormSpec } from '../ports/reply.ts';
import type { ActionId, ChatButton, ChatReply } from '../ports/action-ids.ts';

export const PLAN_FORM = { evaluate: 'action.evaluate', revise: 'action.revise' } as const;
export const PLAN_ACTION = { done: 'action.done', evaluate: 'action.evaluate', revise: 'action.revise' } as const;

/** At most this many actions get their own buttons (Slack: 50 blocks a message). */
const MAX_WITH_BUTTONS = 6;

export interface PlanChatContext {
  deps: ServiceDeps;
  actor: Actor;
  lang: Lang;
  tz: string;
}

/** How an action reads in a list: number, text, who, dates, state. Only for case members. */
export function planItemLine(a: PlanItem, tz: string, lang: Lang): string {
  const who = a.participant
    ? pt(lang, 'plan.participant', { participant: a.participant, name: a.ownerName ?? '–' })
    : a.ownerName ? pt(lang, 'plan.owner', { name: a.ownerName }) : pt(lang, 'plan.noOwner');
  const parts = [
    a.overdue ? `⚠ ${pt(lang, 'plan.overdue')}` : '',
    `**${a.number}.** ${a.text}`,
    `– ${who}`,
    a.dueAt ? `· ${pt(lang, 'plan.due', { date: fmtDate(a.dueAt, tz, lang) })}` : '',
    a.evaluationAt ? `· ${pt(lang, 'plan.evaluation', { date: fmtDate(a.evaluationAt, tz, lang) })}` : '',
    a.status === 'DONE' && !a.evaluationResult ? `· ✓ ${pt(lang, 'plan.doneAwaiting')}` : '',
    a.evaluationResult ? `· ${pt(lang, `plan.result.${a.evaluationResult}`)}` : '',
    a.status === 'CANCELLED' ? `· ${pt(lang, 'plan.closedWithCase')}` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

/** Buttons of one pending action: Klar (while open), Utvärdera, Ändra. */
export function planItemButtons(code: string, a: PlanItem, lang: Lang): ChatButton[] {
  const value = `${code}|${a.id}`;
  const out: ChatButton[] = [];
  if (a.status === 'OPEN') out.push({ label: pt(lang, 'plan.btn.done'), action: PLAN_ACTION.done, value, style: 'primary' });
  out.push({ label: pt(lang, 'plan.btn.evaluate'), action: PLAN_ACTION.evaluate, value });
  out.push({ label: pt(lang, 'plan.btn.revise'), action: PLAN_ACTION.revise, value });
  return out;
}

/**
 * The plan section of status and logg: each pending action (open, or done and not evaluated)
 * with its buttons while the case is open; with `all`, finished ones listed below.
 */
export function planBlocks(code: string, items: PlanItem[], tz: string, lang: Lang, opts: { open: boolean; all?: boolean; maintenancePlan?: string | null }): Block<ActionId>[] {
  // A closed case has nothing pending: its actions are history (the log lists them as finished).
  const pending = opts.open ? pendingPlanItems(items) : [];
  const blocks: Block<ActionId>[] = [];
  if (pending.length || opts.all) blocks.push({ type: 'text', text: `**${pt(lang, 'plan.header')}:**` });
  // Each shown action is two blocks (line + buttons); the rest are counted, so a long plan stays within Slack's 50 blocks.
  for (const a of pending.slice(0, MAX_WITH_BUTTONS)) {
    blocks.push({ type: 'text', text: planItemLine(a, tz, lang) });
    blocks.push({ type: 'actions', buttons: planItemButtons(code, a, lang) });
  }
  const rest = pending.slice(MAX_WITH_BUTTONS);
  if (rest.length && opts.all) blocks.push({ type: 'list', items: rest.map((a) => planItemLine(a, tz, lang)) });
  else if (rest.length) blocks.push({ type: 'text', text: `_${pt(lang, 'plan.more', { n: rest.length, code })}_` });
  if (opts.all) {
    const finished = items.filter((a) => !pending.includes(a));
    if (!pending.length && !finished.length) blocks.push({ type: 'text', text: pt(lang, 'plan.empty', { code }) });
    if (finished.length) {
      blocks.push({ type: 'text', text: `**${pt(lang, 'plan.finished')}:**` });
      blocks.push({ type: 'list', items: finished.slice(-15).map((a) => `${planItemLine(a, tz, lang)}${a.evaluationNote ? ` – ${a.evaluationNote}` : ''}`) });
    }
  }
  if (opts.maintenancePlan) blocks.push({ type: 'text', text: `**${pt(lang, 'plan.maintenance')}:** ${opts.maintenancePlan}` });
  return blocks;
}

/** The whole plan as its own reply (`klar KOD` without a number). */
async function planReply(x: PlanChatContext, code: string): Promise<ChatReply> {
  const p = await getActionPlan(x.deps, x.actor, code);
  const blocks: Block<ActionId>[] = [{ type: 'header', text: pt(x.lang, 'plan.headerCode', { code: p.code }) }, ...planBlocks(p.code, p.items, x.tz, x.lang, { open: p.status === 'OPEN', all: true, maintenancePlan: p.maintenancePlan })];
  return { visibility: 'private', blocks, fallbackText: pt(x.lang, 'plan.headerCode', { code: p.code }) };
}

async function itemOf(x: PlanChatContext, code: string, ref: string): Promise<{ code: string; item: PlanItem }> {
  const p = await getActionPlan(x.deps, x.actor, code);
  const n = /^#?(\d{1,4})$/.exec(ref.trim());
  const item = p.items.find((a) => (n ? a.number === Number(n[1]) : a.id === ref));
  if (!item) throw new DomainError('ACTION.NOT_FOUND', { code: p.code, number: n?.[1] ?? '' });
  return { code: p.code, item };
}

function reply(text: string, buttons: ChatButton[] = []): ChatReply {
  const blocks: Block<ActionId>[] = [{ type: 'text', text }];
  if (buttons.length) blocks.push({ type: 'actions', buttons });
  return { visibility: 'private', blocks, fallbackText: text.replace(/\*\*/g, '') };
}

async function done(x: PlanChatContext, code: string, ref: string): Promise<ChatReply> {
  const r = await completeAction(x.deps, x.actor, code, ref);
  const C = code.toUpperCase();
  const text = `✅ ${pt(x.lang, r.changed ? 'plan.ok.done' : 'plan.ok.alreadyDone', { number: r.number, code: C })}${r.needsEvaluation ? ` ${pt(x.lang, 'plan.ok.evaluateNow')}` : ''}`;
  return reply(text, r.needsEvaluation ? [{ label: pt(x.lang, 'plan.btn.evaluate'), action: PLAN_ACTION.evaluate, value: `${C}|${r.actionId}`, style: 'primary' }] : []);
}

/** Result words as people type them after `utvärdera KOD 2` (Swedish, Norwegian, English). */
const RESULT_WORDS: Record<string, EvaluationResult> = {
  fungerade: 'WORKED', fungerar: 'WORKED', bra: 'WORKED', virket: 'WORKED', virker: 'WORKED', worked: 'WORKED', works: 'WORKED', ja: 'WORKED', yes: 'WORKED',
  delvis: 'PARTLY', partly: 'PARTLY', partially: 'PARTLY',
  inte: 'NOT', ej: 'NOT', nej: 'NOT', ikke: 'NOT', nei: 'NOT', not: 'NOT', no: 'NOT', didnt: 'NOT',
};

/** "fungerade inte …", "delvis: …", "worked – …" → a result and the note after it. */
export function parseEvaluationText(text: string): { result?: EvaluationResult; note?: string } {
  const words = text.trim().split(/\s+/);
  const w0 = fold((words[0] ?? '').replace(/[:,.!–-]+$/, ''));
  const w1 = fold((words[1] ?? '').replace(/[:,.!–-]+$/, ''));
  if ((w0 === 'fungerade' || w0 === 'virket' || w0 === 'worked' || w0 === 'did') && (w1 === 'inte' || w1 === 'ikke' || w1 === 'not')) {
    return { result: 'NOT', note: words.slice(2).join(' ').replace(/^[:,–-]\s*/, '') || undefined };
  }
  const r = RESULT_WORDS[w0];
  if (r) return { result: r, note: words.slice(1).join(' ').replace(/^[:,–-]\s*/, '') || undefined };
  return { note: text.trim() || undefined };
}

/** The evaluation form: result (worked / partly / did not) and a note. */
export function evaluateForm(lang: Lang, code: string, a: PlanItem, note?: string): FormSpec {
  return {
    id: PLAN_FORM.evaluate, title: pt(lang, 'plan.form.evaluate.title', { number: a.number }), submitLabel: pt(lang, 'plan.btn.evaluate'), context: { code, actionId: a.id },
    intro: `**${a.number}.** ${a.text}`,
    fields: [
      { name: 'result', label: pt(lang, 'plan.f.result'), kind: 'select', required: true, options: EVALUATION_RESULTS.map((r) => ({ value: r, label: pt(lang, `plan.result.${r}`) })), initial: a.evaluationResult ?? undefined },
      { name: 'note', label: pt(lang, 'plan.f.note'), kind: 'textarea', required: false, maxLength: 2000, initial: note ?? a.evaluationNote ?? undefined },
    ],
  };
}

/** The revision form: new dates, new owner; the reason is logged. */
export function reviseForm(lang: Lang, code: string, a: PlanItem, tz: string, ownerInitial?: string): FormSpec {
  const fields: FormField[] = [
    { name: 'dueAt', label: pt(lang, 'plan.f.newDue'), kind: 'date', required: false, initial: a.dueAt ? isoDate(a.dueAt, tz) : undefined },
    { name: 'evaluationAt', label: pt(lang, 'plan.f.newEvaluation'), kind: 'date', required: false, initial: a.evaluationAt ? isoDate(a.evaluationAt, tz) : undefined },
    { name: 'owner', label: pt(lang, 'plan.f.newOwner'), kind: 'person', required: false, initial: ownerInitial, hint: pt(lang, 'plan.f.owner.hint') },
    { name: 'participant', label: pt(lang, 'plan.f.newParticipant'), kind: 'text', required: false, maxLength: 120, initial: a.participant ?? undefined, hint: pt(lang, 'plan.f.participant.hint') },
    { name: 'reason', label: pt(lang, 'plan.f.reason'), kind: 'text', required: false, maxLength: 1000 },
  ];
  return { id: PLAN_FORM.revise, title: pt(lang, 'plan.form.revise.title', { number: a.number }), submitLabel: pt(lang, 'plan.btn.revise'), context: { code, actionId: a.id }, intro: `**${a.number}.** ${a.text}`, fields };
}

/** How a person field shows a staff member on the actor's platform (Slack: a user mention). */
export async function personInitial(deps: ServiceDeps, actor: Actor, personId: string | null): Promise<string | undefined> {
  if (!personId) return undefined;
  const p = await personHandles(deps, actor.orgId, personId);
  if (!p) return undefined;
  if (actor.platform === 'SLACK' && p.slackUserId) return `<@${p.slackUserId}>`;
  if (actor.platform === 'CONSOLE' && p.consoleUser) return p.consoleUser;
  return p.email ?? p.displayName;
}

function formReply(form: FormSpec): ChatReply {
  return { visibility: 'private', blocks: [], fallbackText: form.title, form };
}

/** `klar` / `utvärdera` / `ändra` typed: without a number the plan is shown. */
export async function planCommand(x: PlanChatContext, cmd: { name: 'done' | 'evaluate' | 'revise'; caseCode: string; actionNumber?: number; rest?: string }): Promise<ChatReply> {
  if (cmd.actionNumber === undefined) return planReply(x, cmd.caseCode);
  const ref = String(cmd.actionNumber);
  if (cmd.name === 'done') return done(x, cmd.caseCode, ref);
  const { code, item } = await itemOf(x, cmd.caseCode, ref);
  if (cmd.name === 'evaluate') {
    const parsed = cmd.rest ? parseEvaluationText(cmd.rest) : {};
    if (parsed.result) return evaluated(x, code, item.id, parsed.result, parsed.note);
    return formReply(evaluateForm(x.lang, code, item, parsed.note));
  }
  return formReply(reviseForm(x.lang, code, item, x.tz, await personInitial(x.deps, x.actor, item.ownerId)));
}

async function evaluated(x: PlanChatContext, code: string, ref: string, result: EvaluationResult, note?: string): Promise<ChatReply> {
  const r = await evaluateAction(x.deps, x.actor, code, ref, { result, note });
  const C = code.toUpperCase();
  const text = `✅ ${pt(x.lang, 'plan.ok.evaluated', { number: r.number, code: C, result: pt(x.lang, `plan.result.${r.result}`) })}${r.result !== 'WORKED' ? ` ${pt(x.lang, 'plan.ok.notWorked')}` : ''}`;
  return reply(text, r.result !== 'WORKED' ? [{ label: pt(x.lang, 'plan.btn.revise'), action: PLAN_ACTION.revise, value: `${C}|${r.actionId}` }] : []);
}

/** Klar / Utvärdera / Ändra buttons (value `KOD|actionId`). Null: not a plan button. */
export async function planButton(x: PlanChatContext, action: string, value: string): Promise<ChatReply | null> {
  const [code = '', id = ''] = value.split('|');
  switch (action) {
    case PLAN_ACTION.done:
      return done(x, code, id);
    case PLAN_ACTION.evaluate: {
      const r = await itemOf(x, code, id);
      return formReply(evaluateForm(x.lang, r.code, r.item));
    }
    case PLAN_ACTION.revise: {
      const r = await itemOf(x, code, id);
      return formReply(reviseForm(x.lang, r.code, r.item, x.tz, await personInitial(x.deps, x.actor, r.item.ownerId)));
    }
    default:
      return null;
  }
}

/** A person typed or picked in a form: Slack mention or id, e-mail or name. */
export function personRef(text: string): { slackUserId?: string; text?: string } {
  const m = /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/.exec(text.trim());
  if (m) return { slackUserId: m[1] };
  if (/^[UW][A-Z0-9]{6,}$/.test(text.trim())) return { slackUserId: text.trim() };
  return { text };
}

/** Submissions of the evaluate / revise forms. Null: not a plan form. Field problems throw INPUT.INVALID naming the field. */
export async function planSubmit(x: PlanChatContext, formId: string, ctx: Record<string, string>, v: Record<string, string>, now: Date): Promise<ChatReply | null> {
  const code = ctx.code ?? '';
  const ref = ctx.actionId ?? '';
  const date = (name: string): Date | undefined => {
    if (!v[name]) return undefined;
    const r = readFormDate(v[name]!, x.tz, now, { defaultTime: '16:00' });
    if (!r) throw new FieldError(name, tx(x.lang, 'bad.dateOnly'));
    // A doubtful reading is asked about next to the field, never taken silently.
    if (r.when.needsConfirmation) throw new FieldError(name, `${dateQuestion(r.when, x.lang)} ${dateConfirmHow(r.when, x.lang)}`);
    return r.at;
  };
  switch (formId) {
    case PLAN_FORM.evaluate: {
      const result = v.result as EvaluationResult;
      if (!(EVALUATION_RESULTS as readonly string[]).includes(result)) throw new DomainError('INPUT.INVALID', { field: 'result', problem: pt(x.lang, 'plan.f.result') });
      return evaluated(x, code, ref, result, v.note || undefined);
    }
    case PLAN_FORM.revise: {
      const current = await itemOf(x, code, ref);
      const ownerInitial = await personInitial(x.deps, x.actor, current.item.ownerId);
      const owner = v.owner && v.owner !== ownerInitial ? personRef(v.owner) : undefined;
      const participant = (v.participant ?? '') !== (current.item.participant ?? '') ? (v.participant ?? '') : undefined;
      // Only what the person changed: a date left as shown is not a new date.
      const same = (name: 'dueAt' | 'evaluationAt') => (v[name] ?? '') === (current.item[name] ? isoDate(current.item[name]!, x.tz) : '');
      const r = await reviseAction(x.deps, x.actor, code, ref, { dueAt: same('dueAt') ? undefined : date('dueAt'), evaluationAt: same('evaluationAt') ? undefined : date('evaluationAt'), owner, participant, note: v.reason || undefined });
      const what = r.changed.map((k) => pt(x.lang, `plan.changed.${k}` as 'plan.changed.owner')).join(', ');
      return reply(`✅ ${pt(x.lang, 'plan.ok.revised', { number: r.number, code: current.code, what })}`);
    }
    default:
      return null;
  }
}
