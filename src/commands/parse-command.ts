import { takeLeadingCaseCode, takeTrailingCaseCode, parseCaseCode } from './case-code.ts';
import { commandSpecs } from './command-specs.ts';
import {
  MAX_INPUT_LENGTH,
  type Command,
  type CommandName,
  type ParseErrorCode,
  type ParseResult,
} from './command.ts';
import { DEFAULT_TIME_ZONE, parseTimeSpec } from './duration.ts';
import { editDistance, fold, foldTransliterated } from './fold.ts';
import { parseHandoverTarget } from './mention.ts';

/** Options for {@link parseCommand}. */
export interface ParseOptions {
  /** Zone for absolute clock times typed without an offset (default Europe/Stockholm). */
  timeZone?: string;
}

interface AliasEntry {
  name: CommandName;
  alias: string;
}

// Folded alias → command. Both plain folding (`mote`) and transliteration (`moete`) are keys.
const ALIAS_INDEX: ReadonlyMap<string, AliasEntry> = (() => {
  const index = new Map<string, AliasEntry>();
  for (const spec of commandSpecs) {
    for (const lang of ['sv', 'en', 'nb'] as const) {
      for (const alias of spec.aliases[lang]) {
        for (const key of [fold(alias), foldTransliterated(alias)]) {
          if (!index.has(key)) index.set(key, { name: spec.name, alias });
        }
      }
    }
  }
  return index;
})();

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const BOT_PREFIX = /^(?:<at>\s*stafett[^<]{0,40}<\/at>|[@/]stafett(?=[\s:,]|$)|stafett(?=[:,]))[\s:,]*/i;
const RESET_WORDS = new Set(['reset', 'nu', 'now', 'real', 'aterstall', 'nullstill', 'tilbakestill', 'na']);
const SHOW_WORDS = new Set(['show', 'visa', 'vis']);

function cleanWord(word: string): string {
  return word.replace(/^[/!]+/, '').replace(/[:,.!?;]+$/, '');
}

/** Resolves a typed command word (any language, any case, with or without diacritics). */
export function lookupCommand(word: string): CommandName | undefined {
  const w = cleanWord(word);
  if (w === '') return undefined;
  return (ALIAS_INDEX.get(fold(w)) ?? ALIAS_INDEX.get(foldTransliterated(w)))?.name;
}

/** The closest alias to a mistyped command word, or null when nothing is close enough. */
export function suggestCommand(word: string): AliasEntry | null {
  const w = fold(cleanWord(word));
  if (w.length === 0 || w.length > 24) return null;
  const max = w.length <= 4 ? 1 : w.length <= 7 ? 2 : 3;
  let best: AliasEntry | null = null;
  let bestDistance = Infinity;
  for (const [key, entry] of ALIAS_INDEX) {
    const d = editDistance(w, key);
    if (d < bestDistance) {
      best = entry;
      bestDistance = d;
    }
  }
  if (best && bestDistance <= max) return best;
  if (w.length >= 3) {
    // A unique prefix ("avv" → avvikelse) is also a good hint.
    const names = new Set<CommandName>();
    let first: AliasEntry | null = null;
    for (const [key, entry] of ALIAS_INDEX) {
      if (key.startsWith(w)) {
        names.add(entry.name);
        first ??= entry;
      }
    }
    if (names.size === 1) return first;
  }
  return null;
}

function stripPrefixes(text: string): string {
  let s = text;
  for (let i = 0; i < 3; i++) {
    const next = s.replace(BOT_PREFIX, '').trim();
    if (next === s) break;
    s = next;
  }
  // A bare "stafett" is also the Swedish hand-over command; only treat it as an address when it
  // is followed by another command word ("stafett status"); "Stafett: …" was handled above.
  const m = /^(\S+)\s+(\S+)/.exec(s);
  if (m && m[1] !== undefined && m[2] !== undefined) {
    const first = fold(m[1]);
    if (first === 'stafett' && lookupCommand(m[2]) !== undefined) {
      s = s.slice(m[1].length).trim();
    }
  }
  return s;
}

/**
 * Parses one line of chat text into a typed command. Accepts Swedish, Norwegian (bokmål) and
 * English command words, a leading `/stafett` or `@stafett`, and loosely typed case codes.
 * Never throws; a problem is returned as `{ ok: false, error }` with a stable code.
 */
export function parseCommand(text: string, options: ParseOptions = {}): ParseResult {
  const input = typeof text === 'string' ? text : '';
  try {
    return parse(input, options);
  } catch {
    // Defensive: the grammar has no known throwing path, but a chat message must never crash
    // the adapter. Treat anything unexpected as an unknown command.
    return { ok: true, command: { name: 'unknown', input, word: '', suggestion: null, suggestedCommand: null } };
  }
}

