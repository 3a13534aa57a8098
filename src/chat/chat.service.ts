/**
 * The one conversation layer every chat surface goes through. ChatService resolves who is asking,
 * refuses what cannot be stored, and routes typed commands, button clicks and form submissions
 * to the feature that declares them (src/chat/features/, collected in registry.ts); results and
 * domain errors become localized Replies. Adapters only translate transport payloads and render.
 */
import { parseCaseCode, parseCommand } from '../commands/index.ts';
import { declineOfferedFile, deliverOfferedFile, offerFiles } from '../files/offered-file.service.ts';
import { normalizeLangLoose, resolveActor, type Actor } from '../orgs/org.service.ts';
import type { OrgInfo } from '../orgs/org-query.service.ts';
import { DomainError, isDomainError } from '../shared/errors.ts';
import { formatParseError } from '../commands/help.ts';
import type { ActorRef } from '../ports/actor.ts';
import { errorReply, formErrorResult } from './chat-errors.ts';
import type { CoreChatPort, FileOffer, RequestOptions } from '../ports/chat-port.ts';
import { ActorCache, inRequest, refuseUnstorable } from './chat-request.ts';
import { checkFieldValue } from './form-check.ts';
import type { Lang } from '../i18n/lang.ts';
import { textReply, type FormField, type FormResult, type Reply, type ReplyFile } from '../ports/reply.ts';
import { tx } from './texts.ts';
import { importFile, type AttendanceFile } from './features/absence.ts';
import { consoleBanner, whoAmI } from './features/admin.ts';
import type { ChatCtx, ChatDeps, ChatReply } from './features/feature.ts';
import { FormInput, trimValues } from './features/form-input.ts';
import { homeView } from './features/home.ts';
import { loadHome } from '../cases/case-query.service.ts';
import { registry } from './features/registry.ts';
import { ownCodes } from './features/support.ts';

export type { ChatDeps } from './features/feature.ts';

export class ChatService implements CoreChatPort {
  private readonly actors: ActorCache;

  constructor(private readonly c: ChatDeps) {
    this.actors = new ActorCache(c.deps);
  }

  /**
   * Who is asking, for a request that is about to be served — or null when Stafett would refuse
   * them. For adapter bookkeeping (the Teams conversation store): identity is decided here, not
   * in the adapter. Quiet: the request's own answer is refused and audited.
   */
  async identify(ref: ActorRef): Promise<{ personId: string; orgId: string } | null> {
    try {
      const actor = await resolveActor(this.c.deps.prisma, ref, { quiet: true, now: () => this.c.deps.clock.now() });
      return { personId: actor.personId, orgId: actor.orgId };
    } catch (e) {
      if (isDomainError(e)) return null;
      throw e;
    }
  }

  prefetch(ref: ActorRef, opts: { formId?: string } = {}): void {
    this.actors.warm(ref, { teamLeads: opts.formId ? registry.needsTeamLeads(opts.formId) : false });
  }

  private ctx(actor: Actor, org: OrgInfo, opts: RequestOptions): ChatCtx {
    return { deps: this.c.deps, chat: this.c, actor, lang: actor.lang, org, opts, forgetActors: () => this.actors.clear() };
  }

  /** Runs `fn` for a resolved actor; every failure becomes a localized reply, never a trace. */
  private async guarded(ref: ActorRef, inputs: readonly string[], opts: RequestOptions, fn: (x: ChatCtx) => Promise<ChatReply>): Promise<Reply> {
    return this.replying(ref, async (setLang) => {
      const { actor, org } = await this.actors.resolveWithOrg(ref);
      setLang(actor.lang);
      await refuseUnstorable(this.c.deps, actor, inputs);
      return fn(this.ctx(actor, org, opts));
    });
  }

  /** Runs `fn`; a failure becomes a localized reply in the language `fn` learnt (else the platform's). */
  private async replying(ref: ActorRef, fn: (setLang: (lang: Lang) => void) => Promise<ChatReply>): Promise<Reply> {
    let lang: Lang = ref.locale ? normalizeLangLoose(ref.locale) : 'sv';
    try {
      return await fn((l) => { lang = l; });
    } catch (e) {
      return errorReply(e, lang, this.c.deps.log);
    }
  }

  async handleText(ref: ActorRef, text: string, opts: RequestOptions = {}): Promise<Reply> {
    return inRequest(this.c.reminders, opts, () => this.guarded(ref, [text], opts, async (x) => {
      if (typeof text !== 'string') throw new DomainError('FORM.UNKNOWN');
      const parsed = parseCommand(text, { timeZone: x.org.timeZone });
      if (!parsed.ok) {
        // Commands whose free text is optional in chat: open the form instead of refusing.
        if (parsed.error.code === 'COMMAND.MISSING_TEXT' && parsed.error.command) {
          const code = parseCaseCode(text.trim().split(/\s+/)[1] ?? '');
          const form = registry.textForm(parsed.error.command);
          if (code && form) return form(x, code);
        }
        return textReply(`⚠ ${ownCodes(x, formatParseError(x.lang, parsed.error))}`);
      }
      const handler = registry.command(parsed.command.name);
      if (!handler) throw new DomainError('FORM.UNKNOWN');
      return handler(x, parsed.command);
    }));
  }

