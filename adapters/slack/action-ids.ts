/**
 * Every Slack `action_id`, `block_id` and `callback_id` this adapter emits or routes, in one
 * `as const` map so handlers and renderers cannot drift apart.
 */
export const SLACK_IDS = {
  /** Prefix of every button's action_id: `stafett:<n>:<core action>` (n keeps ids unique per message). */
  buttonPrefix: 'stafett:',
  /** callback_id of every modal built from a FormSpec. */
  formCallback: 'stafett.form',
  /** Input block ids: `f:<field name>`, the time half of a datetime `f:<name>:time`. */
  fieldBlockPrefix: 'f:',
  timeSuffix: ':time',
  /** The one element inside each input block. */
  inputAction: 'v',
} as const;

/** The slash command and Events API subscriptions the app registers; the manifest must match. */
export const SLACK_COMMAND = '/stafett' as const;
export const SLACK_EVENTS = ['app_home_opened', 'message.im'] as const;

/** Matches every button action_id this adapter renders. */
export const BUTTON_ACTION_PATTERN = /^stafett:\d+:/;

/** Builds the action_id of a button from its position and the core's action name. */
export function createButtonActionId(index: number, action: string): string {
  return `${SLACK_IDS.buttonPrefix}${index}:${action}`;
}

/** The core action name carried by a button action_id, or null for ids that are not ours. */
export function parseButtonActionId(actionId: string): string | null {
  if (!BUTTON_ACTION_PATTERN.test(actionId)) return null;
  return actionId.slice(actionId.indexOf(':', SLACK_IDS.buttonPrefix.length) + 1) || null;
}

/**
 * Core actions whose result replaces the message the button sits on (nudges): clicking twice
 * shows the same state instead of a second reply.
 */
export function isReplacingAction(action: string): boolean {
  return /^(nudge|reminder)[.:]/.test(action);
}

/** The block id of a form field's input block. */
export function fieldBlockId(name: string): string {
  return `${SLACK_IDS.fieldBlockPrefix}${name}`;
}

/** Actions the adapter handles itself, never forwarded to the core. */
export const ADAPTER_ACTIONS = {
  /** Re-runs a typed DM command from a button, to get the trigger_id a modal needs. */
  rerunText: 'slack.rerun',
} as const;
