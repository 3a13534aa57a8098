/**
 * The one conversation layer every chat surface goes through: typed commands, form submissions
 * and button clicks become calls to the application services; results and domain errors become
 * localized Replies. Adapters only translate transport payloads and render Replies.
 */
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { DateTime } from 'luxon';
import { importAttendance, importReply, openCaseFromSignal } from '../absence/absence.service.ts';
import type { Config } from '../config.ts';
import { parseCaseCode, parseCommand, type Command } from '../commands/index.ts';
import { acceptHandover, advanceStage, assignRole, closeCase, declineHandover, openCase, recordConcern, recordDeviation, recordOutput, requestHandover, setCaseChannel, setTier } from '../cases/case.service.ts';
import { getAuditTrail, getCaseDetails, getCaseLog, getCaseStatus, listMyCases, meetingLabel, ruleLabel, stageLabel } from '../cases/case-query.service.ts';
import { recordConsent, withdrawConsent } from '../consent/consent.service.ts';
import { concernReportsReply } from './concern-view.ts';
import { decideShare, listShareRequests, requestShare } from '../consent/share.service.ts';
import { shareTexts } from '../consent/share.messages.ts';
import { shareListReply, shareRequestForm } from './share-view.ts';
import { listConcernReports } from '../cases/concern.service.ts';
import { concernCheckAnswered, concernViewButton } from '../cases/concern.messages.ts';
import type { DevClockStore } from '../infra/dev-clock.ts';
import { meetingInvitation } from '../meetings/meeting-invitation.ts';
import { cancelMeeting, recordMeetingOutcome, rescheduleMeeting, scheduleMeeting } from '../meetings/meeting.service.ts';
import { linkColleague, normalizeLangLoose, resolveActor, type Actor } from '../orgs/org.service.ts';
import { recordAudit } from '../audit/audit.ts';
import { checkCaseAccess } from '../cases/case-access.ts';
import type { Permission } from '../access/policy.ts';
import { assertPersonActive, describeOrgRoles } from '../directory/directory-access.ts';
import { addAction, getActionPlan, pendingPlanItems, recordDecision, setMaintenancePlan } from '../plans/plan.service.ts';
import { setLegalHold } from '../retention/retention.service.ts';
import { ORG_ROLE_LABELS, OUTPUT_LABELS, type Playbook } from '../playbooks/index.ts';
import { addPerson, isAdmin } from '../orgs/people.service.ts';
import type { NotifierRegistry, NotifyPlatform } from '../ports/notifier.ts';
import type { Reminders } from '../reminders/index.ts';
import { computeStats } from '../stats/stats.service.ts';
import type { ServiceDeps } from '../shared/deps.ts';
import { currentRequest, runInRequest } from '../shared/request-context.ts';
import { DomainError, isDomainError } from '../shared/errors.ts';
import { errorText, formatParseError, formatUnknownCommand, renderHelp, t } from '../shared/i18n.ts';
import type { ActorRef } from './actor.ts';
import type { ChatPort, FileOffer, RequestOptions } from './chat-port.ts';
import { declineOfferedFile, deliverOfferedFile, offerFiles } from '../files/offered-file.service.ts';
import { buildCaseExport, exportMarkdown } from './export.ts';
import { overdueCutoff } from '../deadlines/overdue.ts';
import { exportPdf } from './export-pdf.ts';
import * as F from './forms.ts';
import { fmtDate, fmtDateTime, parseLocalDateTime, type Lang } from './format.ts';
import { textReply, type FormField, type FormResult, type FormSpec, type Reply, type ReplyFile } from './reply.ts';
import { checkFieldValue } from './form-check.ts';
import { consentScopesIn, meetingTypeIn } from './prefill.ts';
import { auditActionLabel, platformLabel } from './audit-labels.ts';
import { tx } from './texts.ts';
import { logReply, mineReply, sharedSummaryReply, statusReply } from './views.ts';
import { personInitial, personRef, planButton, planCommand, planItemLine, planSubmit, type PlanChatContext } from './plan-chat.ts';
import { pt } from './plan.texts.ts';

export interface ChatDeps {
  deps: ServiceDeps;
  notifier: NotifierRegistry;
  reminders: Reminders;
  devClock?: DevClockStore;
  config: Pick<Config, 'production'>;
}

interface OrgInfo {
  name: string;
  timeZone: string;
  holidayRegion: string;
  playbooks: string[];
  casePrefix: string;
}

/** Thrown inside form handlers to show a message next to one field. */
class FieldError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

/**
 * True when an error (or one it wraps) says the database cannot be reached or is saturated right
 * now (no connection within the wait, a transaction timed out and rolled back): the person is
 * asked to try again, never told "something went wrong". Nothing was committed in either case.
 */
export function isDbUnavailable(e: unknown): boolean {
  const pattern = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Connection terminated|connection error|not queryable|server closed the connection|terminating connection|shutting down|starting up|Can't reach database|timeout exceeded when trying to connect|57P0[123]|08006|08001|08003|P1001|P1002|P1017|P2024|DatabaseNotReachable|ConnectionClosed|SocketTimeout|P2028|Unable to start a transaction|expired transaction|Transaction already closed|too many clients|remaining connection slots/i;
  for (let cur: unknown = e, depth = 0; cur && depth < 6; depth++) {
    const x = cur as { message?: unknown; code?: unknown; originalCode?: unknown; kind?: unknown; cause?: unknown };
    if (pattern.test(`${String(x.message ?? '')} ${String(x.code ?? '')} ${String(x.originalCode ?? '')} ${String(x.kind ?? '')}`)) return true;
    cur = x.cause;
  }
  return false;
}

export class ChatService implements ChatPort {
  private readonly orgCache = new Map<string, OrgInfo>();
  /**
   * Who a platform user is, for a short while: identity and language only — permissions are
   * decided from fresh data on every call.
   */
  private readonly actorCache = new Map<string, { actor: Actor; until: number }>();

  private async actorOf(ref: ActorRef): Promise<Actor> {
    const key = `${ref.platform}:${ref.workspaceId ?? ''}:${ref.userId}`;
    const now = Date.now();
    const hit = this.actorCache.get(key);
    if (hit && hit.until > now) {
      // Deprovisioning on any instance ends access at once: the cache never outlives `active`.
      await assertPersonActive(this.deps.prisma, hit.actor.personId);
      return { ...hit.actor, ref };
    }
    const actor = await resolveActor(this.deps.prisma, ref, { log: this.deps.log, now: () => this.deps.clock.now() });
    await assertPersonActive(this.deps.prisma, actor.personId);
    if (this.actorCache.size > 5000) this.actorCache.clear();
    this.actorCache.set(key, { actor, until: now + 30_000 });
    return actor;
  }

  constructor(private readonly c: ChatDeps) {}

  private get deps(): ServiceDeps {
    return this.c.deps;
  }

  private async org(orgId: string): Promise<OrgInfo> {
    let o = this.orgCache.get(orgId);
    if (!o) {
      const row = await this.deps.prisma.organisation.findUniqueOrThrow({ where: { id: orgId } });
      o = { name: row.name, timeZone: row.timeZone, holidayRegion: row.holidayRegion, playbooks: ((row.settings as { playbooks?: string[] }).playbooks ?? []), casePrefix: row.casePrefix };
      this.orgCache.set(orgId, o);
    }
    return o;
  }

  private orgPlaybooks(o: OrgInfo): Playbook[] {
    const list = o.playbooks.length ? o.playbooks : this.deps.playbooks.list().map((p) => p.key);
    return list.map((k) => this.deps.playbooks.get(k)).filter((p): p is Playbook => Boolean(p));
  }

  private async playbookOf(actor: Actor, code: string): Promise<Playbook> {
    const k = await this.deps.prisma.case.findUnique({ where: { orgId_code: { orgId: actor.orgId, code: code.toUpperCase() } }, select: { playbookKey: true, playbookVersion: true } });
    if (!k) throw new DomainError('CASE.NOT_FOUND', { code: code.toUpperCase() });
    const pb = this.deps.playbooks.get(k.playbookKey, k.playbookVersion) ?? this.deps.playbooks.get(k.playbookKey);
    if (!pb) throw new DomainError('PLAYBOOK.UNKNOWN', { key: k.playbookKey });
    return pb;
  }

