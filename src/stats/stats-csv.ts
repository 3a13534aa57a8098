/**
 * The statistics as CSV for spreadsheets: UTF-8 with BOM, `;` separators and the language's
 * decimal mark (Excel on Swedish and Norwegian Windows opens it as is). Small counts are "<5".
 * Columns: section;key;label;value;n — `key` is stable across languages, `label` is localized.
 */
import type { Lang } from '../chat/format.ts';
import { tx } from '../chat/texts.ts';
import type { StatsNames } from './stats.service.ts';
import { MIN_CASES, suppress, type StatsFigures } from './stats.ts';
import { num, st } from './stats.messages.ts';

export const STATS_CSV_HEADER = ['section', 'key', 'label', 'value', 'n'] as const;

function cell(v: string): string {
  return /[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Renders the figures as CSV text. */
export function statsCsv(f: StatsFigures, n: StatsNames, lang: Lang): string {
  const rows: string[][] = [[...STATS_CSV_HEADER]];
  const add = (section: string, key: string, label: string, value: string, count = '') => rows.push([section, key, label, value, count]);
  add('summary', 'open', tx(lang, 'stats.open'), suppress(f.open));
  add('summary', 'closed', tx(lang, 'stats.closed'), suppress(f.closed));
  add('summary', 'overdue', tx(lang, 'stats.overdue'), suppress(f.overdue));
  add('summary', 'concerns', tx(lang, 'stats.concerns'), suppress(f.concerns));
  add('consent', 'given', tx(lang, 'stats.consents'), suppress(f.consents.given));
  add('consent', 'declined', tx(lang, 'stats.consents'), suppress(f.consents.declined));
  add('consent', 'withdrawn', tx(lang, 'stats.consents'), suppress(f.consents.withdrawn));
  for (const g of f.openByStage) add('stage', `${g.playbook}/${g.stage}`, n.stage(g.playbook, g.stage), suppress(g.count));
  for (const g of f.openByTier) add('tier', `${g.playbook}/${g.tier}`, n.tier(g.playbook, g.tier), suppress(g.count));
  for (const m of f.milestones) {
    const label = `${n.playbook(m.playbook)} – ${n.meeting(m.playbook, m.meetingType)}`;
    add('milestone.medianDays', `${m.playbook}/${m.milestone}`, label, m.n >= MIN_CASES && m.medianDays !== null ? num(lang, m.medianDays) : m.n === 0 ? '' : '<5', suppress(m.n));
    if (m.deadline) {
      for (const k of ['early', 'onTime', 'late', 'overdue'] as const) {
        add(`deadline.${k}`, `${m.playbook}/${m.deadline.rule}`, `${label} (${n.offset(m.deadline.offset)})`, suppress(m.deadline[k]));
      }
    }
  }
  for (const o of f.overdueByRule) add('overdue', `${o.playbook}/${o.rule}`, n.rule(o.playbook, o.rule), suppress(o.count));
  for (const g of f.closedByReason) add('closure', g.reason, n.reason(g.reason), suppress(g.count));
  const units = [...f.attendance.units, ...(f.attendance.total && f.attendance.units.length > 1 ? [{ ...f.attendance.total, unitName: st(lang, 'allUnits'), schoolUnitId: '*' }] : [])];
  for (const u of units) {
    const ok = u.n >= MIN_CASES;
    const key = u.schoolUnitId ?? '-';
    const name = n.unit(u);
    add('attendance.presentBefore', key, name, ok ? num(lang, u.presentBefore) : '<5', suppress(u.n));
    add('attendance.presentAfter', key, name, ok ? num(lang, u.presentAfter) : '<5', suppress(u.n));
    add('attendance.unauthorisedBefore', key, name, ok ? num(lang, u.unauthorisedBefore) : '<5', suppress(u.n));
    add('attendance.unauthorisedAfter', key, name, ok ? num(lang, u.unauthorisedAfter) : '<5', suppress(u.n));
  }
  for (const g of f.deviationsByTheme) add('deviation', g.theme, n.theme(g.theme), suppress(g.count));
  return `\ufeff${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}
