/**
 * Reads what people type after the case code, as help promises: `möte KOD nätverksmöte`
 * chooses the meeting type, `samtycke KOD skolan och socialtjänsten` the parties.
 */
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
