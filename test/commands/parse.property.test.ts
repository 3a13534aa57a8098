import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandNames, parseErrorCodes } from '../../src/commands/command.ts';
import { commandSpecs } from '../../src/commands/command-specs.ts';
import { parseCommand } from '../../src/commands/parse-command.ts';

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  // Lone surrogates and other raw UTF-16 units.
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 }).map((a) => String.fromCharCode(...a)),
  // Command-like noise: an alias, then arbitrary text.
  fc.tuple(
    fc.constantFrom(...commandSpecs.flatMap((s) => [...s.aliases.sv, ...s.aliases.nb, ...s.aliases.en])),
    fc.string({ unit: 'binary', maxLength: 100 }),
  ).map(([a, rest]) => `${a} ${rest}`),
  fc.string({ unit: 'binary', minLength: 1990, maxLength: 2100 }),
);

const caseCode = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 2, maxLength: 5 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 999_999 }),
    fc.boolean(),
  )
  .map(([prefix, year, seq, lower]) => {
    const typed = `${prefix}-${String(year).padStart(2, '0')}-${seq}`;
    return {
      typed: lower ? typed.toLowerCase() : typed,
      normalized: `${prefix}-${String(year).padStart(2, '0')}-${String(seq).padStart(4, '0')}`,
    };
  });

describe('parseCommand (properties)', () => {
  it('should never throw and only return known names or error codes', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = parseCommand(text);
        if (r.ok) {
          expect([...commandNames, 'unknown']).toContain(r.command.name);
        } else {
          expect(parseErrorCodes).toContain(r.error.code);
          expect(r.error.input.length).toBeLessThanOrEqual(Math.max(text.length, 2000));
        }
      }),
      { numRuns: 10_000 },
    );
  });

  it('should round-trip `${alias} ${code}` to the canonical command and normalized code', () => {
    const withCode = commandSpecs.filter((s) => s.caseCode !== 'none');
    const alias = fc.constantFrom(
      ...withCode.flatMap((s) =>
        [...s.aliases.sv, ...s.aliases.nb, ...s.aliases.en].map((a) => ({ spec: s, alias: a })),
      ),
    );
    fc.assert(
      fc.property(alias, caseCode, fc.constantFrom('', ' ', '\t', '  '), ({ spec, alias: a }, code, pad) => {
        const text = `${pad}${a}${pad} ${code.typed} ${spec.text === 'required' ? 'Text att spara' : ''}`;
        const r = parseCommand(text);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.command.name).toBe(spec.name);
        expect(r.command).toHaveProperty('caseCode', code.normalized);
      }),
      { numRuns: 2_000 },
    );
  });

  it('should parse every alias of code-free commands, in any letter case', () => {
    const plain = commandSpecs.filter((s) => s.caseCode === 'none' && s.text !== 'required');
    const alias = fc.constantFrom(
      ...plain.flatMap((s) => [...s.aliases.sv, ...s.aliases.nb, ...s.aliases.en].map((a) => ({ spec: s, alias: a }))),
    );
    fc.assert(
      fc.property(alias, fc.boolean(), ({ spec, alias: a }, upper) => {
        const r = parseCommand(upper ? a.toUpperCase() : a);
        expect(r.ok && r.command.name).toBe(spec.name);
      }),
    );
  });
});
