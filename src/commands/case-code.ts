/**
 * Case codes look like `ST-26-0042`: a 2–5 letter prefix, a two-digit year and a sequence of at
 * least four digits. Users type them in lower case, with short sequences (`st-26-42`), without
 * separators (`ST260042`), with the dashes chat clients substitute (`ST–26–0042`), or wrapped in
 * Markdown (`` `ST-26-0042` ``, `*ST-26-0042*`).
 */

const SEP_STRICT = '[-_‐‑‒–—−]?';
const SEP_LENIENT = '(?:[-_‐‑‒–—−]|[ \\t])?';
const OPEN = '[`\'"*_(\\[“”‘’]*';
const CLOSE = '[`\'"*_)\\].,:;!?“”‘’]*';

function codeRegex(sep: string, anchored: 'prefix' | 'whole' | 'suffix'): RegExp {
  const core = `([a-z]{2,5})${sep}(\\d{2})${sep}(\\d{1,9})`;
  const body = `${OPEN}${core}${CLOSE}`;
  if (anchored === 'whole') return new RegExp(`^${body}$`, 'i');
  if (anchored === 'suffix') return new RegExp(`(?:^|\\s)${body}$`, 'i');
  return new RegExp(`^${body}(?=\\s|$)`, 'i');
}

const WHOLE = codeRegex(SEP_LENIENT, 'whole');
const PREFIX_LENIENT = codeRegex(SEP_LENIENT, 'prefix');
const PREFIX_STRICT = codeRegex(SEP_STRICT, 'prefix');
const SUFFIX_STRICT = codeRegex(SEP_STRICT, 'suffix');

/** The canonical shape of a normalized case code. */
export const CASE_CODE_PATTERN = /^[A-Z]{2,5}-\d{2}-\d{4,9}$/;

function normalize(m: RegExpExecArray): string {
  const [, prefix = '', year = '', seq = ''] = m;
  return `${prefix.toUpperCase()}-${year}-${seq.padStart(4, '0')}`;
}

/** Normalizes a string that is exactly one case code (`st-26-42` → `ST-26-0042`); null otherwise. */
export function parseCaseCode(text: string): string | null {
  const m = WHOLE.exec(text.trim());
  return m ? normalize(m) : null;
}

/** True when `text` is already a normalized case code. */
export function isCaseCode(text: string): boolean {
  return CASE_CODE_PATTERN.test(text);
}

/**
 * Takes a case code from the start of `text`. `lenient` also allows spaces inside the code
 * (`ST 26 0042`); strict mode is used where free text may follow without a code.
 */
export function takeLeadingCaseCode(
  text: string,
  lenient: boolean,
): { code: string; rest: string } | null {
  const re = lenient ? PREFIX_LENIENT : PREFIX_STRICT;
  const m = re.exec(text);
  if (!m) return null;
  return { code: normalize(m), rest: text.slice(m[0].length).trim() };
}

/** Takes a case code from the end of `text` (for `stafett @anna ST-26-0042`). */
export function takeTrailingCaseCode(text: string): { code: string; rest: string } | null {
  const m = SUFFIX_STRICT.exec(text);
  if (!m) return null;
  return { code: normalize(m), rest: text.slice(0, m.index).trim() };
}
