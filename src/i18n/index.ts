/**
 * The i18n module: one `Lang`, one `t()` per feature catalog (`defineCatalog`), one
 * interpolation, luxon for dates. Every layer may import it; it imports nothing of the project.
 */
export { isLang, langs, normalizeLang, type Lang } from './lang.ts';
export { defineCatalog, interpolate, type Catalog, type CatalogTexts, type MessageParams } from './catalog.ts';
export { fmtDate, fmtDateTime, formatDay, formatDecimal, formatTime, formatWhen, isoDate, LOCALES } from './dates.ts';
