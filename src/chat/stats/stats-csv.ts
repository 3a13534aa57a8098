/**
 * The statistics as CSV for spreadsheets: UTF-8 with BOM, `;` separators and the language's
 * decimal mark (Excel and LibreOffice on Swedish and Norwegian systems open it as is).
 * One row per figure. Columns: section;key;label;value;unit;suppressed;n —
 * `section` + `key` are stable across languages, `label` is localized and unique in the file,
 * `value` is always a number (empty when suppressed or when there is nothing to measure),
 * `unit` says what the number counts, `suppressed` is 1 when the figure rests on 1–4 cases and
 * is therefore withheld, `n` is the number of cases a median or an average rests on.
 */
import type { Lang } from '../../i18n/lang.ts';
import type { StatsNames } from './stats-names.ts';
import { allUnitsShowable, MIN_CASES, type StatsFigures } from '../../stats/stats.ts';
import { num, st } from './stats.messages.ts';

export const STATS_CSV_HEADER = ['section', 'key', 'label', 'value', 'unit', 'suppressed', 'n'] as const;

export type CsvUnit = 'count' | 'percent' | 'days';

function cell(v: string): string {
  return /[;"\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Keeps a spreadsheet from reading a label as a formula (=, +, -, @ at the start). */
function safeText(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** Renders the figures as CSV text. */
export function statsCsv(f: StatsFigures, n: StatsNames, lang: Lang): string {
  const rows: string[][] = [[...STATS_CSV_HEADER]];
  const labels = new Set<string>();
  const add = (section: string, key: string, label: string, fig: { value: number | null; unit: CsvUnit; suppressed: boolean; n?: number | null }) => {
    // Labels are unique: two figures that would read the same get their stable key added.
    let text = label;
    if (labels.has(text)) text = `${label} [${section}/${key}]`;
    labels.add(text);
    const value = fig.suppressed || fig.value === null ? '' : fig.unit === 'count' ? String(fig.value) : num(lang, fig.value);
    const cases = fig.n === undefined || fig.n === null || fig.suppressed ? '' : String(fig.n);
    rows.push([section, key, safeText(text), value, fig.unit, fig.suppressed ? '1' : '0', cases]);
  };
  /** A count: 1–4 are withheld, 0 is shown. */
  const count = (value: number) => ({ value, unit: 'count' as const, suppressed: value > 0 && value < MIN_CASES });
  /** A median or mean over `cases`: withheld under 5 cases, empty with none. */
  const measured = (value: number | null, unit: CsvUnit, cases: number) => ({ value: cases === 0 ? null : value, unit, suppressed: cases > 0 && cases < MIN_CASES, n: cases });

  add('summary', 'open', st(lang, 'stats.open'), count(f.open));
  add('summary', 'closed', st(lang, 'stats.closed'), count(f.closed));
  add('summary', 'overdue', st(lang, 'stats.overdue'), count(f.overdue));
  add('summary', 'concerns', st(lang, 'stats.concerns'), count(f.concerns));
  for (const k of ['given', 'declined', 'withdrawn'] as const) add('consent', k, st(lang, `csv.consent.${k}`), count(f.consents[k]));
  for (const g of f.openByStage) add('stage', `${g.playbook}/${g.stage}`, `${st(lang, 'stats.byStage')}: ${n.stage(g.playbook, g.stage)}`, count(g.count));
  for (const g of f.openByTier) add('tier', `${g.playbook}/${g.tier}`, `${st(lang, 'byTier')}: ${n.tier(g.playbook, g.tier)}`, count(g.count));
  for (const m of f.milestones) {
    const label = `${n.playbook(m.playbook)} – ${n.meeting(m.playbook, m.meetingType)}`;
    add('milestone.medianDays', `${m.playbook}/${m.milestone}`, `${label}: ${st(lang, 'csv.medianDays')}`, measured(m.medianDays, 'days', m.n));
    if (m.deadline) {
      for (const k of ['early', 'onTime', 'late', 'overdue'] as const) {
        add(`deadline.${k}`, `${m.playbook}/${m.deadline.rule}`, `${label} (${n.offset(m.deadline.offset)}): ${st(lang, `csv.deadline.${k}`)}`, count(m.deadline[k]));
      }
    }
  }
  for (const o of f.overdueByRule) add('overdue', `${o.playbook}/${o.rule}`, `${st(lang, 'overdueByRule')}: ${n.rule(o.playbook, o.rule)}`, count(o.count));
  for (const g of f.closedByReason) add('closure', g.reason, `${st(lang, 'stats.closedReasons')}: ${n.reason(g.reason)}`, count(g.count));
  const units = [...f.attendance.units, ...(f.attendance.total && allUnitsShowable(f.attendance) ? [{ ...f.attendance.total, unitName: st(lang, 'allUnits'), schoolUnitId: '*' }] : [])];
  for (const u of units) {
    const key = u.schoolUnitId ?? '-';
    const name = n.unit(u);
    for (const [section, value] of [
      ['attendance.presentBefore', u.presentBefore],
      ['attendance.presentAfter', u.presentAfter],
      ['attendance.unauthorisedBefore', u.unauthorisedBefore],
      ['attendance.unauthorisedAfter', u.unauthorisedAfter],
    ] as const) {
      add(section, key, `${name}: ${st(lang, `csv.${section}`)}`, measured(value, 'percent', u.n));
    }
  }
  for (const g of f.deviationsByTheme) add('deviation', g.theme, `${st(lang, 'stats.deviations')}: ${n.theme(g.theme)}`, count(g.count));
  return `\ufeff${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}
