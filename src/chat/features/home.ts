/** The home view (Slack App Home): overdue items, this week's meetings and deadlines, my cases. */
import { meetingLabel, ruleLabel, type MyCaseLine } from '../../cases/case-query.service.ts';
import { overdueCutoff } from '../../deadlines/overdue.ts';
import { fmtDateTime } from '../../i18n/dates.ts';
import { tx } from '../texts.ts';
import { mineReply } from '../views.ts';
import type { ChatCtx, ChatReply } from './feature.ts';

/**
 * The view from App Home's read (`loadHome`, which also checks who is asking): the week runs until
 * `weekEnd`, the end of Sunday in the organisation's time zone.
 */
export function homeView(x: ChatCtx, { weekEnd, rows }: { weekEnd: Date; rows: MyCaseLine[] }): ChatReply {
  const { lang, deps } = x;
  const tz = x.org.timeZone;
  const now = deps.clock.now();
  const mine = rows.map((r) => r.mine);
  const byTime = <T extends { at: Date }>(list: T[]) => list.sort((a, b) => a.at.getTime() - b.at.getTime());
  const meetings = byTime(rows.flatMap((r) => r.meetingsUntil.map((m) => ({ row: r, at: m.startsAt, key: m.type }))));
  const deadlines = byTime(rows.flatMap((r) => r.openDeadlines.filter((d) => d.dueAt <= weekEnd).map((d) => ({ row: r, at: d.dueAt, key: d.ruleKey }))));
  const label = (r: MyCaseLine, key: string, of: typeof ruleLabel) => {
    const pb = deps.playbooks.get(r.playbookKey);
    return pb ? of(pb, key, lang) : key;
  };
  const cutoff = overdueCutoff(now, tz);
  const week = [
    ...meetings.map((m) => `${fmtDateTime(m.at, tz, lang)} · **${m.row.mine.summary.code}** · ${label(m.row, m.key, meetingLabel)}`),
    ...deadlines.filter((d) => d.at >= cutoff).map((d) => `${fmtDateTime(d.at, tz, lang)} · **${d.row.mine.summary.code}** · ${label(d.row, d.key, ruleLabel)}`),
  ];
  const overdue = deadlines.filter((d) => d.at < cutoff).map((d) => `⚠ **${d.row.mine.summary.code}** · ${label(d.row, d.key, ruleLabel)}`);
  const mineView = mineReply(mine, tz, lang);
  return {
    visibility: 'private',
    blocks: [
      { type: 'header', text: tx(lang, 'home.header') },
      { type: 'actions', buttons: [{ label: tx(lang, 'btn.newCase'), action: 'case.new', value: 'new', style: 'primary' }, { label: tx(lang, 'btn.mine'), action: 'case.mine', value: 'mine' }] },
      { type: 'text', text: `**${tx(lang, 'home.overdue')}**` },
      overdue.length ? { type: 'list', items: overdue } : { type: 'text', text: tx(lang, 'home.none') },
      { type: 'text', text: `**${tx(lang, 'home.week')}**` },
      week.length ? { type: 'list', items: week } : { type: 'text', text: tx(lang, 'home.none') },
      { type: 'divider' },
      ...mineView.blocks,
    ],
    fallbackText: tx(lang, 'home.header'),
  };
}
