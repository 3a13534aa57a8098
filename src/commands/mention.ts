import type { HandoverTarget } from './command.ts';

const SLACK_USER = /^<@([UW][A-Z0-9]{1,40})(?:\|([^>]*))?>/i;
const SLACK_OTHER = /^<[#!@][^>]*>/;
const TEAMS_AT = /^<at>([^<]{1,200})<\/at>/i;
const SLACK_MAILTO = /^<mailto:([^|>\s]+@[^|>\s]+)(?:\|[^>]*)?>/i;
const EMAIL = /^([^\s@<>"'`]+@[^\s@<>"'`]+\.[^\s@<>"'`.]+)(?=\s|$)/;
const QUOTED = /^@?["“”']([^"“”']{1,200})["“”']/;

/** A parsed hand-over target plus any text that followed an unambiguous mention. */
export interface ParsedTarget {
  target: HandoverTarget;
  note?: string;
}

/**
 * Parses who a hand-over goes to: Slack `<@U123ABC>` / `<@U123|name>`, Teams `<at>Name</at>`,
 * `@name`, `@"Anna Lind"`, an e-mail (also Slack's `<mailto:…>`), or a plain name.
 * Returns 'invalid' for things that are clearly not a person (channel links, `<!here>`).
 */
export function parseHandoverTarget(text: string): ParsedTarget | 'invalid' | null {
  const s = text.trim();
  if (s === '') return null;

  const withNote = (target: HandoverTarget, consumed: number): ParsedTarget => {
    const note = s.slice(consumed).trim();
    return note ? { target, note } : { target };
  };

  let m = SLACK_USER.exec(s);
  if (m) {
    const id = (m[1] ?? '').toUpperCase();
    const label = m[2]?.trim();
    return withNote(label ? { kind: 'slack', id, label } : { kind: 'slack', id }, m[0].length);
  }
  m = SLACK_MAILTO.exec(s);
  if (m) return withNote({ kind: 'name', value: (m[1] ?? '').toLowerCase() }, m[0].length);
  if (SLACK_OTHER.test(s)) return 'invalid';
  m = TEAMS_AT.exec(s);
  if (m) {
    const value = (m[1] ?? '').trim();
    return value ? withNote({ kind: 'name', value }, m[0].length) : 'invalid';
  }
  m = QUOTED.exec(s);
  if (m) {
    const value = (m[1] ?? '').trim();
    return value ? withNote({ kind: 'name', value }, m[0].length) : 'invalid';
  }
  const bare = s.startsWith('@') ? s.slice(1).trimStart() : s;
  m = EMAIL.exec(bare);
  if (m) return withNote({ kind: 'name', value: (m[1] ?? '').toLowerCase() }, s.length - bare.length + m[0].length);
  if (s.startsWith('<')) return 'invalid';
  // "@Anna Lind" or "Anna Lind": the whole remainder is the name; there is no way to tell
  // where a multi-word name ends, so no note is taken.
  const value = bare.replace(/\s+/g, ' ').trim();
  if (value === '' || value.startsWith('@')) return 'invalid';
  return { target: { kind: 'name', value } };
}
