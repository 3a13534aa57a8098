/** Form specifications for every input the chat surfaces collect. Pure builders. */
import { decisionLabel, OUTPUT_LABELS, label, type Playbook } from '../playbooks/index.ts';
import type { Lang } from '../i18n/lang.ts';
import type { FormField, FormSpec } from '../ports/reply.ts';
import { pt } from './plan.texts.ts';
import { tx } from './texts.ts';

export const FORM = {
  choosePlaybook: 'case.new.playbook',
  newCase: 'case.new',
  meeting: 'meeting.schedule',
  outcome: 'meeting.outcome',
  reschedule: 'meeting.reschedule',
  decision: 'decision.record',
  action: 'action.add',
  consent: 'consent.record',
  handover: 'baton.handover',
  addPerson: 'case.addPerson',
  concern: 'concern.record',
  deviation: 'deviation.record',
  close: 'case.close',
  tier: 'case.tier',
  maintenancePlan: 'case.maintenancePlan',
  advance: 'case.advance',
  person: 'org.person',
  share: 'share.request',
} as const;

const opt = (value: string, text: string) => ({ value, label: text });

/** Step 1 of opening a case when the organisation uses several playbooks. */
export function choosePlaybookForm(lang: Lang, playbooks: Playbook[], reason?: string): FormSpec {
  return {
    id: FORM.choosePlaybook, title: tx(lang, 'form.new.title'), submitLabel: tx(lang, 'form.next'), context: reason ? { reason: reason.slice(0, 1000) } : {},
    fields: [{ name: 'playbook', label: tx(lang, 'f.playbook'), kind: 'select', required: true, options: playbooks.map((p) => opt(p.key, label(p.labels, lang))), initial: playbooks[0]?.key }],
  };
}

/** The new-case form for one playbook: its roles and tiers only. */
export function newCaseForm(lang: Lang, pb: Playbook, units: { code: string; name: string }[], defaults: { reason?: string } = {}): FormSpec {
  const roles = pb.roles.filter((r) => r.key !== 'social-services');
  const fields: FormField[] = [
    { name: 'studentRef', label: tx(lang, 'f.studentRef'), kind: 'text', required: true, maxLength: 120 },
    { name: 'firstRole', label: tx(lang, 'f.firstRole'), kind: 'select', required: true, options: roles.map((r) => opt(r.key, label(r.labels, lang))), initial: roles.some((r) => r.key === 'mentor') ? 'mentor' : roles[0]?.key },
  ];
  if (units.length) fields.splice(1, 0, { name: 'unit', label: tx(lang, 'f.unit'), kind: 'select', required: false, options: units.map((u) => opt(u.code, u.name)) });
  fields.push({ name: 'reason', label: tx(lang, 'f.reason'), kind: 'textarea', required: false, maxLength: 2000, initial: defaults.reason });
  if (pb.tiers?.length) fields.push({ name: 'tier', label: tx(lang, 'f.tier'), kind: 'select', required: false, options: pb.tiers.map((t) => opt(t.key, label(t.labels, lang))) });
  // The model opens a case only with the guardians' consent: it is recorded in the same step.
  const consent = pb.consentRequiredFor.includes('openCase');
  if (consent) {
    fields.push(
      { name: 'consentGivenBy', label: tx(lang, 'f.givenBy'), kind: 'multiselect', required: true, options: [opt('GUARDIAN', tx(lang, 'opt.GUARDIAN')), opt('STUDENT', tx(lang, 'opt.STUDENT'))], initial: 'GUARDIAN' },
      { name: 'consentScope', label: tx(lang, 'f.scope'), kind: 'multiselect', required: true, options: ['SCHOOL', 'SOCIAL_SERVICES', 'HEALTH', 'OTHER'].map((s) => opt(s, tx(lang, `opt.${s}` as 'opt.SCHOOL'))), initial: 'SCHOOL,SOCIAL_SERVICES' },
      { name: 'consentDate', label: tx(lang, 'f.consentDate'), kind: 'date', required: false, hint: tx(lang, 'f.consentDate.hint'), dateExpect: 'past' },
    );
  }
  const intro = consent ? `${tx(lang, 'form.new.intro')} ${tx(lang, 'form.new.consentIntro')}` : tx(lang, 'form.new.intro');
  return { id: FORM.newCase, title: `${tx(lang, 'form.new.title')}: ${label(pb.labels, lang)}`, submitLabel: tx(lang, 'form.new.submit'), context: { playbook: pb.key }, fields, intro };
}

