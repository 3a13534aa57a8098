/** Buttons of reminders (nudges): done, snooze; served by the reminders module. */
import { errorText } from '../../i18n/core.ts';
import { textReply } from '../../ports/reply.ts';
import type { ActionIdOf } from '../../ports/action-ids.ts';
import type { ActionHandler, Feature } from './feature.ts';
import { nudgeOutcomeReply } from '../nudge-view.ts';

const nudge: ActionHandler = async (x, a) => {
  const outcome = await x.chat.reminders.handleAction(x.actor, a.action, a.value);
  return outcome ? nudgeOutcomeReply(x.lang, outcome) : textReply(`⚠ ${errorText(x.lang, 'NUDGE.NOT_FOUND')}`);
};

export const nudges: Feature<never, ActionIdOf<'nudges'>> = {
  name: 'nudges',
  commands: {},
  actions: { 'nudge.done': nudge, 'nudge.snooze': nudge },
  forms: {},
  actionPrefix: { prefix: 'nudge.', handle: nudge },
};
