/**
 * Adaptive Card verbs. `act:<action>` buttons route to `ChatPort.handleAction`, `form:<formId>`
 * submits to `ChatPort.submitForm`. The same verb travels in `data.verb` of the `Action.Submit`
 * fallback so older clients reach the same handlers.
 */
export const VERB = {
  actionPrefix: 'act:',
  formPrefix: 'form:',
} as const;

/** Matches every verb this adapter renders. */
export const VERB_PATTERN = /^(act|form):/;

/** Input ids carry this prefix so they never clash with `verb`, `value`, `context` or `form` in card data. */
export const INPUT_PREFIX = 'f:';

/** Suffixes of the two inputs a `datetime` field is split into (Adaptive Cards have no date-time input). */
export const DATE_SUFFIX = '__date';
export const TIME_SUFFIX = '__time';

/** Stands in for an empty choice value: Adaptive Cards require every choice to have a value. */
export const EMPTY_CHOICE = '__none__';

/** Builds the verb for a button action. */
export function actionVerb(action: string): string {
  return `${VERB.actionPrefix}${action}`;
}

/** Builds the verb for a form submission. */
export function formVerb(formId: string): string {
  return `${VERB.formPrefix}${formId}`;
}

/** Splits a verb into its kind and name, or null for a verb we did not render. */
export function parseVerb(verb: unknown): { kind: 'action' | 'form'; name: string } | null {
  if (typeof verb !== 'string') return null;
  if (verb.startsWith(VERB.actionPrefix) && verb.length > VERB.actionPrefix.length) return { kind: 'action', name: verb.slice(VERB.actionPrefix.length) };
  if (verb.startsWith(VERB.formPrefix) && verb.length > VERB.formPrefix.length) return { kind: 'form', name: verb.slice(VERB.formPrefix.length) };
  return null;
}
