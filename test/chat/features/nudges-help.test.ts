/** Nudge buttons go to the reminders module; help uses the organisation's own case codes. */
import { describe, expect, it, vi } from 'vitest';
import { help } from '../../../src/chat/features/help.ts';
import { nudges } from '../../../src/chat/features/nudges.ts';
import { registry } from '../../../src/chat/features/registry.ts';
import { action, fakeCtx, text } from './fake-ctx.ts';

describe('nudges feature', () => {
  it('done and snooze are served by the reminders module; a gone nudge is said so', async () => {
    const x = fakeCtx();
    vi.mocked(x.chat.reminders.handleAction).mockResolvedValueOnce({ kind: 'done' }).mockResolvedValueOnce(null);
    // The module says what happened; the feature says it in the person's language.
    expect((await nudges.actions['nudge.done'](x, action('nudge.done', 'n1'))).fallbackText).toMatch(/^Klart/);
    expect(text(await nudges.actions['nudge.snooze'](x, action('nudge.snooze', 'n1:P1D')))).toMatch(/^⚠/);
    expect(x.chat.reminders.handleAction).toHaveBeenCalledWith(x.actor, 'nudge.snooze', 'n1:P1D');
  });

  it('other nudge ids (older messages) reach the reminders module too', () => {
    expect(registry.action('nudge.later')).toBe(nudges.actionPrefix!.handle);
    expect(registry.action('nudgeX')).toBeUndefined();
  });
});

describe('help feature', () => {
  it('shows examples with the organisation\'s case prefix', async () => {
    const r = await help.commands.help(fakeCtx(), { name: 'help' });
    expect(text(r)).toMatch(/DEMO-26-\d{4}/);
    expect(text(r)).not.toMatch(/\bST-26-\d{4}/);
  });
});
