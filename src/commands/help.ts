/** Command help and parse-error texts, from the command table and the core catalog. */
import { normalizeLang, type Lang } from '../i18n/lang.ts';
import { errorText, t } from '../i18n/core.ts';
import { allAliases, commandSpecs, getCommandSpec } from './command-specs.ts';
import type { CommandName, CommandOf, ParseError } from './command.ts';
import { MAX_INPUT_LENGTH } from './command.ts';

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
