/**
 * Every message key renders in every language: no missing key, no key (or raw enum value) shown
 * to a person, no placeholder left over, and no Swedish in Norwegian texts.
 */
import { describe, expect, it } from 'vitest';
import { planCatalogs } from '../../src/chat/plan.texts.ts';
import { chatCatalogs } from '../../src/chat/texts.ts';
import { builtinPlaybooks } from '../../src/playbooks/index.ts';
import { catalogs } from '../../src/i18n/core.ts';
import { interpolate } from '../../src/i18n/index.ts';
import { statsCatalogs } from '../../src/chat/stats/stats.messages.ts';
import { absenceChatTexts } from '../../src/chat/absence.messages.ts';
import { absenceTexts } from '../../src/absence/absence.messages.ts';

type Cat = Record<string, string>;
const LANGS = ['sv', 'nb', 'en'] as const;

/** Letters and words that are Swedish, not Norwegian bokmål (word boundaries, case-insensitive). */
const SWEDISH_LETTERS = /[äöÄÖ]/;
const SWEDISH_WORDS = ['och', 'inte', 'till', 'ärende', 'ärendet', 'valfritt', 'valfri', 'möte', 'mötet', 'samtal', 'samtycke', 'vårdnadshavare', 'socialtjänsten', 'åtgärd', 'nästa', 'försenad', 'försenat', 'vecka', 'veckor', 'booket', 'book', 'vedtak', 'revisjon', 'statistik', 'ingen samtykke'];
/** Proper names that keep their Swedish spelling in Norwegian text. */
const PROPER_NAMES = /Västbas|Bedömarteamet|Stafett/g;

function norwegianProblems(text: string): string[] {
  const t = text.replace(PROPER_NAMES, '').replace(/`[^`]*`/g, '');
  const out: string[] = [];
  if (SWEDISH_LETTERS.test(t)) out.push(`Swedish letter in "${text}"`);
  for (const w of SWEDISH_WORDS) if (new RegExp(`(^|[^\\p{L}])${w}([^\\p{L}]|$)`, 'iu').test(t)) out.push(`Swedish "${w}" in "${text}"`);
  return out;
}

/** Renders with a sample value for each placeholder. */
const render = (template: string) => interpolate(template, Object.fromEntries([...template.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, 'X1'])));

const sets: [string, Record<(typeof LANGS)[number], Cat>][] = [
  ['i18n', catalogs as unknown as Record<(typeof LANGS)[number], Cat>],
  ['chat', chatCatalogs as unknown as Record<(typeof LANGS)[number], Cat>],
  ['stats', statsCatalogs as Record<(typeof LANGS)[number], Cat>],
  ['plan', planCatalogs as unknown as Record<(typeof LANGS)[number], Cat>],
  ['absence (chat)', absenceChatTexts.texts as unknown as Record<(typeof LANGS)[number], Cat>],
  ['absence (domain)', absenceTexts.texts as unknown as Record<(typeof LANGS)[number], Cat>],
];

describe('text quality of every catalog', () => {
  for (const [name, cat] of sets) {
    it(`${name}: the same keys in every language, each rendered to words`, () => {
      const keys = Object.keys(cat.sv).sort();
      const problems: string[] = [];
      for (const lang of LANGS) {
        const have = Object.keys(cat[lang]).sort();
        for (const k of keys) if (!have.includes(k)) problems.push(`${lang}: missing ${k}`);
        for (const k of have) if (!keys.includes(k)) problems.push(`${lang}: extra ${k}`);
        const allKeys = new Set(keys);
        for (const k of have) {
          const text = render(cat[lang][k] ?? '');
          if (!text.trim()) problems.push(`${lang} ${k}: empty`);
          if (/\{\w+\}/.test(text)) problems.push(`${lang} ${k}: placeholder left in "${text}"`);
          for (const other of allKeys) if (other.includes('.') && text.includes(other)) problems.push(`${lang} ${k}: shows the key ${other}`);
          // Environment variables (STAFETT_…) may be named to an operator; enum values never.
          if (/\b[A-Z]{3,}_[A-Z_]+\b/.test(text.replace(/\bSTAFETT_[A-Z_]+/g, ''))) problems.push(`${lang} ${k}: raw enum value in "${text}"`);
          if (lang === 'nb') problems.push(...norwegianProblems(text).map((p) => `nb ${k}: ${p}`));
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('built-in playbooks: Norwegian labels are Norwegian', () => {
    const problems: string[] = [];
    const walk = (v: unknown, path: string) => {
      if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.nb === 'string' && typeof o.sv === 'string') problems.push(...norwegianProblems(o.nb).map((p) => `${path}: ${p}`));
        for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`);
      }
    };
    for (const pb of builtinPlaybooks) walk(pb, pb.key);
    expect(problems).toEqual([]);
  });
});
