/**
 * A request context for feature handler unit tests: a fixed clock, the built-in playbooks, a
 * silent logger and fakes for the reminders module; no database (the services are mocked).
 */
import { orgCalendar } from '../../../src/orgs/org-calendar.ts';
import { vi } from 'vitest';
import type { ChatCtx } from '../../../src/chat/features/feature.ts';
import { FormInput } from '../../../src/chat/features/form-input.ts';
import type { Block, Reply } from '../../../src/ports/reply.ts';
import { PlaybookRegistry } from '../../../src/playbooks/index.ts';
import type { ServiceDeps } from '../../../src/shared/deps.ts';
import { FakeClock } from '../../../src/shared/clock.ts';
import { createLogger } from '../../../src/shared/logger.ts';

export const NOW = new Date('2026-11-23T09:00:00+01:00');

export function fakeCtx(over: Partial<ChatCtx> = {}): ChatCtx {
  const deps = { prisma: {}, clock: new FakeClock(NOW), playbooks: new PlaybookRegistry(), log: createLogger('silent') } as unknown as ServiceDeps;
  return {
    deps,
    chat: { deps, notifier: {}, reminders: { handleAction: vi.fn(), sweepOnce: vi.fn(), kick: vi.fn() }, config: { production: false } } as unknown as ChatCtx['chat'],
    actor: { personId: 'p-maria', orgId: 'org-1', displayName: 'Maria Mentor', lang: 'sv', platform: 'CONSOLE', ref: { platform: 'CONSOLE', userId: 'maria' } },
    lang: 'sv',
    org: { name: 'Demo kommun', timeZone: 'Europe/Stockholm', holidayRegion: 'SE', playbooks: [], casePrefix: 'DEMO', calendar: orgCalendar({ timeZone: 'Europe/Stockholm', holidayRegion: 'SE', settings: {} }), settings: {} },
    opts: {},
    forgetActors: vi.fn(),
    ...over,
  };
}

export function form(x: ChatCtx, formId: string, ctx: Record<string, string>, values: Record<string, string>): FormInput {
  return new FormInput(formId, ctx, { ...values }, x.lang, x.org.timeZone, x.deps.clock.now());
}

export const action = (action: string, value: string) => {
  const [code = '', id = ''] = value.split('|');
  return { action, value, code, id };
};

export function text(r: Reply): string {
  return r.blocks.map((b: Block) => (b.type === 'text' || b.type === 'header' ? b.text : b.type === 'list' ? b.items.join('\n') : '')).join('\n');
}

export function actions(r: Reply): string[] {
  return r.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.action) : []));
}
