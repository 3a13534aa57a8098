import { describe, expect, it } from 'vitest';
import { parseButtonActionId } from '../../../adapters/slack/action-ids.ts';
import { escapeSlackText, splitText, toMrkdwn, truncate } from '../../../adapters/slack/mrkdwn.ts';
import { fitBlocks, renderBlocks, renderHome, renderMessage } from '../../../adapters/slack/render-blocks.ts';
import { renderReplyMessage } from '../../../adapters/slack/reply-sender.ts';
import type { Reply } from '../../../src/ports/reply.ts';
import { slackLimitViolations } from './slack-limits.ts';

const reply = (blocks: Reply['blocks'], fallbackText = 'x'): Reply => ({ visibility: 'private', blocks, fallbackText });

describe('toMrkdwn', () => {
  it('should turn **bold** into *bold* and keep _italic_ and `code`', () => {
    expect(toMrkdwn('**ST-26-0001** är _öppet_, kör `status`')).toBe('*ST-26-0001* är _öppet_, kör `status`');
  });

  it('should escape <, > and & so user text cannot mention @channel or link', () => {
    expect(toMrkdwn('<!channel> & <https://x|y>')).toBe('&lt;!channel&gt; &amp; &lt;https://x|y&gt;');
    expect(escapeSlackText('a<b')).toBe('a&lt;b');
  });
});

describe('truncate and splitText', () => {
  it('should cut with an ellipsis and never split a surrogate pair or an escape', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate('abc&amp;def', 6)).toBe('abc…');
    expect(truncate('short', 10)).toBe('short');
  });

  it('should split long text at line breaks into chunks within the limit', () => {
    const text = Array.from({ length: 100 }, (_, i) => `rad ${i} ${'x'.repeat(80)}`).join('\n');
    const chunks = splitText(text, 3000);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(3000);
    expect(chunks.join('\n')).toBe(text);
    const oneLine = 'y'.repeat(7000);
    expect(splitText(oneLine, 3000).map((c) => c.length)).toEqual([3000, 3000, 1000]);
  });
});

describe('renderBlocks', () => {
  it('should render every neutral block type', () => {
    const blocks = renderBlocks(
      reply([
        { type: 'header', text: 'Ärende **ST-26-0001**' },
        { type: 'text', text: 'Hej **du**' },
        { type: 'fields', fields: [{ label: 'Steg', value: 'Målmöte' }] },
        { type: 'list', items: ['ett', 'två'] },
        { type: 'divider' },
        { type: 'actions', buttons: [{ label: 'Öppna', action: 'case.open', value: 'ST-26-0001', style: 'primary' }] },
      ]),
    );
    expect(blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Ärende ST-26-0001', emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: 'Hej *du*' } },
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Steg*\nMålmöte' }] },
      { type: 'section', text: { type: 'mrkdwn', text: '• ett\n• två' } },
      { type: 'divider' },
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Öppna', emoji: true }, action_id: 'stafett:0:case.open', value: 'ST-26-0001', style: 'primary' }] },
    ]);
    expect(parseButtonActionId('stafett:0:case.open')).toBe('case.open');
    expect(parseButtonActionId('other')).toBeNull();
  });

  it('should keep every text, field, header and button within its limit', () => {
    const huge = 'Å'.repeat(5000);
    const blocks = renderBlocks(
      reply([
        { type: 'header', text: huge },
        { type: 'text', text: huge },
        { type: 'fields', fields: Array.from({ length: 23 }, (_, i) => ({ label: `F${i}`, value: huge })) },
        { type: 'list', items: Array.from({ length: 200 }, (_, i) => `punkt ${i} ${'z'.repeat(100)}`) },
        { type: 'actions', buttons: Array.from({ length: 30 }, (_, i) => ({ label: huge, action: `case.x${i}`, value: 'v' })) },
      ]),
    );
    expect(slackLimitViolations(blocks as never, 50)).toEqual([]);
  });

  it('should drop a button whose value or action id cannot fit rather than cut it', () => {
    const blocks = renderBlocks(reply([{ type: 'actions', buttons: [{ label: 'a', action: 'ok', value: 'x'.repeat(2001) }, { label: 'b', action: 'x'.repeat(260), value: 'v' }, { label: 'c', action: 'ok', value: 'v' }] }]));
    expect(blocks).toHaveLength(1);
    expect((blocks[0] as { elements: unknown[] }).elements).toHaveLength(1);
  });

  it('should keep at most 50 blocks in a message and 100 in a view, keeping the trailing buttons', () => {
    const many: Reply['blocks'] = [...Array.from({ length: 150 }, (_, i) => ({ type: 'text' as const, text: `rad ${i}` })), { type: 'actions', buttons: [{ label: 'Avsluta', action: 'case.close', value: 'K' }] }];
    const msg = renderMessage(reply(many));
    expect(msg.blocks).toHaveLength(50);
    expect(msg.blocks.at(-1)).toMatchObject({ type: 'actions' });
    expect(msg.blocks.at(-2)).toMatchObject({ type: 'context' });
    const home = renderHome(reply(many));
    expect(home.blocks).toHaveLength(100);
    expect(home.blocks.at(-1)).toMatchObject({ type: 'actions' });
    expect(fitBlocks([{ type: 'divider' }], 50)).toHaveLength(1);
  });

  it('should fall back to the plain text when there are no blocks, escaped for mrkdwn', () => {
    const msg = renderMessage(reply([], 'Hej <du> & ni'));
    expect(msg.text).toBe('Hej &lt;du&gt; &amp; ni');
    expect(msg.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'Hej &lt;du&gt; &amp; ni' } }]);
  });

  it('should show an attachment inline as a code block', () => {
    const msg = renderReplyMessage({ ...reply([{ type: 'text', text: 'Möte bokat' }]), attachments: [{ fileName: 'ST-1.ics', mimeType: 'text/calendar', content: 'BEGIN:VCALENDAR\nEND:VCALENDAR' }] });
    expect(JSON.stringify(msg.blocks)).toContain('ST-1.ics');
    expect(JSON.stringify(msg.blocks)).toContain('BEGIN:VCALENDAR');
  });
});

describe('createResponseUrlGuard', () => {
  it('should allow only Slack hooks and the configured API origin', async () => {
    const { createResponseUrlGuard } = await import('../../../adapters/slack/reply-sender.ts');
    const guard = createResponseUrlGuard('https://slack.com/api/');
    expect(guard('https://hooks.slack.com/commands/T1/1/abc')).toBe(true);
    expect(guard('https://slack.com/x')).toBe(true);
    expect(guard('http://hooks.slack.com/commands/x')).toBe(false);
    expect(guard('https://evil.example/hooks.slack.com')).toBe(false);
    expect(guard('not a url')).toBe(false);
    expect(createResponseUrlGuard('http://127.0.0.1:4000/api/')('http://127.0.0.1:4000/response/1')).toBe(true);
  });
});
