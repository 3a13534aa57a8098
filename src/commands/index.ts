/** The one command grammar shared by the Slack, Teams and console adapters. */
export * from './command.ts';
export * from './command-specs.ts';
export { parseCommand, lookupCommand, suggestCommand, type ParseOptions } from './parse-command.ts';
export { parseCaseCode, isCaseCode, CASE_CODE_PATTERN } from './case-code.ts';
export { parseHandoverTarget, type ParsedTarget } from './mention.ts';
export { parseDuration, parseAbsoluteTime, parseTimeSpec, type TimeSpec } from './duration.ts';
