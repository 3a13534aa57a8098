/** The core's small markdown subset → Slack mrkdwn, and safe truncation of either. */

/** Escapes the three characters Slack treats as control sequences in text objects. */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Converts `**bold**` → `*bold*`; `_italic_` and `` `code` `` are already mrkdwn. User text cannot
 * inject mentions or links because `<`, `>` and `&` are escaped first.
 */
export function toMrkdwn(text: string): string {
  return escapeSlackText(text).replace(/\*\*(.+?)\*\*/gs, '*$1*');
}

/** Plain text for `plain_text` objects: markup removed, nothing escaped (Slack shows it verbatim). */
export function toPlainText(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/gs, '$1').replace(/`([^`]+)`/g, '$1').replace(/(^|\s)_(\S[^_]*)_/g, '$1$2');
}

/**
 * Shortens `text` to at most `max` UTF-16 units, ending with "…", without splitting a surrogate
 * pair or an `&amp;`-style escape.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  let cut = text.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  cut = cut.replace(/&[a-z]{0,4}$/, '');
  return `${cut}…`;
}

/**
 * Splits mrkdwn into chunks of at most `max` characters, preferring line breaks so formatting
 * stays intact; a single overlong line is cut hard.
 */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const chunks: string[] = [];
  let current = '';
  const flush = () => {
    if (current) chunks.push(current);
    current = '';
  };
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    flush();
    let rest = line;
    while (rest.length > max) {
      let at = max;
      const code = rest.charCodeAt(at - 1);
      if (code >= 0xd800 && code <= 0xdbff) at -= 1;
      const start = Math.max(0, at - 5);
      const tail = rest.slice(start, at);
      const amp = tail.lastIndexOf('&');
      if (amp >= 0 && start + amp > 0 && !tail.slice(amp).includes(';')) at = start + amp;
      chunks.push(rest.slice(0, at));
      rest = rest.slice(at);
    }
    current = rest;
  }
  flush();
  return chunks;
}
