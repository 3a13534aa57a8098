/** Absence: attendance imports (a file sent to the bot, or a path in the console) and absence signals. */
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { importAttendance, openCaseFromSignal } from '../../absence/absence.service.ts';
import { importReply } from '../absence-view.ts';
import { tx } from '../texts.ts';
import { textReply } from '../../ports/reply.ts';
import type { ChatCtx, ChatReply, Feature } from './feature.ts';

export type AttendanceFile = { fileName: string; content: Buffer | NodeJS.ReadableStream | AsyncIterable<Uint8Array> };

/** An attendance export sent as a file (Slack upload, Teams attachment, console path): counts only. */
export async function importFile(x: ChatCtx, file: AttendanceFile): Promise<ChatReply> {
  const result = await importAttendance(x.deps, x.actor, { fileName: file.fileName, content: file.content as never });
  return importReply(result, x.lang);
}

export const absence: Feature<'signal' | 'import'> = {
  name: 'absence',
  commands: {
    signal: async (x, cmd) => {
      const { lang } = x;
      const r = await openCaseFromSignal(x.deps, x.actor, cmd.rest.trim());
      return {
        visibility: 'private',
        blocks: [
          { type: 'text', text: `✅ ${tx(lang, r.created ? 'ok.signalOpened' : 'ok.signalExisting', { code: r.code })}` },
          { type: 'actions', buttons: [{ label: tx(lang, 'btn.status'), action: 'case.open', value: r.code, style: 'primary' }, { label: tx(lang, 'btn.meeting'), action: 'case.meeting', value: r.code }] },
        ],
        fallbackText: tx(lang, r.created ? 'ok.signalOpened' : 'ok.signalExisting', { code: r.code }),
      };
    },
    import: async (x, cmd) => {
      // Reading a path is only for the console, on the operator's own machine; chat platforms send the file.
      if (x.actor.platform !== 'CONSOLE' || !cmd.rest) return textReply(tx(x.lang, 'import.sendFile'));
      const file = cmd.rest.trim();
      let stream;
      try {
        await access(file);
        stream = createReadStream(file);
      } catch {
        return textReply(`⚠ ${tx(x.lang, 'import.noFile', { file })}`);
      }
      return importFile(x, { fileName: path.basename(file), content: stream });
    },
  },
  actions: {},
  forms: {},
};
