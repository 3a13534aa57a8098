/** Builds Replies (platform-neutral blocks) from case data. Shared views carry no personal data. */
import type { CaseStatus, LogLine, MyCase } from '../cases/case-query.service.ts';
import { OUTPUT_LABELS, type Playbook } from '../playbooks/index.ts';
import { fmtDate, fmtDateTime } from '../i18n/dates.ts';
import { type Lang } from '../i18n/lang.ts';
import type { Block } from '../ports/reply.ts';
import type { ActionId, ChatButton, ChatReply } from '../ports/action-ids.ts';
import { planBlocks } from './plan-chat.ts';
import { isPlanTextKey, pt } from './plan.texts.ts';
import type { PlanItem } from '../plans/plan.service.ts';
import { tx } from './texts.ts';
import { concernSummaryHint, concernViewButton } from './concern.messages.ts';

/** The channel-safe one-liner: code, stage, baton holder's role, next date. */
export function summaryLine(s: CaseStatus['summary'], tz: string, lang: Lang): string {
  const next = s.nextDate ? `${s.nextDate.what} ${fmtDate(s.nextDate.at, tz, lang)}` : tx(lang, 'status.none');
  return tx(lang, 'status.summaryLine', { code: s.code, stage: s.stageLabel, tier: s.tierLabel ? ` (${s.tierLabel})` : '', role: s.batonRoleLabel, next });
}

/** A shared (channel) reply with only the summary. */
export function sharedSummaryReply(s: CaseStatus['summary'], tz: string, lang: Lang): ChatReply {
  const text = summaryLine(s, tz, lang);
  return { visibility: 'shared', blocks: [{ type: 'text', text }], fallbackText: text.replace(/\*\*/g, '') };
}

/** Buttons under a case's details. */
export function caseButtons(code: string, lang: Lang, open: boolean, pb?: Playbook): ChatButton[] {
  if (!open) return [{ label: tx(lang, 'btn.log'), action: 'case.log', value: code }, { label: tx(lang, 'btn.export'), action: 'case.export', value: code }];
  const b: ChatButton[] = [
    { label: tx(lang, 'btn.advance'), action: 'case.advance', value: code, style: 'primary' },
    { label: tx(lang, 'btn.meeting'), action: 'case.meetings', value: code },
    { label: tx(lang, 'btn.action'), action: 'case.action', value: code },
    { label: tx(lang, 'btn.decision'), action: 'case.decision', value: code },
    { label: tx(lang, 'btn.consent'), action: 'case.consent', value: code },
    { label: tx(lang, 'btn.addPerson'), action: 'case.addPerson', value: code },
    { label: tx(lang, 'btn.handover'), action: 'case.handover', value: code },
    { label: tx(lang, 'btn.concern'), action: 'case.concern', value: code },
    { label: tx(lang, 'btn.log'), action: 'case.log', value: code },
  ];
  if (pb?.tiers?.length) b.push({ label: tx(lang, 'btn.setTier'), action: 'case.tier', value: code });
  if (pb?.closure.requireMaintenancePlan) b.push({ label: tx(lang, 'btn.maintenancePlan'), action: 'case.maintenancePlan', value: code });
  b.push({ label: tx(lang, 'btn.close'), action: 'case.close', value: code, style: 'danger' });
  return b;
}

