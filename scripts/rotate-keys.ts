/**
 * `npm run rotate-keys`: after putting a new key first in STAFETT_ENCRYPTION_KEY (keeping the old
 * ones after it), re-encrypts all data with the new key and recomputes lookup hashes. Then the old
 * keys can be removed. See SECURITY.md.
 */
import { loadConfig } from '../src/app/config.ts';
import { openDatabase } from '../src/infra/db/database.ts';
import { applyMigrations, readMigrations } from '../src/infra/db/migrate.ts';
import { rotateKeys } from '../src/infra/rotate-keys.ts';
import { checkEncryptionKey, forgetRetiredKeys } from '../src/infra/key-check.ts';
import { encryptLegacyPlaintext } from '../src/infra/encrypt-legacy.ts';
import { PlaybookRegistry } from '../src/playbooks/index.ts';
import { loadCipher } from '../src/shared/crypto.ts';

const config = loadConfig();
const { cipher } = await loadCipher({ keySpec: config.encryptionKey, dataDir: config.dataDir, allowGenerate: false }).catch(() => {
  console.error('Set STAFETT_ENCRYPTION_KEY to "<new id>:<new key>,<old id>:<old key>" first.');
  process.exit(2);
});
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await db.withConnection(async (c) => applyMigrations(c, await readMigrations()));
  // Plaintext left by an earlier version is encrypted first, so rotation covers it too.
  // The old keys must open what the database holds before anything is rewritten.
  await checkEncryptionKey(db.prisma, cipher);
  await encryptLegacyPlaintext(db.prisma, cipher, new PlaybookRegistry());
  const r = await rotateKeys(db.prisma, cipher);
  await forgetRetiredKeys(db.prisma, cipher);
  console.log(`Re-encrypted ${r.fields} field(s) and recomputed ${r.hashes} lookup hash(es) with key "${cipher.activeKeyId}".`);
} finally {
  await db.close();
}
