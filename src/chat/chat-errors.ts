/**
 * The one mapping from failures to what a person sees: domain errors in their language, "try
 * again" when the database is unavailable (src/infra/db/unavailable.ts decides), "something went
 * wrong" (and an error log) for anything else; for forms, problems next to the field they concern.
 */
import { isDbUnavailable } from '../infra/db/unavailable.ts';
import { isDomainError } from '../shared/errors.ts';
import { errorText } from '../i18n/core.ts';
import { renderHelp } from '../commands/help.ts';
import type { Logger } from '../shared/logger.ts';
import { FieldError } from './features/form-input.ts';
import type { Lang } from '../i18n/lang.ts';
import { pt } from './plan.texts.ts';
import { textReply, type FormResult, type Reply } from '../ports/reply.ts';

export function errorReply(e: unknown, lang: Lang, log: Logger): Reply<never> {
  // Somebody the organisation does not know: the refusal, what Stafett is, and who can add them.
  if (isDomainError(e) && e.code === 'IDENTITY.UNKNOWN_USER') return textReply(`⚠ ${errorText(lang, e.code, e.params)}\n\n${renderHelp(lang)}`);
  if (isDomainError(e)) return textReply(`⚠ ${errorText(lang, e.code, e.params)}`);
  if (isDbUnavailable(e)) {
    log.warn({ err: e }, 'database unavailable while serving a request');
    return textReply(`⚠ ${errorText(lang, 'DB.UNAVAILABLE')}`);
  }
  log.error({ err: e }, 'unexpected error while serving a chat request');
  return textReply(`⚠ ${errorText(lang, 'INTERNAL')}`);
}

/** Field names the domain reports (`INPUT.INVALID` params.field) → the form field they are shown at. */
const FIELD_ALIASES: Record<string, string> = { name: 'name', email: 'email', unit: 'unit', roles: 'roles', playbook: 'playbook', schoolUnit: 'unit', studentRef: 'studentRef', firstRole: 'firstRole', type: 'type', startsAt: 'startsAt', text: 'text', evaluationAt: 'evaluationAt', expiresAt: 'expiresAt', tier: 'tier' };

/**
 * A failed form submission: per-field errors when the problem belongs to a field (the form is
 * kept), otherwise the error as a reply. `personField`: the form's field naming a colleague.
 */
export function formErrorResult(e: unknown, lang: Lang, personField: string | undefined, log: Logger): FormResult<never> {
  if (e instanceof FieldError) return { ok: false, errors: { [e.field]: e.message } };
  if (isDomainError(e) && e.code === 'INPUT.INVALID' && typeof e.params.field === 'string') {
    const field = FIELD_ALIASES[e.params.field] ?? e.params.field;
    return { ok: false, errors: { [field]: errorText(lang, e.code, e.params) } };
  }
  if (isDomainError(e) && e.code === 'INPUT.PERSONNUMMER') return { ok: false, errors: { studentRef: errorText(lang, e.code, e.params) } };
  // A person who cannot be found or cannot take the action: said next to the field, the form is kept.
  if (isDomainError(e) && personField && ['PERSON.NOT_FOUND', 'PERSON.AMBIGUOUS', 'ACTION.OWNER_NOT_MEMBER'].includes(e.code)) {
    const hint = e.code === 'PERSON.NOT_FOUND' && personField !== 'person' ? ` ${pt(lang, 'plan.hint.participant')}` : '';
    return { ok: false, errors: { [personField]: `${errorText(lang, e.code, e.params)}${hint}` } };
  }
  return { ok: true, reply: errorReply(e, lang, log) };
}
