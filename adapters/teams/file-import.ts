/**
 * Attendance CSVs sent to the bot in a 1:1 chat. Teams delivers a file as an attachment of type
 * `application/vnd.microsoft.teams.file.download.info` whose `content.downloadUrl` is a short-lived
 * pre-authenticated link (no auth header needed); we fetch it with a size limit and hand the bytes
 * to the core's `importFile`. Requires `supportsFiles: true` for the bot in the Teams manifest.
 */
import type { Activity } from 'botbuilder';
import type { ActorRef } from '../../src/ports/actor.ts';
import type { Reply } from '../../src/ports/reply.ts';

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

export { downloadLimited, FileTooLargeError } from '../shared/download-limited.ts';

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

