/**
 * Export of one case for the pupil file / a subject-access request. The content is built once
 * as a plain-text document (`CaseExport`); `exportMarkdown` and `exportPdf` (export-pdf.ts)
 * render the same content. Every string in the document is plain text — user text included —
 * and the Markdown renderer escapes all of it, so a reason containing a newline and `#`, a list
 * marker, raw HTML or a `javascript:` link stays text in any Markdown renderer.
 */
import type { Actor } from '../orgs/org.service.ts';
import { withCase } from '../cases/case-access.ts';
import { meetingLabel, stageLabel } from '../cases/case-query.service.ts';
import type { ServiceDeps } from '../shared/deps.ts';
import { fmtDate, fmtDateTime } from '../i18n/dates.ts';
import { type Lang } from '../i18n/lang.ts';
import { EVALUATION_RESULTS, type EvaluationResult } from '../plans/plan.service.ts';
import { pt } from './plan.texts.ts';
import { tx } from './texts.ts';

const isEvaluationResult = (r: string): r is EvaluationResult => (EVALUATION_RESULTS as readonly string[]).includes(r);

/** One section of the export: a heading with list items and/or paragraphs (plain text). */
export interface ExportSection {
  heading: string;
  items: string[];
  paragraphs?: string[];
}

/** The export's content, independent of the file format. */
export interface CaseExport {
  lang: Lang;
  code: string;
  orgName: string;
  /** Date of export in the organisation's zone, as shown in page headers. */
  exportedOn: string;
  title: string;
  /** Who made it when, and the personal-data notice. */
  intro: string;
  facts: { label: string; value: string }[];
  sections: ExportSection[];
}

/** Loads the case (audited as `case.export`) and builds its export content. */
export async function buildCaseExport(deps: ServiceDeps, actor: Actor, code: string, lang: Lang, tz: string): Promise<CaseExport> {
  return withCase(deps, actor, code, 'case.record', 'case.export', async (c) => {
    const k = c.kase;
    const pb = c.playbook;
    const [log, actions, decisions, consents, people, org] = await Promise.all([
      c.tx.caseLogEntry.findMany({ where: { caseId: k.id }, orderBy: { seq: 'asc' } }),
      c.tx.caseAction.findMany({ where: { caseId: k.id }, orderBy: { createdAt: 'asc' } }),
      c.tx.decision.findMany({ where: { caseId: k.id }, orderBy: { decidedAt: 'asc' } }),
      c.tx.consent.findMany({ where: { caseId: k.id }, orderBy: { givenAt: 'asc' } }),
      c.tx.person.findMany({ where: { orgId: k.orgId } }),
      c.tx.organisation.findUniqueOrThrow({ where: { id: k.orgId }, select: { name: true } }),
    ]);
    const name = new Map(people.map((p) => [p.id, p.displayName]));
    const dec = (v: string) => deps.cipher.decrypt(v);
    const facts = [
      { label: tx(lang, 'export.org'), value: org.name },
      { label: tx(lang, 'status.playbook'), value: pb.labels[lang] },
      { label: tx(lang, 'status.student'), value: deps.cipher.decryptOpt(k.studentRefEnc) ?? '–' },
      { label: tx(lang, 'dim.stage'), value: stageLabel(pb, k.stage, lang) },
      { label: tx(lang, 'status.opened'), value: fmtDate(k.openedAt, tz, lang) },
    ];
    const reason = deps.cipher.decryptOpt(k.reasonEnc);
    if (reason) facts.push({ label: tx(lang, 'status.reason'), value: reason });

    // Each action as status shows it: who owns it (a participant outside the staff with the staff
    // member who follows it up), its dates and state, and its evaluation (result, date, note).
    const plan = actions.map((a) => {
      const participant = deps.cipher.decryptOpt(a.participantEnc);
      const staff = a.ownerId ? name.get(a.ownerId) ?? '–' : undefined;
      const who = participant ? pt(lang, 'plan.participant', { participant, name: staff ?? '–' }) : staff ? pt(lang, 'plan.owner', { name: staff }) : pt(lang, 'plan.noOwner');
      const parts = [`${a.number ? `${a.number}. ` : ''}${dec(a.textEnc)} – ${who}`];
      if (a.dueAt) parts.push(pt(lang, 'plan.due', { date: fmtDate(a.dueAt, tz, lang) }));
      if (a.evaluationAt) parts.push(pt(lang, 'plan.evaluation', { date: fmtDate(a.evaluationAt, tz, lang) }));
      let line = `${parts.join(' · ')} – ${tx(lang, `export.action.${a.status}` as 'export.action.OPEN')}`;
      const result = a.evaluationResult && isEvaluationResult(a.evaluationResult) ? pt(lang, `plan.result.${a.evaluationResult}`) : undefined;
      if (result) line += ` – ${a.evaluatedAt ? pt(lang, 'export.evaluated', { date: fmtDate(a.evaluatedAt, tz, lang), result }) : result}`;
      if (a.evaluationEnc) line += ` – ${dec(a.evaluationEnc)}`;
      return line;
    });
    const decisionItems = decisions.map((d) => `${fmtDate(d.decidedAt, tz, lang)}: ${dec(d.textEnc)}`);
    const consentItems = consents.map((s) => {
      const scope = s.scope.map((x) => tx(lang, `opt.${x}` as 'opt.SCHOOL')).join(', ');
      return `${fmtDate(s.givenAt, tz, lang)}: ${scope} – ${tx(lang, `export.consent.${s.status}` as 'export.consent.GIVEN')}${s.withdrawnAt ? ` (${fmtDate(s.withdrawnAt, tz, lang)})` : ''}`;
    });
    const logItems = log.map((e) => {
      const p = e.params as Record<string, string>;
      const params = { ...p, type: p.type ? meetingLabel(pb, p.type, lang) : '', to: p.to ? stageLabel(pb, p.to, lang) : '' };
      let line: string;
      try { line = tx(lang, `log.${e.kind}` as 'log.case.opened', params); } catch { line = e.kind; }
      return `${fmtDateTime(e.at, tz, lang)} – ${e.actorId ? name.get(e.actorId) ?? '–' : 'Stafett'}: ${line ?? e.kind}${e.textEnc ? ` – ${dec(e.textEnc)}` : ''}`;
    });
    const sections: ExportSection[] = [
      { heading: tx(lang, 'export.plan'), items: plan },
      { heading: tx(lang, 'export.decisions'), items: decisionItems },
      { heading: tx(lang, 'export.consents'), items: consentItems },
      { heading: tx(lang, 'export.log'), items: logItems },
    ];
    if (k.maintenancePlanEnc) sections.push({ heading: tx(lang, 'f.maintenancePlan'), items: [], paragraphs: [dec(k.maintenancePlanEnc)] });
    return {
      lang, code: k.code, orgName: org.name, exportedOn: fmtDate(c.now, tz, lang),
      title: tx(lang, 'export.title', { code: k.code }),
      intro: tx(lang, 'export.generated', { date: fmtDateTime(c.now, tz, lang), name: name.get(actor.personId) ?? '' }),
      facts, sections,
    };
  });
}

