/**
 * Aggregated statistics for team leads and steering groups. Counts from 1 to 4 are suppressed
 * ("<5") so no figure can point at an individual student.
 */
import type { Actor } from '../orgs/org.service.ts';
import { recordAudit } from '../audit/audit.ts';
import type { ServiceDeps } from '../shared/deps.ts';
import type { Lang } from '../chat/format.ts';
import type { Reply } from '../chat/reply.ts';
import { tx } from '../chat/texts.ts';
import { label } from '../playbooks/index.ts';

/** Small-count suppression: 0 stays 0, 1–4 become "<5". */
export function suppress(n: number): string {
  return n > 0 && n < 5 ? '<5' : String(n);
}

export interface StatsFigures {
  openByStage: { playbook: string; stage: string; count: number }[];
  open: number;
  closed: number;
  closedByReason: { reason: string; count: number }[];
  concerns: number;
  consents: { given: number; declined: number; withdrawn: number };
  overdue: number;
  deviationsByTheme: { theme: string; count: number }[];
}

/** Computes the organisation's figures (unsuppressed; rendering suppresses). */
export async function computeFigures(deps: ServiceDeps, orgId: string): Promise<StatsFigures> {
  const now = deps.clock.now();
  const p = deps.prisma;
  const [byStage, closedByReason, open, closed, concerns, consentGroups, overdue, deviations] = await Promise.all([
    p.case.groupBy({ by: ['playbookKey', 'stage'], where: { orgId, status: 'OPEN' }, _count: { _all: true } }),
    p.case.groupBy({ by: ['closureReason'], where: { orgId, status: { in: ['CLOSED', 'PURGED'] } }, _count: { _all: true } }),
    p.case.count({ where: { orgId, status: 'OPEN' } }),
    p.case.count({ where: { orgId, status: { in: ['CLOSED', 'PURGED'] } } }),
    p.concernReport.count({ where: { case: { orgId } } }),
    p.consent.groupBy({ by: ['status'], where: { case: { orgId } }, _count: { _all: true } }),
    p.deadline.count({ where: { case: { orgId, status: 'OPEN' }, status: 'OPEN', dueAt: { lt: now } } }),
    p.deviation.groupBy({ by: ['theme'], where: { orgId }, _count: { _all: true } }),
  ]);
  const consent = (s: string) => consentGroups.find((g) => g.status === s)?._count._all ?? 0;
  return {
    openByStage: byStage.map((g) => ({ playbook: g.playbookKey, stage: g.stage, count: g._count._all })),
    open,
    closed,
    closedByReason: closedByReason.map((g) => ({ reason: g.closureReason ?? '–', count: g._count._all })),
    concerns,
    consents: { given: consent('GIVEN'), declined: consent('DECLINED'), withdrawn: consent('WITHDRAWN') },
    overdue,
    deviationsByTheme: deviations.map((g) => ({ theme: g.theme, count: g._count._all })),
  };
}

/** The `statistik` reply. */
export async function computeStats(deps: ServiceDeps, actor: Actor, lang: Lang, orgName: string): Promise<Reply> {
  const f = await computeFigures(deps, actor.orgId);
  await recordAudit(deps.prisma, { at: deps.clock.now(), orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: 'stats.read' });
  const stageName = (pbKey: string, stage: string) => {
    const pb = deps.playbooks.get(pbKey);
    const s = pb?.stages.find((x) => x.key === stage);
    return `${pb ? label(pb.labels, lang) : pbKey}: ${s ? label(s.labels, lang) : stage}`;
  };
  const reasonName = (key: string) => {
    for (const pb of deps.playbooks.list()) {
      const r = pb.closure.reasons?.find((x) => x.key === key);
      if (r) return label(r.labels, lang);
    }
    return key;
  };
  const text = [
    `**${tx(lang, 'stats.open')}:** ${suppress(f.open)} · **${tx(lang, 'stats.closed')}:** ${suppress(f.closed)} · **${tx(lang, 'stats.overdue')}:** ${suppress(f.overdue)}`,
    `**${tx(lang, 'stats.concerns')}:** ${suppress(f.concerns)} · **${tx(lang, 'stats.consents')}:** ${suppress(f.consents.given)} / ${suppress(f.consents.declined)} / ${suppress(f.consents.withdrawn)}`,
  ].join('\n');
  return {
    visibility: 'shared',
    blocks: [
      { type: 'header', text: tx(lang, 'stats.header', { org: orgName }) },
      { type: 'text', text },
      { type: 'text', text: `**${tx(lang, 'stats.byStage')}:**` },
      { type: 'list', items: f.openByStage.length ? f.openByStage.map((g) => `${stageName(g.playbook, g.stage)}: ${suppress(g.count)}`) : ['0'] },
      ...(f.closedByReason.length ? [{ type: 'text' as const, text: `**${tx(lang, 'stats.closedReasons')}:**` }, { type: 'list' as const, items: f.closedByReason.map((g) => `${reasonName(g.reason)}: ${suppress(g.count)}`) }] : []),
      ...(f.deviationsByTheme.length ? [{ type: 'text' as const, text: `**${tx(lang, 'stats.deviations')}:**` }, { type: 'list' as const, items: f.deviationsByTheme.map((g) => `${g.theme}: ${suppress(g.count)}`) }] : []),
      { type: 'text', text: `_${tx(lang, 'stats.note')}_` },
    ],
    fallbackText: tx(lang, 'stats.header', { org: orgName }),
  };
}
