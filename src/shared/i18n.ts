/**
 * Transitional re-exports: the languages, catalogs and t() moved to src/i18n, the command help to
 * src/commands/help.ts. Removed once src/chat/chat.service.ts imports from there.
 */
export { isLang, langs, normalizeLang, type Lang } from '../i18n/lang.ts';
export { interpolate, type MessageParams } from '../i18n/catalog.ts';
export { catalogs, errorText, isMessageKey, t, type Catalog, type MessageKey } from '../i18n/core.ts';
export { formatParseError, formatUnknownCommand, helpEntries, renderHelp, type HelpEntry } from '../commands/help.ts';