/** `defaults`: what was typed after the case code (`möte KOD nätverksmöte tisdag kl. 13`), and a question about the date. */
export function meetingForm(lang: Lang, code: string, pb: Playbook, initialType?: string, defaults: { startsAt?: string; intro?: string } = {}): FormSpec {
  return {
    id: FORM.meeting, title: tx(lang, 'form.meeting.title'), submitLabel: tx(lang, 'form.meeting.submit'), context: { code },
    ...(defaults.intro ? { intro: defaults.intro } : {}),
    fields: [
      { name: 'type', label: tx(lang, 'f.meetingType'), kind: 'select', required: true, options: pb.meetingTypes.map((m) => opt(m.key, label(m.labels, lang))), initial: initialType ?? pb.meetingTypes[0]?.key },
      { name: 'startsAt', label: tx(lang, 'f.startsAt'), kind: 'datetime', required: true, hint: tx(lang, 'f.startsAt.hint'), ...(defaults.startsAt ? { initial: defaults.startsAt } : {}) },
      { name: 'durationMin', label: tx(lang, 'f.duration'), kind: 'number', required: false, initial: '60' },
      { name: 'location', label: tx(lang, 'f.location'), kind: 'text', required: false, maxLength: 200 },
    ],
  };
}

/** `defaults.owner`: how the recorder shows in a person field (the action owner is chosen, never assumed). */
export function outcomeForm(lang: Lang, code: string, pb: Playbook, meeting: { id?: string; type?: string }, defaults: { owner?: string } = {}): FormSpec {
  const type = pb.meetingTypes.find((m) => m.key === meeting.type);
  const outputs = type?.requiredOutputs ?? [];
  const fields: FormField[] = [];
  if (!meeting.id) fields.push({ name: 'type', label: tx(lang, 'f.meetingType'), kind: 'select', required: true, options: pb.meetingTypes.map((m) => opt(m.key, label(m.labels, lang))) });
  if (outputs.length) fields.push({ name: 'outputs', label: tx(lang, 'f.outputs'), kind: 'multiselect', required: false, options: outputs.map((o) => opt(o, OUTPUT_LABELS[o][lang])) });
  fields.push(
    { name: 'minutes', label: tx(lang, 'f.minutes'), kind: 'textarea', required: false, maxLength: 8000 },
    { name: 'decision', label: tx(lang, 'f.decisionText'), kind: 'textarea', required: false, maxLength: 2000 },
    { name: 'action', label: tx(lang, 'f.actionText'), kind: 'text', required: false, maxLength: 1000 },
    { name: 'actionOwner', label: pt(lang, 'plan.f.actionOwner'), kind: 'person', required: false, initial: defaults.owner, hint: pt(lang, 'plan.f.owner.hint') },
    { name: 'actionParticipant', label: pt(lang, 'plan.f.actionParticipant'), kind: 'text', required: false, maxLength: 120, hint: pt(lang, 'plan.f.participant.hint') },
    { name: 'actionDueAt', label: tx(lang, 'f.dueAt'), kind: 'date', required: false },
    { name: 'actionEvaluationAt', label: pt(lang, 'plan.f.actionEvaluationAt'), kind: 'date', required: false },
    { name: 'nextType', label: tx(lang, 'f.nextType'), kind: 'select', required: false, options: [opt('', tx(lang, 'opt.noNext')), ...pb.meetingTypes.map((m) => opt(m.key, label(m.labels, lang)))] },
    { name: 'nextAt', label: tx(lang, 'f.nextAt'), kind: 'datetime', required: false, hint: tx(lang, 'f.startsAt.hint') },
  );
  const title = type ? `${tx(lang, 'form.outcome.title')}: ${label(type.labels, lang)}` : tx(lang, 'form.outcome.title');
  return { id: FORM.outcome, title, submitLabel: tx(lang, 'form.submit'), context: { code, ...(meeting.id ? { meetingId: meeting.id } : {}) }, fields };
}

export function rescheduleForm(lang: Lang, code: string, meetingId: string): FormSpec {
  return { id: FORM.reschedule, title: tx(lang, 'form.reschedule.title'), submitLabel: tx(lang, 'form.submit'), context: { code, meetingId }, fields: [{ name: 'startsAt', label: tx(lang, 'f.startsAt'), kind: 'datetime', required: true, hint: tx(lang, 'f.startsAt.hint') }] };
}

export function decisionForm(lang: Lang, code: string, pb: Playbook, text?: string): FormSpec {
  const kinds = [opt('GENERAL', tx(lang, 'opt.GENERAL')), ...pb.decisionKinds.flatMap((k) => (k.outcomes.length ? k.outcomes.map((o) => opt(`${k.key}:${o.key}`, decisionLabel(pb, k.key, o.key, lang))) : [opt(k.key, label(k.labels, lang))]))];
  return {
    id: FORM.decision, title: tx(lang, 'form.decision.title'), submitLabel: tx(lang, 'form.submit'), context: { code },
    fields: [
      { name: 'kind', label: tx(lang, 'f.decisionKind'), kind: 'select', required: true, options: kinds, initial: 'GENERAL' },
      { name: 'text', label: tx(lang, 'f.decisionText'), kind: 'textarea', required: true, maxLength: 2000, initial: text },
    ],
  };
}

