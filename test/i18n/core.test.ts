import { describe, expect, it } from 'vitest';
import { parseErrorCodes } from '../../src/commands/command.ts';
import { commandSpecs } from '../../src/commands/command-specs.ts';
import { parseCommand } from '../../src/commands/parse-command.ts';
import { formatParseError, formatUnknownCommand, helpEntries, renderHelp } from '../../src/commands/help.ts';
import { catalogs, errorText, t } from '../../src/i18n/core.ts';
import { interpolate, langs, normalizeLang } from '../../src/i18n/index.ts';
import { DOMAIN_ERROR_CODES, DomainError } from '../../src/shared/errors.ts';

const stripTicks = (s: string) => s.replace(/`/g, '');

describe('catalogs', () => {
  it('should have the same keys in every language', () => {
    const svKeys = Object.keys(catalogs.sv).sort();
    for (const lang of langs) expect(Object.keys(catalogs[lang]).sort()).toEqual(svKeys);
  });

  it('should have no empty strings', () => {
    for (const lang of langs) {
      for (const [key, value] of Object.entries(catalogs[lang])) {
        expect(value.trim(), `${lang} ${key}`).not.toBe('');
      }
    }
  });

  it('should use the same placeholders in every language', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of Object.entries(catalogs.sv)) {
      for (const lang of langs) {
        expect(placeholders(catalogs[lang][key as keyof typeof catalogs.sv]), `${lang} ${key}`).toEqual(placeholders(value));
      }
    }
  });

  it('should have a message for every parse error code', () => {
    for (const code of parseErrorCodes) for (const lang of langs) expect(catalogs[lang][`error.${code}`], `${lang} ${code}`).toBeTruthy();
  });

  it('should render every DomainError code in every language, with its own text and every placeholder filled', () => {
    expect(DOMAIN_ERROR_CODES.length).toBeGreaterThanOrEqual(50);
    for (const code of DOMAIN_ERROR_CODES) {
      const sv = catalogs.sv[`error.${code}`];
      const params = Object.fromEntries([...sv.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, `<${m[1]}>`]));
      for (const lang of langs) {
        const own = catalogs[lang][`error.${code}`];
        expect(own?.trim(), `${lang} error.${code}`).toBeTruthy();
        const text = errorText(lang, new DomainError(code).code, params);
        expect(text, `${lang} ${code}`).toBe(interpolate(own, params));
        expect(text, `${lang} ${code} left a placeholder`).not.toMatch(/\{\w+\}/);
        if (code !== 'INTERNAL') expect(text, `${lang} ${code} fell back to the generic text`).not.toBe(catalogs[lang]['error.INTERNAL']);
      }
    }
  });

  it('should have usage lines starting with an alias of the command in that language, and parseable examples', () => {
    for (const lang of langs) {
      for (const spec of commandSpecs) {
        const usageWord = stripTicks(t(lang, spec.usageKey)).split(' ')[0];
        expect(spec.aliases[lang], `${lang} ${spec.name}`).toContain(usageWord);
        const r = parseCommand(stripTicks(t(lang, spec.exampleKey)));
        expect(r.ok && r.command.name, `${lang} example for ${spec.name}`).toBe(spec.name);
      }
    }
  });
});

describe('t', () => {
  it('should interpolate parameters', () => {
    expect(t('sv', 'error.CASE.NOT_FOUND', { code: 'ST-26-0042' })).toBe(
      'Inget ärende med koden ST-26-0042. Kontrollera koden eller skriv `mina` för att se dina ärenden.',
    );
    expect(t('en', 'error.INPUT.INVALID', { field: 'deadline', problem: 'must be in the future' })).toBe(
      'deadline: must be in the future',
    );
    expect(t('nb', 'error.TRANSITION.GUARD_FAILED', { missing: 'samtykke' })).toContain('samtykke');
  });

  it('should leave unknown placeholders and not re-expand values', () => {
    expect(interpolate('{a} {b}', { a: '{b}' })).toBe('{b} {b}');
    expect(interpolate('{n} st', { n: 3 })).toBe('3 st');
  });

  it('should fall back to Swedish for an unknown language', () => {
    expect(t('de', 'error.INTERNAL')).toBe(catalogs.sv['error.INTERNAL']);
    expect(t(undefined, 'error.INTERNAL')).toBe('Något gick fel – försök igen om en stund. Inget har sparats.');
  });
});

describe('normalizeLang', () => {
  it.each([
    ['sv-SE', 'sv'], ['sv', 'sv'], ['SV_se', 'sv'], ['nb-NO', 'nb'], ['no', 'nb'], ['nn', 'nb'], ['nn-NO', 'nb'],
    ['en-US', 'en'], ['en-GB', 'en'], ['EN', 'en'], ['de-DE', 'sv'], ['', 'sv'], [undefined, 'sv'],
  ] as const)('should map %s to %s', (input, lang) => {
    expect(normalizeLang(input)).toBe(lang);
  });
});

describe('error texts', () => {
  it('should map codes via error.<code> and unknown codes to the generic text', () => {
    expect(errorText('sv', 'DB.UNAVAILABLE')).toBe('Databasen svarar inte just nu. Försök igen om en minut – inget har sparats.');
    expect(errorText('en', 'NO.SUCH.CODE')).toBe(catalogs.en['error.INTERNAL']);
  });

  it('should explain a parse error with an example of the command', () => {
    expect(formatParseError('sv', { code: 'COMMAND.MISSING_CASE_CODE', command: 'status' })).toBe(
      'Ange ärendekoden, t.ex. `status ST-26-0042`.',
    );
    expect(formatParseError('nb', { code: 'COMMAND.MISSING_CASE_CODE', command: 'meeting' })).toContain('`møte ST-26-0042');
    expect(formatParseError('en', { code: 'COMMAND.TOO_LONG' })).toContain('2000');
  });

  it('should suggest a command for an unknown word', () => {
    const r = parseCommand('stauts');
    if (!r.ok || r.command.name !== 'unknown') throw new Error('expected an unknown command');
    expect(formatUnknownCommand('sv', r.command)).toBe(
      'Jag känner inte igen ”stauts”. Menade du `status`? Skriv `hjälp` för att se alla kommandon.',
    );
  });
});

describe('renderHelp', () => {
  it.each(langs)('should list every non-dev command with its usage in %s', (lang) => {
    const help = renderHelp(lang);
    for (const spec of commandSpecs.filter((s) => !s.devOnly)) expect(help).toContain(t(lang, spec.usageKey));
    expect(help).not.toContain(t(lang, 'usage.clock'));
    expect(renderHelp(lang, { includeDev: true })).toContain(t(lang, 'usage.clock'));
  });

  it('should render help for one command with its other names', () => {
    const help = renderHelp('sv', { topic: 'meeting' });
    expect(help).toContain('`möte <ärendekod>');
    expect(help).toContain('`meeting`');
    expect(help).toContain('`møte`');
  });

  it('should give Teams command-list entries in the user language', () => {
    const entries = helpEntries('nb');
    // A decision in Norwegian administration is a beslutning; "vedtak" (a formal decision) stays an alias.
    expect(entries.find((e) => e.name === 'decision')).toMatchObject({ command: 'beslutning' });
    expect(entries.some((e) => e.devOnly)).toBe(false);
  });
});
