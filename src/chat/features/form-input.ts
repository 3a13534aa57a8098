/** A submitted form as its handler reads it: trimmed values, the carried context, typed getters. */
import { dateConfirmHow, dateQuestion } from '../date-question.ts';
import { readFormDate } from '../format.ts';
import { type Lang } from '../../i18n/lang.ts';
import { tx } from '../texts.ts';

/** Thrown inside form handlers to show a message next to one field. */
export class FieldError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export class FormInput {
  /** The case code the form was opened for ('' when none). */
  readonly code: string;

  constructor(
    readonly formId: string,
    readonly ctx: Record<string, string>,
    /** Trimmed values; a handler may fill in a value from the context. */
    readonly v: Record<string, string>,
    private readonly lang: Lang,
    private readonly tz: string,
    readonly now: Date,
  ) {
    this.code = ctx.code ?? '';
  }

  /** A required value, or a "please fill in <label>" next to the field. */
  req(name: string, label: string): string {
    if (!this.v[name]) throw new FieldError(name, tx(this.lang, 'need.formValue', { field: label }));
    return this.v[name]!;
  }

  /**
   * A date (and time) in the organisation's time zone, as people type dates (`15/1`, `tisdag kl. 13`);
   * `defaultTime` when only a date was given. A doubtful reading (a day gone, `15/1` in December)
   * is asked about next to the field, never taken silently; typed with its year it is taken.
   */
  date(name: string, required: boolean, defaultTime = '09:00', expect?: 'past'): Date | undefined {
    if (!this.v[name]) {
      if (required) throw new FieldError(name, tx(this.lang, 'bad.date'));
      return undefined;
    }
    const r = readFormDate(this.v[name]!, this.tz, this.now, { defaultTime, ...(expect ? { expect } : {}) });
    if (!r) throw new FieldError(name, tx(this.lang, 'bad.date'));
    if (r.when.needsConfirmation) throw new FieldError(name, `${dateQuestion(r.when, this.lang)} ${dateConfirmHow(r.when, this.lang)}`);
    return r.at;
  }

  /** A comma-separated multiselect value as a list. */
  list(name: string): string[] {
    return (this.v[name] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  }
}

/** Form values as handlers see them: strings, trimmed, at most 10 000 characters. */
export function trimValues(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(values ?? {})) out[k] = typeof val === 'string' ? val.trim().slice(0, 10_000) : String(val ?? '');
  return out;
}
