/**
 * Files from the bot in Teams, through the file-consent flow (personal scope only; the manifest
 * sets `supportsFiles`): the bot sends a FileConsentCard per file; when the person chooses Allow,
 * Teams sends a `fileConsent/invoke` with an upload URL in their OneDrive, the bot uploads the
 * bytes there and posts a FileInfoCard. The file waits in the core (ChatPort.offerFiles), bound
 * to the person, so the upload works from any instance and only for the person it was made for.
 */
import type { Activity, FileConsentCardResponse } from 'botbuilder';
import type { FileOffer } from '../../src/ports/chat-port.ts';
import type { ReplyFile } from '../../src/ports/reply.ts';
import { cardText } from './cards/card-texts.ts';
import { inlineImage } from './cards/render-attachment.ts';
import { isAllowedDownloadUrl } from './file-import.ts';

export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

/** The files of a reply that need a consent card: all but a PNG shown inline (1:1 chats). */
export function filesToOffer(files: ReplyFile[] | undefined, personal: boolean): ReplyFile[] {
  const inline = personal ? inlineImage(files) : undefined;
  return (files ?? []).filter((f) => !(inline && f.fileName === inline.name && f.mimeType === 'image/png'));
}

/** The message carrying one FileConsentCard; the offer id comes back in the invoke's context. */
export function consentCardActivity(offer: FileOffer, lang: string | undefined): Partial<Activity> {
  const context = { offerId: offer.id };
  return {
    type: 'message',
    attachments: [
      {
        contentType: FILE_CONSENT_CARD,
        name: offer.fileName,
        content: { description: cardText(lang, 'fileConsentDescription', { name: offer.fileName }), sizeInBytes: offer.sizeBytes, acceptContext: context, declineContext: context },
      },
    ],
  };
}

/** The offer id of a consent invoke, or undefined. */
export function offerIdOf(value: FileConsentCardResponse | undefined): string | undefined {
  const ctx = value?.context as { offerId?: unknown } | undefined;
  return typeof ctx?.offerId === 'string' ? ctx.offerId : undefined;
}

/**
 * Whether Stafett may PUT a person's file to this upload URL: https only (a OneDrive/SharePoint
 * upload session), or loopback http for local tests; never with credentials in the URL.
 */
export function isAllowedUploadUrl(url: string | undefined): url is string {
  return Boolean(url) && isAllowedDownloadUrl(url!);
}

/** Uploads the whole file in one range (our files are far below the 4 MB single-PUT limit). */
export async function uploadToSession(uploadUrl: string, bytes: Buffer, fetchImpl: typeof fetch = fetch): Promise<void> {
  const res = await fetchImpl(uploadUrl, {
    method: 'PUT',
    headers: { 'content-length': String(bytes.length), 'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}` },
    body: new Uint8Array(bytes),
    redirect: 'error',
    signal: AbortSignal.timeout(4000),
  });
  if (!res.ok) throw new Error(`upload answered ${res.status}`);
}

/** The FileInfoCard message telling the person where the uploaded file is. */
export function fileInfoActivity(info: NonNullable<FileConsentCardResponse['uploadInfo']>, lang: string | undefined): Partial<Activity> {
  return {
    type: 'message',
    text: cardText(lang, 'fileSent', { name: info.name ?? '' }),
    attachments: [{ contentType: FILE_INFO_CARD, contentUrl: info.contentUrl, name: info.name, content: { uniqueId: info.uniqueId, fileType: info.fileType } }],
  };
}

export function replyFileBytes(f: ReplyFile): Buffer {
  return f.encoding === 'base64' ? Buffer.from(f.content, 'base64') : Buffer.from(f.content, 'utf8');
}