/** A new action: what, the staff owner (or follower of a participant's action), when, evaluated when. */
export function actionForm(lang: Lang, code: string, text?: string, defaults: { owner?: string; dueAt?: string; intro?: string } = {}): FormSpec {
  return {
    id: FORM.action, title: tx(lang, 'form.action.title'), submitLabel: tx(lang, 'form.submit'), context: { code },
    ...(defaults.intro ? { intro: defaults.intro } : {}),
    fields: [
      { name: 'text', label: tx(lang, 'f.actionText'), kind: 'textarea', required: true, maxLength: 1000, initial: text },
      { name: 'owner', label: pt(lang, 'plan.f.owner'), kind: 'person', required: true, initial: defaults.owner, hint: pt(lang, 'plan.f.owner.hint') },
      { name: 'participant', label: pt(lang, 'plan.f.participant'), kind: 'text', required: false, maxLength: 120, hint: pt(lang, 'plan.f.participant.hint') },
      { name: 'dueAt', label: tx(lang, 'f.dueAt'), kind: 'date', required: false, ...(defaults.dueAt ? { initial: defaults.dueAt } : {}) },
      { name: 'evaluationAt', label: tx(lang, 'f.evaluationAt'), kind: 'date', required: false },
      { name: 'goal', label: tx(lang, 'f.goal'), kind: 'text', required: false, maxLength: 1000 },
    ],
  };
}

export function consentForm(lang: Lang, code: string, scope = 'SCHOOL,SOCIAL_SERVICES'): FormSpec {
  return {
    id: FORM.consent, title: tx(lang, 'form.consent.title'), submitLabel: tx(lang, 'form.submit'), context: { code },
    fields: [
      { name: 'status', label: tx(lang, 'f.consentStatus'), kind: 'select', required: true, options: [opt('GIVEN', tx(lang, 'opt.GIVEN')), opt('DECLINED', tx(lang, 'opt.DECLINED'))], initial: 'GIVEN' },
      { name: 'scope', label: tx(lang, 'f.scope'), kind: 'multiselect', required: true, options: ['SCHOOL', 'SOCIAL_SERVICES', 'HEALTH', 'OTHER'].map((s) => opt(s, tx(lang, `opt.${s}` as 'opt.SCHOOL'))), initial: scope },
      { name: 'givenBy', label: tx(lang, 'f.givenBy'), kind: 'multiselect', required: true, options: [opt('GUARDIAN', tx(lang, 'opt.GUARDIAN')), opt('STUDENT', tx(lang, 'opt.STUDENT'))], initial: 'GUARDIAN' },
      { name: 'expiresAt', label: tx(lang, 'f.expiresAt'), kind: 'date', required: false },
      { name: 'note', label: tx(lang, 'f.note'), kind: 'text', required: false, maxLength: 1000 },
    ],
  };
}

export function handoverForm(lang: Lang, code: string): FormSpec {
  return { id: FORM.handover, title: tx(lang, 'form.handover.title'), submitLabel: tx(lang, 'form.submit'), context: { code }, fields: [{ name: 'person', label: tx(lang, 'f.person'), kind: 'person', required: true }] };
}

export function addPersonForm(lang: Lang, code: string, pb: Playbook): FormSpec {
  return {
    id: FORM.addPerson, title: tx(lang, 'form.addPerson.title'), submitLabel: tx(lang, 'form.submit'), context: { code },
    fields: [
      { name: 'person', label: tx(lang, 'f.person'), kind: 'person', required: true },
      { name: 'role', label: tx(lang, 'f.role'), kind: 'select', required: true, options: pb.roles.map((r) => opt(r.key, label(r.labels, lang))) },
    ],
  };
}

export function concernForm(lang: Lang, code: string, holidayRegion: string): FormSpec {
  return {
    id: FORM.concern, title: tx(lang, 'form.concern.title'), submitLabel: tx(lang, 'form.submit'), context: { code },
    fields: [
      { name: 'recipient', label: tx(lang, 'f.recipient'), kind: 'select', required: true, options: [opt('SOCIAL_SERVICES', tx(lang, 'opt.SOCIAL_SERVICES')), opt('BARNEVERN', tx(lang, 'opt.BARNEVERN'))], initial: holidayRegion === 'NO' ? 'BARNEVERN' : 'SOCIAL_SERVICES' },
      { name: 'note', label: tx(lang, 'f.concernNote'), kind: 'textarea', required: false, maxLength: 2000 },
    ],
  };
}