/** The private member view of a case. */
export function statusReply(st: CaseStatus, tz: string, lang: Lang, pb: Playbook): ChatReply {
  const s = st.summary;
  const d = st.details;
  if (!d) {
    const r = sharedSummaryReply(s, tz, lang);
    const concern: Block<ActionId>[] = st.concernReports
      ? [{ type: 'text', text: concernSummaryHint(lang, st.concernReports) }, { type: 'actions', buttons: [{ label: concernViewButton(lang), action: 'concern.view', value: s.code }] }]
      : [];
    return { ...r, visibility: 'private', blocks: [...r.blocks, { type: 'text', text: `_${tx(lang, 'status.summaryOnly', { code: s.code })}_` }, ...concern] };
  }
  const dimKey = (`dim.${d.dimension}`) as 'dim.stage';
  const blocks: Block<ActionId>[] = [{ type: 'header', text: `${tx(lang, 'status.header', { code: s.code })} · ${d.playbookLabel}` }];
  const fields = [
    { label: tx(lang, 'status.student'), value: d.studentRef ?? '–' },
    { label: tx(lang, dimKey), value: s.stageLabel },
    ...(s.tierLabel ? [{ label: tx(lang, 'status.tier'), value: s.tierLabel }] : []),
    { label: tx(lang, 'status.baton'), value: d.batonHolder ? `${d.batonHolder.name} (${s.batonRoleLabel})` : s.batonRoleLabel },
    ...(d.schoolUnit ? [{ label: tx(lang, 'status.unit'), value: d.schoolUnit }] : []),
    { label: tx(lang, 'status.opened'), value: fmtDate(d.openedAt, tz, lang) },
    ...(d.nextNudge ? [{ label: tx(lang, 'status.nextNudge'), value: fmtDateTime(d.nextNudge.at, tz, lang) }] : []),
  ];
  blocks.push({ type: 'fields', fields });
  if (d.reason) blocks.push({ type: 'text', text: `**${tx(lang, 'status.reason')}:** ${d.reason}` });
  if (s.status !== 'OPEN') {
    blocks.push({ type: 'text', text: tx(lang, 'status.closed', { date: d.closedAt ? fmtDate(d.closedAt, tz, lang) : '', reason: d.closureReason ? ` – ${d.closureReason}` : '' }) });
  } else {
    blocks.push({ type: 'text', text: `**${tx(lang, 'status.hint')}:** ${d.stageHint}` });
  }
  if (d.pendingHandover) blocks.push({ type: 'text', text: `⏳ ${tx(lang, 'status.pendingHandover', { name: d.pendingHandover.toName })}` });
  if (d.nextSteps.length) {
    blocks.push({ type: 'text', text: `**${tx(lang, 'status.nextSteps')}:**` });
    blocks.push({ type: 'list', items: d.nextSteps.map((n) => `${n.label}: ${n.missing.length ? tx(lang, 'status.missing', { missing: n.missing.join('; ') }) : `✅ ${tx(lang, 'status.ready')}`}`) });
    const outputs = [...new Map(d.nextSteps.flatMap((n) => n.outputs).map((o) => [o.key, o])).values()];
    if (outputs.length) blocks.push({ type: 'actions', buttons: outputs.map((o) => ({ label: tx(lang, 'btn.markDone', { what: o.label }), action: 'case.output', value: `${s.code}|${o.key}` })) });
  }
  if (d.closureOffer) {
    blocks.push({ type: 'text', text: `➡ ${tx(lang, 'status.closureOffer', { decision: d.closureOffer.decision, reason: d.closureOffer.reasonLabel })}` });
    blocks.push({ type: 'actions', buttons: [{ label: tx(lang, 'btn.closeWith', { reason: d.closureOffer.reasonLabel }), action: 'case.close', value: `${s.code}|${d.closureOffer.reason}`, style: 'danger' }] });
  }
  if (d.members.length) blocks.push({ type: 'text', text: `**${tx(lang, 'status.members')}:** ${d.members.map((m) => `${m.name} (${m.roles.join(', ')})`).join(' · ')}` });
  if (d.meetings.length) {
    blocks.push({ type: 'text', text: `**${tx(lang, 'status.meetings')}:**` });
    blocks.push({ type: 'list', items: d.meetings.map((m) => `${m.typeLabel} – ${fmtDateTime(m.startsAt, tz, lang)}${m.location ? `, ${m.location}` : ''}`) });
  }
  if (d.deadlines.length) {
    blocks.push({ type: 'text', text: `**${tx(lang, 'status.deadlines')}:**` });
    blocks.push({ type: 'list', items: d.deadlines.map((x) => `${x.overdue ? `⚠ ${tx(lang, 'status.overdue')} ` : ''}${x.label} – ${fmtDate(x.dueAt, tz, lang)}`) });
  }
  blocks.push(...planBlocks(s.code, d.actions, tz, lang, { open: s.status === 'OPEN', maintenancePlan: d.maintenancePlan }));
  if (d.decisions.length) {
    blocks.push({ type: 'text', text: `**${tx(lang, 'status.decisions')}:**` });
    blocks.push({ type: 'list', items: d.decisions.map((x) => `${fmtDate(x.decidedAt, tz, lang)}: ${x.label ? `**${x.label}** – ` : ''}${x.text}`) });
  }
  const consentText = d.consents.length
    ? d.consents.map((k) => `${k.scope.map((sc) => tx(lang, `opt.${sc}` as 'opt.SCHOOL')).join(', ')} – ${tx(lang, k.status === 'GIVEN' ? 'status.given' : k.status === 'DECLINED' ? 'status.declined' : 'status.withdrawn')}${k.expiresAt ? `, ${tx(lang, 'status.expires', { date: fmtDate(k.expiresAt, tz, lang) })}` : ''}`).join('; ')
    : tx(lang, 'status.noConsent');
  blocks.push({ type: 'text', text: `**${tx(lang, 'status.consents')}:** ${consentText}${d.concernReports ? ` · **${tx(lang, 'status.concerns')}:** ${d.concernReports}` : ''}` });
  if (d.concernReports) blocks.push({ type: 'actions', buttons: [{ label: concernViewButton(lang), action: 'concern.view', value: s.code }] });
  blocks.push({ type: 'actions', buttons: caseButtons(s.code, lang, s.status === 'OPEN', pb) });
  return { visibility: 'private', blocks, fallbackText: summaryLine(s, tz, lang).replace(/\*\*/g, '') };
}

