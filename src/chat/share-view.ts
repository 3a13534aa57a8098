/** The share-request form (social services) and the list of requests with approve/decline buttons. */
import { SHARE_REQUEST_PARTS } from '../access/policy.ts';
import type { ShareRequestView } from '../consent/share.service.ts';
import { sharePartLabel, shareTexts } from './share.messages.ts';
import { FORM } from './forms.ts';
import type { Lang } from '../i18n/lang.ts';
import type { Block, FormSpec } from '../ports/reply.ts';
import type { ActionId, ChatReply } from '../ports/action-ids.ts';

export function shareRequestForm(lang: Lang, code: string, purpose?: string): FormSpec {
  return {
    id: FORM.share, title: shareTexts.formTitle(lang), submitLabel: shareTexts.submit(lang), context: { code }, intro: shareTexts.formIntro(lang),
    fields: [
      { name: 'scope', label: shareTexts.fScope(lang), kind: 'multiselect', required: true, options: SHARE_REQUEST_PARTS.map((p) => ({ value: p, label: sharePartLabel(lang, p) })), initial: 'CASE' },
      { name: 'purpose', label: shareTexts.fPurpose(lang), kind: 'textarea', required: true, maxLength: 2000, ...(purpose ? { initial: purpose.slice(0, 2000) } : {}) },
      { name: 'until', label: shareTexts.fUntil(lang), kind: 'date', required: true },
    ],
  };
}

export function shareListReply(r: { code: string; canDecide: boolean; requests: ShareRequestView[] }, tz: string, lang: Lang, form?: FormSpec): ChatReply {
  const header = shareTexts.listHeader(lang, r.code);
  const blocks: Block<ActionId>[] = [{ type: 'header', text: header }];
  if (!r.requests.length) blocks.push({ type: 'text', text: shareTexts.none(lang) });
  for (const x of r.requests) {
    blocks.push({ type: 'text', text: shareTexts.line(lang, { who: x.requestedBy, at: x.requestedAt, parts: x.scope, until: x.until, purpose: x.purpose, tz }) });
    if (r.canDecide && x.status === 'PENDING') {
      blocks.push({ type: 'actions', buttons: [
        { label: shareTexts.approve(lang), action: 'share.approve', value: `${r.code}|${x.id}`, style: 'primary' },
        { label: shareTexts.decline(lang), action: 'share.decline', value: `${r.code}|${x.id}`, style: 'danger' },
      ] });
    }
  }
  return { visibility: 'private', blocks, fallbackText: header, ...(form ? { form } : {}) };
}