function parse(input: string, options: ParseOptions): ParseResult {
  const cleaned = input.replace(INVISIBLE, '').trim();
  if (cleaned.length > MAX_INPUT_LENGTH) {
    return { ok: false, error: { code: 'COMMAND.TOO_LONG', input: input.slice(0, MAX_INPUT_LENGTH) } };
  }
  const s = stripPrefixes(cleaned);
  if (s === '') return ok({ name: 'help' });

  const m = /^(\S+)\s*([\s\S]*)$/.exec(s);
  const word = m?.[1] ?? s;
  const args = (m?.[2] ?? '').trim();
  const name = lookupCommand(word);
  const fail = (code: ParseErrorCode, command?: CommandName): ParseResult => ({
    ok: false,
    error: command ? { code, command, input } : { code, input },
  });

  if (name === undefined) {
    // A bare case code is the most natural way to ask about a case.
    const bare = parseCaseCode(s);
    if (bare) return ok({ name: 'status', caseCode: bare });
    const hit = suggestCommand(word);
    return ok({
      name: 'unknown',
      input,
      word: word.slice(0, 50),
      suggestion: hit?.alias ?? null,
      suggestedCommand: hit?.name ?? null,
    });
  }

  /** Requires a case code first in `args`; returns it and the rest, or an error result. */
  const needCode = (): { code: string; rest: string } | ParseResult => {
    if (args === '') return fail('COMMAND.MISSING_CASE_CODE', name);
    return takeLeadingCaseCode(args, true) ?? fail('COMMAND.INVALID_CASE_CODE', name);
  };
  const isResult = (x: { code: string; rest: string } | ParseResult): x is ParseResult => 'ok' in x;

  switch (name) {
    case 'help': {
      const topic = args ? lookupCommand(args.split(/\s+/)[0] ?? '') : undefined;
      return ok(topic ? { name, topic } : { name });
    }
    case 'new':
    case 'people':
    case 'import':
      return ok(args ? { name, rest: args } : { name });
    case 'signal':
      return args ? ok({ name, rest: args }) : fail('COMMAND.MISSING_TEXT', name);
    case 'mine':
    case 'stats':
      return ok({ name });
    case 'status': {
      if (args === '') return ok({ name });
      const c = takeLeadingCaseCode(args, true);
      return c ? ok({ name, caseCode: c.code }) : fail('COMMAND.INVALID_CASE_CODE', name);
    }
    case 'accept':
    case 'channel':
    case 'log':
    case 'audit':
    case 'export': {
      const c = needCode();
      return isResult(c) ? c : ok({ name, caseCode: c.code });
    }
    case 'meeting':
    case 'decline':
    case 'share':
    case 'close': {
      const c = needCode();
      if (isResult(c)) return c;
      return ok(c.rest ? { name, caseCode: c.code, rest: c.rest } : { name, caseCode: c.code });
    }
    case 'decision':
    case 'action':
    case 'consent':
    case 'concern': {
      const c = needCode();
      if (isResult(c)) return c;
      return c.rest ? ok({ name, caseCode: c.code, rest: c.rest }) : fail('COMMAND.MISSING_TEXT', name);
    }
    case 'done':
    case 'evaluate':
    case 'revise': {
      const c = needCode();
      if (isResult(c)) return c;
      // "2", "#2", "nr 2", "nr. 2", "no. 2" — the action's number in the plan, then an optional note.
      const n = /^(?:(?:nr|no|num)\.?\s*)?#?(\d{1,4})(?:[.:,]?(?:\s+|$))([\s\S]*)$/i.exec(c.rest);
      if (!n) return ok(c.rest ? { name, caseCode: c.code, rest: c.rest } : { name, caseCode: c.code });
      const rest = (n[2] ?? '').trim();
      return ok(rest ? { name, caseCode: c.code, actionNumber: Number(n[1]), rest } : { name, caseCode: c.code, actionNumber: Number(n[1]) });
    }
    case 'deviation': {
      if (args === '') return fail('COMMAND.MISSING_TEXT', name);
      const c = takeLeadingCaseCode(args, false);
      if (!c) return ok({ name, rest: args });
      return c.rest ? ok({ name, caseCode: c.code, rest: c.rest }) : fail('COMMAND.MISSING_TEXT', name);
    }
    case 'advance': {
      const c = needCode();
      if (isResult(c)) return c;
      const stage = c.rest.replace(/\s+/g, ' ');
      return ok(stage ? { name, caseCode: c.code, targetStage: stage } : { name, caseCode: c.code });
    }
    case 'handover': {
      if (args === '') return fail('COMMAND.MISSING_CASE_CODE', name);
      const c = takeLeadingCaseCode(args, true) ?? takeTrailingCaseCode(args);
      if (!c) return fail('COMMAND.INVALID_CASE_CODE', name);
      const t = parseHandoverTarget(c.rest);
      if (t === 'invalid') return fail('COMMAND.INVALID_TARGET', name);
      if (t === null) return ok({ name, caseCode: c.code });
      return ok(t.note ? { name, caseCode: c.code, target: t.target, note: t.note } : { name, caseCode: c.code, target: t.target });
    }
    case 'clock': {
      if (args === '' || SHOW_WORDS.has(fold(args))) return ok({ name, op: { kind: 'show' } });
      if (RESET_WORDS.has(fold(args))) return ok({ name, op: { kind: 'reset' } });
      const spec = parseTimeSpec(args, options.timeZone ?? DEFAULT_TIME_ZONE);
      if (!spec) return fail('COMMAND.INVALID_TIME', name);
      return spec.kind === 'relative'
        ? ok({ name, op: { kind: 'advance', ms: spec.ms } })
        : ok({ name, op: { kind: 'set', at: spec.at.toISOString() } });
    }
  }
}

function ok(command: Command): ParseResult {
  return { ok: true, command };
}