  /**
   * Who is asking, for a request that is about to be served — or null when Stafett would refuse
   * them. For adapter bookkeeping (the Teams conversation store): identity is decided here, not
   * in the adapter. Quiet: the request's own answer is refused and audited.
   */
  async identify(ref: ActorRef): Promise<{ personId: string; orgId: string } | null> {
    try {
      const actor = await resolveActor(this.deps.prisma, ref, { quiet: true, now: () => this.deps.clock.now() });
      return { personId: actor.personId, orgId: actor.orgId };
    } catch (e) {
      if (isDomainError(e)) return null;
      throw e;
    }
  }

  /** Runs `fn` for a resolved actor; every failure becomes a localized reply, never a trace. */
  private async guarded(ref: ActorRef, fn: (actor: Actor, lang: Lang) => Promise<Reply>, inputs: readonly string[] = []): Promise<Reply> {
    let lang: Lang = ref.locale ? normalizeLangLoose(ref.locale) : 'sv';
    try {
      const actor = await this.actorOf(ref);
      lang = actor.lang;
      await this.refuseUnstorable(actor, inputs);
      return await fn(actor, lang);
    } catch (e) {
      return this.errorReply(e, lang);
    }
  }

  /**
   * Text the database cannot store (NUL) or that is not well-formed Unicode (a lone surrogate) is
   * refused before anything runs, with a clear message and an audit row naming only the reason.
   */
  private async refuseUnstorable(actor: Actor, inputs: readonly string[]): Promise<void> {
    const bad = inputs.findIndex((v) => typeof v === 'string' && (v.includes('\u0000') || !v.isWellFormed()));
    if (bad < 0) return;
    await recordAudit(this.deps.prisma, { at: this.deps.clock.now(), orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: 'input.refused', outcome: 'DENIED', detail: { reason: 'invalid-characters' } });
    this.deps.log.warn({ refused: 'invalid-characters', platform: actor.platform }, 'request refused');
    throw new DomainError('INPUT.INVALID_CHARS');
  }

  private errorReply(e: unknown, lang: Lang): Reply {
    // Somebody the organisation does not know: the refusal, what Stafett is, and who can add them.
    if (isDomainError(e) && e.code === 'IDENTITY.UNKNOWN_USER') return textReply(`⚠ ${errorText(lang, e.code, e.params)}\n\n${renderHelp(lang)}`);
    if (isDomainError(e)) return textReply(`⚠ ${errorText(lang, e.code, e.params)}`);
    if (isDbUnavailable(e)) {
      this.deps.log.warn({ err: e }, 'database unavailable while serving a request');
      return textReply(`⚠ ${errorText(lang, 'DB.UNAVAILABLE')}`);
    }
    this.deps.log.error({ err: e }, 'unexpected error while serving a chat request');
    return textReply(`⚠ ${errorText(lang, 'INTERNAL')}`);
  }

  // -------------------------------------------------------------------------------------------
  // Typed commands

  /**
   * Runs one inbound request with its idempotency key in scope: every write it makes claims the
   * key (src/shared/idempotency.ts), so a retry returns the first result and writes nothing. When
   * it wrote notices, the dispatcher is woken once everything has committed.
   */
  private inRequest<T>(opts: RequestOptions, fn: () => Promise<T>): Promise<T> {
    if (currentRequest()) return fn();
    return runInRequest(opts.requestKey, async (ctx) => {
      try {
        return await fn();
      } finally {
        if (ctx.notices) this.c.reminders.kick();
      }
    });
  }

  async handleText(ref: ActorRef, text: string, opts: RequestOptions = {}): Promise<Reply> {
    return this.inRequest(opts, () => this.guarded(ref, async (actor, lang) => {
      if (typeof text !== 'string') throw new DomainError('FORM.UNKNOWN');
      const o = await this.org(actor.orgId);
      const parsed = parseCommand(text, { timeZone: o.timeZone });
      if (!parsed.ok) {
        // Commands whose free text is optional in chat: open the form instead of refusing.
        if (parsed.error.code === 'COMMAND.MISSING_TEXT' && parsed.error.command) {
          const code = parseCaseCode(text.trim().split(/\s+/)[1] ?? '');
          if (code) return this.commandForm(actor, lang, parsed.error.command, code);
        }
        return textReply(`⚠ ${this.ownCodes(o, formatParseError(lang, parsed.error))}`);
      }
      return this.runCommand(actor, lang, o, parsed.command, opts);
    }, [text]));
  }

  /**
   * A form for a case is shown only to someone who may submit it; the check (allowed or refused)
   * is audited like any other access to the case.
   */
  private async gate(actor: Actor, code: string, permission: Permission, form: string): Promise<void> {
    await checkCaseAccess(this.deps, actor, code, permission, `form.${form}.open`);
  }

  /** Examples in help and hints use the organisation's own case codes (DEMO-26-0042, not ST-…). */
  private ownCodes(o: OrgInfo, text: string): string {
    const yy = DateTime.fromJSDate(this.deps.clock.now(), { zone: o.timeZone }).toFormat('yy');
    return text.replace(/\bST-\d{2}-(\d{4})\b/g, `${o.casePrefix}-${yy}-$1`);
  }

  private async commandForm(actor: Actor, lang: Lang, command: string, code: string): Promise<Reply> {
    // With a consent in force this offers its withdrawal too, not only a new consent.
    if (command === 'consent') return this.consentView(actor, lang, code);
    await this.gate(actor, code, command === 'concern' ? 'case.concern' : 'case.write', command);
    const pb = await this.playbookOf(actor, code);
    const o = await this.org(actor.orgId);
    const form =
      command === 'decision' ? F.decisionForm(lang, code, pb)
      : command === 'action' ? F.actionForm(lang, code, undefined, { owner: await this.ownerInitial(actor) })
      : command === 'consent' ? null
      : command === 'concern' ? F.concernForm(lang, code, o.holidayRegion)
      : command === 'deviation' ? F.deviationForm(lang, code, pb)
      : null;
    if (!form) throw new DomainError('FORM.UNKNOWN');
    return formReply(form);
  }

