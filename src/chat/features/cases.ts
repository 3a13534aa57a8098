/**
 * Cases: opening one (`ny`), its status, my cases, advancing the stage, closing, tier,
 * maintenance plan, outputs marked done, members added and the case channel.
 */
import { advanceStage, assignRole, closeCase, openCase, recordOutput, setCaseChannel, setTier } from '../../cases/case.service.ts';
import { caseStage, getCaseStatus, listMyCases, stageLabel } from '../../cases/case-query.service.ts';
import { concernCheckAnswered } from '../concern.messages.ts';
import { listSchoolUnits, personDisplayName } from '../../orgs/org-query.service.ts';
import { getActionPlan, pendingPlanItems, setMaintenancePlan } from '../../plans/plan.service.ts';
import { OUTPUT_LABELS, type Playbook } from '../../playbooks/index.ts';
import { isDomainError } from '../../shared/errors.ts';
import { errorText } from '../../i18n/core.ts';
import * as F from '../forms.ts';
import type { Lang } from '../../i18n/lang.ts';
import { personRef, planItemLine } from '../plan-chat.ts';
import { textReply } from '../../ports/reply.ts';
import { tx } from '../texts.ts';
import { mineReply, sharedSummaryReply, statusReply } from '../views.ts';
import type { ActionIdOf } from '../../ports/action-ids.ts';
import type { ChatCtx, ChatReply, Feature } from './feature.ts';
import { FieldError, type FormInput } from './form-input.ts';
import { colleague, formReply, gate, orgPlaybooks, playbookOf } from './support.ts';

type Form<K extends keyof typeof F.FORM> = (typeof F.FORM)[K];

async function newCaseForm(x: ChatCtx, pb: Playbook, reason?: string): Promise<ChatReply> {
  const units = await listSchoolUnits(x.deps, x.actor.orgId);
  return formReply(F.newCaseForm(x.lang, pb, units, { reason }));
}

async function newCase(x: ChatCtx, rest?: string): Promise<ChatReply> {
  const pbs = orgPlaybooks(x);
  const word = rest?.split(/\s+/)[0]?.toLowerCase() ?? '';
  const named = word ? pbs.find((p) => p.key === word || p.key.split('-').slice(1).join('-') === word || p.key.split('-')[0] === word) : undefined;
  if (pbs.length === 1 || named) {
    const reason = named ? rest?.split(/\s+/).slice(1).join(' ') || undefined : rest;
    return newCaseForm(x, named ?? pbs[0]!, reason);
  }
  return formReply(F.choosePlaybookForm(x.lang, pbs, rest));
}

async function status(x: ChatCtx, caseCode?: string): Promise<ChatReply> {
  const tz = x.org.timeZone;
  if (!caseCode) return mine(x);
  const inChannel = x.actor.ref.conversation?.kind === 'channel' || x.actor.ref.conversation?.kind === 'groupChat';
  const st = await getCaseStatus(x.deps, x.actor, caseCode);
  const pb = st.playbook;
  if (inChannel) {
    const shared = sharedSummaryReply(st.summary, tz, x.lang);
    return st.details || st.concernReports ? { ...shared, privateFollowUp: statusReply(st, tz, x.lang, pb) } : shared;
  }
  return statusReply(st, tz, x.lang, pb);
}

async function mine(x: ChatCtx): Promise<ChatReply> {
  return mineReply(await listMyCases(x.deps, x.actor), x.org.timeZone, x.lang);
}

/** The close form, listing open or unevaluated actions to confirm. */
async function closeFormFor(x: ChatCtx, code: string, reason?: string): Promise<ChatReply> {
  const pb = await playbookOf(x, code);
  const plan = await getActionPlan(x.deps, x.actor, code);
  return formReply(F.closeForm(x.lang, plan.code, pb, reason, pendingPlanItems(plan.items).map((a) => planItemLine(a, x.org.timeZone, x.lang))));
}

