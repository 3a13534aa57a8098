/** Renders the platform-neutral Reply as Block Kit, within the limits of the target surface. */
import type { Block, Reply } from '../../src/ports/reply.ts';
import { createButtonActionId } from './action-ids.ts';
import {
  createActions,
  createButton,
  createContext,
  createDivider,
  createFieldsSection,
  createHeader,
  createSection,
  SLACK_LIMITS,
  type SlackBlock,
  type SlackButton,
} from './block-kit.ts';
import { escapeSlackText, splitText, toMrkdwn, toPlainText, truncate } from './mrkdwn.ts';

/** Where the blocks go: a message allows 50 blocks, a modal or the App Home 100. */
export type Surface = 'message' | 'view';

/** A rendered message: blocks plus the notification / screen-reader text. */
export interface RenderedMessage {
  blocks: SlackBlock[];
  text: string;
}

/** Renders one neutral block; a long text or list becomes several sections. */
function renderBlock(block: Block, buttonIndex: { n: number }): SlackBlock[] {
  switch (block.type) {
    case 'header':
      return [createHeader(block.text)];
    case 'text':
      return splitText(toMrkdwn(block.text), SLACK_LIMITS.sectionText).map(createSection);
    case 'fields': {
      const fields = block.fields.map((f) => `*${toMrkdwn(toPlainText(f.label))}*\n${toMrkdwn(f.value)}`);
      const out: SlackBlock[] = [];
      for (let i = 0; i < fields.length; i += SLACK_LIMITS.sectionFields) out.push(createFieldsSection(fields.slice(i, i + SLACK_LIMITS.sectionFields)));
      return out;
    }
    case 'list':
      if (block.items.length === 0) return [];
      return splitText(block.items.map((item) => `• ${toMrkdwn(item)}`).join('\n'), SLACK_LIMITS.sectionText).map(createSection);
    case 'actions': {
      const buttons = block.buttons
        .map((b) => createButton({ text: b.label, actionId: createButtonActionId(buttonIndex.n++, b.action), value: b.value, style: b.style }))
        .filter((b): b is SlackButton => b !== null);
      return createActions(buttons);
    }
    case 'divider':
      return [createDivider()];
  }
}

/**
 * Keeps at most `max` blocks. When content must go, the trailing actions blocks (the buttons
 * people act on) survive and a "…" context marks the cut.
 */
export function fitBlocks(blocks: SlackBlock[], max: number): SlackBlock[] {
  if (blocks.length <= max) return blocks;
  const tail: SlackBlock[] = [];
  for (let i = blocks.length - 1; i >= 0 && tail.length < 2 && blocks[i]!.type === 'actions'; i--) tail.unshift(blocks[i]!);
  const room = Math.max(0, max - tail.length - 1);
  return [...blocks.slice(0, room), createContext('…'), ...tail];
}

/** Renders a Reply's blocks for a message (≤ 50 blocks) or a view (≤ 100 blocks). */
export function renderBlocks(reply: Pick<Reply, 'blocks' | 'fallbackText'>, surface: Surface = 'message'): SlackBlock[] {
  const counter = { n: 0 };
  const blocks = reply.blocks.flatMap((b) => renderBlock(b, counter));
  if (blocks.length === 0 && reply.fallbackText) blocks.push(...splitText(toMrkdwn(reply.fallbackText), SLACK_LIMITS.sectionText).map(createSection));
  return fitBlocks(blocks, surface === 'message' ? SLACK_LIMITS.messageBlocks : SLACK_LIMITS.viewBlocks);
}

/** Renders a Reply as a chat message: blocks and a plain fallback text. */
export function renderMessage(reply: Pick<Reply, 'blocks' | 'fallbackText'>): RenderedMessage {
  return { blocks: renderBlocks(reply, 'message'), text: truncate(escapeSlackText(reply.fallbackText || ' '), SLACK_LIMITS.fallbackText) };
}

/** Renders a Reply as the App Home view. */
export function renderHome(reply: Pick<Reply, 'blocks' | 'fallbackText'>): { type: 'home'; blocks: SlackBlock[] } {
  return { type: 'home', blocks: renderBlocks(reply, 'view') };
}
