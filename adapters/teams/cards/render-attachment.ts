/**
 * A Reply's attachment in Teams. Bots can only send real files in personal scope through the
 * file consent flow, so we do the simple, honest thing: a text file (.ics, .md, .csv) is shown in
 * the card in a collapsible monospace container (a "Show/hide" toggle), truncated to stay well
 * under Teams' message size; a PNG is sent as an inline image attachment (data URI) in 1:1 chats
 * only. Other binary files are named, not shown.
 */
import type { Reply } from '../../../src/chat/reply.ts';
import { cardText } from './card-texts.ts';
import type { CardElement } from './render-card.ts';

type Attachment = NonNullable<Reply['attachment']>;

/** Characters of a text file shown in a card (a Teams message is capped near 28–100 KB). */
export const MAX_ATTACHMENT_TEXT = 20_000;
/** Largest PNG sent inline (the data URI is ~4/3 of it). */
export const MAX_INLINE_IMAGE_BYTES = 512 * 1024;

/** An attachment Bot Framework sends beside the card. */
export interface InlineImage {
  contentType: 'image/png';
  contentUrl: string;
  name: string;
}

const isImage = (a: Attachment) => a.mimeType === 'image/png' && a.encoding === 'base64';

/** Stable id for the toggled container (ids must be unique in a card). */
function containerId(a: Attachment): string {
  return `file-${a.fileName.replace(/[^A-Za-z0-9]/g, '-').slice(0, 60)}`;
}

/**
 * Card elements for an attachment. `imageInline`: whether the PNG is sent beside the card
 * (personal scope); otherwise the card says it is only shown in a private chat.
 */
export function attachmentElements(a: Attachment, lang: string | undefined, opts: { imageInline?: boolean } = {}): CardElement[] {
  const name = a.fileName;
  const title: CardElement = { type: 'TextBlock', text: cardText(lang, 'attachment', { name }), wrap: true, weight: 'Bolder', separator: true, spacing: 'Medium' };
  if (isImage(a)) {
    return [title, { type: 'TextBlock', text: cardText(lang, opts.imageInline ? 'attachmentImageHere' : 'attachmentImagePrivate', { name }), wrap: true, isSubtle: true, size: 'Small', spacing: 'None' }];
  }
  if (a.encoding === 'base64') {
    return [title, { type: 'TextBlock', text: cardText(lang, 'attachmentBinary', { name }), wrap: true, isSubtle: true, size: 'Small', spacing: 'None' }];
  }
  const text = a.content.replace(/\r\n/g, '\n');
  const truncated = text.length > MAX_ATTACHMENT_TEXT;
  const shown = truncated ? text.slice(0, MAX_ATTACHMENT_TEXT) : text;
  const id = containerId(a);
  const items: CardElement[] = [
    // A RichTextBlock's TextRun is shown literally: no markdown in a CSV or calendar file.
    { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: shown, fontType: 'Monospace', size: 'Small' }] },
  ];
  if (truncated) items.push({ type: 'TextBlock', text: cardText(lang, 'attachmentTruncated', { shown: String(MAX_ATTACHMENT_TEXT), total: String(text.length) }), wrap: true, isSubtle: true, size: 'Small' });
  return [
    title,
    { type: 'ActionSet', spacing: 'None', actions: [{ type: 'Action.ToggleVisibility', title: cardText(lang, 'attachmentShow', { name }).slice(0, 75), targetElements: [id] }] },
    { type: 'Container', id, isVisible: false, style: 'emphasis', items },
  ];
}

/** The PNG as an inline image attachment, or undefined (not a PNG, or too large to inline). */
export function inlineImage(a: Attachment | undefined): InlineImage | undefined {
  if (!a || !isImage(a)) return undefined;
  if (Buffer.byteLength(a.content, 'base64') > MAX_INLINE_IMAGE_BYTES) return undefined;
  return { contentType: 'image/png', contentUrl: `data:image/png;base64,${a.content}`, name: a.fileName };
}
