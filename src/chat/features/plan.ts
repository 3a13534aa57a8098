/**
 * The action plan and decisions: `beslut`, `åtgärd`, `klar` / `utvärdera` / `ändra` and their
 * buttons and forms. The plan list and its forms are in ../plan-chat.ts.
 */
import { findPerson } from '../../cases/case.service.ts';
import { personDisplayName } from '../../orgs/org-query.service.ts';
import { addAction, recordDecision } from '../../plans/plan.service.ts';
import * as F from '../forms.ts';
import { PLAN_ACTION, PLAN_FORM, personInitial, personRef, planButton, planCommand, planSubmit } from '../plan-chat.ts';
import { pt } from '../plan.texts.ts';
import { textReply } from '../../ports/reply.ts';
import { tx } from '../texts.ts';
import type { ActionIdOf } from '../../ports/action-ids.ts';
import type { ActionHandler, ChatCtx, ChatReply, Feature, FormHandler } from './feature.ts';
import { FieldError } from './form-input.ts';
import { colleague, formReply, gate, ownerInitial, planCtx, playbookOf } from './support.ts';
import { prefilledDateIntro } from '../date-question.ts';
import { actionPrefill, type OwnerMention } from '../prefill.ts';

/** `beslut KOD` / `åtgärd KOD` without text: the form, for someone who may record it. */
async function decisionForm(x: ChatCtx, code: string): Promise<ChatReply> {
  await gate(x, code, 'case.write', 'decision');
  return formReply(F.decisionForm(x.lang, code, await playbookOf(x, code)));
}

async function actionForm(x: ChatCtx, code: string): Promise<ChatReply> {
  await gate(x, code, 'case.write', 'action');
  await playbookOf(x, code);
  return formReply(F.actionForm(x.lang, code, undefined, { owner: await ownerInitial(x) }));
}

/**
 * `åtgärd KOD <text> @kollega 15 jan`: what, who and when prefilled. The colleague named shows
 * in the person field as the platform shows a colleague (Slack: the picker set to them; Teams:
 * found through the roster); a doubtful date is asked about at the top of the form.
 */
async function prefilledActionForm(x: ChatCtx, code: string, rest: string): Promise<ChatReply> {
  await gate(x, code, 'case.write', 'action');
  const p = actionPrefill(rest, { zone: x.org.timeZone, now: x.deps.clock.now() });
  const owner = p.owner ? await namedOwner(x, p.owner) : await ownerInitial(x);
  return formReply(F.actionForm(x.lang, code.toUpperCase(), p.text || rest, {
    ...(owner ? { owner } : {}),
    ...(p.due ? { dueAt: p.due.date } : {}),
    ...(p.due?.needsConfirmation ? { intro: prefilledDateIntro(p.due, x.lang) } : {}),
  }));
}

/** How a colleague named in the command shows in the owner field; as typed when not (yet) known. */
async function namedOwner(x: ChatCtx, o: OwnerMention): Promise<string> {
  if ('slackUserId' in o) return `<@${o.slackUserId}>`;
  try {
    const r = await colleague(x, { text: o.text });
    const personId = r.personId ?? (await findPerson(x.deps.prisma, x.actor.orgId, { text: o.text }))?.id;
    if (personId) return (await personInitial(x.deps, x.actor, personId)) ?? o.text;
  } catch {
    // Not found or ambiguous: the form shows the name and says so when it is submitted.
  }
  return o.text;
}

const planFollowUp = (x: ChatCtx, cmd: Parameters<typeof planCommand>[1]) => planCommand(planCtx(x), cmd);
const button: ActionHandler = async (x, a) => (await planButton(planCtx(x), a.action, a.value))!;
const planForm: FormHandler = async (x, f) => (await planSubmit(planCtx(x), f.formId, f.ctx, f.v, f.now))!;

export const plan: Feature<
  'decision' | 'action' | 'done' | 'evaluate' | 'revise',
  ActionIdOf<'plan'>,
  typeof F.FORM.decision | typeof F.FORM.action | typeof PLAN_FORM.evaluate | typeof PLAN_FORM.revise
> = {
  name: 'plan',
  commands: {
    decision: async (x, cmd) => {
      if (!cmd.rest) return decisionForm(x, cmd.caseCode);
      const r = await recordDecision(x.deps, x.actor, cmd.caseCode, { text: cmd.rest }, x.opts);
      return textReply(`✅ ${tx(x.lang, 'ok.decision', { code: r.code })}`);
    },
    action: async (x, cmd) => {
      if (!cmd.rest) return actionForm(x, cmd.caseCode);
      return prefilledActionForm(x, cmd.caseCode, cmd.rest);
    },
    done: planFollowUp,
    evaluate: planFollowUp,
    revise: planFollowUp,
  },
  textForms: { decision: decisionForm, action: actionForm },
  actions: {
    'case.action': async (x, a) => {
      await gate(x, a.code, 'case.write', 'action');
      return formReply(F.actionForm(x.lang, a.code, undefined, { owner: await ownerInitial(x) }));
    },
    'case.decision': async (x, a) => {
      await gate(x, a.code, 'case.write', 'decision');
      return formReply(F.decisionForm(x.lang, a.code, await playbookOf(x, a.code)));
    },
    [PLAN_ACTION.done]: button,
    [PLAN_ACTION.evaluate]: button,
    [PLAN_ACTION.revise]: button,
  },
  forms: {
    [F.FORM.decision]: async (x, f) => {
      const [kind, outcome] = (f.v.kind || 'GENERAL').split(':');
      const r = await recordDecision(x.deps, x.actor, f.code, { kind, outcome, text: f.req('text', tx(x.lang, 'f.decisionText')) }, x.opts);
      return textReply(`✅ ${tx(x.lang, 'ok.decision', { code: r.code })}`);
    },
    [F.FORM.action]: async (x, f) => {
      const text = f.req('text', tx(x.lang, 'f.actionText'));
      // No empty owner silently becoming the recorder: the form asks (pre-filled with the recorder).
      if (!f.v.owner) throw new FieldError('owner', pt(x.lang, 'plan.need.owner'));
      const owner = await colleague(x, personRef(f.v.owner));
      const r = await addAction(x.deps, x.actor, f.code, {
        text, owner, participant: f.v.participant || undefined, dueAt: f.date('dueAt', false, '16:00'), evaluationAt: f.date('evaluationAt', false, '16:00'), goalText: f.v.goal || undefined,
      }, x.opts);
      const name = (await personDisplayName(x.deps, r.ownerId)) ?? '';
      return textReply(`✅ ${pt(x.lang, 'plan.ok.added', { number: r.number, code: r.code, name })}`);
    },
    [PLAN_FORM.evaluate]: planForm,
    [PLAN_FORM.revise]: planForm,
  },
  personFields: { [F.FORM.action]: 'owner', [PLAN_FORM.revise]: 'owner' },
};
