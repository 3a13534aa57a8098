/**
 * Text catalogs: one per feature, Swedish first. `defineCatalog` takes the three languages with
 * the same keys (the type checker refuses a missing one) and gives the one `t()` every catalog
 * uses: typed keys, `{name}` interpolation, Swedish when a language or key is missing.
 */
import { normalizeLang, type Lang } from './lang.ts';

/** Interpolation values for `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders; unknown placeholders are left as typed. Values are not re-expanded. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** The texts of one catalog in every language. */
export type CatalogTexts<K extends string> = Readonly<Record<Lang, Readonly<Record<K, string>>>>;

export interface Catalog<K extends string> {
  readonly texts: CatalogTexts<K>;
  readonly keys: readonly K[];
  /** The localized text for `key` in `lang` (a locale tag or name is normalized; unknown → Swedish). */
  t(lang: Lang | string | undefined, key: K, params?: MessageParams): string;
  /** True when `key` is one of this catalog's keys (for keys that arrive as plain strings). */
  has(key: string): key is K;
}

/** A catalog whose keys are the Swedish ones; Norwegian and English must have exactly those. */
export function defineCatalog<K extends string>(texts: { sv: Readonly<Record<K, string>>; nb: NoInfer<Readonly<Record<K, string>>>; en: NoInfer<Readonly<Record<K, string>>> }): Catalog<K> {
  const keys = Object.keys(texts.sv) as K[];
  return {
    texts,
    keys,
    t(lang, key, params) {
      const text = texts[normalizeLang(lang)][key] || texts.sv[key] || key;
      return interpolate(text, params);
    },
    has(key: string): key is K {
      return Object.hasOwn(texts.sv, key);
    },
  };
}
