/**
 * The `statistik` reply (the conversation layer's view of src/stats): aggregated figures (safe
 * for a channel) with the chart as a PNG attachment, and a private follow-up with attendance of
 * the asker's own cases and the CSV export.
 */
import type { Lang } from '../i18n/lang.ts';
import type { Actor } from '../orgs/org.service.ts';
import type { Reply } from '../ports/reply.ts';
import type { ServiceDeps } from '../shared/deps.ts';
import { windowText } from './absence.messages.ts';
import { renderStatsChart } from './stats/stats-chart.ts';
import { statsCsv } from './stats/stats-csv.ts';
import { statsNames } from './stats/stats-names.ts';
import { num, st } from './stats/stats.messages.ts';
import { presentPct, statsForFile, statsReport, unauthorisedPct, type StatsReport } from '../stats/stats.service.ts';
import { allUnitsShowable, MIN_CASES, suppress, type StatsFigures, type UnitAttendance } from '../stats/stats.ts';

/** The lines of the `statistik` reply (suppressed). */
function statsBlocks(deps: ServiceDeps, f: StatsFigures, lang: Lang): Reply<never>['blocks'] {
  const n = statsNames(deps, lang);
  const blocks: Reply<never>['blocks'] = [
    {
      type: 'text',
      text: [
        `**${st(lang, 'stats.open')}:** ${suppress(f.open)} · **${st(lang, 'stats.closed')}:** ${suppress(f.closed)} · **${st(lang, 'stats.overdue')}:** ${suppress(f.overdue)}`,
        `**${st(lang, 'stats.concerns')}:** ${suppress(f.concerns)} · **${st(lang, 'stats.consents')}:** ${suppress(f.consents.given)} / ${suppress(f.consents.declined)} / ${suppress(f.consents.withdrawn)}`,
      ].join('\n'),
    },
    { type: 'text', text: `**${st(lang, 'stats.byStage')}:**` },
    { type: 'list', items: f.openByStage.length ? f.openByStage.map((g) => `${n.stage(g.playbook, g.stage)}: ${suppress(g.count)}`) : ['0'] },
  ];
  const section = (title: string, items: string[]) => {
    if (items.length) blocks.push({ type: 'text', text: `**${title}:**` }, { type: 'list', items });
  };
  section(st(lang, 'byTier'), f.openByTier.map((g) => `${n.tier(g.playbook, g.tier)}: ${suppress(g.count)}`));
  section(
    st(lang, 'milestones'),
    f.milestones.filter((m) => m.n > 0 || m.deadline).map((m) => {
      const value = m.n >= MIN_CASES && m.medianDays !== null ? st(lang, 'medianDays', { days: num(lang, m.medianDays), n: m.n }) : m.n === 0 ? '–' : st(lang, 'fewCases');
      const dl = m.deadline
        ? ` · ${st(lang, m.deadline.early ? 'deadlineWindow' : 'deadline', { rule: n.offset(m.deadline.offset), early: suppress(m.deadline.early), onTime: suppress(m.deadline.onTime), late: suppress(m.deadline.late), overdue: suppress(m.deadline.overdue) })}`
        : '';
      return `${n.playbook(m.playbook)} – ${n.meeting(m.playbook, m.meetingType)}: ${value}${dl}`;
    }),
  );
  section(st(lang, 'overdueByRule'), f.overdueByRule.map((o) => `${n.playbook(o.playbook)} – ${n.rule(o.playbook, o.rule)}: ${suppress(o.count)}`));
  section(st(lang, 'stats.closedReasons'), f.closedByReason.map((g) => `${n.reason(g.reason)}: ${suppress(g.count)}`));
  const a = f.attendance;
  const line = (u: UnitAttendance, name: string) =>
    u.n >= MIN_CASES
      ? st(lang, 'attendanceLine', { unit: name, n: u.n, before: num(lang, u.presentBefore), after: num(lang, u.presentAfter), ubefore: num(lang, u.unauthorisedBefore), uafter: num(lang, u.unauthorisedAfter) })
      : st(lang, 'attendanceSuppressed', { unit: name });
  const attendanceItems = a.units.map((u) => line(u, n.unit(u)));
  if (a.total && allUnitsShowable(a)) attendanceItems.push(line(a.total, st(lang, 'allUnits')));
  section(st(lang, 'attendance', { window: windowText(lang, a.window) }), attendanceItems.length ? attendanceItems : [st(lang, 'attendanceNone')]);
  section(st(lang, 'stats.deviations'), f.deviationsByTheme.map((g) => `${n.theme(g.theme)}: ${suppress(g.count)}`));
  return blocks;
}

