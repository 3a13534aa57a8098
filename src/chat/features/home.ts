/** The home view (Slack App Home): overdue items, this week's meetings and deadlines, my cases. */
import { DateTime } from 'luxon';
import { homeAgenda, listMyCaseRows, meetingLabel, ruleLabel } from '../../cases/case-query.service.ts';
import { overdueCutoff } from '../../deadlines/overdue.ts';
import { fmtDateTime } from '../../i18n/dates.ts';
import { tx } from '../texts.ts';
import { mineReply } from '../views.ts';
import type { ChatCtx, ChatReply } from './feature.ts';

export async function homeView(x: ChatCtx): Promise<ChatReply> {
  const { lang, deps } = x;
  const tz = x.org.timeZone;
  const rows = await listMyCaseRows(deps, x.actor);
  const mine = rows.map((r) => r.mine);
  const now = deps.clock.now();
  const weekEnd = DateTime.fromJSDate(now, { zone: tz }).endOf('week').toJSDate();
  const byId = new Map(rows.map((r) => [r.caseId, { code: r.mine.summary.code, playbookKey: r.playbookKey }]));
  const { meetings, deadlines } = await homeAgenda(deps, [...byId.keys()], now, weekEnd);
  const labelled = (caseId: string, key: string, label: typeof ruleLabel) => {
    const k = byId.get(caseId)!;
    const pb = deps.playbooks.get(k.playbookKey);
    return { code: k.code, text: pb ? label(pb, key, lang) : key };
  };
  const cutoff = overdueCutoff(now, tz);
  const week = [
    ...meetings.map((m) => { const l = labelled(m.caseId, m.type, meetingLabel); return `${fmtDateTime(m.startsAt, tz, lang)} · **${l.code}** · ${l.text}`; }),
    ...deadlines.filter((d) => d.dueAt >= cutoff).map((d) => { const l = labelled(d.caseId, d.ruleKey, ruleLabel); return `${fmtDateTime(d.dueAt, tz, lang)} · **${l.code}** · ${l.text}`; }),
  ];
  const overdue = deadlines.filter((d) => d.dueAt < cutoff).map((d) => { const l = labelled(d.caseId, d.ruleKey, ruleLabel); return `⚠ **${l.code}** · ${l.text}`; });
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
