/** The reply to an attendance import: counts and bad line numbers, never a student reference. */
import { at, problemText } from '../absence/absence.messages.ts';
import type { ImportResult } from '../absence/absence.service.ts';
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
