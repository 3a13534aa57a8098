/**
 * Attendance CSVs sent to the bot in a 1:1 chat. Teams delivers a file as an attachment of type
 * `application/vnd.microsoft.teams.file.download.info` whose `content.downloadUrl` is a short-lived
 * pre-authenticated link (no auth header needed); we fetch it with a size limit and hand the bytes
 * to the core's `importFile`. Requires `supportsFiles: true` for the bot in the Teams manifest.
 */
import type { Activity } from 'botbuilder';
import type { ActorRef } from '../../src/chat/actor.ts';
import type { Reply } from '../../src/chat/reply.ts';

/** The core's file import (ChatService.importFile); not part of ChatPort yet. */
export interface FileImportPort {
  importFile(ref: ActorRef, file: { fileName: string; content: Buffer }): Promise<Reply>;
}

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
/** Largest attendance export accepted from chat. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface TeamsFile {
  name: string;
  downloadUrl?: string;
  fileType?: string;
}

export class FileTooLargeError extends Error {
  readonly code = 'FILE.TOO_LARGE';
}

/** The files of a message activity (download-info attachments only). */
export function filesOf(activity: Partial<Activity>): TeamsFile[] {
  return (activity.attachments ?? [])
    .filter((a) => a.contentType === FILE_DOWNLOAD_INFO)
    .map((a) => {
      const c = (a.content ?? {}) as { downloadUrl?: unknown; fileType?: unknown };
      return {
        name: a.name ?? 'file',
        ...(typeof c.downloadUrl === 'string' ? { downloadUrl: c.downloadUrl } : {}),
        ...(typeof c.fileType === 'string' ? { fileType: c.fileType } : {}),
      };
    });
}

/** `.csv` by name (the file type Teams reports must agree when given). */
export function isCsv(f: TeamsFile): boolean {
  const byName = f.name.toLowerCase().endsWith('.csv');
  return byName && (f.fileType === undefined || f.fileType.toLowerCase() === 'csv');
}

/** https only; plain http just to loopback (local mode, tests). */
export function isAllowedDownloadUrl(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.username || u.password) return false;
    if (u.protocol === 'https:') return true;
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

/** GETs `url`, reading at most `limit` bytes (FileTooLargeError beyond). No credentials are sent. */
export async function downloadLimited(url: string, limit: number, fetchImpl: typeof fetch = fetch): Promise<Buffer> {
  const res = await fetchImpl(url, { signal: AbortSignal.timeout(60_000), redirect: 'follow' });
  if (!res.ok) throw new Error(`download failed with HTTP ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > limit) {
    await res.body?.cancel();
    throw new FileTooLargeError(`declared ${declared} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel();
        throw new FileTooLargeError(`more than ${limit} bytes`);
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}
