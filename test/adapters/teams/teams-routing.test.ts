/**
 * Routing of the teams-ai Application with botbuilder's TestAdapter and a fake ChatPort: which
 * activity reaches which ChatPort call, with what actor, text and request key.
 */
import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { createTeamsApp } from '../../../adapters/teams/teams-app.ts';
import type { ActorRef } from '../../../src/ports/actor.ts';
import type { ChatPort, RequestOptions } from '../../../src/ports/chat-port.ts';
import { textReply, type FormResult, type FormSpec, type Reply } from '../../../src/ports/reply.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { cardText } from '../../support/fake-teams-connector.ts';
import { findExecute } from '../../support/teams-activities.ts';

const form: FormSpec = {
  id: 'case.new', title: 'Nytt ärende', submitLabel: 'Skapa', context: { playbook: 's0' },
  fields: [
    { name: 'studentRef', label: 'Elev', kind: 'text', required: true },
    { name: 'startsAt', label: 'Start', kind: 'datetime', required: false },
  ],
};

type Call = { method: string; ref: ActorRef; args: unknown[]; opts?: RequestOptions };

function fakeChat(): ChatPort & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    async handleText(ref, text, opts) {
      calls.push({ method: 'handleText', ref, args: [text], opts });
      if (text === 'ny') return { visibility: 'private', blocks: [], fallbackText: 'form', form };
      if (text === 'boom') throw new Error('boom');
      return textReply(`du skrev: ${text}`);
    },
    async submitForm(ref, formId, context, values, opts): Promise<FormResult> {
      calls.push({ method: 'submitForm', ref, args: [formId, context, values], opts });
      if (!values.studentRef) return { ok: false, errors: { studentRef: 'Ange eleven.' } };
      return { ok: true, reply: textReply('Ärende **DEMO-26-0001** är öppnat.') };
    },
    async handleAction(ref, action, value, opts): Promise<Reply> {
      calls.push({ method: 'handleAction', ref, args: [action, value], opts });
      return textReply(`klart: ${action} ${value}`);
    },
    async home(ref) {
      calls.push({ method: 'home', ref, args: [] });
      return textReply('hem');
    },
  };
}

function setup() {
  const chat = fakeChat();
  const app = createTeamsApp({ chat, log: createLogger('silent') });
  const invokeResponses: unknown[] = [];
  const adapter = new TestAdapter(async (ctx: TurnContext) => {
    ctx.onSendActivities(async (_c, activities, next) => {
      for (const a of activities) if (a.type === 'invokeResponse') invokeResponses.push(a.value);
      return next();
    });
    await app.run(ctx);
  });
  return { chat, adapter, invokeResponses };
}

const from = { id: '29:1abc', name: 'Mona Mentor', aadObjectId: 'aad-mona' };

function activity(extra: Partial<Activity>): Partial<Activity> {
  return { from, locale: 'sv-SE', conversation: { id: 'a:1', conversationType: 'personal', tenantId: 'tenant-1', isGroup: false, name: '' }, channelData: { tenant: { id: 'tenant-1' } }, ...extra };
}

