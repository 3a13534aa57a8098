/**
 * The core catalog: command help, the errors (`error.<DomainErrorCode>`), and the texts every
 * surface shares, in Swedish (the reference, ./core/sv.ts), Norwegian bokmål and English.
 */
import { defineCatalog, type MessageParams } from './catalog.ts';
import { en } from './core/en.ts';
import { nb } from './core/nb.ts';
import { sv, type Catalog, type MessageKey } from './core/sv.ts';
import type { Lang } from './lang.ts';

export type { Catalog, MessageKey } from './core/sv.ts';

const core = defineCatalog<MessageKey>({ sv, nb, en });

/** All core catalogs by language. */
export const catalogs: Readonly<Record<Lang, Catalog>> = { sv, nb, en };

/** True when `key` is a message key (for codes that arrive as plain strings). */
export function isMessageKey(key: string): key is MessageKey {
  return core.has(key);
}

/** The localized text for `key`; an unknown language falls back to Swedish. */
export function t(lang: Lang | string | undefined, key: MessageKey, params?: MessageParams): string {
  return core.t(lang, key, params);
}

/** Text for a dotted error code via `error.<code>`; unknown codes get the generic `error.INTERNAL`. */
export function errorText(lang: Lang | string | undefined, code: string, params?: MessageParams): string {
  const key = `error.${code}`;
  return t(lang, isMessageKey(key) ? key : 'error.INTERNAL', params);
}