  private async runCommand(actor: Actor, lang: Lang, o: OrgInfo, cmd: Command, opts: RequestOptions): Promise<Reply> {
    const tz = o.timeZone;
    const inChannel = actor.ref.conversation?.kind === 'channel' || actor.ref.conversation?.kind === 'groupChat';
    switch (cmd.name) {
      case 'help':
        return textReply(this.ownCodes(o, renderHelp(lang, { topic: cmd.topic, includeDev: Boolean(this.c.devClock) })));
      case 'unknown':
        return textReply(`${formatUnknownCommand(lang, cmd)}`);
      case 'new': {
        const pbs = this.orgPlaybooks(o);
        const word = cmd.rest?.split(/\s+/)[0]?.toLowerCase() ?? '';
        const named = word ? pbs.find((p) => p.key === word || p.key.split('-').slice(1).join('-') === word || p.key.split('-')[0] === word) : undefined;
        if (pbs.length === 1 || named) {
          const reason = named ? cmd.rest?.split(/\s+/).slice(1).join(' ') || undefined : cmd.rest;
          return this.newCaseForm(actor, lang, named ?? pbs[0]!, reason);
        }
        return formReply(F.choosePlaybookForm(lang, pbs, cmd.rest));
      }
      case 'status': {
        if (!cmd.caseCode) return mineReply(await listMyCases(this.deps, actor), tz, lang);
        const st = await getCaseStatus(this.deps, actor, cmd.caseCode);
        const pb = st.playbook;
        if (inChannel) {
          const shared = sharedSummaryReply(st.summary, tz, lang);
          return st.details || st.concernReports ? { ...shared, privateFollowUp: statusReply(st, tz, lang, pb) } : shared;
        }
        return statusReply(st, tz, lang, pb);
      }
      case 'mine':
        return mineReply(await listMyCases(this.deps, actor), tz, lang);
      case 'meeting': {
        // `möte KOD nätverksmöte …`: the person is booking; the form opens with that type.
        if (cmd.rest) {
          const pb = await this.playbookOf(actor, cmd.caseCode);
          const type = meetingTypeIn(pb, cmd.rest);
          if (type) return formReply(F.meetingForm(lang, cmd.caseCode.toUpperCase(), pb, type));
        }
        return this.meetingsView(actor, lang, cmd.caseCode);
      }
      case 'decision': {
        if (!cmd.rest) return this.commandForm(actor, lang, 'decision', cmd.caseCode);
        const r = await recordDecision(this.deps, actor, cmd.caseCode, { text: cmd.rest }, opts);
        return textReply(`✅ ${tx(lang, 'ok.decision', { code: r.code })}`);
      }
      case 'action': {
        if (!cmd.rest) return this.commandForm(actor, lang, 'action', cmd.caseCode);
        return formReply(F.actionForm(lang, cmd.caseCode.toUpperCase(), cmd.rest, { owner: await this.ownerInitial(actor) }));
      }
      case 'done':
      case 'evaluate':
      case 'revise':
        return planCommand(this.planCtx(actor, lang, tz), cmd);
      case 'consent': {
        // `samtycke KOD skolan och socialtjänsten`: the consent form with those parties chosen.
        const scopes = consentScopesIn(cmd.rest ?? '');
        if (scopes.length) return formReply(F.consentForm(lang, cmd.caseCode.toUpperCase(), scopes.join(',')));
        return this.consentView(actor, lang, cmd.caseCode);
      }
      case 'handover': {
        if (!cmd.target) return formReply(F.handoverForm(lang, cmd.caseCode));
        const target = await this.colleague(actor, cmd.target.kind === 'slack' ? { slackUserId: cmd.target.id } : { text: cmd.target.value }, opts);
        const r = await requestHandover(this.deps, actor, cmd.caseCode, target);
        return textReply(`✅ ${tx(lang, 'ok.handoverRequested', { name: r.toName, code: cmd.caseCode })}`);
      }
      case 'accept': {
        const r = await acceptHandover(this.deps, actor, cmd.caseCode);
        return textReply(`✅ ${tx(lang, 'ok.handoverAccepted', { code: r.code })}`);
      }
      case 'decline': {
        const r = await declineHandover(this.deps, actor, cmd.caseCode, cmd.rest);
        return textReply(tx(lang, 'ok.handoverDeclined', { code: r.code }));
      }
      case 'concern': {
        if (!cmd.rest) return this.commandForm(actor, lang, 'concern', cmd.caseCode);
        const r = await recordConcern(this.deps, actor, cmd.caseCode, { note: cmd.rest, recipient: o.holidayRegion === 'NO' ? 'BARNEVERN' : 'SOCIAL_SERVICES' });
        return textReply(`✅ ${tx(lang, 'ok.concern', { code: r.code, time: fmtDateTime(this.deps.clock.now(), tz, lang) })}`);
      }
      case 'deviation': {
        const pb = cmd.caseCode ? await this.playbookOf(actor, cmd.caseCode) : this.orgPlaybooks(o).find((p) => p.features.deviationReporting);
        return formReply(F.deviationForm(lang, cmd.caseCode, pb, cmd.rest));
      }
      case 'close':
        return this.closeFormFor(actor, lang, cmd.caseCode);
      case 'channel': {
        const conv = actor.ref.conversation;
        if (actor.platform === 'CONSOLE' || !conv || conv.kind === 'personal') return textReply(tx(lang, 'channel.console'));
        const r = await setCaseChannel(this.deps, actor, cmd.caseCode, actor.platform, conv.id);
        return { ...textReply(tx(lang, 'ok.channel', { code: r.code })), visibility: 'shared' };
      }
      case 'stats':
        return computeStats(this.deps, actor, lang, o.name);
      case 'log': {
        const r = await getCaseLog(this.deps, actor, cmd.caseCode);
        const plan = await getActionPlan(this.deps, actor, cmd.caseCode);
        return logReply(r.code, r.lines, r.playbook, tz, lang, { items: plan.items, open: plan.status === 'OPEN', maintenancePlan: plan.maintenancePlan });
      }
      case 'audit': {
        const r = await getAuditTrail(this.deps, actor, cmd.caseCode);
        const items = r.events.slice(-60).map((e) => `${fmtDateTime(e.at, tz, lang)} · ${e.actor ?? 'Stafett'} · ${platformLabel(e.platform, lang)} · ${auditActionLabel(e.action, lang)}${e.outcome === 'DENIED' ? ` · ${tx(lang, 'audit.denied')}` : ''}`);
        const held = (await this.deps.prisma.case.findUnique({ where: { orgId_code: { orgId: actor.orgId, code: r.code } }, select: { legalHold: true } }))?.legalHold ?? false;
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
      case 'export': {
        const doc = await buildCaseExport(this.deps, actor, cmd.caseCode, lang, tz);
        const pdf = await exportPdf(doc, this.deps.clock.now());
        return {
          ...textReply(tx(lang, 'export.readyBoth', { code: doc.code })),
          attachments: [
            { fileName: `${doc.code}.md`, mimeType: 'text/markdown', content: exportMarkdown(doc) },
            { fileName: `${doc.code}.pdf`, mimeType: 'application/pdf', content: pdf.toString('base64'), encoding: 'base64' },
          ],
        };
      }
      case 'share':
        return this.shareView(actor, lang, cmd.caseCode, cmd.rest);
      case 'advance':
        return this.advance(actor, lang, cmd.caseCode, cmd.targetStage);
      case 'clock':
        return this.clock(lang, tz, cmd.op);
      case 'people':
        return this.people(actor, lang, o);
      case 'signal': {
        const r = await openCaseFromSignal(this.deps, actor, cmd.rest.trim());
        return {
          visibility: 'private',
          blocks: [
            { type: 'text', text: `✅ ${tx(lang, r.created ? 'ok.signalOpened' : 'ok.signalExisting', { code: r.code })}` },
            { type: 'actions', buttons: [{ label: tx(lang, 'btn.status'), action: 'case.open', value: r.code, style: 'primary' }, { label: tx(lang, 'btn.meeting'), action: 'case.meeting', value: r.code }] },
          ],
          fallbackText: tx(lang, r.created ? 'ok.signalOpened' : 'ok.signalExisting', { code: r.code }),
        };
      }
      case 'import': {
        // Reading a path is only for the console, on the operator's own machine; chat platforms send the file.
        if (actor.platform !== 'CONSOLE' || !cmd.rest) return textReply(tx(lang, 'import.sendFile'));
        const file = cmd.rest.trim();
        let stream;
        try {
          await access(file);
          stream = createReadStream(file);
        } catch {
          return textReply(`⚠ ${tx(lang, 'import.noFile', { file })}`);
        }
        return this.importAs(actor, lang, { fileName: path.basename(file), content: stream });
      }
    }
  }

  private planCtx(actor: Actor, lang: Lang, tz: string): PlanChatContext {
    return { deps: this.deps, actor, lang, tz };
  }

  /** The recorder as a person field shows them: the owner is chosen in the form, visibly. */
  private async ownerInitial(actor: Actor): Promise<string | undefined> {
    return personInitial(this.deps, actor, actor.personId);
  }

  /** The close form, listing open or unevaluated actions to confirm. */
  private async closeFormFor(actor: Actor, lang: Lang, code: string, reason?: string): Promise<Reply> {
    const pb = await this.playbookOf(actor, code);
    const tz = (await this.org(actor.orgId)).timeZone;
    const plan = await getActionPlan(this.deps, actor, code);
    return formReply(F.closeForm(lang, plan.code, pb, reason, pendingPlanItems(plan.items).map((a) => planItemLine(a, tz, lang))));
  }

  private async newCaseForm(actor: Actor, lang: Lang, pb: Playbook, reason?: string): Promise<Reply> {
    const units = await this.deps.prisma.schoolUnit.findMany({ where: { orgId: actor.orgId }, orderBy: { name: 'asc' } });
    return formReply(F.newCaseForm(lang, pb, units, { reason }));
  }

  private async people(actor: Actor, lang: Lang, o: OrgInfo): Promise<Reply> {
    if (!(await isAdmin(this.deps, actor))) return textReply(`⚠ ${tx(lang, 'people.adminOnly')}`);
    const units = await this.deps.prisma.schoolUnit.findMany({ where: { orgId: actor.orgId }, orderBy: { name: 'asc' } });
    const people = await this.deps.prisma.person.findMany({ where: { orgId: actor.orgId, active: true }, include: { roles: true }, orderBy: { displayName: 'asc' }, take: 60 });
    const roleLabels = Object.fromEntries(Object.entries(ORG_ROLE_LABELS).map(([k, v]) => [k, v[lang]]));
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const items = people.map((p) => `${p.displayName}${p.roles.length ? ` – ${describeOrgRoles(p.roles, roleLabels, unitName, (src) => tx(lang, `people.src.${src}` as 'people.src.SCIM'))}` : ''}`);
    const reply = formReply(F.personForm(lang, units, roleLabels));
    return { ...reply, blocks: [{ type: 'header', text: tx(lang, 'people.header', { org: o.name }) }, { type: 'list', items }] };
  }

  private async clock(lang: Lang, tz: string, op: Extract<Command, { name: 'clock' }>['op']): Promise<Reply> {
    const dc = this.c.devClock;
    if (!dc || this.c.config.production) return textReply(t(lang, 'clock.disabled'));
    let key: 'clock.now' | 'clock.advanced' | 'clock.movedBack' | 'clock.set' | 'clock.reset' = 'clock.now';
    if (op.kind === 'advance') { await dc.advance(op.ms); key = op.ms < 0 ? 'clock.movedBack' : 'clock.advanced'; }
    else if (op.kind === 'set') { await dc.set(new Date(op.at)); key = 'clock.set'; }
    else if (op.kind === 'reset') { await dc.set(new Date(Date.now())); key = 'clock.reset'; }
    else await dc.refresh();
    if (op.kind !== 'show') await this.c.reminders.sweepOnce();
    return textReply(t(lang, key, { time: fmtDateTime(dc.clock.now(), tz, lang) }));
  }

  private async advance(actor: Actor, lang: Lang, code: string, target?: string): Promise<Reply> {
    const pb = await this.playbookOf(actor, code);
    const kase = await this.deps.prisma.case.findUniqueOrThrow({ where: { orgId_code: { orgId: actor.orgId, code: code.toUpperCase() } }, select: { stage: true } });
    const options = pb.transitions.filter((tr) => tr.from === kase.stage);
    if (!target && options.length > 1) {
      // Only the branches that the recorded decisions leave open (status computes them).
      const open = (await getCaseStatus(this.deps, actor, code)).details?.nextSteps ?? [];
      if (open.length === 1) target = open[0]!.to;
      else if (open.length > 1) return formReply(F.advanceForm(lang, code.toUpperCase(), open.map((o) => ({ key: o.to, label: o.label }))));
    }
    const r = await advanceStage(this.deps, actor, code, target);
    const lines = [`✅ ${tx(lang, 'ok.advanced', { code: r.code, stage: stageLabel(pb, r.to, lang) })}`];
    const hint = pb.stages.find((s) => s.key === r.to)?.hint[lang];
    if (hint) lines.push(`**${tx(lang, 'status.hint')}:** ${hint}`);
    if (r.concernCheck && pb.concernReport) {
      // Once a report exists the question is answered; otherwise ask it.
      const tz = (await this.org(actor.orgId)).timeZone;
      lines.push(r.concernReportedAt ? concernCheckAnswered(lang, { code: r.code, at: r.concernReportedAt, tz }) : tx(lang, 'ok.concernCheck', { question: pb.concernReport.question[lang], code: r.code }));
    }
    return textReply(lines.join('\n'));
  }

  private async meetingsView(actor: Actor, lang: Lang, code: string): Promise<Reply> {
    const st = await getCaseDetails(this.deps, actor, code);
    const pb = st.playbook;
    if (!st.details) throw new DomainError('ACCESS.DENIED', { code });
    const tz = (await this.org(actor.orgId)).timeZone;
    const C = st.summary.code;
    if (!st.details.meetings.length) {
      const form = F.meetingForm(lang, C, pb);
      return { ...formReply(form), blocks: [{ type: 'text', text: tx(lang, 'meetings.none') }, { type: 'actions', buttons: [{ label: tx(lang, 'btn.recordUnplanned'), action: 'meeting.recordUnplanned', value: C }] }] };
    }
    const blocks: Reply['blocks'] = [{ type: 'header', text: tx(lang, 'meetings.header', { code: C }) }];
    for (const m of st.details.meetings) {
      blocks.push({ type: 'text', text: `**${m.typeLabel}** – ${fmtDateTime(m.startsAt, tz, lang)}${m.location ? `, ${m.location}` : ''}` });
      blocks.push({ type: 'actions', buttons: [
        { label: tx(lang, 'btn.record'), action: 'meeting.record', value: `${C}|${m.id}`, style: 'primary' },
        { label: tx(lang, 'btn.reschedule'), action: 'meeting.reschedule', value: `${C}|${m.id}` },
        { label: tx(lang, 'btn.cancelMeeting'), action: 'meeting.cancel', value: `${C}|${m.id}`, style: 'danger' },
      ] });
    }
    blocks.push({ type: 'actions', buttons: [{ label: tx(lang, 'btn.newMeeting'), action: 'case.meeting', value: C }, { label: tx(lang, 'btn.recordUnplanned'), action: 'meeting.recordUnplanned', value: C }] });
    return { visibility: 'private', blocks, fallbackText: tx(lang, 'meetings.header', { code: C }) };
  }

  /** Social services: the request form and their own requests; principal / team lead: pending requests to decide. */
  private async shareView(actor: Actor, lang: Lang, code: string, purpose?: string): Promise<Reply> {
    const r = await listShareRequests(this.deps, actor, code);
    const tz = (await this.org(actor.orgId)).timeZone;
    return shareListReply(r, tz, lang, r.canDecide ? undefined : shareRequestForm(lang, r.code, purpose));
  }

  private async consentView(actor: Actor, lang: Lang, code: string): Promise<Reply> {
    const st = await getCaseDetails(this.deps, actor, code);
    if (!st.details) throw new DomainError('ACCESS.DENIED', { code });
    const form = F.consentForm(lang, st.summary.code);
    const active = st.details.consents.filter((k) => k.status === 'GIVEN');
    if (!active.length) return formReply(form);
    // A consent is in force: offer both a new consent and its withdrawal (every surface shows the
    // buttons; a form would open at once in Slack and hide the withdrawal).
    const C = st.summary.code;
    const scopes = active.map((k) => k.scope.map((sc) => tx(lang, `opt.${sc}` as 'opt.SCHOOL')).join(', ')).join('; ');
    return {
      visibility: 'private',
      blocks: [
        { type: 'text', text: tx(lang, 'consent.active', { code: C, scopes }) },
        { type: 'actions', buttons: [{ label: tx(lang, 'btn.newConsent'), action: 'case.consentForm', value: C, style: 'primary' }, { label: tx(lang, 'btn.withdrawConsent'), action: 'consent.withdraw', value: C, style: 'danger' }] },
      ],
      fallbackText: tx(lang, 'consent.active', { code: C, scopes }),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Buttons

  async handleAction(ref: ActorRef, action: string, value: string, opts: RequestOptions = {}): Promise<Reply> {
    return this.inRequest(opts, () => this.guarded(ref, async (actor, lang) => {
      if (typeof action !== 'string' || typeof value !== 'string') throw new DomainError('FORM.UNKNOWN');
      const o = await this.org(actor.orgId);
      if (action.startsWith('nudge.')) {
        const r = await this.c.reminders.handleAction(actor, action, value);
        return r ?? textReply(`⚠ ${errorText(lang, 'NUDGE.NOT_FOUND')}`);
      }
      const [code = '', id = ''] = value.split('|');
      switch (action) {
        case 'case.new':
          return this.runCommand(actor, lang, o, { name: 'new' }, opts);
        case 'case.open':
          return this.runCommand(actor, lang, o, { name: 'status', caseCode: code }, opts);
        case 'case.mine':
          return this.runCommand(actor, lang, o, { name: 'mine' }, opts);
        case 'case.advance':
          return this.advance(actor, lang, code);
        case 'case.meetings':
          return this.meetingsView(actor, lang, code);
        case 'case.meeting':
          await this.gate(actor, code, 'case.write', 'meeting');
          return formReply(F.meetingForm(lang, code, await this.playbookOf(actor, code), id || undefined));
        case 'case.action':
          await this.gate(actor, code, 'case.write', 'action');
          return formReply(F.actionForm(lang, code, undefined, { owner: await this.ownerInitial(actor) }));
        case 'case.decision':
          await this.gate(actor, code, 'case.write', 'decision');
          return formReply(F.decisionForm(lang, code, await this.playbookOf(actor, code)));
        case 'case.consent':
          return this.consentView(actor, lang, code);
        case 'case.consentForm':
          return formReply(F.consentForm(lang, code));
        case 'case.addPerson':
          await this.gate(actor, code, 'case.manage', 'addPerson');
          return formReply(F.addPersonForm(lang, code, await this.playbookOf(actor, code)));
        case 'case.handover':
          await this.gate(actor, code, 'case.manage', 'handover');
          return formReply(F.handoverForm(lang, code));
        case 'case.concern':
          await this.gate(actor, code, 'case.concern', 'concern');
          return formReply(F.concernForm(lang, code, o.holidayRegion));
        case 'case.share':
          return this.shareView(actor, lang, code);
        case 'share.approve':
        case 'share.decline': {
          const r = await decideShare(this.deps, actor, code, id, action === 'share.approve');
          return textReply(`✅ ${r.approved ? shareTexts.okApproved(lang, { code: r.code }) : shareTexts.okDeclined(lang, { code: r.code })}`);
        }
        case 'concern.view': {
          const r = await listConcernReports(this.deps, actor, code);
          return concernReportsReply(r, o.timeZone, lang);
        }
        case 'case.close':
          await this.gate(actor, code, 'case.manage', 'close');
          return this.closeFormFor(actor, lang, code, id || undefined);
        case 'case.tier':
          await this.gate(actor, code, 'case.write', 'tier');
          return formReply(F.tierForm(lang, code, await this.playbookOf(actor, code)));
        case 'case.maintenancePlan':
          await this.gate(actor, code, 'case.write', 'maintenancePlan');
          return formReply(F.maintenancePlanForm(lang, code));
        case 'case.log':
          return this.runCommand(actor, lang, o, { name: 'log', caseCode: code }, opts);
        case 'case.export':
          return this.runCommand(actor, lang, o, { name: 'export', caseCode: code }, opts);
        case 'case.accept':
          return this.runCommand(actor, lang, o, { name: 'accept', caseCode: code }, opts);
        case 'case.decline':
          return this.runCommand(actor, lang, o, { name: 'decline', caseCode: code }, opts);
        case 'meeting.record': {
          const { caseId } = await checkCaseAccess(this.deps, actor, code, 'case.write', 'form.outcome.open');
          const pb = await this.playbookOf(actor, code);
          // Only a meeting of this case (and so of the actor's organisation) is ever read.
          const m = id ? await this.deps.prisma.meeting.findFirst({ where: { id, caseId }, select: { id: true, type: true } }) : null;
          if (!m) throw new DomainError('MEETING.NOT_FOUND', { code: code.toUpperCase() });
          return formReply(F.outcomeForm(lang, code, pb, { id: m.id, type: m.type }, { owner: await this.ownerInitial(actor) }));
        }
        case 'meeting.recordUnplanned':
          await this.gate(actor, code, 'case.write', 'outcome');
          return formReply(F.outcomeForm(lang, code, await this.playbookOf(actor, code), {}, { owner: await this.ownerInitial(actor) }));
        case 'meeting.reschedule': {
          const { caseId } = await checkCaseAccess(this.deps, actor, code, 'case.write', 'form.reschedule.open');
          if (!id || !(await this.deps.prisma.meeting.findFirst({ where: { id, caseId }, select: { id: true } }))) throw new DomainError('MEETING.NOT_FOUND', { code: code.toUpperCase() });
          return formReply(F.rescheduleForm(lang, code, id));
        }
        case 'meeting.confirmOutside': {
          // The person saw the warning and books anyway; the booking is logged as outside the window.
          let b: { t?: string; s: string; d?: number; l?: string; m?: string };
          try {
            b = JSON.parse(Buffer.from(id, 'base64url').toString('utf8')) as typeof b;
          } catch {
            throw new DomainError('FORM.UNKNOWN');
          }
          const tz = o.timeZone;
          const startsAt = new Date(b.s);
          if (Number.isNaN(startsAt.getTime())) throw new DomainError('FORM.UNKNOWN');
          if (b.m) {
            await rescheduleMeeting(this.deps, actor, code, b.m, startsAt, { confirmOutsideWindow: true });
            return this.withIcs(textReply(`✅ ${tx(lang, 'ok.rescheduled', { when: fmtDateTime(startsAt, tz, lang) })}`), actor, lang, code, b.m);
          }
          const r = await scheduleMeeting(this.deps, actor, code, { type: b.t ?? '', startsAt, durationMin: b.d ?? 60, location: b.l, confirmOutsideWindow: true }, opts);
          const pb = await this.playbookOf(actor, code);
          return this.withIcs(textReply(`✅ ${tx(lang, 'ok.meeting', { type: meetingLabel(pb, b.t ?? '', lang), when: fmtDateTime(startsAt, tz, lang) })}`), actor, lang, r.code, r.meetingId);
        }
        case 'meeting.cancel': {
          await cancelMeeting(this.deps, actor, code, id);
          return this.withIcs(textReply(`✅ ${tx(lang, 'ok.cancelled')}`), actor, lang, code, id);
        }
        case 'consent.withdraw': {
          const r = await withdrawConsent(this.deps, actor, code);
          return textReply(`✅ ${tx(lang, 'ok.consentWithdrawn', { code: r.code })}`);
        }
        case 'case.hold':
        case 'case.unhold': {
          const r = await setLegalHold(this.deps, actor, code, action === 'case.hold');
          return textReply(`✅ ${tx(lang, action === 'case.hold' ? 'ok.hold' : 'ok.unhold', { code: r.code })}`);
        }
        case 'case.output': {
          await recordOutput(this.deps, actor, code, id);
          return textReply(`✅ ${tx(lang, 'ok.output', { what: (OUTPUT_LABELS as Record<string, Record<Lang, string>>)[id]?.[lang] ?? id })}`);
        }
        case 'action.done':
        case 'action.evaluate':
        case 'action.revise':
          return (await planButton(this.planCtx(actor, lang, o.timeZone), action, value))!;
        default:
          throw new DomainError('FORM.UNKNOWN');
      }
    }, [action, value]));
  }

  /** "The time is outside the model's window" in words, e.g. "… ligger före tidsfristen …". */
  private windowWarning(lang: Lang, tz: string, pb: Playbook, what: string, at: Date, side: string, ruleKey: string, earliest: Date | null, due: Date): string {
    const window = earliest ? `${fmtDate(earliest, tz, lang)}–${fmtDate(due, tz, lang)}` : tx(lang, 'window.until', { date: fmtDate(due, tz, lang) });
    return tx(lang, side === 'early' ? 'window.early' : 'window.late', { what, when: fmtDateTime(at, tz, lang), rule: ruleLabel(pb, ruleKey, lang), window });
  }

  /** Asks to confirm a booking outside the window; "Boka ändå" carries the booking back. */
  private async outsideWindowReply(actor: Actor, lang: Lang, code: string, e: DomainError, booking: { t?: string; s: string; d?: number; l?: string; m?: string }): Promise<Reply> {
    const pb = await this.playbookOf(actor, code);
    const tz = (await this.org(actor.orgId)).timeZone;
    const p = e.params as Record<string, string>;
    const text = this.windowWarning(lang, tz, pb, meetingLabel(pb, p.type ?? '', lang), new Date(booking.s), p.side ?? 'late', p.rule ?? '', p.earliest ? new Date(p.earliest) : null, new Date(p.due ?? booking.s));
    const C = code.toUpperCase();
    const value = `${C}|${Buffer.from(JSON.stringify(booking)).toString('base64url')}`;
    const other = booking.m ? { action: 'meeting.reschedule', value: `${C}|${booking.m}` } : { action: 'case.meeting', value: `${C}|${p.type ?? ''}` };
    return {
      visibility: 'private',
      blocks: [
        { type: 'text', text: `⚠ ${text} ${tx(lang, 'window.confirm')}` },
        { type: 'actions', buttons: [{ label: tx(lang, 'btn.bookAnyway'), action: 'meeting.confirmOutside', value, style: 'primary' }, { label: tx(lang, 'btn.otherTime'), ...other }] },
      ],
      fallbackText: text,
    };
  }

  private async withIcs(reply: Reply, actor: Actor, lang: Lang, code: string, meetingId: string): Promise<Reply> {
    // The invitation is read through withCase: the meeting must belong to this case of the actor's organisation.
    const ics = await meetingInvitation(this.deps, actor, code, meetingId, lang);
    return ics ? { ...reply, attachments: [ics] } : reply;
  }

  // -------------------------------------------------------------------------------------------
  // Forms

  async submitForm(ref: ActorRef, formId: string, context: Record<string, string>, values: Record<string, string>, opts: RequestOptions = {}): Promise<FormResult> {
    return this.inRequest(opts, () => this.submitGuarded(ref, formId, context, values, opts));
  }

  private async submitGuarded(ref: ActorRef, formId: string, context: Record<string, string>, values: Record<string, string>, opts: RequestOptions): Promise<FormResult> {
    let lang: Lang = 'sv';
    try {
      lang = ref.locale ? normalizeLangLoose(ref.locale) : lang;
      const actor = await this.actorOf(ref);
      lang = actor.lang;
      await this.refuseUnstorable(actor, [formId, ...Object.keys(context ?? {}), ...Object.values(context ?? {}), ...Object.keys(values ?? {}), ...Object.values(values ?? {})].map((v) => (typeof v === 'string' ? v : String(v))));
      const reply = await this.submit(actor, lang, formId, context ?? {}, trimValues(values), opts);
      return { ok: true, reply };
    } catch (e) {
      if (e instanceof FieldError) return { ok: false, errors: { [e.field]: e.message } };
      if (isDomainError(e) && e.code === 'INPUT.INVALID' && typeof e.params.field === 'string') {
        const field = FIELD_ALIASES[e.params.field] ?? e.params.field;
        return { ok: false, errors: { [field]: errorText(lang, e.code, e.params) } };
      }
      if (isDomainError(e) && e.code === 'INPUT.PERSONNUMMER') return { ok: false, errors: { studentRef: errorText(lang, e.code, e.params) } };
      // A person who cannot be found or cannot take the action: said next to the field, the form is kept.
      const personField = PERSON_FIELDS[formId];
      if (isDomainError(e) && personField && ['PERSON.NOT_FOUND', 'PERSON.AMBIGUOUS', 'ACTION.OWNER_NOT_MEMBER'].includes(e.code)) {
        const hint = e.code === 'PERSON.NOT_FOUND' && personField !== 'person' ? ` ${pt(lang, 'plan.hint.participant')}` : '';
        return { ok: false, errors: { [personField]: `${errorText(lang, e.code, e.params)}${hint}` } };
      }
      return { ok: true, reply: this.errorReply(e, lang) };
    }
  }

  private async submit(actor: Actor, lang: Lang, formId: string, ctx: Record<string, string>, v: Record<string, string>, opts: RequestOptions): Promise<Reply> {
    const o = await this.org(actor.orgId);
    const tz = o.timeZone;
    const now = this.deps.clock.now();
    const code = ctx.code ?? '';
    const req = (name: string, label: string) => {
      if (!v[name]) throw new FieldError(name, tx(lang, 'need.formValue', { field: label }));
      return v[name]!;
    };
    const dateField = (name: string, required: boolean, defaultTime = '09:00'): Date | undefined => {
      if (!v[name]) {
        if (required) throw new FieldError(name, tx(lang, 'bad.date'));
        return undefined;
      }
      const d = parseLocalDateTime(v[name]!, tz, now, defaultTime);
      if (!d) throw new FieldError(name, tx(lang, 'bad.date'));
      return d;
    };
    const list = (name: string) => (v[name] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    switch (formId) {
      case F.FORM.choosePlaybook: {
        const pb = this.orgPlaybooks(o).find((p) => p.key === v.playbook);
        if (!pb) throw new FieldError('playbook', tx(lang, 'bad.option'));
        return this.newCaseForm(actor, lang, pb, ctx.reason);
      }
      case F.FORM.newCase: {
        v.playbook = ctx.playbook ?? v.playbook ?? '';
        const needsConsent = this.deps.playbooks.get(v.playbook)?.consentRequiredFor.includes('openCase') ?? false;
        let consent: { scope: ('SCHOOL' | 'SOCIAL_SERVICES' | 'HEALTH' | 'OTHER')[]; givenBy: ('GUARDIAN' | 'STUDENT')[]; givenAt?: Date } | undefined;
        if (needsConsent) {
          const givenBy = list('consentGivenBy').filter((x) => x === 'GUARDIAN' || x === 'STUDENT') as ('GUARDIAN' | 'STUDENT')[];
          if (!givenBy.length) throw new FieldError('consentGivenBy', tx(lang, 'need.formValue', { field: tx(lang, 'f.givenBy') }));
          const scope = list('consentScope').filter((x) => ['SCHOOL', 'SOCIAL_SERVICES', 'HEALTH', 'OTHER'].includes(x)) as ('SCHOOL' | 'SOCIAL_SERVICES' | 'HEALTH' | 'OTHER')[];
          if (!scope.length) throw new FieldError('consentScope', tx(lang, 'need.formValue', { field: tx(lang, 'f.scope') }));
          const givenAt = dateField('consentDate', false, '00:00');
          if (givenAt && givenAt > now) throw new FieldError('consentDate', tx(lang, 'bad.futureConsent'));
          consent = { scope, givenBy, givenAt };
        }
        const r = await openCase(this.deps, actor, {
          playbookKey: req('playbook', tx(lang, 'f.playbook')), schoolUnitCode: v.unit || undefined, studentRef: req('studentRef', tx(lang, 'f.studentRef')),
          reason: v.reason || undefined, firstRole: v.firstRole || undefined, tier: v.tier || undefined, consent,
        }, opts);
        const pb = this.deps.playbooks.get(v.playbook!)!;
        const first = pb.stages[0]!;
        return {
          visibility: 'private',
          blocks: [
            { type: 'text', text: `✅ ${tx(lang, 'ok.opened', { code: r.code, playbook: pb.labels[lang] })}` },
            { type: 'text', text: `**${tx(lang, 'status.hint')}:** ${first.hint[lang]}` },
            { type: 'actions', buttons: [{ label: tx(lang, 'btn.status'), action: 'case.open', value: r.code, style: 'primary' }, { label: tx(lang, 'btn.meeting'), action: 'case.meeting', value: r.code }] },
          ],
          fallbackText: tx(lang, 'ok.opened', { code: r.code, playbook: pb.labels[lang] }).replace(/\*\*/g, ''),
        };
      }
      case F.FORM.meeting: {
        const startsAt = dateField('startsAt', true)!;
        const duration = v.durationMin ? Number(v.durationMin) : 60;
        if (!Number.isFinite(duration)) throw new FieldError('durationMin', tx(lang, 'bad.number'));
        const booking = { type: req('type', tx(lang, 'f.meetingType')), startsAt, durationMin: duration, location: v.location || undefined };
        let r;
        try {
          r = await scheduleMeeting(this.deps, actor, code, booking, opts);
        } catch (e) {
          if (isDomainError(e) && e.code === 'MEETING.OUTSIDE_WINDOW') return this.outsideWindowReply(actor, lang, code, e, { t: booking.type, s: startsAt.toISOString(), d: duration, l: booking.location });
          throw e;
        }
        const pb = await this.playbookOf(actor, code);
        return this.withIcs(textReply(`✅ ${tx(lang, 'ok.meeting', { type: meetingLabel(pb, v.type!, lang), when: fmtDateTime(startsAt, tz, lang) })}`), actor, lang, r.code, r.meetingId);
      }
      case F.FORM.outcome: {
        const nextAt = v.nextType ? dateField('nextAt', true) : undefined;
        const actionDue = dateField('actionDueAt', false, '16:00');
        const actionEvaluation = dateField('actionEvaluationAt', false, '16:00');
        // An action recorded at a meeting is a real plan action: its owner is chosen, never assumed.
        if (v.action && !v.actionOwner) throw new FieldError('actionOwner', pt(lang, 'plan.need.owner'));
        const held = await recordMeetingOutcome(this.deps, actor, code, {
          meetingId: ctx.meetingId, type: v.type || undefined, minutes: v.minutes || undefined, outputs: list('outputs'),
          decisions: v.decision ? [{ kind: 'GENERAL', text: v.decision }] : [],
          actions: v.action ? [{ text: v.action, owner: personRef(v.actionOwner!), participant: v.actionParticipant || undefined, dueAt: actionDue, evaluationAt: actionEvaluation }] : [],
          nextMeeting: v.nextType && nextAt ? { type: v.nextType, startsAt: nextAt } : undefined,
        }, opts);
        const done = textReply(`✅ ${tx(lang, 'ok.outcome', { code: code.toUpperCase() })}`);
        const breach = held.next?.outsideWindow;
        if (held.next && breach) {
          // The minutes are saved; the next meeting is booked but outside the model's window.
          const pb = await this.playbookOf(actor, code);
          const warn = this.windowWarning(lang, tz, pb, meetingLabel(pb, v.nextType!, lang), nextAt!, breach.side, breach.ruleKey, breach.earliestAt, breach.dueAt);
          done.blocks.push({ type: 'text', text: `⚠ ${warn}` }, { type: 'actions', buttons: [{ label: tx(lang, 'btn.reschedule'), action: 'meeting.reschedule', value: `${code.toUpperCase()}|${held.next.meetingId}`, style: 'primary' }] });
        }
        return done;
      }
      case F.FORM.reschedule: {
        const startsAt = dateField('startsAt', true)!;
        try {
          await rescheduleMeeting(this.deps, actor, code, ctx.meetingId ?? '', startsAt);
        } catch (e) {
          if (isDomainError(e) && e.code === 'MEETING.OUTSIDE_WINDOW') return this.outsideWindowReply(actor, lang, code, e, { m: ctx.meetingId ?? '', s: startsAt.toISOString() });
          throw e;
        }
        return this.withIcs(textReply(`✅ ${tx(lang, 'ok.rescheduled', { when: fmtDateTime(startsAt, tz, lang) })}`), actor, lang, code, ctx.meetingId ?? '');
      }
      case F.FORM.decision: {
        const [kind, outcome] = (v.kind || 'GENERAL').split(':');
        const r = await recordDecision(this.deps, actor, code, { kind, outcome, text: req('text', tx(lang, 'f.decisionText')) }, opts);
        return textReply(`✅ ${tx(lang, 'ok.decision', { code: r.code })}`);
      }
      case F.FORM.action: {
        const text = req('text', tx(lang, 'f.actionText'));
        // No empty owner silently becoming the recorder: the form asks (pre-filled with the recorder).
        if (!v.owner) throw new FieldError('owner', pt(lang, 'plan.need.owner'));
        const owner = await this.colleague(actor, ref(actor, v.owner), opts);
        const r = await addAction(this.deps, actor, code, {
          text, owner, participant: v.participant || undefined, dueAt: dateField('dueAt', false, '16:00'), evaluationAt: dateField('evaluationAt', false, '16:00'), goalText: v.goal || undefined,
        }, opts);
        const name = (await this.deps.prisma.person.findUnique({ where: { id: r.ownerId }, select: { displayName: true } }))?.displayName ?? '';
        return textReply(`✅ ${pt(lang, 'plan.ok.added', { number: r.number, code: r.code, name })}`);
      }
      case F.FORM.consent: {
        const status = v.status === 'DECLINED' ? 'DECLINED' : 'GIVEN';
        const scope = list('scope');
        if (!scope.length) throw new FieldError('scope', tx(lang, 'need.formValue', { field: tx(lang, 'f.scope') }));
        const givenBy = list('givenBy');
        if (!givenBy.length) throw new FieldError('givenBy', tx(lang, 'need.formValue', { field: tx(lang, 'f.givenBy') }));
        const r = await recordConsent(this.deps, actor, code, {
          status, scope: scope as ('SCHOOL' | 'SOCIAL_SERVICES' | 'HEALTH' | 'OTHER')[], givenBy: givenBy.map((p) => ({ party: p as 'GUARDIAN' | 'STUDENT' })),
          expiresAt: dateField('expiresAt', false, '23:59'), note: v.note || undefined,
        }, opts);
        return textReply(`✅ ${tx(lang, status === 'GIVEN' ? 'ok.consent' : 'ok.consentDeclined', { code: r.code })}`);
      }
      case F.FORM.handover: {
        const r = await requestHandover(this.deps, actor, code, await this.colleague(actor, ref(actor, req('person', tx(lang, 'f.person'))), opts));
        return textReply(`✅ ${tx(lang, 'ok.handoverRequested', { name: r.toName, code: code.toUpperCase() })}`);
      }
      case F.FORM.addPerson: {
        const r = await assignRole(this.deps, actor, code, { person: await this.colleague(actor, ref(actor, req('person', tx(lang, 'f.person'))), opts), role: req('role', tx(lang, 'f.role')) });
        const p = await this.deps.prisma.person.findUniqueOrThrow({ where: { id: r.personId } });
        const pb = await this.playbookOf(actor, code);
        return textReply(`✅ ${tx(lang, 'ok.personAdded', { name: p.displayName, role: pb.roles.find((x) => x.key === r.role)?.labels[lang] ?? r.role, code: code.toUpperCase() })}`);
      }
      case F.FORM.concern: {
        const r = await recordConcern(this.deps, actor, code, { note: v.note || undefined, recipient: v.recipient === 'BARNEVERN' ? 'BARNEVERN' : 'SOCIAL_SERVICES' });
        return textReply(`✅ ${tx(lang, 'ok.concern', { code: r.code, time: fmtDateTime(now, tz, lang) })}`);
      }
      case F.FORM.share: {
        const scope = list('scope');
        if (!scope.length) throw new FieldError('scope', tx(lang, 'need.formValue', { field: shareTexts.fScope(lang) }));
        const until = dateField('until', true, '23:59')!;
        if (until <= now || until.getTime() - now.getTime() > 366 * 86_400_000) throw new FieldError('until', shareTexts.badUntil(lang));
        const r = await requestShare(this.deps, actor, code, { scope: scope as ('CASE' | 'LOG')[], purpose: req('purpose', shareTexts.fPurpose(lang)), until });
        return textReply(`✅ ${shareTexts.requested(lang, { code: r.code })}`);
      }
      case F.FORM.deviation: {
        await recordDeviation(this.deps, actor, code || undefined, { theme: req('theme', tx(lang, 'f.theme')), text: v.text || undefined });
        return textReply(`✅ ${tx(lang, 'ok.deviation')}`);
      }
      case F.FORM.close: {
        try {
          const r = await closeCase(this.deps, actor, code, { reason: v.reason || undefined, maintenancePlan: v.maintenancePlan || undefined, confirmOpenActions: v.confirmOpen === 'true' });
          return textReply(`✅ ${tx(lang, 'ok.closed', { code: r.code })}`);
        } catch (e) {
          // Actions opened since the form was shown: ask again, on the confirmation field.
          if (isDomainError(e) && e.code === 'CLOSURE.OPEN_ACTIONS' && 'confirmOpen' in v) throw new FieldError('confirmOpen', errorText(lang, e.code, e.params));
          throw e;
        }
      }
      case F.FORM.tier: {
        await setTier(this.deps, actor, code, req('tier', tx(lang, 'f.tier')));
        const pb = await this.playbookOf(actor, code);
        return textReply(`✅ ${tx(lang, 'ok.tier', { tier: pb.tiers?.find((x) => x.key === v.tier)?.labels[lang] ?? v.tier! })}`);
      }
      case F.FORM.maintenancePlan: {
        await setMaintenancePlan(this.deps, actor, code, req('plan', tx(lang, 'f.maintenancePlan')));
        return textReply(`✅ ${tx(lang, 'ok.maintenancePlan', { code: code.toUpperCase() })}`);
      }
      case F.FORM.person: {
        this.actorCache.clear();
        const r = await addPerson(this.deps, actor, { name: req('name', tx(lang, 'f.personName')), email: v.email || undefined, roles: list('roles') as never, unitCode: v.unit || undefined });
        return textReply(`✅ ${tx(lang, r.created ? 'ok.personCreated' : 'ok.personUpdated', { name: v.name! })}`);
      }
      case F.FORM.advance:
        return this.advance(actor, lang, code, req('stage', tx(lang, 'f.stage')));
      default: {
        const planned = await planSubmit(this.planCtx(actor, lang, tz), formId, ctx, v, now);
        if (planned) return planned;
        throw new DomainError('FORM.UNKNOWN');
      }
    }
  }

  /**
   * A colleague picked by platform id (Slack's user picker or a mention): a person of the
   * organisation already linked to that id, or — the first time — the person with the id's
   * profile e-mail, linked now (inside a mapped workspace only). Names and e-mails pass through.
   */
  private async colleague(actor: Actor, r: { slackUserId?: string; text?: string }, opts: RequestOptions): Promise<{ personId?: string; slackUserId?: string; text?: string }> {
    if (!r.slackUserId || actor.platform !== 'SLACK') return r;
    const id = r.slackUserId;
    let name: string | undefined;
    const lookup = opts.lookupUser ? async () => {
      const p = await opts.lookupUser!(id);
      name = p?.displayName;
      return p;
    } : undefined;
    const personId = await linkColleague(this.deps.prisma, actor, id, lookup, this.deps.clock.now());
    if (personId) {
      this.actorCache.clear();
      return { personId };
    }
    throw new DomainError('PERSON.NOT_FOUND', { name: name ?? `@${id}` });
  }

  /** Keeps a reply's files for the person until they take them (Teams file consent). */
  async offerFiles(ref: ActorRef, files: ReplyFile[]): Promise<FileOffer[]> {
    return offerFiles(this.deps, await this.actorOf(ref), files);
  }

  async deliverOfferedFile(ref: ActorRef, offerId: string, send: (file: ReplyFile) => Promise<void>): Promise<'delivered' | 'gone'> {
    return deliverOfferedFile(this.deps, await this.actorOf(ref), offerId, send);
  }

  async declineOfferedFile(ref: ActorRef, offerId: string): Promise<string | undefined> {
    return declineOfferedFile(this.deps, await this.actorOf(ref), offerId);
  }

  /** An attendance export sent as a file (Slack upload, Teams attachment). */
  async importFile(ref: ActorRef, file: { fileName: string; content: Buffer | NodeJS.ReadableStream | AsyncIterable<Uint8Array> }): Promise<Reply> {
    return this.inRequest({}, () => this.guarded(ref, async (actor, lang) => this.importAs(actor, lang, file)));
  }

  private async importAs(actor: Actor, lang: Lang, file: { fileName: string; content: Buffer | NodeJS.ReadableStream | AsyncIterable<Uint8Array> }): Promise<Reply> {
    const result = await importAttendance(this.deps, actor, { fileName: file.fileName, content: file.content as never });
    return importReply(result, lang);
  }

  // -------------------------------------------------------------------------------------------
  // Home, identity, notices

  async home(ref: ActorRef): Promise<Reply> {
    return this.guarded(ref, async (actor, lang) => {
      const o = await this.org(actor.orgId);
      const mine = await listMyCases(this.deps, actor);
      const now = this.deps.clock.now();
      const weekEnd = DateTime.fromJSDate(now, { zone: o.timeZone }).endOf('week').toJSDate();
      const caseIds = (await this.deps.prisma.case.findMany({ where: { orgId: actor.orgId, code: { in: mine.map((m) => m.summary.code) } }, select: { id: true, code: true, playbookKey: true } }));
      const byId = new Map(caseIds.map((k) => [k.id, k]));
      const meetings = await this.deps.prisma.meeting.findMany({ where: { caseId: { in: [...byId.keys()] }, status: 'PLANNED', startsAt: { gte: now, lte: weekEnd } }, orderBy: { startsAt: 'asc' } });
      const deadlines = await this.deps.prisma.deadline.findMany({ where: { caseId: { in: [...byId.keys()] }, status: 'OPEN', dueAt: { lte: weekEnd } }, orderBy: { dueAt: 'asc' } });
      const week = [
        ...meetings.map((m) => { const k = byId.get(m.caseId)!; const pb = this.deps.playbooks.get(k.playbookKey); return `${fmtDateTime(m.startsAt, o.timeZone, lang)} · **${k.code}** · ${pb ? meetingLabel(pb, m.type, lang) : m.type}`; }),
        ...deadlines.filter((d) => d.dueAt >= overdueCutoff(now, o.timeZone)).map((d) => { const k = byId.get(d.caseId)!; const pb = this.deps.playbooks.get(k.playbookKey); return `${fmtDateTime(d.dueAt, o.timeZone, lang)} · **${k.code}** · ${pb ? ruleLabel(pb, d.ruleKey, lang) : d.ruleKey}`; }),
      ];
      const cutoff = overdueCutoff(now, o.timeZone);
      const overdue = deadlines.filter((d) => d.dueAt < cutoff).map((d) => { const k = byId.get(d.caseId)!; const pb = this.deps.playbooks.get(k.playbookKey); return `⚠ **${k.code}** · ${pb ? ruleLabel(pb, d.ruleKey, lang) : d.ruleKey}`; });
      const mineView = mineReply(mine, o.timeZone, lang);
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
    });
  }

  /** Texts a field-by-field surface (the console) needs around a form, in the person's language. */
  async formTexts(ref: ActorRef): Promise<{ optional: string; cancelled: string; gaveUp: string; cancelHint: string }> {
    let lang: Lang = 'sv';
    try {
      lang = (await this.actorOf(ref)).lang;
    } catch {
      // An unknown person still gets Swedish texts; the command itself explains the problem.
    }
    return { optional: tx(lang, 'form.optional'), cancelled: tx(lang, 'form.cancelled'), gaveUp: tx(lang, 'form.gaveUp'), cancelHint: tx(lang, 'form.cancelHint') };
  }

  /** Checks one value as it is typed: a localized problem, or null. */
  async checkFormField(ref: ActorRef, field: FormField, value: string): Promise<string | null> {
    try {
      const actor = await this.actorOf(ref);
      return checkFieldValue(field, value, actor.lang, (await this.org(actor.orgId)).timeZone, this.deps.clock.now());
    } catch {
      return null;
    }
  }

  /** Console persona switch: who am I now? */
  async whoAmI(ref: ActorRef): Promise<string> {
    const r = await this.guarded(ref, async (actor, lang) => {
      const roles = await this.deps.prisma.personOrgRole.findMany({ where: { personId: actor.personId } });
      const names = [...new Set(roles.map((x) => x.role))].map((r) => (ORG_ROLE_LABELS as Record<string, Record<Lang, string>>)[r]?.[lang] ?? r).join(', ');
      return textReply(tx(lang, 'whoami', { name: actor.displayName, roles: names ? ` (${names})` : '' }));
    });
    return r.fallbackText;
  }

  /** The console's first lines. */
  async consoleBanner(ref: ActorRef): Promise<string> {
    const r = await this.guarded(ref, async (actor, lang) => {
      const o = await this.org(actor.orgId);
      const users = (await this.deps.prisma.person.findMany({ where: { orgId: actor.orgId, consoleUser: { not: null } }, orderBy: { createdAt: 'asc' } })).map((p) => p.consoleUser).join(', ');
      return textReply(tx(lang, 'banner', { org: o.name, name: actor.displayName, users }));
    });
    return r.fallbackText;
  }
}

const FIELD_ALIASES: Record<string, string> = { name: 'name', email: 'email', unit: 'unit', roles: 'roles', playbook: 'playbook', schoolUnit: 'unit', studentRef: 'studentRef', firstRole: 'firstRole', type: 'type', startsAt: 'startsAt', text: 'text', evaluationAt: 'evaluationAt', expiresAt: 'expiresAt', tier: 'tier' };

/** The person field of each form that names a colleague. */
const PERSON_FIELDS: Record<string, string> = { [F.FORM.action]: 'owner', [F.FORM.outcome]: 'actionOwner', 'action.revise': 'owner', [F.FORM.handover]: 'person', [F.FORM.addPerson]: 'person' };

function formReply(form: FormSpec): Reply {
  return { visibility: 'private', blocks: [], fallbackText: form.title, form };
}

function trimValues(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(values ?? {})) out[k] = typeof val === 'string' ? val.trim().slice(0, 10_000) : String(val ?? '');
  return out;
}

/** A person reference typed into a form: Slack mention, e-mail or name. */
function ref(_actor: Actor, text: string): { slackUserId?: string; text?: string } {
  const m = /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/.exec(text.trim());
  if (m) return { slackUserId: m[1] };
  if (/^[UW][A-Z0-9]{6,}$/.test(text.trim())) return { slackUserId: text.trim() };
  return { text };
}