describe('createTeamsApp routing', () => {
  it('sends a typed message to handleText with the Teams actor and answers with a card', async () => {
    const { chat, adapter } = setup();
    await adapter.send(activity({ type: 'message', text: 'status ST-26-0001', id: 'm1' })).assertReply((a) => {
      expect(a.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(cardText(a.attachments?.[0]?.content)).toContain('du skrev: status ST-26-0001');
    });
    expect(chat.calls[0]).toMatchObject({
      method: 'handleText',
      args: ['status ST-26-0001'],
      opts: { requestKey: 'teams:m1' },
      ref: { platform: 'TEAMS', userId: 'aad-mona', workspaceId: 'tenant-1', displayName: 'Mona Mentor', locale: 'sv-SE', conversation: { id: 'a:1', kind: 'personal' } },
    });
  });

  it('strips the bot mention in a channel but keeps a colleague mention', async () => {
    const { chat, adapter } = setup();
    const channel = { id: '19:c@thread.tacv2;messageid=9', conversationType: 'channel', tenantId: 'tenant-1', isGroup: true, name: '' };
    await adapter
      .send(activity({ type: 'message', text: '<at>Stafett</at> stafett ST-26-0001 <at>Anna Lind</at>', conversation: channel, channelData: { tenant: { id: 'tenant-1' }, channel: { id: '19:c@thread.tacv2' } } }))
      .assertReply(() => {});
    expect(chat.calls[0]!.args[0]).toBe('stafett ST-26-0001 <at>Anna Lind</at>');
    expect(chat.calls[0]!.ref.conversation).toEqual({ id: '19:c@thread.tacv2', kind: 'channel' });
  });

  it('routes an Action.Execute form submit to submitForm and returns the result card as the invoke response', async () => {
    const { chat, adapter, invokeResponses } = setup();
    await adapter.send(activity({ type: 'message', text: 'ny' })).assertReply((a) => {
      const submit = findExecute(a.attachments?.[0]?.content, 'form:');
      expect(submit?.verb).toBe('form:case.new');
    });
    await adapter.processActivity(activity({
      type: 'invoke', name: 'adaptiveCard/action', id: 'inv-1',
      value: { action: { type: 'Action.Execute', verb: 'form:case.new', data: { context: { playbook: 's0' }, form, 'f:studentRef': 'Elev 8B', 'f:startsAt__date': '2026-12-01', 'f:startsAt__time': '13:00' } } },
    }));
    const submit = chat.calls.find((c) => c.method === 'submitForm')!;
    expect(submit.args).toEqual(['case.new', { playbook: 's0' }, { studentRef: 'Elev 8B', startsAt: '2026-12-01 13:00' }]);
    expect(submit.opts).toEqual({ requestKey: 'teams:inv-1' });
    const body = invokeResponses.at(-1) as { status: number; body: { type: string; value: unknown } };
    expect(body.status).toBe(200);
    expect(body.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(body.body.value)).toContain('DEMO-26-0001');
    expect(findExecute(body.body.value, 'form:')).toBeUndefined();
  });

  it('returns the form with the error when validation fails', async () => {
    const { adapter, invokeResponses } = setup();
    await adapter.processActivity(activity({
      type: 'invoke', name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'form:case.new', data: { context: { playbook: 's0' }, form, 'f:studentRef': '' } } },
    }));
    const body = (invokeResponses.at(-1) as { body: { value: unknown } }).body.value;
    expect(findExecute(body, 'form:')?.verb).toBe('form:case.new');
    expect(cardText(body)).toContain('Ange eleven.');
  });

  it('routes a button (Action.Execute act:<action>) to handleAction', async () => {
    const { chat, adapter, invokeResponses } = setup();
    await adapter.processActivity(activity({
      type: 'invoke', name: 'adaptiveCard/action', id: 'inv-2',
      value: { action: { type: 'Action.Execute', verb: 'act:nudge.done', data: { value: 'n-42' } } },
    }));
    expect(chat.calls[0]).toMatchObject({ method: 'handleAction', args: ['nudge.done', 'n-42'], opts: { requestKey: 'teams:inv-2' } });
    expect(cardText((invokeResponses.at(-1) as { body: { value: unknown } }).body.value)).toContain('klart: nudge.done n-42');
  });

  it('handles the Action.Submit fallback (a message with value.verb) the same way', async () => {
    const { chat, adapter } = setup();
    await adapter.send(activity({ type: 'message', value: { verb: 'act:case.mine', value: 'mine' } })).assertReply((a) => {
      expect(cardText(a.attachments?.[0]?.content)).toContain('klart: case.mine mine');
    });
    expect(chat.calls[0]).toMatchObject({ method: 'handleAction', args: ['case.mine', 'mine'] });
  });

  it('greets with help when the bot is installed', async () => {
    const { chat, adapter } = setup();
    await adapter.send(activity({ type: 'conversationUpdate', membersAdded: [{ id: 'bot', name: 'Stafett' }], recipient: { id: 'bot', name: 'Stafett' } })).assertReply(() => {});
    expect(chat.calls[0]).toMatchObject({ method: 'handleText', args: ['hjälp'] });
  });
});
