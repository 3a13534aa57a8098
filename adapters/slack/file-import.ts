/**
 * Attendance CSV files shared in the bot's DM: checks name and size, downloads
 * `url_private_download` with the bot token (only from Slack's file host or the configured API
 * origin, so the token never leaves Slack) and hands the bytes to the core's `importFile`.
 */
import type { webApi } from '@slack/bolt';
import type { ActorRef } from '../../src/ports/actor.ts';
import type { Reply } from '../../src/ports/reply.ts';
import type { Logger } from '../../src/shared/logger.ts';

/** The core's file import (ChatService.importFile); not part of ChatPort yet. */
export interface FileImportPort {
  importFile(ref: ActorRef, file: { fileName: string; content: Buffer }): Promise<Reply>;
}

/** Largest attendance export accepted from chat. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** The fields of a Slack file object this adapter reads. */
export interface SlackFileInfo {
  id?: string;
  name?: string;
  title?: string;
  mimetype?: string;
  filetype?: string;
  size?: number;
  url_private_download?: string;
  url_private?: string;
  file_access?: string;
}

export { downloadLimited, FileTooLargeError } from '../shared/download-limited.ts';

/** `.csv` by name, or a CSV MIME type / Slack file type. */
export function isCsvFile(f: { name?: string; mimetype?: string; filetype?: string }): boolean {
  const name = (f.name ?? '').toLowerCase();
  if (name.endsWith('.csv')) return true;
  const ext = /\.([a-z0-9]{1,8})$/.exec(name)?.[1];
  if (ext) return false;
  return f.mimetype === 'text/csv' || f.mimetype === 'application/csv' || f.filetype === 'csv';
}

/** Only Slack's own file host (https) or the configured API origin (a test fake) get the token. */
export function createFileUrlGuard(apiUrl: string): (url: string) => boolean {
  const apiOrigin = new URL(apiUrl).origin;
  return (url) => {
    try {
      const u = new URL(url);
      return (u.protocol === 'https:' && (u.hostname === 'files.slack.com' || u.hostname.endsWith('.slack.com'))) || u.origin === apiOrigin;
    } catch {
      return false;
    }
  };
}


export type FileCheck = { ok: true; file: SlackFileInfo & { url: string } } | { ok: false; reason: 'notCsv' | 'tooLarge' | 'downloadFailed' };

/**
 * Checks a shared file and finds its download URL (`files.info` when the event only says
 * `file_access: check_file_info`).
 */
export async function checkSharedFile(client: webApi.WebClient, f: SlackFileInfo, log: Logger): Promise<FileCheck> {
  let file = f;
  if ((file.file_access === 'check_file_info' || !file.url_private_download) && file.id) {
    try {
      const r = await client.files.info({ file: file.id });
      if (r.file) file = { ...file, ...(r.file as SlackFileInfo) };
    } catch (e) {
      log.warn({ err: e }, 'slack: files.info failed');
      return { ok: false, reason: 'downloadFailed' };
    }
  }
  if (!isCsvFile(file)) return { ok: false, reason: 'notCsv' };
  if ((file.size ?? 0) > MAX_IMPORT_BYTES) return { ok: false, reason: 'tooLarge' };
  const url = file.url_private_download ?? file.url_private;
  if (!url) return { ok: false, reason: 'downloadFailed' };
  return { ok: true, file: { ...file, url } };
}
