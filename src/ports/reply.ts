/**
 * The platform-neutral view model every service answer is rendered from. The Slack adapter turns
 * it into Block Kit, the Teams adapter into Adaptive Cards, the console into text. Text uses a
 * small markdown subset: `**bold**`, `_italic_`, `` `code` `` and line breaks.
 */
import type { ReplyFile } from './file.ts';

/** Where a reply may be shown. `private`: only the asking person; `shared`: a channel may see it. */
export type Visibility = 'private' | 'shared';

/**
 * A button. `A` is the action id type: the core builds buttons with `ActionId` (every action a
 * feature handles, src/ports/action-ids.ts); adapters render any string.
 */
export interface Button<A extends string = string> {
  label: string;
  /** Stable action id, routed back to `ChatService.handleAction`. */
  action: A;
  /** Opaque value (≤ 2000 chars), e.g. a nudge or case id. */
  value: string;
  style?: 'primary' | 'danger';
}

export type Block<A extends string = string> =
  | { type: 'header'; text: string }
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'list'; items: string[] }
  | { type: 'actions'; buttons: Button<A>[] }
  | { type: 'divider' };

export type FieldKind = 'text' | 'textarea' | 'select' | 'multiselect' | 'date' | 'datetime' | 'number' | 'person' | 'checkbox';

export interface FormField {
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  options?: { value: string; label: string }[];
  maxLength?: number;
  placeholder?: string;
  hint?: string;
  /** Initial value; for `multiselect` a comma-separated list. */
  initial?: string;
  /** Date fields: `past` when the date has been (when consent was given); otherwise a coming date is expected. */
  dateExpect?: 'past';
}

/** A form the adapter shows as a Slack modal, an Adaptive Card or console prompts. */
export interface FormSpec {
  /** Form kind, e.g. `case.new`, `meeting.schedule`. */
  id: string;
  title: string;
  submitLabel: string;
  /** Carried back unchanged on submit (e.g. `{ caseCode }`); adapters keep it in private metadata. */
  context: Record<string, string>;
  fields: FormField[];
  intro?: string;
}

/** A file a reply hands out (ports/file.ts: the domain produces files without knowing replies). */
export type { ReplyFile } from './file.ts';

export interface Reply<A extends string = string> {
  visibility: Visibility;
  blocks: Block<A>[];
  /** Plain-text summary for notifications and screen readers. */
  fallbackText: string;
  /** When set, the adapter opens this form (the blocks may be empty). */
  form?: FormSpec;
  /** Files handed out with the reply: an .ics invitation, the export (Markdown and PDF), a chart, a CSV. */
  attachments?: ReplyFile[];
  /**
   * A second, private reply to the same person. Used when the first is shared in a channel
   * (e.g. `status` in a channel: the summary for everyone, details only to the asker).
   */
  privateFollowUp?: Reply<A>;
}

/** The outcome of a form submission: a reply, or per-field localized errors to show in the form. */
export type FormResult<A extends string = string> = { ok: true; reply: Reply<A> } | { ok: false; errors: Record<string, string> };

/** Builds a private reply from text blocks. */
export function textReply<A extends string = never>(text: string, visibility: Visibility = 'private'): Reply<A> {
  return { visibility, blocks: [{ type: 'text', text }], fallbackText: stripMarkup(text) };
}

/** Removes the markdown subset for plain-text surfaces. */
export function stripMarkup(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/`([^`]+)`/g, '$1').replace(/(^|\s)_(\S[^_]*)_/g, '$1$2');
}
