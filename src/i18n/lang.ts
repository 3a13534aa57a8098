/** The user-facing languages and how a platform's locale maps to one. */

/** The user-facing languages: Swedish (default), Norwegian bokmål, English. */
export const langs = ['sv', 'nb', 'en'] as const;

/** A user-facing language. */
export type Lang = (typeof langs)[number];

const LANG_WORDS: Readonly<Record<string, Lang>> = {
  sv: 'sv', se: 'sv', swe: 'sv', svenska: 'sv', swedish: 'sv',
  nb: 'nb', no: 'nb', nn: 'nb', nob: 'nb', nno: 'nb', nor: 'nb', norsk: 'nb', bokmal: 'nb', nynorsk: 'nb', norwegian: 'nb',
  en: 'en', eng: 'en', english: 'en', engelska: 'en', engelsk: 'en',
};

/** Maps a locale tag or language name ("sv-SE", "nb-NO", "no", "nn", "en-US") to a Lang; unknown → sv. */
export function normalizeLang(input?: string | null): Lang {
  if (typeof input !== 'string') return 'sv';
  const primary = input.trim().toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').split(/[-_.@\s]/)[0] ?? '';
  return LANG_WORDS[primary] ?? 'sv';
}

/** True when `value` is exactly one of the languages. */
export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (langs as readonly string[]).includes(value);
}
