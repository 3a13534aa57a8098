/**
 * How absence speaks: the reply to an attendance import (counts and bad line numbers, never a
 * student reference) and the private signal nudge (the only message that names the student).
 */
import { at, problemText, windowText } from './absence.messages.ts';
import type { ImportResult, SignalNoticeParams } from '../absence/absence.service.ts';
import type { Lang } from '../i18n/lang.ts';
import type { Reply } from '../ports/reply.ts';

/** The importer's private summary: counts and bad line numbers, never a student reference. */
export function importReply(r: ImportResult, lang: Lang): Reply<never> {
  const file = r.fileName ?? 'CSV';
  const lines: string[] = [];
  if (r.duplicateFile && r.rows === 0) {
    lines.push(at(lang, 'import.duplicate', { date: r.previousImportAt ? r.previousImportAt.toISOString().slice(0, 10) : '—' }));
  } else {
    lines.push(at(lang, 'import.summary', { rows: r.rows, added: r.added, updated: r.updated, unchanged: r.unchanged, bad: r.badRowCount }));
    lines.push(r.signals.created ? at(lang, 'import.signals', { count: r.signals.created }) : at(lang, 'import.noSignals'));
    if (r.signals.notified) lines.push(at(lang, 'import.notified', { count: r.signals.notified }));
    if (r.signals.pending) lines.push(at(lang, 'import.pending', { count: r.signals.pending }));
  }
  const blocks: Reply<never>['blocks'] = [{ type: 'header', text: at(lang, 'import.header', { file }) }, { type: 'text', text: lines.join('\n') }];
  if (r.badRows.length) {
    const shown = r.badRows.slice(0, 20).map((e) => problemText(lang, e));
    if (r.badRowCount > shown.length) shown.push(at(lang, 'import.more', { count: r.badRowCount - shown.length }));
    blocks.push({ type: 'text', text: `**${at(lang, 'import.bad')}**` }, { type: 'list', items: shown });
  }
  return { visibility: 'private', blocks, fallbackText: `${at(lang, 'import.header', { file })}: ${lines[0]}` };
}

/** The private nudge text: the only message that names the student. */
export function signalNudgeText(lang: Lang, p: SignalNoticeParams): string {
  const where = [p.className ? at(lang, 'unit.class', { class: p.className }) : null, p.unitName].filter(Boolean).join(', ') || '—';
  const lines = [at(lang, 'nudge.header', { where })];
  if (p.studentRef && !p.caseCode) lines.push(at(lang, 'nudge.student', { student: p.studentRef }));
  for (const r of p.results) {
    lines.push(`• ${at(lang, r.kind === 'occasions' ? 'nudge.occasions' : 'nudge.percent', {
      measured: r.kind === 'percent' ? r.measured.toLocaleString(lang === 'en' ? 'en' : lang === 'nb' ? 'nb' : 'sv') : r.measured,
      threshold: r.threshold, window: windowText(lang, p.windows[r.key] ?? 'P5W'),
    })}`);
  }
  lines.push(at(lang, 'nudge.guardian'));
  lines.push(p.caseCode ? at(lang, 'nudge.case', { code: p.caseCode }) : at(lang, 'nudge.open', { id: p.shortId }));
  if (!p.mentor) lines.push(`_${at(lang, 'nudge.fallback')}_`);
  return lines.join('\n');
}
