/** A case's records: the log with the plan, the audit trail with legal hold, and the export. */
import { getAuditTrail, getCaseLog, caseLegalHold } from '../../cases/case-query.service.ts';
import { getActionPlan } from '../../plans/plan.service.ts';
import { setLegalHold } from '../../retention/retention.service.ts';
import { auditActionLabel, platformLabel } from '../audit-labels.ts';
import { exportPdf } from '../export-pdf.ts';
import { buildCaseExport, exportMarkdown } from '../export.ts';
import { fmtDateTime } from '../../i18n/dates.ts';
import { textReply } from '../../ports/reply.ts';
import { tx } from '../texts.ts';
import { logReply } from '../views.ts';
import type { ActionIdOf } from '../../ports/action-ids.ts';
import type { ActionHandler, ChatCtx, ChatReply, Feature } from './feature.ts';

async function log(x: ChatCtx, code: string): Promise<ChatReply> {
  const r = await getCaseLog(x.deps, x.actor, code);
  const plan = await getActionPlan(x.deps, x.actor, code);
  return logReply(r.code, r.lines, r.playbook, x.org.timeZone, x.lang, { items: plan.items, open: plan.status === 'OPEN', maintenancePlan: plan.maintenancePlan });
}

async function audit(x: ChatCtx, code: string): Promise<ChatReply> {
  const { lang } = x;
  const r = await getAuditTrail(x.deps, x.actor, code);
  const items = r.events.slice(-60).map((e) => `${fmtDateTime(e.at, x.org.timeZone, lang)} · ${e.actor ?? 'Stafett'} · ${platformLabel(e.platform, lang)} · ${auditActionLabel(e.action, lang)}${e.outcome === 'DENIED' ? ` · ${tx(lang, 'audit.denied')}` : ''}`);
  const held = await caseLegalHold(x.deps, x.actor.orgId, r.code);
  return {
    visibility: 'private',
    blocks: [
      { type: 'header', text: tx(lang, 'audit.header', { code: r.code }) },
      { type: 'list', items },
      { type: 'text', text: tx(lang, held ? 'hold.on' : 'hold.off') },
      { type: 'actions', buttons: [held ? { label: tx(lang, 'btn.liftHold'), action: 'case.unhold', value: r.code } : { label: tx(lang, 'btn.hold'), action: 'case.hold', value: r.code, style: 'danger' }] },
    ],
    fallbackText: tx(lang, 'audit.header', { code: r.code }),
  };
}

async function exportCase(x: ChatCtx, code: string): Promise<ChatReply> {
  const doc = await buildCaseExport(x.deps, x.actor, code, x.lang, x.org.timeZone);
  const pdf = await exportPdf(doc, x.deps.clock.now());
  return {
    ...textReply(tx(x.lang, 'export.readyBoth', { code: doc.code })),
    attachments: [
      { fileName: `${doc.code}.md`, mimeType: 'text/markdown', content: exportMarkdown(doc) },
      { fileName: `${doc.code}.pdf`, mimeType: 'application/pdf', content: pdf.toString('base64'), encoding: 'base64' },
    ],
  };
}

const hold: ActionHandler = async (x, a) => {
  const on = a.action === 'case.hold';
  const r = await setLegalHold(x.deps, x.actor, a.code, on);
  return textReply(`✅ ${tx(x.lang, on ? 'ok.hold' : 'ok.unhold', { code: r.code })}`);
};

export const records: Feature<'log' | 'audit' | 'export', ActionIdOf<'records'>> = {
  name: 'records',
  commands: {
    log: (x, cmd) => log(x, cmd.caseCode),
    audit: (x, cmd) => audit(x, cmd.caseCode),
    export: (x, cmd) => exportCase(x, cmd.caseCode),
  },
  actions: {
    'case.log': (x, a) => log(x, a.code),
    'case.export': (x, a) => exportCase(x, a.code),
    'case.hold': hold,
    'case.unhold': hold,
  },
  forms: {},
};