export function deviationForm(lang: Lang, code: string | undefined, pb: Playbook | undefined, text?: string): FormSpec {
  const themes = pb?.features.deviationThemes.length
    ? pb.features.deviationThemes.map((t) => opt(t.key, label(t.labels, lang)))
    : ['general', 'information', 'timing', 'roles', 'other'].map((k) => opt(k, tx(lang, `theme.${k}` as 'theme.general')));
  return {
    id: FORM.deviation, title: tx(lang, 'form.deviation.title'), submitLabel: tx(lang, 'form.submit'), context: code ? { code } : {},
    fields: [
      { name: 'theme', label: tx(lang, 'f.theme'), kind: 'select', required: true, options: themes },
      { name: 'text', label: tx(lang, 'f.text'), kind: 'textarea', required: false, maxLength: 2000, initial: text },
    ],
  };
}

/** Closing; `reason` pre-selects a closure reason; `pending` lists the open or unevaluated actions (as lines), which the closer confirms. */
export function closeForm(lang: Lang, code: string, pb: Playbook, reason?: string, pending: string[] = []): FormSpec {
  const fields: FormField[] = [];
  const initial = pb.closure.reasons?.some((r) => r.key === reason) ? reason : undefined;
  if (pb.closure.reasons?.length) fields.push({ name: 'reason', label: tx(lang, 'f.closeReason'), kind: 'select', required: pb.closure.requireReason, options: pb.closure.reasons.map((r) => opt(r.key, label(r.labels, lang))), initial });
  else fields.push({ name: 'reason', label: tx(lang, 'f.closeReason'), kind: 'text', required: pb.closure.requireReason, maxLength: 200 });
  fields.push({ name: 'maintenancePlan', label: tx(lang, 'f.maintenancePlan'), kind: 'textarea', required: pb.closure.requireMaintenancePlan, maxLength: 4000 });
  if (!pending.length) return { id: FORM.close, title: tx(lang, 'form.close.title'), submitLabel: tx(lang, 'form.close.submit'), context: { code }, fields };
  fields.push({ name: 'confirmOpen', label: pt(lang, 'plan.f.confirmOpen'), kind: 'checkbox', required: true });
  const intro = [pt(lang, 'plan.close.intro', { n: pending.length }), ...pending.slice(0, 15).map((l) => `• ${l}`)].join('\n');
  return { id: FORM.close, title: tx(lang, 'form.close.title'), submitLabel: tx(lang, 'form.close.submit'), context: { code }, fields, intro };
}

export function tierForm(lang: Lang, code: string, pb: Playbook): FormSpec {
  return { id: FORM.tier, title: tx(lang, 'form.tier.title'), submitLabel: tx(lang, 'form.submit'), context: { code }, fields: [{ name: 'tier', label: tx(lang, 'f.tier'), kind: 'select', required: true, options: (pb.tiers ?? []).map((t) => opt(t.key, label(t.labels, lang))) }] };
}

export function maintenancePlanForm(lang: Lang, code: string): FormSpec {
  return { id: FORM.maintenancePlan, title: tx(lang, 'form.maintenancePlan.title'), submitLabel: tx(lang, 'form.submit'), context: { code }, fields: [{ name: 'plan', label: tx(lang, 'f.maintenancePlan'), kind: 'textarea', required: true, maxLength: 4000 }] };
}

export function advanceForm(lang: Lang, code: string, options: { key: string; label: string }[]): FormSpec {
  return { id: FORM.advance, title: tx(lang, 'form.advance.title'), submitLabel: tx(lang, 'form.submit'), context: { code }, fields: [{ name: 'stage', label: tx(lang, 'f.stage'), kind: 'select', required: true, options: options.map((o) => opt(o.key, o.label)) }] };
}

/** An admin adds a colleague with organisation roles. */
export function personForm(lang: Lang, units: { code: string; name: string }[], roleLabels: Record<string, string>): FormSpec {
  return {
    id: FORM.person, title: tx(lang, 'form.person.title'), submitLabel: tx(lang, 'form.submit'), context: {},
    fields: [
      { name: 'name', label: tx(lang, 'f.personName'), kind: 'text', required: true, maxLength: 120 },
      { name: 'email', label: tx(lang, 'f.email'), kind: 'text', required: false, maxLength: 200 },
      { name: 'roles', label: tx(lang, 'f.orgRoles'), kind: 'multiselect', required: false, options: Object.entries(roleLabels).map(([k, v]) => opt(k, v)) },
      ...(units.length ? [{ name: 'unit', label: tx(lang, 'f.unit'), kind: 'select' as const, required: false, options: units.map((u) => opt(u.code, u.name)) }] : []),
    ],
  };
}
