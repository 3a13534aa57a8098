/** Reports of concern to social services (Sweden) or barnevernet (Norway), and reading them. */
import { listConcernReports } from '../../cases/concern.service.ts';
import { recordConcern } from '../../cases/case.service.ts';
import { concernReportsReply } from '../concern-view.ts';
import * as F from '../forms.ts';
import { fmtDateTime } from '../../i18n/dates.ts';
import { textReply } from '../../ports/reply.ts';
import { tx } from '../texts.ts';
import type { ActionIdOf } from '../../ports/action-ids.ts';
import type { ChatCtx, ChatReply, Feature } from './feature.ts';
import { formReply, gate, playbookOf } from './support.ts';

/** `orosanmälan KOD` without text: the form, for someone who may report. */
async function concernForm(x: ChatCtx, code: string): Promise<ChatReply> {
  await gate(x, code, 'case.concern', 'concern');
  await playbookOf(x, code);
  return formReply(F.concernForm(x.lang, code, x.org.holidayRegion));
}

export const concern: Feature<'concern', ActionIdOf<'concern'>, typeof F.FORM.concern> = {
  name: 'concern',
  commands: {
    concern: async (x, cmd) => {
      if (!cmd.rest) return concernForm(x, cmd.caseCode);
      const r = await recordConcern(x.deps, x.actor, cmd.caseCode, { note: cmd.rest, recipient: x.org.holidayRegion === 'NO' ? 'BARNEVERN' : 'SOCIAL_SERVICES' });
      return textReply(`✅ ${tx(x.lang, 'ok.concern', { code: r.code, time: fmtDateTime(x.deps.clock.now(), x.org.timeZone, x.lang) })}`);
    },
  },
  textForms: { concern: concernForm },
  actions: {
    'case.concern': async (x, a) => {
      await gate(x, a.code, 'case.concern', 'concern');
      return formReply(F.concernForm(x.lang, a.code, x.org.holidayRegion));
    },
    'concern.view': async (x, a) => concernReportsReply(await listConcernReports(x.deps, x.actor, a.code), x.org.timeZone, x.lang),
  },
  forms: {
    [F.FORM.concern]: async (x, f) => {
      const r = await recordConcern(x.deps, x.actor, f.code, { note: f.v.note || undefined, recipient: f.v.recipient === 'BARNEVERN' ? 'BARNEVERN' : 'SOCIAL_SERVICES' });
      return textReply(`✅ ${tx(x.lang, 'ok.concern', { code: r.code, time: fmtDateTime(f.now, x.org.timeZone, x.lang) })}`);
    },
  },
};