async function advance(x: ChatCtx, code: string, target?: string): Promise<ChatReply> {
  const lang = x.lang;
  const pb = await playbookOf(x, code);
  const stage = await caseStage(x.deps, x.actor.orgId, code);
  const options = pb.transitions.filter((tr) => tr.from === stage);
  if (!target && options.length > 1) {
    // Only the branches that the recorded decisions leave open (status computes them).
    const open = (await getCaseStatus(x.deps, x.actor, code)).details?.nextSteps ?? [];
    if (open.length === 1) target = open[0]!.to;
    else if (open.length > 1) return formReply(F.advanceForm(lang, code.toUpperCase(), open.map((o) => ({ key: o.to, label: o.label }))));
  }
  const r = await advanceStage(x.deps, x.actor, code, target);
  const lines = [`✅ ${tx(lang, 'ok.advanced', { code: r.code, stage: stageLabel(pb, r.to, lang) })}`];
  const hint = pb.stages.find((s) => s.key === r.to)?.hint[lang];
  if (hint) lines.push(`**${tx(lang, 'status.hint')}:** ${hint}`);
  if (r.concernCheck && pb.concernReport) {
    // Once a report exists the question is answered; otherwise ask it.
    lines.push(r.concernReportedAt ? concernCheckAnswered(lang, { code: r.code, at: r.concernReportedAt, tz: x.org.timeZone }) : tx(lang, 'ok.concernCheck', { question: pb.concernReport.question[lang], code: r.code }));
  }
  return textReply(lines.join('\n'));
}

type Consent = { scope: ('SCHOOL' | 'SOCIAL_SERVICES' | 'HEALTH' | 'OTHER')[]; givenBy: ('GUARDIAN' | 'STUDENT')[]; givenAt?: Date };

async function submitNewCase(x: ChatCtx, f: FormInput): Promise<ChatReply> {
  const { lang } = x;
  const v = f.v;
  v.playbook = f.ctx.playbook ?? v.playbook ?? '';
  const needsConsent = x.deps.playbooks.get(v.playbook)?.consentRequiredFor.includes('openCase') ?? false;
  let consent: Consent | undefined;
  if (needsConsent) {
    const givenBy = f.list('consentGivenBy').filter((g) => g === 'GUARDIAN' || g === 'STUDENT') as Consent['givenBy'];
    if (!givenBy.length) throw new FieldError('consentGivenBy', tx(lang, 'need.formValue', { field: tx(lang, 'f.givenBy') }));
    const scope = f.list('consentScope').filter((s) => ['SCHOOL', 'SOCIAL_SERVICES', 'HEALTH', 'OTHER'].includes(s)) as Consent['scope'];
    if (!scope.length) throw new FieldError('consentScope', tx(lang, 'need.formValue', { field: tx(lang, 'f.scope') }));
    const givenAt = f.date('consentDate', false, '00:00', 'past');
    if (givenAt && givenAt > f.now) throw new FieldError('consentDate', tx(lang, 'bad.futureConsent'));
    consent = { scope, givenBy, givenAt };
  }
  const r = await openCase(x.deps, x.actor, {
    playbookKey: f.req('playbook', tx(lang, 'f.playbook')), schoolUnitCode: v.unit || undefined, studentRef: f.req('studentRef', tx(lang, 'f.studentRef')),
    reason: v.reason || undefined, firstRole: v.firstRole || undefined, tier: v.tier || undefined, consent,
  }, { ...x.opts, org: x.org });
  const pb = x.deps.playbooks.get(v.playbook!)!;
  const first = pb.stages[0]!;
  return {
    visibility: 'private',
    blocks: [
      { type: 'text', text: `✅ ${tx(lang, 'ok.opened', { code: r.code, playbook: pb.labels[lang] })}` },
      { type: 'text', text: `**${tx(lang, 'status.hint')}:** ${first.hint[lang]}` },
      { type: 'actions', buttons: [{ label: tx(lang, 'btn.status'), action: 'case.open', value: r.code, style: 'primary' }, { label: tx(lang, 'btn.meeting'), action: 'case.meeting', value: r.code }] },
    ],
    fallbackText: tx(lang, 'ok.opened', { code: r.code, playbook: pb.labels[lang] }).replace(/\*\*/g, ''),
  };
}

async function submitClose(x: ChatCtx, f: FormInput): Promise<ChatReply> {
  const v = f.v;
  try {
    const r = await closeCase(x.deps, x.actor, f.code, { reason: v.reason || undefined, maintenancePlan: v.maintenancePlan || undefined, confirmOpenActions: v.confirmOpen === 'true' });
    return textReply(`✅ ${tx(x.lang, 'ok.closed', { code: r.code })}`);
  } catch (e) {
    // Actions opened since the form was shown: ask again, on the confirmation field.
    if (isDomainError(e) && e.code === 'CLOSURE.OPEN_ACTIONS' && 'confirmOpen' in v) throw new FieldError('confirmOpen', errorText(x.lang, e.code, e.params));
    throw e;
  }
}

