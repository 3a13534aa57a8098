/**
 * What a feature of the conversation layer declares: its typed commands, its button actions and
 * its forms, each with the handler that serves it. The registry (registry.ts) collects them;
 * ChatService only resolves who is asking and routes to the handler.
 */
import type { Command } from '../../commands/index.ts';
import type { Config } from '../../app/config.ts';
import type { DevClockStore } from '../../infra/dev-clock.ts';
import type { Actor } from '../../orgs/org.service.ts';
import type { OrgInfo } from '../../orgs/org-query.service.ts';
import type { NotifierRegistry } from '../../ports/notifier.ts';
import type { Reminders } from '../../reminders/index.ts';
import type { ServiceDeps } from '../../shared/deps.ts';
import type { RequestOptions } from '../../ports/chat-port.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { FormInput } from './form-input.ts';
import type { ChatReply } from '../../ports/action-ids.ts';

export type { ActionId, ChatButton, ChatReply } from '../../ports/action-ids.ts';

/** What the conversation layer is built with (the core passes it to ChatService). */
export interface ChatDeps {
  deps: ServiceDeps;
  notifier: NotifierRegistry;
  reminders: Reminders;
  devClock?: DevClockStore;
  config: Pick<Config, 'production'>;
}

/** One request of a resolved person: everything a handler needs. */
export interface ChatCtx {
  deps: ServiceDeps;
  chat: ChatDeps;
  actor: Actor;
  lang: Lang;
  /** Read once per request, never cached across requests. */
  org: OrgInfo;
  opts: RequestOptions;
  /** Forgets who platform users are (a person was added or linked): the next request resolves them afresh. */
  forgetActors(): void;
}

export type CommandName = Command['name'];
type VariantFor<X, N> = X extends { name: infer M } ? (N extends M ? X : never) : never;
/** The parsed command a handler of `N` receives. */
export type CommandFor<N extends CommandName> = VariantFor<Command, N>;

/** A clicked button: its value, and the value split at `|` into case code and id. */
export interface ActionInput {
  action: string;
  value: string;
  code: string;
  id: string;
}

export type CommandHandler<N extends CommandName> = (x: ChatCtx, cmd: CommandFor<N>) => Promise<ChatReply>;
export type ActionHandler = (x: ChatCtx, a: ActionInput) => Promise<ChatReply>;
export type FormHandler = (x: ChatCtx, f: FormInput) => Promise<ChatReply>;

/**
 * A feature: `C` the commands, `A` the button action ids and `F` the form ids it serves. Each
 * declared id must have exactly its handler (the mapped types make a missing or extra one a type
 * error), and the registry refuses an id two features claim.
 */
export interface Feature<C extends CommandName = never, A extends string = never, F extends string = never> {
  readonly name: string;
  readonly commands: { readonly [K in C]: CommandHandler<K> };
  readonly actions: { readonly [K in A]: ActionHandler };
  readonly forms: { readonly [K in F]: FormHandler };
  /** Commands typed without their free text (`beslut KOD`): the form that asks for it. */
  readonly textForms?: { readonly [K in C]?: (x: ChatCtx, code: string) => Promise<ChatReply> };
  /** The field of a form that names a colleague: "not found" is shown next to it, the form kept. */
  readonly personFields?: { readonly [K in F]?: string };
  /**
   * Forms whose handler opens a case: the request's organisation read brings the team leads
   * along (the first plan escalates to them), saving the opening a round trip.
   */
  readonly formsWithTeamLeads?: readonly F[];
  /** Serves every other action id starting with `prefix` (ids from older messages). */
  readonly actionPrefix?: { readonly prefix: string; readonly handle: ActionHandler };
}
