/**
 * A Reply's files in a Teams card. Bots can send real files only in a 1:1 chat, through the
 * file-consent flow (adapters/teams/file-offers.ts): the card names each file and says what
 * happens to it — it follows as a consent card (1:1), it was sent to the person's private chat,
 * or it can only be had there. A PNG up to MAX_INLINE_IMAGE_BYTES is shown inline in 1:1 chats
 * instead. No card claims a file is attached when it is not.
 */
import type { ReplyFile } from '../../../src/ports/reply.ts';
import { cardText } from './card-texts.ts';

/** One Adaptive Card element (the JSON the Teams client renders). */
export type CardElement = Record<string, unknown>;

type Attachment = ReplyFile;

/** Largest PNG sent inline (the data URI is ~4/3 of it). */
export const MAX_INLINE_IMAGE_BYTES = 512 * 1024;

/** What happens to a reply's files where the card is shown. */
export type FileDelivery = 'offered' | 'sentPrivately' | 'unavailable';

/** An attachment Bot Framework sends beside the card. */
export interface InlineImage {
  contentType: 'image/png';
  contentUrl: string;
  name: string;
}

const isImage = (a: Attachment) => a.mimeType === 'image/png' && a.encoding === 'base64';

/** Size for people: "12 kB", "1,4 MB". */
export function humanSize(bytes: number, lang: string | undefined): string {
  const locale = lang?.startsWith('nb') || lang?.startsWith('no') ? 'nb-NO' : lang?.startsWith('en') ? 'en-GB' : 'sv-SE';
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} kB`;
  return `${(bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}

export function fileBytes(a: Attachment): number {
  return a.encoding === 'base64' ? Buffer.byteLength(a.content, 'base64') : Buffer.byteLength(a.content, 'utf8');
}

/**
 * Card elements for one file. `imageInline`: the PNG is sent beside the card; `files`: what
 * happens to the other files (default: they cannot be had here).
 */
export function attachmentElements(a: Attachment, lang: string | undefined, opts: { imageInline?: boolean; files?: FileDelivery } = {}): CardElement[] {
  const name = a.fileName;
  const title: CardElement = { type: 'TextBlock', text: cardText(lang, 'attachment', { name }), wrap: true, weight: 'Bolder', separator: true, spacing: 'Medium' };
  const note = (text: string): CardElement => ({ type: 'TextBlock', text, wrap: true, isSubtle: true, size: 'Small', spacing: 'None' });
  if (isImage(a) && opts.imageInline && inlineImage([a])) return [title, note(cardText(lang, 'attachmentImageHere', { name }))];
  const files = opts.files ?? 'unavailable';
  if (files === 'offered') return [title, note(cardText(lang, 'attachmentOffered', { name, size: humanSize(fileBytes(a), lang) }))];
  if (files === 'sentPrivately') return [title, note(cardText(lang, isImage(a) ? 'attachmentImagePrivate' : 'attachmentSentPrivately', { name }))];
  return [title, note(cardText(lang, 'attachmentUnavailable', { name }))];
}

/** The first PNG as an inline image attachment, or undefined (no PNG, or too large to inline). */
export function inlineImage(files: Attachment[] | undefined): InlineImage | undefined {
  const a = files?.find(isImage);
  if (!a) return undefined;
  if (Buffer.byteLength(a.content, 'base64') > MAX_INLINE_IMAGE_BYTES) return undefined;
  return { contentType: 'image/png', contentUrl: `data:image/png;base64,${a.content}`, name: a.fileName };
}