/** Markdown's ASCII punctuation that can start markup anywhere in a line (CommonMark + GFM). */
const INLINE_SPECIAL = /[\\`*_[\]<>&~|!]/g;

/**
 * Escapes plain text for Markdown so it renders as exactly that text. Inline markup characters
 * are backslash-escaped (CommonMark allows it for any ASCII punctuation, and an escaped `<` can
 * start neither HTML nor an autolink); a line is trimmed and a character that would make it a
 * heading, quote, list item, rule or setext underline is escaped. Line breaks become hard breaks,
 * so a multi-line text stays inside its list item or paragraph.
 */
export function escapeMarkdown(text: string): string {
  // An empty line would end the list item or paragraph, so blank lines are dropped.
  const lines = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').split('\n').map((l) => l.trim()).filter(Boolean);
  return lines
    .map((l) => l.replace(INLINE_SPECIAL, '\\$&').replace(/^([#>+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2'))
    .join('\\\n  ');
}

/** The export as a Markdown document. */
export function exportMarkdown(d: CaseExport): string {
  const e = escapeMarkdown;
  const out: string[] = [`# ${e(d.title)}`, '', e(d.intro), ''];
  for (const f of d.facts) out.push(`- ${e(f.label)}: ${e(f.value)}`);
  for (const s of d.sections) {
    out.push('', `## ${e(s.heading)}`, '');
    for (const item of s.items) out.push(`- ${e(item)}`);
    for (const p of s.paragraphs ?? []) out.push(e(p).replace(/\\\n {2}/g, '\\\n'), '');
    if (!s.items.length && !s.paragraphs?.length) out.push(e(tx(d.lang, 'export.none')));
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