/** The private part: attendance per case for the asker's own cases, and the CSV. */
function privateStats(report: StatsReport, lang: Lang, csv: string, orgName: string): Reply<never> {
  const items = report.myCases.map((c) => st(lang, 'mineLine', { code: c.code, before: num(lang, presentPct(c.before)), after: num(lang, presentPct(c.after)), ubefore: num(lang, unauthorisedPct(c.before)), uafter: num(lang, unauthorisedPct(c.after)) }));
  const blocks: Reply<never>['blocks'] = items.length
    ? [{ type: 'text', text: `**${st(lang, 'mine')}:**` }, { type: 'list', items }]
    : [];
  blocks.push({ type: 'text', text: st(lang, 'csvReady') });
  const slug = orgName.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'stafett';
  return {
    visibility: 'private',
    blocks,
    fallbackText: items.length ? st(lang, 'mine') : st(lang, 'csvReady'),
    attachments: [{ fileName: `${lang === 'nb' ? 'statistikk' : lang === 'en' ? 'statistics' : 'statistik'}-${slug}-${report.date}.csv`, mimeType: 'text/csv', content: csv }],
  };
}

/**
 * The `statistik` reply: aggregated figures (safe for a channel) with the chart as a base64 PNG
 * attachment, and a private follow-up with per-case attendance for the asker's own cases and the
 * CSV export.
 */
export async function computeStats(deps: ServiceDeps, actor: Actor, lang: Lang, orgName: string): Promise<Reply<never>> {
  const report = await statsReport(deps, actor);
  const { figures: f, date } = report;
  const names = statsNames(deps, lang);
  const png = await renderStatsChart(f, names, lang, { org: orgName, date });
  const csv = statsCsv(f, names, lang);
  return {
    visibility: 'shared',
    blocks: [
      { type: 'header', text: st(lang, 'stats.header', { org: orgName }) },
      ...statsBlocks(deps, f, lang),
      { type: 'text', text: `_${st(lang, 'stats.note')}_ ${st(lang, 'chartAttached')}` },
    ],
    fallbackText: st(lang, 'stats.header', { org: orgName }),
    attachments: [{ fileName: `${lang === 'nb' ? 'statistikk' : lang === 'en' ? 'statistics' : 'statistik'}-${date}.png`, mimeType: 'image/png', content: png.toString('base64'), encoding: 'base64' }],
    privateFollowUp: privateStats(report, lang, csv, orgName),
  };
}

/** The statistics as CSV (suppressed), for a dedicated export command. */
export async function exportStatsCsv(deps: ServiceDeps, actor: Actor, lang: Lang): Promise<string> {
  const { figures } = await statsForFile(deps, actor, 'stats.export');
  return statsCsv(figures, statsNames(deps, lang), lang);
}

/** The chart alone (PNG bytes), e.g. for a platform that uploads files. */
export async function statsChartPng(deps: ServiceDeps, actor: Actor, lang: Lang): Promise<Buffer> {
  const { figures, orgName, date } = await statsForFile(deps, actor, 'stats.chart');
  return renderStatsChart(figures, statsNames(deps, lang), lang, { org: orgName, date });
}
