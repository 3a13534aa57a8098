import { describe, expect, it } from 'vitest';
import { commandNames, type CommandName, type ParseResult } from '../../src/commands/command.ts';
import { commandSpecs } from '../../src/commands/command-specs.ts';
import { parseCommand } from '../../src/commands/parse-command.ts';
import { parseCaseCode } from '../../src/commands/case-code.ts';

function cmd(text: string) {
  const r = parseCommand(text);
  if (!r.ok) throw new Error(`expected ok for ${JSON.stringify(text)}, got ${r.error.code}`);
  return r.command;
}

function err(text: string) {
  const r = parseCommand(text);
  if (r.ok) throw new Error(`expected error for ${JSON.stringify(text)}, got ${r.command.name}`);
  return r.error;
}

const CODE = 'ST-26-0042';

/** An input that makes the command valid: code and text where required. */
function argsFor(name: CommandName): string {
  const spec = commandSpecs.find((s) => s.name === name);
  if (!spec) throw new Error(name);
  if (name === 'clock') return '+2d';
  const parts: string[] = [];
  if (spec.caseCode === 'required') parts.push(CODE);
  if (spec.text === 'required') parts.push('Mentorn ringer hem');
  return parts.join(' ');
}

describe('parseCommand', () => {
  describe('aliases', () => {
    const table: Array<[string, CommandName]> = [
      ['hjälp', 'help'], ['help', 'help'], ['hjelp', 'help'],
      ['ny', 'new'], ['new', 'new'],
      ['status', 'status'],
      ['mina', 'mine'], ['mine', 'mine'],
      ['möte', 'meeting'], ['meeting', 'meeting'], ['møte', 'meeting'],
      ['beslut', 'decision'], ['decision', 'decision'], ['vedtak', 'decision'], ['beslutning', 'decision'],
      ['åtgärd', 'action'], ['action', 'action'], ['tiltak', 'action'],
      ['samtycke', 'consent'], ['consent', 'consent'], ['samtykke', 'consent'],
      ['stafett', 'handover'], ['handover', 'handover'], ['overlever', 'handover'],
      ['acceptera', 'accept'], ['accept', 'accept'], ['aksepter', 'accept'],
      ['avböj', 'decline'], ['decline', 'decline'], ['avslå', 'decline'],
      ['oro', 'concern'], ['concern', 'concern'], ['bekymring', 'concern'],
      ['avvikelse', 'deviation'], ['deviation', 'deviation'], ['avvik', 'deviation'],
      ['avsluta', 'close'], ['close', 'close'], ['avslutt', 'close'],
      ['kanal', 'channel'], ['channel', 'channel'],
      ['statistik', 'stats'], ['stats', 'stats'], ['statistikk', 'stats'],
      ['logg', 'log'], ['log', 'log'],
      ['granskning', 'audit'], ['audit', 'audit'], ['revisjon', 'audit'], ['tilgangslogg', 'audit'],
      ['export', 'export'], ['eksport', 'export'],
      ['nästa', 'advance'], ['advance', 'advance'], ['neste', 'advance'],
      ['klocka', 'clock'], ['clock', 'clock'], ['klokke', 'clock'],
    ];
    it.each(table)('should parse %s as %s', (alias, name) => {
      expect(cmd(`${alias} ${argsFor(name)}`).name).toBe(name);
    });

    it.each([
      ['mote', 'meeting'], ['moete', 'meeting'], ['MÖTE', 'meeting'], ['MØTE', 'meeting'],
      ['atgard', 'action'], ['aatgaerd', 'action'], ['avboj', 'decline'], ['avsla', 'decline'],
      ['hjalp', 'help'], ['nasta', 'advance'], ['HJÄLP', 'help'], ['Status', 'status'],
    ] as Array<[string, CommandName]>)('should accept %s typed without/with folded accents as %s', (alias, name) => {
      expect(cmd(`${alias} ${argsFor(name)}`).name).toBe(name);
    });

    it('should cover every command name with a spec', () => {
      expect(commandSpecs.map((s) => s.name).sort()).toEqual([...commandNames].sort());
    });
  });

  describe('prefixes and whitespace', () => {
    it.each([
      '/stafett status ST-26-0042',
      '@stafett status ST-26-0042',
      '@Stafett: status ST-26-0042',
      '<at>Stafett</at> status ST-26-0042',
      'Stafett: status ST-26-0042',
      'stafett status ST-26-0042',
      '  \tstatus \t  ST-26-0042  \n',
      'status\u00a0ST-26-0042',
      'status\u200b ST-26-0042',
      '/status ST-26-0042',
    ])('should parse %j as status', (text) => {
      expect(cmd(text)).toEqual({ name: 'status', caseCode: CODE });
    });

    it('should keep "stafett <code>" as the hand-over command', () => {
      expect(cmd('/stafett stafett ST-26-0042 @anna')).toEqual({
        name: 'handover', caseCode: CODE, target: { kind: 'name', value: 'anna' },
      });
    });

    it('should treat empty input and a bare prefix as help', () => {
      expect(cmd('')).toEqual({ name: 'help' });
      expect(cmd('   \t ')).toEqual({ name: 'help' });
      expect(cmd('/stafett')).toEqual({ name: 'help' });
      expect(cmd('@stafett')).toEqual({ name: 'help' });
    });

    it('should keep the free text as typed, only trimmed', () => {
      expect(cmd('beslut  st-26-42   Vi kallar till  nätverksmöte. ')).toEqual({
        name: 'decision', caseCode: CODE, rest: 'Vi kallar till  nätverksmöte.',
      });
      expect(cmd('åtgärd ST-26-0042 rad ett\nrad två')).toEqual({
        name: 'action', caseCode: CODE, rest: 'rad ett\nrad två',
      });
    });
  });

  describe('case codes', () => {
    it.each([
      ['ST-26-0042', 'ST-26-0042'],
      ['st-26-0042', 'ST-26-0042'],
      ['st-26-42', 'ST-26-0042'],
      ['ST260042', 'ST-26-0042'],
      ['st 26 42', 'ST-26-0042'],
      ['ST–26–0042', 'ST-26-0042'],
      ['`ST-26-0042`', 'ST-26-0042'],
      ['*ST-26-0042*,', 'ST-26-0042'],
      ['abcde-27-123456', 'ABCDE-27-123456'],
      ['st-26-00042', 'ST-26-00042'],
    ])('should normalize %s to %s', (typed, normalized) => {
      expect(parseCaseCode(typed)).toBe(normalized);
      expect(cmd(`logg ${typed}`)).toEqual({ name: 'log', caseCode: normalized });
    });

    it.each(['S-26-0042', 'ABCDEF-26-0042', 'ST-2026-0042', 'ST-26-', '26-0042', 'Anna'])(
      'should reject %s',
      (typed) => {
        expect(parseCaseCode(typed)).toBeNull();
        expect(err(`logg ${typed}`)).toEqual({ code: 'COMMAND.INVALID_CASE_CODE', command: 'log', input: `logg ${typed}` });
      },
    );

    it.each(commandSpecs.filter((s) => s.caseCode === 'required').map((s) => [s.canonical, s.name] as const))(
      'should report a missing code for %s',
      (alias, name) => {
        expect(err(alias)).toEqual({ code: 'COMMAND.MISSING_CASE_CODE', command: name, input: alias });
        expect(err(`${alias}   `).code).toBe('COMMAND.MISSING_CASE_CODE');
      },
    );

    it('should treat a bare case code as status', () => {
      expect(cmd('st-26-42')).toEqual({ name: 'status', caseCode: CODE });
    });

    it('should allow status without a code but not with garbage', () => {
      expect(cmd('status')).toEqual({ name: 'status' });
      expect(err('status Kalle').code).toBe('COMMAND.INVALID_CASE_CODE');
    });
  });

  describe('free text', () => {
    it.each(['beslut', 'åtgärd', 'samtycke', 'oro'])('should require text for %s', (alias) => {
      expect(err(`${alias} ST-26-0042`).code).toBe('COMMAND.MISSING_TEXT');
    });

    it('should make text optional for meeting, decline and close', () => {
      expect(cmd('möte ST-26-0042')).toEqual({ name: 'meeting', caseCode: CODE });
      expect(cmd('möte ST-26-0042 målmöte 3/2')).toEqual({ name: 'meeting', caseCode: CODE, rest: 'målmöte 3/2' });
      expect(cmd('avböj ST-26-0042 föräldraledig')).toEqual({ name: 'decline', caseCode: CODE, rest: 'föräldraledig' });
      expect(cmd('avsluta ST-26-0042')).toEqual({ name: 'close', caseCode: CODE });
    });

    it('should take the code of a deviation only when it leads the text', () => {
      expect(cmd('avvikelse Kallelsen kom för sent')).toEqual({ name: 'deviation', rest: 'Kallelsen kom för sent' });
      expect(cmd('avvik st-26-42 Innkallingen kom for sent')).toEqual({
        name: 'deviation', caseCode: CODE, rest: 'Innkallingen kom for sent',
      });
      expect(err('avvikelse').code).toBe('COMMAND.MISSING_TEXT');
      expect(err('avvikelse ST-26-0042').code).toBe('COMMAND.MISSING_TEXT');
    });

    it('should parse an optional target stage for advance', () => {
      expect(cmd('nästa ST-26-0042')).toEqual({ name: 'advance', caseCode: CODE });
      expect(cmd('neste ST-26-0042 nivaa-2')).toEqual({ name: 'advance', caseCode: CODE, targetStage: 'nivaa-2' });
    });

    it('should parse help topics', () => {
      expect(cmd('hjälp möte')).toEqual({ name: 'help', topic: 'meeting' });
      expect(cmd('help vedtak')).toEqual({ name: 'help', topic: 'decision' });
      expect(cmd('hjelp blabla')).toEqual({ name: 'help' });
    });
  });

  describe('hand-over targets', () => {
    it.each([
      ['<@U123ABC>', { kind: 'slack', id: 'U123ABC' }],
      ['<@U123|anna>', { kind: 'slack', id: 'U123', label: 'anna' }],
      ['<@W0ABC|Anna Lind>', { kind: 'slack', id: 'W0ABC', label: 'Anna Lind' }],
      ['@anna.lind', { kind: 'name', value: 'anna.lind' }],
      ['@Anna Lind', { kind: 'name', value: 'Anna Lind' }],
      ['Anna Lind', { kind: 'name', value: 'Anna Lind' }],
      ['<at>Anna Lind</at>', { kind: 'name', value: 'Anna Lind' }],
      ['@"Anna Lind"', { kind: 'name', value: 'Anna Lind' }],
      ['Anna.Lind@Kommun.se', { kind: 'name', value: 'anna.lind@kommun.se' }],
      ['<mailto:anna@kommun.se|anna@kommun.se>', { kind: 'name', value: 'anna@kommun.se' }],
    ])('should parse %s', (mention, target) => {
      expect(cmd(`stafett ST-26-0042 ${mention}`)).toEqual({ name: 'handover', caseCode: CODE, target });
    });

    it('should accept the mention before the code and keep a note after a Slack mention', () => {
      expect(cmd('handover <@U123ABC> st-26-42')).toEqual({
        name: 'handover', caseCode: CODE, target: { kind: 'slack', id: 'U123ABC' },
      });
      expect(cmd('overlever ST-26-0042 <@U123ABC> du kjenner familien')).toEqual({
        name: 'handover', caseCode: CODE, target: { kind: 'slack', id: 'U123ABC' }, note: 'du kjenner familien',
      });
    });

    it('should allow a hand-over without a target and reject non-person mentions', () => {
      expect(cmd('stafett ST-26-0042')).toEqual({ name: 'handover', caseCode: CODE });
      expect(err('stafett ST-26-0042 <#C123|allmänt>').code).toBe('COMMAND.INVALID_TARGET');
      expect(err('stafett ST-26-0042 <!here>').code).toBe('COMMAND.INVALID_TARGET');
      expect(err('stafett Anna').code).toBe('COMMAND.INVALID_CASE_CODE');
    });
  });

  describe('clock', () => {
    it('should show, advance, set and reset', () => {
      expect(cmd('klocka')).toEqual({ name: 'clock', op: { kind: 'show' } });
      expect(cmd('klocka +2d')).toEqual({ name: 'clock', op: { kind: 'advance', ms: 2 * 86_400_000 } });
      expect(cmd('klokke +3h')).toEqual({ name: 'clock', op: { kind: 'advance', ms: 3 * 3_600_000 } });
      expect(cmd('clock P2D')).toEqual({ name: 'clock', op: { kind: 'advance', ms: 2 * 86_400_000 } });
      expect(cmd('klocka 2026-12-01T08:00')).toEqual({ name: 'clock', op: { kind: 'set', at: '2026-12-01T07:00:00.000Z' } });
      expect(cmd('klocka 2026-12-01T08:00Z')).toEqual({ name: 'clock', op: { kind: 'set', at: '2026-12-01T08:00:00.000Z' } });
      expect(cmd('klocka återställ')).toEqual({ name: 'clock', op: { kind: 'reset' } });
      expect(cmd('klokke nå')).toEqual({ name: 'clock', op: { kind: 'reset' } });
    });

    it('should honour the time-zone option', () => {
      expect(parseCommand('klocka 2026-06-01T08:00', { timeZone: 'UTC' })).toEqual({
        ok: true, command: { name: 'clock', op: { kind: 'set', at: '2026-06-01T08:00:00.000Z' } },
      });
    });

    it.each(['klocka imorgon', 'klocka +2x', 'klocka 2026-13-45T08:00', 'klocka P'])('should reject %s', (text) => {
      expect(err(text)).toEqual({ code: 'COMMAND.INVALID_TIME', command: 'clock', input: text });
    });
  });

  describe('unknown input', () => {
    it.each([
      ['stauts', 'status'],
      ['hjalpp', 'hjälp'],
      ['hjälpp', 'hjälp'],
      ['meting', 'meeting'],
      ['avvikelsee', 'avvikelse'],
      ['akseptr', 'aksepter'],
      ['avsluat', 'avsluta'],
    ])('should suggest for %s → %s', (typo, suggestion) => {
      const c = cmd(`${typo} ST-26-0042`);
      expect(c).toMatchObject({ name: 'unknown', word: typo, suggestion });
    });

    it('should not suggest for unrelated words', () => {
      expect(cmd('xyzzy')).toEqual({ name: 'unknown', input: 'xyzzy', word: 'xyzzy', suggestion: null, suggestedCommand: null });
      expect(cmd('Kalle Anka')).toMatchObject({ name: 'unknown', suggestion: null });
    });
  });

  describe('limits', () => {
    it('should reject input over 2000 characters', () => {
      const long = `beslut ST-26-0042 ${'a'.repeat(2000)}`;
      const e = err(long);
      expect(e.code).toBe('COMMAND.TOO_LONG');
      expect(e.input.length).toBeLessThanOrEqual(2000);
    });

    it('should accept exactly 2000 characters', () => {
      const text = `beslut ST-26-0042 ${'a'.repeat(2000 - 18)}`;
      expect(text).toHaveLength(2000);
      expect(cmd(text).name).toBe('decision');
    });

    it('should not throw on non-string input from untyped callers', () => {
      const r: ParseResult = parseCommand(undefined as unknown as string);
      expect(r).toEqual({ ok: true, command: { name: 'help' } });
    });
  });
});
