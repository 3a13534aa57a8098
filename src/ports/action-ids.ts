/**
 * Every button action id, listed under the feature of the conversation layer that handles it
 * (src/chat/features/). Part of the contract a Reply carries: views, the plan list, reminders and
 * notices name `ActionId` from here without importing the conversation layer. Each feature's `actions` is typed by its row here
 * (`Feature<…, ActionIdOf<'cases'>, …>`): an id without its handler, or a handler for an id not
 * listed, is a type error, and the registry checks the same when it loads.
 */
import type { Block, Button, Reply } from './reply.ts';

export const ACTION_IDS = {
  cases: ['case.new', 'case.open', 'case.mine', 'case.advance', 'case.close', 'case.tier', 'case.maintenancePlan', 'case.output', 'case.addPerson'],
  meetings: ['case.meetings', 'case.meeting', 'meeting.record', 'meeting.recordUnplanned', 'meeting.reschedule', 'meeting.confirmOutside', 'meeting.cancel'],
  plan: ['case.action', 'case.decision', 'action.done', 'action.evaluate', 'action.revise'],
  consent: ['case.consent', 'case.consentForm', 'consent.withdraw', 'case.share', 'share.approve', 'share.decline'],
  handover: ['case.handover', 'case.accept', 'case.decline'],
  concern: ['case.concern', 'concern.view'],
  records: ['case.log', 'case.export', 'case.hold', 'case.unhold'],
  nudges: ['nudge.done', 'nudge.snooze'],
} as const;

/** A feature that handles buttons. */
export type ButtonFeature = keyof typeof ACTION_IDS;
/** The action ids one feature handles. */
export type ActionIdOf<F extends ButtonFeature> = (typeof ACTION_IDS)[F][number];
/** Every button action id some feature handles. */
export type ActionId = ActionIdOf<ButtonFeature>;

/** A reply of the core: its buttons name only actions a feature handles. */
export type ChatReply = Reply<ActionId>;
export type ChatButton = Button<ActionId>;
export type ChatBlock = Block<ActionId>;
