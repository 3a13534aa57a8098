/**
 * The start-up key check: an instance whose STAFETT_ENCRYPTION_KEY cannot open what the database
 * holds refuses to start (instead of failing on every field its peers wrote), and rotation keeps
 * working.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkEncryptionKey, forgetRetiredKeys, KeyMismatchError } from '../../src/infra/key-check.ts';
import { FieldCipher, generateKeySpec, parseKeys } from '../../src/shared/crypto.ts';
import { createTestDatabase, serverUrl, type TestDatabase } from '../support/db.ts';
import { startTestService, type TestService } from '../support/service.ts';

const cipherOf = (spec: string) => new FieldCipher(parseKeys(spec));

describe('encryption key check at start-up', () => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('records the first key, then verifies it; another key of the same id or another id is refused', async () => {
    t = await createTestDatabase();
    const spec = generateKeySpec('k1');
    expect(await checkEncryptionKey(t.db.prisma, cipherOf(spec))).toBe('recorded');
    expect(await checkEncryptionKey(t.db.prisma, cipherOf(spec))).toBe('verified');
    await expect(checkEncryptionKey(t.db.prisma, cipherOf(generateKeySpec('k1')))).rejects.toThrow(/the key "k1" in STAFETT_ENCRYPTION_KEY is not the key "k1"/);
    await expect(checkEncryptionKey(t.db.prisma, cipherOf(generateKeySpec('k2')))).rejects.toThrow(/encrypted with key "k1", which STAFETT_ENCRYPTION_KEY does not list/);
    // A refused instance leaves nothing behind: the right key still starts, and alone.
    expect(await checkEncryptionKey(t.db.prisma, cipherOf(spec))).toBe('verified');
    expect((await t.db.prisma.encryptionKeyCheck.findMany()).map((r) => r.keyId)).toEqual(['k1']);
  });

  it('rotation: new key first with the old one after it, rotate, forget the old; then the old key alone is refused', async () => {
    t = await createTestDatabase();
    const k1 = generateKeySpec('k1');
    const k2 = generateKeySpec('k2');
    await checkEncryptionKey(t.db.prisma, cipherOf(k1));
    // Only the new key, before rotation: the data under k1 could not be read.
    await expect(checkEncryptionKey(t.db.prisma, cipherOf(k2))).rejects.toBeInstanceOf(KeyMismatchError);
    const both = cipherOf(`${k2},${k1}`);
    expect(await checkEncryptionKey(t.db.prisma, both)).toBe('recorded');
    await forgetRetiredKeys(t.db.prisma, both);
    expect(await checkEncryptionKey(t.db.prisma, cipherOf(k2))).toBe('verified');
    await expect(checkEncryptionKey(t.db.prisma, cipherOf(k1))).rejects.toThrow(/encrypted with key "k2"/);
  });

  it('a database written before the check is verified against its encrypted fields', async () => {
    t = await createTestDatabase();
    const writer = cipherOf(generateKeySpec('local'));
    await t.db.prisma.inboxEntry.create({
      data: { requestKey: 'slack:T1:cmd:1', kind: 'slack.command', payloadEnc: writer.encrypt('{"text":"status"}'), receivedAt: new Date(), claimedBy: 'a', leaseUntil: new Date() },
    });
    await expect(checkEncryptionKey(t.db.prisma, cipherOf(generateKeySpec('local')))).rejects.toThrow(/is not the key "local"/);
    expect(await t.db.prisma.encryptionKeyCheck.count()).toBe(0);
    expect(await checkEncryptionKey(t.db.prisma, writer)).toBe('recorded');
  });
});

describe.skipIf(Boolean(serverUrl))('a local data directory (PGlite)', () => {
  it('its key file deleted: the next start generates a new key and refuses, instead of failing on every field', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stafett-keycheck-'));
    try {
      const env = { STAFETT_DATA_DIR: dir, STAFETT_ENCRYPTION_KEY: '' };
      const first = await startTestService({ env });
      await first.close();
      await rm(path.join(dir, 'encryption.key'));
      await expect(startTestService({ env })).rejects.toThrow(/was written with another encryption key than .*encryption\.key \(the file was missing; the one just generated has been removed again\)\. Put back the encryption\.key/);
      // The key generated for the failed start is not left behind: putting the original back is all it takes.
      expect(existsSync(path.join(dir, 'encryption.key'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe.runIf(serverUrl)('two instances on one PostgreSQL (postgres)', () => {
  let a: TestService | undefined;
  afterEach(async () => {
    await a?.close();
    a = undefined;
  });

  it('a second instance with its own generated key does not start; with the shared key it does', async () => {
    const spec = generateKeySpec('shared');
    a = await startTestService({ env: { STAFETT_ENCRYPTION_KEY: spec } });
    const url = a.config.databaseUrl!;
    // memory:// data dir and no key: a key of its own, as two local-mode instances on one server would have.
    await expect(startTestService({ env: { DATABASE_URL: url, STAFETT_INSTANCE_ID: 'b', STAFETT_ENCRYPTION_KEY: '' } })).rejects.toThrow(/which STAFETT_ENCRYPTION_KEY does not list/);
    const b = await startTestService({ env: { DATABASE_URL: url, STAFETT_INSTANCE_ID: 'b', STAFETT_ENCRYPTION_KEY: spec } });
    await b.close();
  });
});
