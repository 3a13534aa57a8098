import { describe, expect, it } from 'vitest';
import { CryptoError, FieldCipher, generateKeySpec, parseKeys } from '../../src/shared/crypto.ts';
import { isValidFodselsnummer, isValidPersonnummer, validateStudentRef } from '../../src/cases/student-ref.ts';
import { openCase } from '../../src/cases/case.service.ts';
import { recordConsent } from '../../src/consent/consent.service.ts';
import { rotateKeys } from '../../src/infra/rotate-keys.ts';
import { createTestCore } from '../support/core.ts';
import { dbKind } from '../support/db.ts';

describe('field encryption (AES-256-GCM)', () => {
  const k1 = generateKeySpec('k1');
  const k2 = generateKeySpec('k2');

  it('round-trips, uses a fresh IV every time and names its key', () => {
    const c = new FieldCipher(parseKeys(k1));
    const a = c.encrypt('Alva Lindqvist 20140315-2380');
    const b = c.encrypt('Alva Lindqvist 20140315-2380');
    expect(a).not.toBe(b);
    expect(a.startsWith('v1.k1.')).toBe(true);
    expect(a).not.toContain('Alva');
    expect(c.decrypt(a)).toBe('Alva Lindqvist 20140315-2380');
  });

  it('detects tampering', () => {
    const c = new FieldCipher(parseKeys(k1));
    const parts = c.encrypt('hemligt').split('.');
    const ct = Buffer.from(parts[4]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    parts[4] = ct.toString('base64url');
    expect(() => c.decrypt(parts.join('.'))).toThrow();
  });

  it('decrypts with older keys after rotation and refuses unknown keys', () => {
    const old = new FieldCipher(parseKeys(k1));
    const token = old.encrypt('x');
    const both = new FieldCipher(parseKeys(`${k2},${k1}`));
    expect(both.decrypt(token)).toBe('x');
    expect(both.needsRotation(token)).toBe(true);
    expect(() => new FieldCipher(parseKeys(k2)).decrypt(token)).toThrow(CryptoError);
  });

  it('refuses malformed key configuration with a clear message', () => {
    expect(() => parseKeys('nokey')).toThrow(/<id>:<base64/);
    expect(() => parseKeys('k1:c2hvcnQ=')).toThrow(/32 bytes/);
  });

  it('lookup hashes ignore case and spacing', () => {
    const c = new FieldCipher(parseKeys(k1));
    expect(c.lookupHash('20140315 2384')).toBe(c.lookupHash('201403152384'));
    expect(c.lookupHash('Alva')).toBe(c.lookupHash('ALVA'));
  });
});

describe('personnummer / fødselsnummer validation', () => {
  it('accepts valid numbers and refuses wrong check digits', () => {
    expect(isValidPersonnummer('20140315-2380')).toBe(true);
    expect(isValidPersonnummer('140315-2380')).toBe(true);
    expect(isValidPersonnummer('140315-2381')).toBe(false);
    expect(isValidPersonnummer('141315-2384')).toBe(false);
    expect(isValidFodselsnummer('01010750160')).toBe(true);
    expect(isValidFodselsnummer('01010750161')).toBe(false);
    expect(() => validateStudentRef('140315-2381')).toThrow(expect.objectContaining({ code: 'INPUT.PERSONNUMMER' }));
    expect(() => validateStudentRef('Alva L. 7B')).not.toThrow();
  });
});

describe(`key rotation (${dbKind})`, () => {
  it('re-encrypts every field with the new key and keeps lookups working', async () => {
    const c = await createTestCore();
    try {
      const maria = await c.as('maria');
      const { code } = await openCase(c.deps, maria, { playbookKey: 's0-elevvard', studentRef: 'Alva Lindqvist', reason: 'Oro', firstRole: 'mentor' });
      await recordConsent(c.deps, maria, code, { scope: ['SCHOOL'], givenBy: [{ party: 'GUARDIAN', label: 'Per Lindqvist' }] });
      const next = new FieldCipher(parseKeys(`${generateKeySpec('k9')},test:${(c.deps.cipher as unknown as { active: { key: Buffer } }).active.key.toString('base64')}`));
      const r = await rotateKeys(c.deps.prisma, next);
      expect(r.fields).toBeGreaterThanOrEqual(3);
      expect(r.hashes).toBe(1);
      const k = await c.deps.prisma.case.findFirstOrThrow({ where: { code } });
      expect(k.studentRefEnc!.startsWith('v1.k9.')).toBe(true);
      expect(k.studentRefHash).toBe(next.lookupHash('Alva Lindqvist'));
      // Only the new key is needed from now on.
      const onlyNew = new FieldCipher([{ id: 'k9', key: (next as unknown as { active: { key: Buffer } }).active.key }]);
      expect(onlyNew.decrypt(k.studentRefEnc!)).toBe('Alva Lindqvist');
      const consent = await c.deps.prisma.consent.findFirstOrThrow();
      expect(onlyNew.decrypt((consent.givenBy as { labelEnc: string }[])[0]!.labelEnc)).toBe('Per Lindqvist');
      expect((await rotateKeys(c.deps.prisma, next)).fields).toBe(0);
    } finally {
      await c.close();
    }
  });
});
