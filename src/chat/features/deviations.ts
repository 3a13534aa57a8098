/** Deviation reports (avvikelser): about a case or about the organisation's work in general. */
import { recordDeviation } from '../../cases/case.service.ts';
import * as F from '../forms.ts';
import { textReply } from '../../ports/reply.ts';
import { tx } from '../texts.ts';
import type { ChatCtx, ChatReply, Feature } from './feature.ts';
import { formReply, gate, orgPlaybooks, playbookOf } from './support.ts';

/** `avvikelse KOD` without text: the form, for someone who may write to the case. */
async function deviationForm(x: ChatCtx, code: string): Promise<ChatReply> {
  await gate(x, code, 'case.write', 'deviation');
  return formReply(F.deviationForm(x.lang, code, await playbookOf(x, code)));
}

export const deviations: Feature<'deviation', never, typeof F.FORM.deviation> = {
  name: 'deviations',
  commands: {
    deviation: async (x, cmd) => {
      const pb = cmd.caseCode ? await playbookOf(x, cmd.caseCode) : orgPlaybooks(x).find((p) => p.features.deviationReporting);
      return formReply(F.deviationForm(x.lang, cmd.caseCode, pb, cmd.rest));
    },
  },
  textForms: { deviation: deviationForm },
  actions: {},
  forms: {
    [F.FORM.deviation]: async (x, f) => {
      await recordDeviation(x.deps, x.actor, f.code || undefined, { theme: f.req('theme', tx(x.lang, 'f.theme')), text: f.v.text || undefined });
      return textReply(`✅ ${tx(x.lang, 'ok.deviation')}`);
    },
  },
};
