/**
 * Notices: messages to a person that are not the direct reply to a request (a hand-over request,
 * consent withdrawn, an absence signal …). A feature declares each kind once with `defineNotice`
 * next to its texts; services send one with `deps.notifyPerson(tx, personId, notice, params)`,
 * which writes an outbox row in the caller's transaction. The dispatcher renders it at delivery
 * time in the recipient's language (src/reminders/dispatcher.ts), so only the kind and its
 * parameters are stored — and those encrypted (`Nudge.paramsEnc`), since a notice may name a
 * student.
 */
import type { Button } from '../ports/reply.ts';
import type { ActionId } from '../ports/action-ids.ts';
import type { Lang } from '../i18n/lang.ts';


/** JSON-serialisable parameters of a notice (no Dates: pass ISO strings). */
export type NoticeParams = { [key: string]: unknown };

export interface NoticeDefinition<P extends NoticeParams> {
  /** Stable kind, stored with the row (e.g. `handover.request`). */
  kind: string;
  /** The message text in the recipient's language (markdown subset of Reply). */
  text(lang: Lang, params: P, ctx: { timeZone: string }): string;
  /** Buttons under the text (e.g. accept / decline). */
  buttons?(lang: Lang, params: P): Button<ActionId>[];
  /**
   * Whether the notice may wait for the organisation's working hours (a hand-over request can wait
   * for the morning); false sends at once (a report of concern to the baton holder).
   */
  workingHours: boolean;
}

/** A declared notice kind; the phantom `P` keeps `notifyPerson`'s params typed. */
export interface Notice<P extends NoticeParams> {
  readonly kind: string;
  /** Type carrier only. */
  readonly _params?: P;
}

const registry = new Map<string, NoticeDefinition<NoticeParams>>();

/** Declares a notice kind. Call at module level; a kind may be declared once. */
export function defineNotice<P extends NoticeParams>(def: NoticeDefinition<P>): Notice<P> {
  const existing = registry.get(def.kind);
  if (existing && existing !== (def as unknown as NoticeDefinition<NoticeParams>)) throw new Error(`notice kind ${def.kind} declared twice`);
  registry.set(def.kind, def as unknown as NoticeDefinition<NoticeParams>);
  return { kind: def.kind };
}

/** The definition of a stored notice kind, or undefined for a nudge kind. */
export function noticeDefinition(kind: string): NoticeDefinition<NoticeParams> | undefined {
  return registry.get(kind);
}

/** Every declared kind (tests). */
export function noticeKinds(): string[] {
  return [...registry.keys()];
}

/** Dedupe-key prefix of notice rows: never cancelled by re-planning or closing a case. */
export const NOTICE_PREFIX = 'n:';
