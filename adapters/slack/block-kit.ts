/**
 * Typed Block Kit builders that enforce Slack's limits (PLATFORM.md): every builder truncates its
 * text to the documented maximum, so a rendered view can never be rejected for length.
 */
import type { types } from '@slack/bolt';
import { toPlainText, truncate } from './mrkdwn.ts';

export type SlackBlock = types.KnownBlock;
export type SlackButton = types.Button;
export type PlainText = types.PlainTextElement;
export type SlackOption = types.PlainTextOption;

/** Slack's Block Kit limits we render against. */
export const SLACK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  actionsElements: 25,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  placeholder: 150,
  hint: 2000,
  inputMaxLength: 3000,
  /** `text` of chat.postMessage is cut by Slack at 40 000; keep notifications short. */
  fallbackText: 3000,
} as const;

/** A `plain_text` object, markup stripped and cut to `max`. */
export function plainText(text: string, max: number): PlainText {
  return { type: 'plain_text', text: truncate(toPlainText(text), max) || ' ', emoji: true };
}

/** A section with mrkdwn text (already converted and at most 3000 characters). */
export function createSection(mrkdwn: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, SLACK_LIMITS.sectionText) || ' ' } };
}

/** A section of up to ten mrkdwn fields. */
export function createFieldsSection(fields: string[]): SlackBlock {
  return {
    type: 'section',
    fields: fields.slice(0, SLACK_LIMITS.sectionFields).map((f) => ({ type: 'mrkdwn', text: truncate(f, SLACK_LIMITS.fieldText) || ' ' })),
  };
}

/** A header block (plain text, ≤ 150). */
export function createHeader(text: string): SlackBlock {
  return { type: 'header', text: plainText(text, SLACK_LIMITS.headerText) };
}

/** A context block with one mrkdwn element. */
export function createContext(mrkdwn: string): SlackBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(mrkdwn, SLACK_LIMITS.contextText) || ' ' }] };
}

export function createDivider(): SlackBlock {
  return { type: 'divider' };
}

/** A button; returns null when the action id or value cannot fit (truncating them would misroute). */
export function createButton(opts: { text: string; actionId: string; value: string; style?: 'primary' | 'danger' }): SlackButton | null {
  if (opts.actionId.length > SLACK_LIMITS.actionId || opts.value.length > SLACK_LIMITS.buttonValue) return null;
  const b: SlackButton = { type: 'button', text: plainText(opts.text, SLACK_LIMITS.buttonText), action_id: opts.actionId, value: opts.value };
  if (opts.style) b.style = opts.style;
  return b;
}

/** Actions blocks of at most 25 buttons each. */
export function createActions(buttons: SlackButton[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  for (let i = 0; i < buttons.length; i += SLACK_LIMITS.actionsElements) {
    out.push({ type: 'actions', elements: buttons.slice(i, i + SLACK_LIMITS.actionsElements) });
  }
  return out;
}

/** A select option (text ≤ 75, value ≤ 150); null when the value cannot fit. */
export function createOption(value: string, label: string): SlackOption | null {
  if (value.length > SLACK_LIMITS.optionValue) return null;
  return { text: plainText(label, SLACK_LIMITS.optionText), value };
}
