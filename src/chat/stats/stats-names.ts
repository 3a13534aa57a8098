/** Localized names (playbooks, stages, tiers, rules, …) for the keys found in the statistics figures. */
import type { Lang } from '../../i18n/lang.ts';
import { label } from '../../playbooks/index.ts';
import type { ServiceDeps } from '../../shared/deps.ts';
import { windowText } from '../absence.messages.ts';
import { ruleLabel } from '../../cases/case-query.service.ts';
import { st } from './stats.messages.ts';

/** Localized names for keys found in the figures. */
export type StatsNames = ReturnType<typeof statsNames>;

export function statsNames(deps: ServiceDeps, lang: Lang) {
  const pbShort = (pbKey: string) => {
    const pb = deps.playbooks.get(pbKey);
    return pb ? label(pb.labels, lang) : pbKey;
  };
  return {
    playbook: pbShort,
    stage: (pbKey: string, stage: string) => {
      const s = deps.playbooks.get(pbKey)?.stages.find((x) => x.key === stage);
      return `${pbShort(pbKey)}: ${s ? label(s.labels, lang) : stage}`;
    },
    stageShort: (pbKey: string, stage: string) => {
      const s = deps.playbooks.get(pbKey)?.stages.find((x) => x.key === stage);
      return `${pbKey.split('-')[0]!.toUpperCase()} ${s ? label(s.labels, lang) : stage}`;
    },
    tier: (pbKey: string, tier: string) => {
      const t = deps.playbooks.get(pbKey)?.tiers?.find((x) => x.key === tier);
      return `${pbShort(pbKey)}: ${t ? label(t.labels, lang) : tier}`;
    },
    meeting: (pbKey: string, type: string) => {
      const m = deps.playbooks.get(pbKey)?.meetingTypes.find((x) => x.key === type);
      return m ? label(m.labels, lang) : type;
    },
    rule: (pbKey: string, rule: string) => {
      const pb = deps.playbooks.get(pbKey);
      // Playbook rules and the built-in ones (an action's due date, its evaluation, the guardian task).
      return pb ? ruleLabel(pb, rule, lang) : rule;
    },
    reason: (key: string) => {
      for (const pb of deps.playbooks.list()) {
        const r = pb.closure.reasons?.find((x) => x.key === key);
        if (r) return label(r.labels, lang);
      }
      return key;
    },
    theme: (key: string) => {
      for (const pb of deps.playbooks.list()) {
        const t = pb.features.deviationThemes.find((x) => x.key === key);
        if (t) return label(t.labels, lang);
      }
      return key;
    },
    offset: (offset: string) => (offset.endsWith('WD') ? `${offset.slice(0, -2)} ${lang === 'en' ? 'working days' : lang === 'nb' ? 'arbeidsdager' : 'arbetsdagar'}` : windowText(lang, offset)),
    unit: (u: { unitName: string | null }) => u.unitName ?? st(lang, 'noUnit'),
  };
}
