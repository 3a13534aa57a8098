/**
 * The SCIM filter subset Entra ID and other provisioning clients send (RFC 7644 §3.4.2.2):
 * `attrPath eq "value"` joined by `and`. Values are JSON literals, parsed strictly, so a quote or
 * keyword inside a string stays part of the string; anything else is `invalidFilter`.
 */
import { badRequest } from './scim-errors.ts';

export interface FilterTerm {
  /** Attribute path as written, lower-cased (attribute names are case-insensitive). */
  path: string;
  value: string | boolean;
}

const MAX_FILTER = 1000;

/** Parses a filter into `eq` terms that must all hold. */
export function parseScimFilter(text: string): FilterTerm[] {
  if (text.length > MAX_FILTER) throw badRequest('invalidFilter', `filter longer than ${MAX_FILTER} characters`);
  const terms: FilterTerm[] = [];
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const fail = (why: string): never => {
    throw badRequest('invalidFilter', `unsupported filter at position ${i + 1}: ${why}. Supported: attribute eq "value" [and …]`);
  };
  for (;;) {
    ws();
    const pathMatch = /^[A-Za-z][\w$-]*(?::[\w.$-]+)*(?:\[[A-Za-z][\w]* eq "(?:[^"\\]|\\.)*"\])?(?:\.[A-Za-z][\w$-]*)?/.exec(text.slice(i));
    if (!pathMatch) fail('expected an attribute name');
    const path = pathMatch![0];
    i += path.length;
    ws();
    const op = /^[A-Za-z]+/.exec(text.slice(i))?.[0] ?? '';
    if (op.toLowerCase() !== 'eq') fail(op ? `operator "${op}" is not supported` : 'expected eq');
    i += op.length;
    ws();
    let value: string | boolean;
    if (text[i] === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) fail('unterminated string');
      try {
        value = JSON.parse(text.slice(i, j + 1)) as string;
      } catch {
        return fail('invalid string escape');
      }
      i = j + 1;
    } else {
      const lit = /^(true|false)\b/i.exec(text.slice(i))?.[0];
      if (!lit) return fail('expected a quoted string');
      value = lit.toLowerCase() === 'true';
      i += lit.length;
    }
    terms.push({ path: path.toLowerCase(), value });
    ws();
    if (i >= text.length) break;
    const joiner = /^[A-Za-z]+/.exec(text.slice(i))?.[0] ?? '';
    if (joiner.toLowerCase() !== 'and') fail(joiner ? `"${joiner}" is not supported (only and)` : 'unexpected character');
    i += joiner.length;
    if (!/^\s/.test(text.slice(i))) fail('expected a space after and');
    if (terms.length >= 5) fail('too many terms');
  }
  return terms;
}
