/**
 * Reads what people type after the case code, as help promises: `möte KOD nätverksmöte`
 * chooses the meeting type, `samtycke KOD skolan och socialtjänsten` the parties, a date typed
 * (`tisdag kl. 13`, `15 jan`) the date, and a mention (`<@U…>`, `<at>…</at>`, `@namn`) the owner.
 */
import { findTypedDate, withoutWhen, type DateContext, type TypedWhen } from '../commands/dates.ts';
import type { Playbook } from '../playbooks/index.ts';

const fold = (s: string) => s.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();

/** The meeting type named in `text` (by its label in any language, or its key), longest match first. */
export function meetingTypeIn(pb: Playbook, text: string): string | undefined {
  const t = ` ${fold(text)} `;
  const names = pb.meetingTypes.flatMap((m) => [m.key.replace(/-/g, ' '), m.labels.sv, m.labels.nb, m.labels.en].map((n) => ({ key: m.key, name: fold(n) })));
  names.sort((a, b) => b.name.length - a.name.length);
  return names.find((n) => n.name && t.includes(` ${n.name} `))?.key;
}

const SCOPE_WORDS: [RegExp, 'SCHOOL' | 'SOCIAL_SERVICES' | 'HEALTH' | 'OTHER'][] = [
  [/\b(skola|skolan|skole|skolen|school)\b/, 'SCHOOL'],
  [/\b(social\w*|ifo|barnevern\w*|sosial\w*)\b/, 'SOCIAL_SERVICES'],
  [/\b(halso\w*|helse\w*|health|bup|vard\w*|sjukvard\w*)\b/, 'HEALTH'],
  [/\b(andra|andre|other|others)\b/, 'OTHER'],
];

/** The consent scopes named in `text`, in the form's order. */
export function consentScopesIn(text: string): string[] {
  const t = fold(text);
  return SCOPE_WORDS.filter(([re]) => re.test(t)).map(([, s]) => s);
}

/** Who an action is for, as typed after its text: a Slack mention, a Teams mention, `@name`. */
export type OwnerMention = { slackUserId: string } | { text: string };

/** `<@U123>` / `<@U123|anna>`, `<at>Anna Lind</at>`, `@"Anna Lind"`, `@anna` or `@anna.lind@skolan.se`. */
const OWNER = /<@([UW][A-Z0-9]{1,40})(?:\|[^>]*)?>|<at>([^<]{1,200})<\/at>|(?:^|\s)@["“”]([^"“”]{1,200})["“”]|(?:^|\s)@([^\s@<>"]+(?:@[^\s@<>"]+)?)/i;

/**
 * `åtgärd KOD <text> @kollega 15 jan`: the action's text, the colleague named (Slack or Teams
 * mention, `@name`) and the date typed (with its doubt), each cut out of the text. Only what is
 * there is returned: no owner, no date when none was typed.
 */
export function actionPrefill(rest: string, ctx: DateContext): { text: string; owner?: OwnerMention; due?: TypedWhen } {
  let text = rest;
  let owner: OwnerMention | undefined;
  const m = OWNER.exec(text);
  if (m) {
    if (m[1]) owner = { slackUserId: m[1].toUpperCase() };
    else {
      const name = (m[2] ?? m[3] ?? m[4] ?? '').trim();
      if (name) owner = { text: name };
    }
    if (owner) text = `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`;
  }
  const found = findTypedDate(text, ctx);
  if (found) text = withoutWhen(text, found);
  text = text.replace(/\s+/g, ' ').replace(/[\s,;:–-]+$/, '').trim();
  return { text, ...(owner ? { owner } : {}), ...(found ? { due: found.when } : {}) };
}

/** `möte KOD nätverksmöte tisdag kl. 13`: the meeting type and the date and time typed (with its doubt). */
export function meetingPrefill(pb: Playbook, rest: string, ctx: DateContext): { type?: string; when?: TypedWhen } {
  const found = findTypedDate(rest, ctx);
  const type = meetingTypeIn(pb, found ? withoutWhen(rest, found) : rest);
  return { ...(type ? { type } : {}), ...(found ? { when: found.when } : {}) };
}
