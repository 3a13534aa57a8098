/**
 * One error base for the core. `code` is stable and dotted (CASE.NOT_FOUND), one of
 * DOMAIN_ERROR_CODES; adapters map it to localized text via the core catalog's `error.<code>`
 * with `params` for interpolation. The type checker refuses a code without a Swedish text, and
 * test/i18n checks every code in every language.
 */
import type { MessageKey } from '../i18n/core.ts';

/** Every code a DomainError can carry (the parse errors of the command grammar are `COMMAND.*`). */
export const DOMAIN_ERROR_CODES = [
  'ACCESS.DENIED',
  'ACTION.CLOSED', 'ACTION.NOT_FOUND', 'ACTION.NO_CHANGE', 'ACTION.OWNER_NOT_MEMBER',
  'CASE.CLOSED', 'CASE.NOT_FOUND',
  'CLOSURE.MAINTENANCE_PLAN_REQUIRED', 'CLOSURE.NOT_FROM_STAGE', 'CLOSURE.OPEN_ACTIONS', 'CLOSURE.REASON_REQUIRED',
  'CONSENT.NONE_ACTIVE', 'CONSENT.REQUIRED', 'CONSENT.REQUIRED_TO_OPEN', 'CONSENT.SELF_BASIS',
  'DB.UNAVAILABLE',
  'FORM.UNKNOWN',
  'HANDOVER.ALREADY_HOLDER', 'HANDOVER.NOT_PENDING',
  'IDENTITY.ALREADY_LINKED', 'IDENTITY.INVALID', 'IDENTITY.NO_USER', 'IDENTITY.UNKNOWN_USER', 'IDENTITY.WORKSPACE_NOT_MAPPED',
  'INPUT.INVALID', 'INPUT.INVALID_CHARS', 'INPUT.PERSONNUMMER',
  'INTERNAL',
  'MEETING.ALREADY_HELD', 'MEETING.IN_PAST', 'MEETING.NOT_FOUND', 'MEETING.NOT_PLANNED', 'MEETING.OUTSIDE_WINDOW',
  'NUDGE.NOT_FOUND',
  'ORG.NONE', 'ORG.NOT_MAPPED',
  'PERSON.ALREADY_LINKED', 'PERSON.AMBIGUOUS', 'PERSON.DEPROVISIONED', 'PERSON.NOT_FOUND', 'PERSON.UNKNOWN_CONSOLE_USER',
  'PLAYBOOK.INVALID', 'PLAYBOOK.UNKNOWN',
  'ROLE.CONSTRAINT', 'ROLE.NOT_HELD', 'ROLE.SINGLE_HOLDER',
  'SHARE.NOT_FOUND', 'SHARE.NO_AUTHORITY', 'SHARE.ONLY_SOCIAL_SERVICES',
  'TRANSITION.DECIDED_CLOSE', 'TRANSITION.DECIDED_OTHERWISE', 'TRANSITION.GUARD_FAILED', 'TRANSITION.NOT_ALLOWED',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

type MissingText = Exclude<`error.${DomainErrorCode}`, MessageKey>;
/** Compile-time check: every code has an `error.<code>` text (the error names the missing key). */
export const EVERY_CODE_HAS_TEXT: [MissingText] extends [never] ? true : MissingText = true;

const known: ReadonlySet<string> = new Set(DOMAIN_ERROR_CODES);

/** True when `code` is a DomainError code (codes read back from storage arrive as strings). */
export function isDomainErrorCode(code: string): code is DomainErrorCode {
  return known.has(code);
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly params: Record<string, string | number> = {},
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'DomainError';
  }
}

/** Type guard for DomainError. */
export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
