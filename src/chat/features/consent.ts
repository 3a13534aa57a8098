/**
 * Consent and sharing with social services: recording and withdrawing consent, and the share
 * requests social services make and the principal or team lead decides.
 */
import { getCaseDetails } from '../../cases/case-query.service.ts';
import { recordConsent, withdrawConsent } from '../../consent/consent.service.ts';
import { shareTexts } from '../share.messages.ts';
import { decideShare, listShareRequests, requestShare } from '../../consent/share.service.ts';
import { DomainError } from '../../shared/errors.ts';
import * as F from '../forms.ts';
import { consentScopesIn } from '../prefill.ts';
import { textReply } from '../../ports/reply.ts';
import { shareListReply, shareRequestForm } from '../share-view.ts';
import { tx } from '../texts.ts';
import type { ActionIdOf } from '../../ports/action-ids.ts';
import type { ActionHandler, ChatCtx, ChatReply, Feature } from './feature.ts';
import { FieldError } from './form-input.ts';
import { formReply } from './support.ts';

async function consentView(x: ChatCtx, code: string): Promise<ChatReply> {
  const { lang } = x;
  const st = await getCaseDetails(x.deps, x.actor, code);
  if (!st.details) throw new DomainError('ACCESS.DENIED', { code });
  const form = F.consentForm(lang, st.summary.code);
  const active = st.details.consents.filter((k) => k.status === 'GIVEN');
  if (!active.length) return formReply(form);
  // A consent is in force: offer both a new consent and its withdrawal (every surface shows the
  // buttons; a form would open at once in Slack and hide the withdrawal).
  const C = st.summary.code;
  const scopes = active.map((k) => k.scope.map((sc) => tx(lang, `opt.${sc}` as 'opt.SCHOOL')).join(', ')).join('; ');
  return {
    visibility: 'private',
    blocks: [
      { type: 'text', text: tx(lang, 'consent.active', { code: C, scopes }) },
      { type: 'actions', buttons: [{ label: tx(lang, 'btn.newConsent'), action: 'case.consentForm', value: C, style: 'primary' }, { label: tx(lang, 'btn.withdrawConsent'), action: 'consent.withdraw', value: C, style: 'danger' }] },
    ],
    fallbackText: tx(lang, 'consent.active', { code: C, scopes }),
  };
}

/** Social services: the request form and their own requests; principal / team lead: pending requests to decide. */
async function shareView(x: ChatCtx, code: string, purpose?: string): Promise<ChatReply> {
  const r = await listShareRequests(x.deps, x.actor, code);
  return shareListReply(r, x.org.timeZone, x.lang, r.canDecide ? undefined : shareRequestForm(x.lang, r.code, purpose));
}

const decide: ActionHandler = async (x, a) => {
  const r = await decideShare(x.deps, x.actor, a.code, a.id, a.action === 'share.approve');
  return textReply(`✅ ${r.approved ? shareTexts.okApproved(x.lang, { code: r.code }) : shareTexts.okDeclined(x.lang, { code: r.code })}`);
};

type Scope = 'SCHOOL' | 'SOCIAL_SERVICES' | 'HEALTH' | 'OTHER';

export const consent: Feature<
  'consent' | 'share',
  ActionIdOf<'consent'>,
  typeof F.FORM.consent | typeof F.FORM.share
> = {
  name: 'consent',
  commands: {
    consent: async (x, cmd) => {
      // `samtycke KOD skolan och socialtjänsten`: the consent form with those parties chosen.
      const scopes = consentScopesIn(cmd.rest ?? '');
      if (scopes.length) return formReply(F.consentForm(x.lang, cmd.caseCode.toUpperCase(), scopes.join(',')));
      return consentView(x, cmd.caseCode);
    },
    share: (x, cmd) => shareView(x, cmd.caseCode, cmd.rest),
  },
  // With a consent in force this offers its withdrawal too, not only a new consent.
  textForms: { consent: consentView },
  actions: {
    'case.consent': (x, a) => consentView(x, a.code),
    'case.consentForm': async (x, a) => formReply(F.consentForm(x.lang, a.code)),
    'consent.withdraw': async (x, a) => {
      const r = await withdrawConsent(x.deps, x.actor, a.code);
      return textReply(`✅ ${tx(x.lang, 'ok.consentWithdrawn', { code: r.code })}`);
    },
    'case.share': (x, a) => shareView(x, a.code),
    'share.approve': decide,
    'share.decline': decide,
  },
  forms: {
    [F.FORM.consent]: async (x, f) => {
      const { lang } = x;
      const status = f.v.status === 'DECLINED' ? 'DECLINED' : 'GIVEN';
      const scope = f.list('scope');
      if (!scope.length) throw new FieldError('scope', tx(lang, 'need.formValue', { field: tx(lang, 'f.scope') }));
      const givenBy = f.list('givenBy');
      if (!givenBy.length) throw new FieldError('givenBy', tx(lang, 'need.formValue', { field: tx(lang, 'f.givenBy') }));
      const r = await recordConsent(x.deps, x.actor, f.code, {
        status, scope: scope as Scope[], givenBy: givenBy.map((p) => ({ party: p as 'GUARDIAN' | 'STUDENT' })),
        expiresAt: f.date('expiresAt', false, '23:59'), note: f.v.note || undefined,
      }, x.opts);
      return textReply(`✅ ${tx(lang, status === 'GIVEN' ? 'ok.consent' : 'ok.consentDeclined', { code: r.code })}`);
    },
    [F.FORM.share]: async (x, f) => {
      const { lang } = x;
      const scope = f.list('scope');
      if (!scope.length) throw new FieldError('scope', tx(lang, 'need.formValue', { field: shareTexts.fScope(lang) }));
      const until = f.date('until', true, '23:59')!;
      if (until <= f.now || until.getTime() - f.now.getTime() > 366 * 86_400_000) throw new FieldError('until', shareTexts.badUntil(lang));
      const r = await requestShare(x.deps, x.actor, f.code, { scope: scope as ('CASE' | 'LOG')[], purpose: f.req('purpose', shareTexts.fPurpose(lang)), until });
      return textReply(`✅ ${shareTexts.requested(lang, { code: r.code })}`);
    },
  },
};
