/**
 * Notices: messages to a person that are not the direct reply to a request (a hand-over request,
 * consent withdrawn, an absence signal …). A domain module declares each kind once with
 * `defineNotice` (kind, parameter type, working hours) in its `*.notices.ts`; how it reads — text
 * and buttons in three languages — is the conversation layer's (src/chat/notice-views.ts).
 * Services send one with `deps.notifyPerson(tx, personId, notice, params)`, which writes an
 * outbox row in the caller's transaction. The dispatcher renders it at delivery time in the
 * recipient's language through the `NoticeRenderer` it is given, so only the kind and its
 * parameters are stored — and those encrypted (`Nudge.paramsEnc`), since a notice may name a
 * student.
 */
import type { ActionId } from '../ports/action-ids.ts';
import type { Button } from '../ports/reply.ts';
import type { Lang } from '../i18n/lang.ts';

/** JSON-serialisable parameters of a notice (no Dates: pass ISO strings). */
export type NoticeParams = { [key: string]: unknown };

export interface NoticeDefinition {
  /** Stable kind, stored with the row (e.g. `handover.request`). */
  kind: string;
  /**
   * Whether the notice may wait for the organisation's working hours (a hand-over request can wait
   * for the morning); false sends at once (a report of concern to the baton holder).
   */
  workingHours: boolean;
}

/** A declared notice kind; the phantom `P` keeps `notifyPerson`'s params (and its view's) typed. */
export interface Notice<P extends NoticeParams> {
  readonly kind: string;
  /** Type carrier only. */
  readonly _params?: P;
}

/**
 * How a stored notice reads, in the recipient's language: the conversation layer's view of its
 * kind (src/chat/notice-views.ts); undefined for a kind it has no view of. The dispatcher is given
 * one by the composition root, so the domain declares notices without writing their texts.
 */
export type NoticeRenderer = (kind: string, lang: Lang, params: NoticeParams, ctx: { timeZone: string }) => { text: string; buttons: Button<ActionId>[] } | undefined;

const registry = new Map<string, NoticeDefinition>();

/** Declares a notice kind. Call at module level; a kind may be declared once. */
export function defineNotice<P extends NoticeParams>(def: NoticeDefinition): Notice<P> {
  const existing = registry.get(def.kind);
  if (existing && existing.workingHours !== def.workingHours) throw new Error(`notice kind ${def.kind} declared twice`);
  registry.set(def.kind, def);
  return { kind: def.kind };
}

/** The declaration of a stored notice kind, or undefined for a nudge kind. */
export function noticeDefinition(kind: string): NoticeDefinition | undefined {
  return registry.get(kind);
}

/** Every declared kind (tests). */
export function noticeKinds(): string[] {
  return [...registry.keys()];
}

/** Dedupe-key prefix of notice rows: never cancelled by re-planning or closing a case. */
export const NOTICE_PREFIX = 'n:';
