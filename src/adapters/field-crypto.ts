import fsSync from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { FieldCrypto as FieldCryptoPort } from '../ports/field-crypto.ts';

/** Derives a 32-byte sub-key so the field, index and file keys are never the same bytes. */
const derive = (master: Buffer, label: string): Buffer => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `idgate ${label}`, 32));

/** A short public fingerprint of a master key, stored beside each sealed value (never the key). */
export const keyIdOf = (master: Buffer): string => createHash('sha256').update(derive(master, 'key id v1')).digest('hex').slice(0, 12);

export class FieldCryptoError extends Error {}

/**
 * Encryption of database fields at rest.
 *
 * - `seal`: AES-256-GCM, a fresh 12-byte IV per value, with associated data binding the
 *   ciphertext to its row (a value copied into another row or account fails to open).
 *   Format: `v1.<keyId>.<base64url(iv | tag | ciphertext)>`.
 * - `blindIndex`: HMAC-SHA-256 (own derived key) over account + field + normalised value,
 *   truncated to 128 bits. Equality filters compare these tokens in SQL without the database
 *   ever holding the value; the account in the input means equal values in two accounts do
 *   not produce equal tokens.
 *
 * Older keys may be given so rows sealed before a rotation can still be read (and re-sealed).
 */
export class FieldCrypto implements FieldCryptoPort {
  readonly keyId: string;
  private readonly encKeys = new Map<string, Buffer>();
  private readonly indexKey: Buffer;

  constructor(master: Buffer, previous: Buffer[] = []) {
    if (master.length !== 32) throw new Error('encryption key must be 32 bytes');
    this.keyId = keyIdOf(master);
    this.indexKey = derive(master, 'blind index v1');
    for (const k of [master, ...previous]) this.encKeys.set(keyIdOf(k), derive(k, 'field encryption v1'));
  }

  seal(plain: Buffer | string, aad: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKeys.get(this.keyId)!, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain), cipher.final()]);
    return `v1.${this.keyId}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  open(sealed: string, aad: string): Buffer {
    const [version, keyId, payload] = sealed.split('.');
    if (version !== 'v1' || !keyId || payload === undefined) throw new FieldCryptoError('not a sealed value');
    const key = this.encKeys.get(keyId);
    if (!key) throw new FieldCryptoError(`sealed with unknown key ${keyId}; was the encryption key changed without \`idgate vault rotate-key\`?`);
    const raw = Buffer.from(payload, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    try {
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
    } catch {
      throw new FieldCryptoError('sealed value failed authentication');
    }
  }

  sealJson(value: unknown, aad: string): string {
    return this.seal(JSON.stringify(value), aad);
  }

  openJson<T>(sealed: string, aad: string): T {
    return JSON.parse(this.open(sealed, aad).toString('utf8')) as T;
  }

  /** Key id a sealed value was written with (rotation skips values already on the current key). */
  static keyIdOfSealed(sealed: string): string | undefined {
    return sealed.split('.')[1];
  }

  blindIndex(accountId: string, field: string, normalisedValue: string): string {
    return createHmac('sha256', this.indexKey).update(`${accountId}\u0000${field}\u0000${normalisedValue}`, 'utf8').digest().subarray(0, 16).toString('base64url');
  }
}

/**
 * A secret for e.g. URL signing: the one in `<dataDir>/keys/<name>.key` if that file exists;
 * else, when the operator supplies IDGATE_ENCRYPTION_KEY (validated at boot), one derived from it
 * (HKDF, own label), so several processes share it and nothing is written to local disk; else a
 * random one generated once into that file (mode 0600).
 */
export function loadOrCreateSecret(dataDir: string, name: string, masterHex: string | undefined = process.env.IDGATE_ENCRYPTION_KEY): Buffer {
  const file = path.join(dataDir, 'keys', `${name}.key`);
  if (fsSync.existsSync(file)) return Buffer.from(fsSync.readFileSync(file, 'utf8').trim(), 'hex');
  if (masterHex && /^[0-9a-fA-F]{64}$/.test(masterHex)) return derive(Buffer.from(masterHex, 'hex'), `secret ${name}`);
  fsSync.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32);
  try {
    fsSync.writeFileSync(file, secret.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // Another process created it first: use theirs, so both sign with the same secret.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return Buffer.from(fsSync.readFileSync(file, 'utf8').trim(), 'hex');
    throw e;
  }
  return secret;
}
