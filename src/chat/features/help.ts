/** Help (`hjälp [kommando]`) and the answer to a word that is no command. */
import { formatUnknownCommand, renderHelp } from '../../commands/help.ts';
import { textReply } from '../../ports/reply.ts';
import type { Feature } from './feature.ts';
import { ownCodes } from './support.ts';

export const help: Feature<'help' | 'unknown'> = {
  name: 'help',
  commands: {
    help: async (x, cmd) => textReply(ownCodes(x, renderHelp(x.lang, { topic: cmd.topic, includeDev: Boolean(x.chat.devClock) }))),
    unknown: async (x, cmd) => textReply(`${formatUnknownCommand(x.lang, cmd)}`),
  },
  actions: {},
  forms: {},
};
