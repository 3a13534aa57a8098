import { allAliases, commandSpecs, getCommandSpec } from '../commands/command-specs.ts';
import type { CommandName, CommandOf, ParseError } from '../commands/command.ts';
import { MAX_INPUT_LENGTH } from '../commands/command.ts';
import { en } from './i18n/en.ts';
import { nb } from './i18n/nb.ts';
import { sv, type Catalog, type MessageKey } from './i18n/sv.ts';

export type { Catalog, MessageKey } from './i18n/sv.ts';

export { langs, normalizeLang, type Lang } from '../i18n/lang.ts';
import { normalizeLang, type Lang } from '../i18n/lang.ts';

/** Interpolation values for `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** All catalogs by language. */
export const catalogs: Readonly<Record<Lang, Catalog>> = { sv, nb, en };

/** True when `key` is a message key (for codes that arrive as plain strings). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(sv, key);
}

/** Fills `{name}` placeholders; unknown placeholders are left as typed. Values are not re-expanded. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The localized text for `key`; an unknown language falls back to Swedish. */
export function t(lang: Lang | string | undefined, key: MessageKey, params?: MessageParams): string {
  const catalog = catalogs[normalizeLang(lang)];
  return interpolate(catalog[key] || sv[key], params);
}

/** Text for a dotted error code via `error.<code>`; unknown codes get the generic `error.INTERNAL`. */
export function errorText(lang: Lang | string | undefined, code: string, params?: MessageParams): string {
  const key = `error.${code}`;
  return t(lang, isMessageKey(key) ? key : 'error.INTERNAL', params);
}

/** The localized "how to use" reply for a failed parse, with an example for the command. */
export function formatParseError(lang: Lang | string | undefined, error: Pick<ParseError, 'code' | 'command'>): string {
  const example = t(lang, getCommandSpec(error.command ?? 'status').exampleKey);
  return errorText(lang, error.code, { example, max: MAX_INPUT_LENGTH });
}

/** The localized reply for an unknown command, with "did you mean …?" when there is a suggestion. */
export function formatUnknownCommand(lang: Lang | string | undefined, command: CommandOf<'unknown'>): string {
  const word = command.word.length > 40 ? `${command.word.slice(0, 40)}…` : command.word;
  return command.suggestion
    ? t(lang, 'command.unknownWithSuggestion', { word, suggestion: command.suggestion })
    : t(lang, 'command.unknown', { word });
}

/** One help row: for Teams `commandLists` (title/description) or a Slack usage hint. */
export interface HelpEntry {
  name: CommandName;
  /** The command word in this language, e.g. `möte`. */
  command: string;
  /** The usage line, in backticks. */
  usage: string;
  description: string;
  devOnly: boolean;
}

/** Help rows for every command in `lang`, in table order; dev-only commands only when asked. */
export function helpEntries(lang: Lang | string | undefined, options: { includeDev?: boolean } = {}): HelpEntry[] {
  const l = normalizeLang(lang);
  return commandSpecs
    .filter((s) => options.includeDev === true || !s.devOnly)
    .map((s) => ({
      name: s.name,
      command: s.aliases[l][0] ?? s.canonical,
      usage: t(l, s.usageKey),
      description: t(l, s.descriptionKey),
      devOnly: s.devOnly,
    }));
}

/**
 * The full help text (one line per command with its usage), or the detail for one command when
 * `topic` is given. Plain text with backticks, readable in Slack, Teams and the console.
 */
export function renderHelp(
  lang: Lang | string | undefined,
  options: { topic?: CommandName; includeDev?: boolean } = {},
): string {
  const l = normalizeLang(lang);
  if (options.topic) {
    const s = getCommandSpec(options.topic);
    const others = allAliases(s).filter((a) => a !== s.aliases[l][0]);
    const lines = [
      `${t(l, s.usageKey)} – ${t(l, s.descriptionKey)}`,
      t(l, 'help.example', { example: t(l, s.exampleKey) }),
    ];
    if (others.length > 0) lines.push(t(l, 'help.aliases', { aliases: others.map((a) => `\`${a}\``).join(', ') }));
    return lines.join('\n');
  }
  const entries = helpEntries(l, options);
  const line = (e: HelpEntry) => `• ${e.usage} – ${e.description}`;
  const lines = [t(l, 'help.title'), t(l, 'help.intro'), '', ...entries.filter((e) => !e.devOnly).map(line)];
  const dev = entries.filter((e) => e.devOnly);
  if (dev.length > 0) lines.push('', t(l, 'help.devSection'), ...dev.map(line));
  lines.push('', t(l, 'help.footer'));
  return lines.join('\n');
}
