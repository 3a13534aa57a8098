/**
 * Encryption at rest for student-identifying and free-text fields: AES-256-GCM with a key id in
 * every token so keys can be rotated, and a keyed HMAC for equality lookups (student reference).
 *
 * Key material: STAFETT_ENCRYPTION_KEY = "<id>:<base64 32 bytes>[,<id>:<base64>…]". The first key
 * encrypts; all listed keys decrypt. The lookup (HMAC) key is derived from the active key, so a
 * retired key reveals nothing once `npm run rotate-keys` has re-encrypted and re-hashed the data.
 * See SECURITY.md.
 */
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface KeySpec {
  id: string;
  key: Buffer;
}

/** Thrown for malformed key configuration or a token no configured key can open. */
export class CryptoError extends Error {
  readonly code = 'CRYPTO.INVALID';
}

/** Parses STAFETT_ENCRYPTION_KEY. */
export function parseKeys(spec: string): KeySpec[] {
  const keys = spec.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
    const idx = part.indexOf(':');
    if (idx <= 0) throw new CryptoError('STAFETT_ENCRYPTION_KEY: each key must be "<id>:<base64 of 32 bytes>"');
    const id = part.slice(0, idx);
    const key = Buffer.from(part.slice(idx + 1), 'base64');
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new CryptoError(`STAFETT_ENCRYPTION_KEY: key id "${id}" must be 1–32 letters, digits, - or _`);
    if (key.length !== 32) throw new CryptoError(`STAFETT_ENCRYPTION_KEY: key "${id}" must decode to 32 bytes (got ${key.length})`);
    return { id, key };
  });
  if (keys.length === 0) throw new CryptoError('STAFETT_ENCRYPTION_KEY is empty');
  return keys;
}

/** Generates a new key spec string, e.g. for `npm run keygen`. */
export function generateKeySpec(id = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

const b64u = (b: Buffer) => b.toString('base64url');

export class FieldCipher {
  // Keys as KeyObjects, made once: a raw Buffer key is re-imported on every cipher or HMAC (~5–8 µs each).
  private readonly byId: Map<string, KeyObject>;
  private readonly active: KeySpec;
  private readonly activeKey: KeyObject;
  private readonly activeAad: Buffer;
  private readonly lookupKey: KeyObject;

  constructor(keys: KeySpec[]) {
    if (keys.length === 0) throw new CryptoError('no encryption key');
    this.active = keys[0]!;
    this.byId = new Map(keys.map((k) => [k.id, createSecretKey(k.key)]));
    this.activeKey = createSecretKey(this.active.key);
    this.activeAad = Buffer.from(this.active.id);
    this.lookupKey = createSecretKey(Buffer.from(hkdfSync('sha256', this.active.key, Buffer.alloc(0), 'stafett-lookup-v1', 32)));
  }

  /** Whether a key with this id is configured (may decrypt). */
  hasKey(id: string): boolean {
    return this.byId.has(id);
  }

  get activeKeyId(): string {
    return this.active.id;
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.activeKey, iv);
    c.setAAD(this.activeAad);
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `v1.${this.active.id}.${b64u(iv)}.${b64u(c.getAuthTag())}.${b64u(ct)}`;
  }

  /** Encrypts when a value is given; keeps null/undefined/empty as null. */
  encryptOpt(plain: string | null | undefined): string | null {
    return plain == null || plain === '' ? null : this.encrypt(plain);
  }

  decrypt(token: string): string {
    const [v, id, iv, tag, ct] = token.split('.');
    if (v !== 'v1' || !id || iv === undefined || tag === undefined || ct === undefined) throw new CryptoError('not an encrypted field');
    const key = this.byId.get(id);
    if (!key) throw new CryptoError(`no key "${id}" configured to decrypt this field`);
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    d.setAAD(Buffer.from(id));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
  }

  decryptOpt(token: string | null | undefined): string | null {
    return token ? this.decrypt(token) : null;
  }

  /** The id of the key a token was written with (`v1.<id>.…`). */
  static keyIdOf(token: string): string {
    return token.split('.')[1] ?? '';
  }

  /** Whether a token was written with a key other than the active one (needs re-encryption). */
  needsRotation(token: string): boolean {
    return FieldCipher.keyIdOf(token) !== this.active.id;
  }

  /** Keyed hash for equality lookups; normalises case and whitespace first. */
  lookupHash(value: string): string {
    return createHmac('sha256', this.lookupKey).update(value.trim().toUpperCase().replace(/\s+/g, '')).digest('base64url');
  }
}

/**
 * Returns the configured cipher, or in local mode one whose key is generated into the data
 * directory on first start (`generated` tells the caller to say so).
 */
export async function loadCipher(opts: { keySpec?: string; dataDir: string; allowGenerate: boolean }): Promise<{ cipher: FieldCipher; generated?: string }> {
  if (opts.keySpec) return { cipher: new FieldCipher(parseKeys(opts.keySpec)) };
  if (!opts.allowGenerate) throw new CryptoError('STAFETT_ENCRYPTION_KEY is required');
  if (opts.dataDir.startsWith('memory://')) return { cipher: new FieldCipher(parseKeys(generateKeySpec('local'))) };
  const file = path.join(opts.dataDir, 'encryption.key');
  try {
    return { cipher: new FieldCipher(parseKeys((await readFile(file, 'utf8')).trim())) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await mkdir(opts.dataDir, { recursive: true });
  await writeFile(file, generateKeySpec('local') + '\n', { mode: 0o600, flag: 'wx' });
  return { cipher: new FieldCipher(parseKeys((await readFile(file, 'utf8')).trim())), generated: file };
}
