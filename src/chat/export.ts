/** Export of one case as a readable Markdown document (pupil file / subject-access request). */
import type { Actor } from '../orgs/org.service.ts';
import { withCase } from '../cases/case-access.ts';
import { meetingLabel, stageLabel } from '../cases/case-query.service.ts';
import type { ServiceDeps } from '../shared/deps.ts';
import { fmtDate, fmtDateTime, type Lang } from './format.ts';
import { tx } from './texts.ts';

export async function exportCaseDocument(deps: ServiceDeps, actor: Actor, code: string, lang: Lang, tz: string): Promise<{ code: string; text: string }> {
  return withCase(deps, actor, code, 'case.record', 'case.export', async (c) => {
    const k = c.kase;
    const pb = c.playbook;
    const [log, actions, decisions, consents, people] = await Promise.all([
      c.tx.caseLogEntry.findMany({ where: { caseId: k.id }, orderBy: { seq: 'asc' } }),
      c.tx.caseAction.findMany({ where: { caseId: k.id }, orderBy: { createdAt: 'asc' } }),
      c.tx.decision.findMany({ where: { caseId: k.id }, orderBy: { decidedAt: 'asc' } }),
      c.tx.consent.findMany({ where: { caseId: k.id }, orderBy: { givenAt: 'asc' } }),
      c.tx.person.findMany({ where: { orgId: k.orgId } }),
    ]);
    const name = new Map(people.map((p) => [p.id, p.displayName]));
    const out: string[] = [];
    out.push(`# ${tx(lang, 'export.title', { code: k.code })}`, '');
    out.push(tx(lang, 'export.generated', { date: fmtDateTime(c.now, tz, lang), name: name.get(actor.personId) ?? '' }), '');
    out.push(`- ${tx(lang, 'status.playbook')}: ${pb.labels[lang]}`);
    out.push(`- ${tx(lang, 'status.student')}: ${deps.cipher.decryptOpt(k.studentRefEnc) ?? '–'}`);
    out.push(`- ${tx(lang, 'dim.stage')}: ${stageLabel(pb, k.stage, lang)}`);
    out.push(`- ${tx(lang, 'status.opened')}: ${fmtDate(k.openedAt, tz, lang)}`);
    const reason = deps.cipher.decryptOpt(k.reasonEnc);
    if (reason) out.push(`- ${tx(lang, 'status.reason')}: ${reason}`);
    out.push('', `## ${tx(lang, 'export.plan')}`, '');
    for (const a of actions) out.push(`- ${deps.cipher.decrypt(a.textEnc)} (${a.ownerId ? name.get(a.ownerId) : '–'}${a.dueAt ? `, ${tx(lang, 'status.due', { date: fmtDate(a.dueAt, tz, lang) })}` : ''}${a.evaluationAt ? `, ${tx(lang, 'status.evaluation', { date: fmtDate(a.evaluationAt, tz, lang) })}` : ''}) – ${a.status}${a.evaluationEnc ? ` – ${deps.cipher.decrypt(a.evaluationEnc)}` : ''}`);
    out.push('', `## ${tx(lang, 'export.decisions')}`, '');
    for (const d of decisions) out.push(`- ${fmtDate(d.decidedAt, tz, lang)}: ${deps.cipher.decrypt(d.textEnc)}`);
    out.push('', `## ${tx(lang, 'export.consents')}`, '');
    for (const s of consents) out.push(`- ${fmtDate(s.givenAt, tz, lang)}: ${s.scope.map((x) => tx(lang, `opt.${x}` as 'opt.SCHOOL')).join(', ')} – ${s.status}${s.withdrawnAt ? ` (${fmtDate(s.withdrawnAt, tz, lang)})` : ''}`);
    out.push('', `## ${tx(lang, 'export.log')}`, '');
    for (const e of log) {
      const p = e.params as Record<string, string>;
      const params = { ...p, type: p.type ? meetingLabel(pb, p.type, lang) : '', to: p.to ? stageLabel(pb, p.to, lang) : '' };
      let line: string;
      try { line = tx(lang, `log.${e.kind}` as 'log.case.opened', params); } catch { line = e.kind; }
      out.push(`- ${fmtDateTime(e.at, tz, lang)} – ${e.actorId ? name.get(e.actorId) : 'Stafett'}: ${line ?? e.kind}${e.textEnc ? ` – ${deps.cipher.decrypt(e.textEnc)}` : ''}`);
    }
    if (k.maintenancePlanEnc) out.push('', `## ${tx(lang, 'f.maintenancePlan')}`, '', deps.cipher.decrypt(k.maintenancePlanEnc));
    return { code: k.code, text: out.join('\n') + '\n' };
  });
}