/** "My cases". */
export function mineReply(cases: MyCase[], tz: string, lang: Lang): ChatReply {
  if (!cases.length) {
    return { visibility: 'private', blocks: [{ type: 'text', text: tx(lang, 'mine.empty') }, { type: 'actions', buttons: [{ label: tx(lang, 'btn.newCase'), action: 'case.new', value: 'new', style: 'primary' }] }], fallbackText: tx(lang, 'mine.empty') };
  }
  const items = cases.map((c) => {
    const extra = [c.roles.join(', '), c.holdsBaton ? tx(lang, 'mine.baton') : '', c.overdue ? `⚠ ${tx(lang, 'mine.overdue', { n: c.overdue })}` : '', c.pendingHandoverToMe ? `⏳ ${tx(lang, 'mine.handover')}` : ''].filter(Boolean).join(' · ');
    return `${summaryLine(c.summary, tz, lang)}${extra ? ` · ${extra}` : ''}`;
  });
  const buttons: ChatButton[] = cases.slice(0, 5).map((c) => ({ label: c.summary.code, action: 'case.open', value: c.summary.code }));
  return { visibility: 'private', blocks: [{ type: 'header', text: tx(lang, 'mine.header') }, { type: 'list', items }, { type: 'actions', buttons }], fallbackText: `${tx(lang, 'mine.header')}: ${cases.map((c) => c.summary.code).join(', ')}` };
}

/** The case log as a list, with the action plan (open actions with their buttons) and the maintenance plan. */
export function logReply(code: string, lines: LogLine[], pb: Playbook, tz: string, lang: Lang, plan?: { items: PlanItem[]; open: boolean; maintenancePlan: string | null }): ChatReply {
  const label = (l: LogLine): string => {
    const p = l.params as Record<string, string>;
    const params: Record<string, string> = { ...p };
    if (p.type) params.type = pb.meetingTypes.find((m) => m.key === p.type)?.labels[lang] ?? p.type;
    if (p.to) params.to = pb.stages.find((s) => s.key === p.to)?.labels[lang] ?? p.to;
    if (p.role) params.role = pb.roles.find((r) => r.key === p.role)?.labels[lang] ?? p.role;
    if (p.output) params.output = (OUTPUT_LABELS as Record<string, Record<Lang, string>>)[p.output]?.[lang] ?? p.output;
    if (p.result) params.result = isPlanTextKey(`plan.result.${p.result}`) ? pt(lang, `plan.result.${p.result}` as 'plan.result.WORKED') : p.result;
    const key = `log.${l.kind}` as 'log.case.opened';
    let text: string;
    try {
      // Plan lines name the action's number when the entry has one.
      const planKey = l.kind === 'action.done' && p.number ? 'log.action.doneNumber' : l.kind === 'action.evaluated' && p.number && p.result ? 'log.action.evaluatedResult' : key;
      text = isPlanTextKey(planKey) ? pt(lang, planKey, params) : tx(lang, key, params);
    } catch {
      text = l.kind;
    }
    return `${fmtDateTime(l.at, tz, lang)} · ${l.actor ?? 'Stafett'}: ${text ?? l.kind}${l.text ? ` – ${l.text}` : ''}`;
  };
  const items = lines.slice(-40).map(label);
  const blocks: Block<ActionId>[] = [{ type: 'header', text: tx(lang, 'log.header', { code }) }, items.length ? { type: 'list', items } : { type: 'text', text: tx(lang, 'log.empty') }];
  if (plan) blocks.push({ type: 'divider' }, ...planBlocks(code, plan.items, tz, lang, { open: plan.open, all: true, maintenancePlan: plan.maintenancePlan }));
  return { visibility: 'private', blocks, fallbackText: tx(lang, 'log.header', { code }) };
}
