/** Every command name the grammar knows (the canonical, language-neutral identifiers). */
export const commandNames = [
  'help',
  'new',
  'status',
  'mine',
  'meeting',
  'decision',
  'action',
  'done',
  'evaluate',
  'revise',
  'consent',
  'handover',
  'accept',
  'decline',
  'concern',
  'deviation',
  'close',
  'channel',
  'stats',
  'log',
  'audit',
  'export',
  'share',
  'advance',
  'people',
  'signal',
  'import',
  'clock',
] as const;

/** A canonical command name (`unknown` is not one). */
export type CommandName = (typeof commandNames)[number];

/** Who a baton hand-over goes to: a Slack user id, or a name / e-mail to resolve. */
export type HandoverTarget =
  | { kind: 'slack'; id: string; label?: string }
  | { kind: 'name'; value: string };

/** What the dev-only clock command asks for. `advance.ms` may be negative. */
export type ClockOp =
  | { kind: 'show' }
  | { kind: 'advance'; ms: number }
  | { kind: 'set'; at: string }
  | { kind: 'reset' };

/** A parsed chat command. `rest` is the free text after the case code, trimmed, as typed. */
export type Command =
  | { name: 'help'; topic?: CommandName }
  | { name: 'new'; rest?: string }
  | { name: 'status'; caseCode?: string }
  | { name: 'mine' }
  | { name: 'meeting'; caseCode: string; rest?: string }
  | { name: 'decision'; caseCode: string; rest: string }
  | { name: 'action'; caseCode: string; rest: string }
  /** Plan follow-up: `klar KOD 2`, `utvärdera KOD 2 [note]`, `ändra KOD 2`; without a number the plan is listed. */
  | { name: 'done' | 'evaluate' | 'revise'; caseCode: string; actionNumber?: number; rest?: string }
  | { name: 'consent'; caseCode: string; rest: string }
  | { name: 'handover'; caseCode: string; target?: HandoverTarget; note?: string }
  | { name: 'accept'; caseCode: string }
  | { name: 'decline'; caseCode: string; rest?: string }
  | { name: 'concern'; caseCode: string; rest: string }
  | { name: 'deviation'; caseCode?: string; rest: string }
  | { name: 'close'; caseCode: string; rest?: string }
  | { name: 'channel'; caseCode: string }
  | { name: 'stats' }
  | { name: 'log'; caseCode: string }
  | { name: 'audit'; caseCode: string }
  | { name: 'export'; caseCode: string }
  | { name: 'share'; caseCode: string; rest?: string }
  | { name: 'advance'; caseCode: string; targetStage?: string }
  | { name: 'people'; rest?: string }
  | { name: 'signal'; rest: string }
  | { name: 'import'; rest?: string }
  | { name: 'clock'; op: ClockOp }
  | {
      name: 'unknown';
      /** The whole input as received. */
      input: string;
      /** The first word, which matched no command. */
      word: string;
      /** The closest alias as it should be typed (e.g. `hjälp`), or null. */
      suggestion: string | null;
      /** The command that suggestion belongs to, or null. */
      suggestedCommand: CommandName | null;
    };

/** The command variant with a given name. */
export type CommandOf<N extends Command['name']> = Extract<Command, { name: N }>;

/** Stable error codes a parse can fail with; i18n has `error.<code>` for each. */
export const parseErrorCodes = [
  'COMMAND.TOO_LONG',
  'COMMAND.MISSING_CASE_CODE',
  'COMMAND.INVALID_CASE_CODE',
  'COMMAND.MISSING_TEXT',
  'COMMAND.INVALID_TARGET',
  'COMMAND.INVALID_TIME',
] as const;

/** A stable parse error code. */
export type ParseErrorCode = (typeof parseErrorCodes)[number];

/** Why a text could not become a command; `command` is set when the command word was understood. */
export interface ParseError {
  code: ParseErrorCode;
  command?: CommandName;
  input: string;
}

/** The outcome of parsing; never thrown. */
export type ParseResult = { ok: true; command: Command } | { ok: false; error: ParseError };

/** Maximum accepted input length in characters (UTF-16 code units). */
export const MAX_INPUT_LENGTH = 2000;
