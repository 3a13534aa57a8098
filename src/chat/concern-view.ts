/** The reports of concern of a case, privately: who, when, to whom, what. */
import { concernLine, concernListEmpty, concernListHeader } from './concern.messages.ts';
import type { ConcernReportView } from '../cases/concern.service.ts';
import type { Lang } from '../i18n/lang.ts';
import type { Reply } from '../ports/reply.ts';

export function concernReportsReply(r: { code: string; reports: ConcernReportView[] }, tz: string, lang: Lang): Reply<never> {
  const header = concernListHeader(lang, r.code);
  return {
    visibility: 'private',
    blocks: [
      { type: 'header', text: header },
      r.reports.length
        ? { type: 'list', items: r.reports.map((x) => concernLine(lang, { at: x.at, tz, reporter: x.reporter, recipient: x.recipient, note: x.note })) }
        : { type: 'text', text: concernListEmpty(lang) },
    ],
    fallbackText: header,
  };
}
