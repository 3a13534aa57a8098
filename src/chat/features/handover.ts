/** Hand-over of the baton: asking a colleague to take over, accepting and declining. */
import { acceptHandover, declineHandover, requestHandover } from '../../cases/case.service.ts';
import * as F from '../forms.ts';
import { personRef } from '../plan-chat.ts';
import { textReply } from '../../ports/reply.ts';
import { tx } from '../texts.ts';
import type { ActionIdOf } from '../../ports/action-ids.ts';
import type { ChatCtx, ChatReply, Feature } from './feature.ts';
import { colleague, formReply, gate } from './support.ts';

async function accept(x: ChatCtx, code: string): Promise<ChatReply> {
  const r = await acceptHandover(x.deps, x.actor, code);
  return textReply(`✅ ${tx(x.lang, 'ok.handoverAccepted', { code: r.code })}`);
}

async function decline(x: ChatCtx, code: string, reason?: string): Promise<ChatReply> {
  const r = await declineHandover(x.deps, x.actor, code, reason);
  return textReply(tx(x.lang, 'ok.handoverDeclined', { code: r.code }));
}

export const handover: Feature<'handover' | 'accept' | 'decline', ActionIdOf<'handover'>, typeof F.FORM.handover> = {
  name: 'handover',
  commands: {
    handover: async (x, cmd) => {
      if (!cmd.target) return formReply(F.handoverForm(x.lang, cmd.caseCode));
      const target = await colleague(x, cmd.target.kind === 'slack' ? { slackUserId: cmd.target.id } : { text: cmd.target.value });
      const r = await requestHandover(x.deps, x.actor, cmd.caseCode, target);
      return textReply(`✅ ${tx(x.lang, 'ok.handoverRequested', { name: r.toName, code: cmd.caseCode })}`);
    },
    accept: (x, cmd) => accept(x, cmd.caseCode),
    decline: (x, cmd) => decline(x, cmd.caseCode, cmd.rest),
  },
  actions: {
    'case.handover': async (x, a) => {
      await gate(x, a.code, 'case.manage', 'handover');
      return formReply(F.handoverForm(x.lang, a.code));
    },
    'case.accept': (x, a) => accept(x, a.code),
    'case.decline': (x, a) => decline(x, a.code),
  },
  forms: {
    [F.FORM.handover]: async (x, f) => {
      const r = await requestHandover(x.deps, x.actor, f.code, await colleague(x, personRef(f.req('person', tx(x.lang, 'f.person')))));
      return textReply(`✅ ${tx(x.lang, 'ok.handoverRequested', { name: r.toName, code: f.code.toUpperCase() })}`);
    },
  },
  personFields: { [F.FORM.handover]: 'person' },
};
