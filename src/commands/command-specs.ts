import type { Lang } from '../i18n/lang.ts';
import type { CommandName } from './command.ts';

/** Whether a command takes a case code / free text. */
export type ArgNeed = 'required' | 'optional' | 'none';

/** One row of the command table: names per language and what the command needs. */
export interface CommandSpec {
  readonly name: CommandName;
  /** The Swedish name shown first everywhere. */
  readonly canonical: string;
  /** Aliases per language, preferred spelling first; matching ignores case and diacritics. */
  readonly aliases: Readonly<Record<Lang, readonly string[]>>;
  readonly caseCode: ArgNeed;
  readonly text: ArgNeed;
  /** i18n key of the usage line, e.g. `usage.meeting` → "`möte <ärendekod> [text]`". */
  readonly usageKey: `usage.${CommandName}`;
  /** i18n key of the one-line description. */
  readonly descriptionKey: `help.${CommandName}`;
  /** i18n key of a concrete, parseable example. */
  readonly exampleKey: `example.${CommandName}`;
  /** Only available with the development clock (never in production help). */
  readonly devOnly: boolean;
}

function spec(
  name: CommandName,
  aliases: Record<Lang, readonly string[]>,
  caseCode: ArgNeed,
  text: ArgNeed,
  devOnly = false,
): CommandSpec {
  return {
    name,
    canonical: aliases.sv[0] ?? name,
    aliases,
    caseCode,
    text,
    usageKey: `usage.${name}`,
    descriptionKey: `help.${name}`,
    exampleKey: `example.${name}`,
    devOnly,
  };
}

/** The command table, in help order. Source for help text, Slack usage hints and Teams commandLists. */
export const commandSpecs: readonly CommandSpec[] = [
  spec('help', { sv: ['hjälp'], nb: ['hjelp'], en: ['help'] }, 'none', 'optional'),
  spec('new', { sv: ['ny'], nb: ['ny'], en: ['new'] }, 'none', 'optional'),
  spec('status', { sv: ['status'], nb: ['status'], en: ['status'] }, 'optional', 'none'),
  spec('mine', { sv: ['mina'], nb: ['mine'], en: ['mine'] }, 'none', 'none'),
  spec('meeting', { sv: ['möte'], nb: ['møte'], en: ['meeting'] }, 'required', 'optional'),
  spec('decision', { sv: ['beslut'], nb: ['beslutning', 'vedtak'], en: ['decision'] }, 'required', 'required'),
  spec('action', { sv: ['åtgärd'], nb: ['tiltak'], en: ['action'] }, 'required', 'required'),
  spec('done', { sv: ['klar'], nb: ['ferdig'], en: ['done'] }, 'required', 'optional'),
  spec('evaluate', { sv: ['utvärdera'], nb: ['evaluer'], en: ['evaluate'] }, 'required', 'optional'),
  spec('revise', { sv: ['ändra'], nb: ['endre'], en: ['revise', 'change'] }, 'required', 'optional'),
  spec('consent', { sv: ['samtycke'], nb: ['samtykke'], en: ['consent'] }, 'required', 'required'),
  spec('handover', { sv: ['stafett'], nb: ['overlever'], en: ['handover'] }, 'required', 'optional'),
  spec('accept', { sv: ['acceptera'], nb: ['aksepter'], en: ['accept'] }, 'required', 'none'),
  spec('decline', { sv: ['avböj'], nb: ['avslå'], en: ['decline'] }, 'required', 'optional'),
  spec('concern', { sv: ['oro'], nb: ['bekymring'], en: ['concern'] }, 'required', 'required'),
  spec('deviation', { sv: ['avvikelse'], nb: ['avvik'], en: ['deviation'] }, 'optional', 'required'),
  spec('close', { sv: ['avsluta'], nb: ['avslutt'], en: ['close'] }, 'required', 'optional'),
  spec('channel', { sv: ['kanal'], nb: ['kanal'], en: ['channel'] }, 'required', 'none'),
  spec('stats', { sv: ['statistik'], nb: ['statistikk'], en: ['stats', 'statistics'] }, 'none', 'none'),
  spec('log', { sv: ['logg'], nb: ['logg'], en: ['log'] }, 'required', 'none'),
  spec('audit', { sv: ['granskning'], nb: ['tilgangslogg', 'revisjon'], en: ['audit'] }, 'required', 'none'),
  spec('export', { sv: ['export'], nb: ['eksport'], en: ['export'] }, 'required', 'none'),
  spec('share', { sv: ['delning'], nb: ['deling'], en: ['share'] }, 'required', 'optional'),
  spec('advance', { sv: ['nästa'], nb: ['neste'], en: ['advance'] }, 'required', 'optional'),
  spec('people', { sv: ['personal'], nb: ['personale'], en: ['people'] }, 'none', 'optional'),
  spec('signal', { sv: ['signal'], nb: ['signal'], en: ['signal'] }, 'none', 'required'),
  spec('import', { sv: ['importera'], nb: ['importer'], en: ['import'] }, 'none', 'optional'),
  spec('clock', { sv: ['klocka'], nb: ['klokke'], en: ['clock'] }, 'none', 'optional', true),
];

/** Looks up the spec of a command. */
export function getCommandSpec(name: CommandName): CommandSpec {
  const found = commandSpecs.find((s) => s.name === name);
  // The table covers every CommandName (checked by tests), so this is unreachable.
  if (!found) throw new Error(`No spec for command ${name}`);
  return found;
}

/** All aliases of a command across languages, deduplicated, Swedish first. */
export function allAliases(s: CommandSpec): string[] {
  return [...new Set([...s.aliases.sv, ...s.aliases.en, ...s.aliases.nb])];
}