export const cases: Feature<
  'new' | 'status' | 'mine' | 'advance' | 'close' | 'channel',
  ActionIdOf<'cases'>,
  Form<'choosePlaybook' | 'newCase' | 'close' | 'tier' | 'maintenancePlan' | 'advance' | 'addPerson'>
> = {
  name: 'cases',
  commands: {
    new: (x, cmd) => newCase(x, cmd.rest),
    status: (x, cmd) => status(x, cmd.caseCode),
    mine: (x) => mine(x),
    advance: (x, cmd) => advance(x, cmd.caseCode, cmd.targetStage),
    close: (x, cmd) => closeFormFor(x, cmd.caseCode),
    channel: async (x, cmd) => {
      const conv = x.actor.ref.conversation;
      if (x.actor.platform === 'CONSOLE' || !conv || conv.kind === 'personal') return textReply(tx(x.lang, 'channel.console'));
      const r = await setCaseChannel(x.deps, x.actor, cmd.caseCode, x.actor.platform, conv.id);
      return { ...textReply(tx(x.lang, 'ok.channel', { code: r.code })), visibility: 'shared' };
    },
  },
  actions: {
    'case.new': (x) => newCase(x),
    'case.open': (x, a) => status(x, a.code),
    'case.mine': (x) => mine(x),
    'case.advance': (x, a) => advance(x, a.code),
    'case.close': async (x, a) => {
      await gate(x, a.code, 'case.manage', 'close');
      return closeFormFor(x, a.code, a.id || undefined);
    },
    'case.tier': async (x, a) => {
      await gate(x, a.code, 'case.write', 'tier');
      return formReply(F.tierForm(x.lang, a.code, await playbookOf(x, a.code)));
    },
    'case.maintenancePlan': async (x, a) => {
      await gate(x, a.code, 'case.write', 'maintenancePlan');
      return formReply(F.maintenancePlanForm(x.lang, a.code));
    },
    'case.output': async (x, a) => {
      await recordOutput(x.deps, x.actor, a.code, a.id);
      return textReply(`✅ ${tx(x.lang, 'ok.output', { what: (OUTPUT_LABELS as Record<string, Record<Lang, string>>)[a.id]?.[x.lang] ?? a.id })}`);
    },
    'case.addPerson': async (x, a) => {
      await gate(x, a.code, 'case.manage', 'addPerson');
      return formReply(F.addPersonForm(x.lang, a.code, await playbookOf(x, a.code)));
    },
  },
  forms: {
    [F.FORM.choosePlaybook]: async (x, f) => {
      const pb = orgPlaybooks(x).find((p) => p.key === f.v.playbook);
      if (!pb) throw new FieldError('playbook', tx(x.lang, 'bad.option'));
      return newCaseForm(x, pb, f.ctx.reason);
    },
    [F.FORM.newCase]: submitNewCase,
    [F.FORM.close]: submitClose,
    [F.FORM.tier]: async (x, f) => {
      await setTier(x.deps, x.actor, f.code, f.req('tier', tx(x.lang, 'f.tier')));
      const pb = await playbookOf(x, f.code);
      return textReply(`✅ ${tx(x.lang, 'ok.tier', { tier: pb.tiers?.find((t) => t.key === f.v.tier)?.labels[x.lang] ?? f.v.tier! })}`);
    },
    [F.FORM.maintenancePlan]: async (x, f) => {
      await setMaintenancePlan(x.deps, x.actor, f.code, f.req('plan', tx(x.lang, 'f.maintenancePlan')));
      return textReply(`✅ ${tx(x.lang, 'ok.maintenancePlan', { code: f.code.toUpperCase() })}`);
    },
    [F.FORM.advance]: (x, f) => advance(x, f.code, f.req('stage', tx(x.lang, 'f.stage'))),
    [F.FORM.addPerson]: async (x, f) => {
      const r = await assignRole(x.deps, x.actor, f.code, { person: await colleague(x, personRef(f.req('person', tx(x.lang, 'f.person')))), role: f.req('role', tx(x.lang, 'f.role')) });
      const name = await personDisplayName(x.deps, r.personId, true);
      const pb = await playbookOf(x, f.code);
      return textReply(`✅ ${tx(x.lang, 'ok.personAdded', { name, role: pb.roles.find((p) => p.key === r.role)?.labels[x.lang] ?? r.role, code: f.code.toUpperCase() })}`);
    },
  },
  personFields: { [F.FORM.addPerson]: 'person' },
  formsWithTeamLeads: [F.FORM.newCase],
};
