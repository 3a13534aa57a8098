/**
 * Checks one form value as it is typed (the console asks field by field), so the person hears
 * at once which field is wrong — the same rules the submission enforces.
 */
import { typedDateProblem } from './date-question.ts';
import type { Lang } from '../i18n/lang.ts';
import type { FormField } from '../ports/reply.ts';
import { tx } from './texts.ts';

/** A localized problem with `value` for `field`, or null when it is acceptable. */
export function checkFieldValue(field: FormField, value: string, lang: Lang, timeZone: string, now: Date): string | null {
  const v = value.trim();
  if (!v) return field.required ? tx(lang, 'need.formValue', { field: field.label }) : null;
  if (field.maxLength && v.length > field.maxLength) return tx(lang, 'bad.tooLong', { max: field.maxLength });
  switch (field.kind) {
    case 'date':
    case 'datetime':
      // A doubtful date (a day gone, `15/1` read as next year) is asked about, never taken silently.
      return typedDateProblem(v, field.kind, lang, timeZone, now, field.dateExpect);
    case 'number':
      return Number.isFinite(Number(v)) ? null : tx(lang, 'bad.number');
    case 'select':
    case 'multiselect': {
      const values = field.kind === 'select' ? [v] : v.split(',').map((x) => x.trim()).filter(Boolean);
      const known = new Set((field.options ?? []).map((o) => o.value));
      return values.every((x) => known.has(x)) ? null : tx(lang, 'bad.option');
    }
    default:
      return null;
  }
}