  async handleAction(ref: ActorRef, action: string, value: string, opts: RequestOptions = {}): Promise<Reply> {
    return inRequest(this.c.reminders, opts, () => this.guarded(ref, [action, value], opts, async (x) => {
      if (typeof action !== 'string' || typeof value !== 'string') throw new DomainError('FORM.UNKNOWN');
      const handler = registry.action(action);
      if (!handler) throw new DomainError('FORM.UNKNOWN');
      const [code = '', id = ''] = value.split('|');
      return handler(x, { action, value, code, id });
    }));
  }

  async submitForm(ref: ActorRef, formId: string, context: Record<string, string>, values: Record<string, string>, opts: RequestOptions = {}): Promise<FormResult> {
    return inRequest(this.c.reminders, opts, async () => {
      let lang: Lang = 'sv';
      try {
        lang = ref.locale ? normalizeLangLoose(ref.locale) : lang;
        const { actor, org } = await this.actors.resolveWithOrg(ref, { teamLeads: registry.needsTeamLeads(formId) });
        lang = actor.lang;
        await refuseUnstorable(this.c.deps, actor, [formId, ...Object.keys(context ?? {}), ...Object.values(context ?? {}), ...Object.keys(values ?? {}), ...Object.values(values ?? {})].map((v) => (typeof v === 'string' ? v : String(v))));
        const x = this.ctx(actor, org, opts);
        const input = new FormInput(formId, context ?? {}, trimValues(values), lang, x.org.timeZone, this.c.deps.clock.now());
        const handler = registry.form(formId);
        if (!handler) throw new DomainError('FORM.UNKNOWN');
        return { ok: true, reply: await handler(x, input) };
      } catch (e) {
        return formErrorResult(e, lang, registry.personField(formId), this.c.deps.log);
      }
    });
  }

  /** An attendance export sent as a file (Slack upload, Teams attachment). */
  async importFile(ref: ActorRef, file: AttendanceFile): Promise<Reply> {
    return inRequest(this.c.reminders, {}, () => this.guarded(ref, [], {}, (x) => importFile(x, file)));
  }

  /** Keeps a reply's files for the person until they take them (Teams file consent). */
  async offerFiles(ref: ActorRef, files: ReplyFile[]): Promise<FileOffer[]> {
    return offerFiles(this.c.deps, await this.actors.resolve(ref), files);
  }

  async deliverOfferedFile(ref: ActorRef, offerId: string, send: (file: ReplyFile) => Promise<void>): Promise<'delivered' | 'gone'> {
    return deliverOfferedFile(this.c.deps, await this.actors.resolve(ref), offerId, send);
  }

  async declineOfferedFile(ref: ActorRef, offerId: string): Promise<string | undefined> {
    return declineOfferedFile(this.c.deps, await this.actors.resolve(ref), offerId);
  }

  /** The home view: my cases, this week's meetings and deadlines, overdue items (Slack App Home). */
  async home(ref: ActorRef): Promise<Reply> {
    // One statement checks who is asking and reads the view (loadHome): no separate check first.
    return this.replying(ref, async (setLang) => {
      const actor = await this.actors.identityUnchecked(ref);
      setLang(actor.lang);
      const { org, ...read } = await loadHome(this.c.deps, actor);
      return homeView(this.ctx(actor, org, {}), read);
    });
  }

  /** Texts a field-by-field surface (the console) needs around a form, in the person's language. */
  async formTexts(ref: ActorRef): Promise<{ optional: string; cancelled: string; gaveUp: string; cancelHint: string }> {
    let lang: Lang = 'sv';
    try {
      lang = (await this.actors.resolve(ref)).lang;
    } catch {
      // An unknown person still gets Swedish texts; the command itself explains the problem.
    }
    return { optional: tx(lang, 'form.optional'), cancelled: tx(lang, 'form.cancelled'), gaveUp: tx(lang, 'form.gaveUp'), cancelHint: tx(lang, 'form.cancelHint') };
  }

  /** Checks one value as it is typed: a localized problem, or null. */
  async checkFormField(ref: ActorRef, field: FormField, value: string): Promise<string | null> {
    try {
      const { actor, org } = await this.actors.resolveWithOrg(ref);
      return checkFieldValue(field, value, actor.lang, org.timeZone, this.c.deps.clock.now());
    } catch {
      return null;
    }
  }

  /** Console persona switch: who am I now? */
  async whoAmI(ref: ActorRef): Promise<string> {
    return (await this.guarded(ref, [], {}, whoAmI)).fallbackText;
  }

  /** The console's first lines. */
  async consoleBanner(ref: ActorRef): Promise<string> {
    return (await this.guarded(ref, [], {}, consoleBanner)).fallbackText;
  }
}
