import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { FieldCrypto } from '../../ports/field-crypto.ts';
import type { FileStore } from '../../ports/file-store.ts';
import type { PrivacyRepository, SessionKeyRow } from '../../database/repositories/privacy-repository.ts';

const MAGIC = Buffer.from('IDK1');
const CACHE_MS = 60_000;
const CACHE_MAX = 2000;

/** The file belonged to an erased session: its data key is gone, so the bytes cannot be opened. */
export class DataKeyDestroyedError extends Error {
  readonly code = 'ENOENT';
  constructor(readonly key: string) {
    super(`the data key of ${key} was destroyed (erased)`);
  }
}

/**
 * Which data key a storage key belongs to: one per session (its uploads, results, callback
 * payloads, contracts) and one per vault entry (its images). Other files (templates, keys) have none.
 */
export function keyScopeOf(storageKey: string): string | undefined {
  const [area, , id] = storageKey.split('/');
  if (!id) return undefined;
  if (area === 'sessions' || area === 'verification' || area === 'callbacks') return `session:${id}`;
  if (area === 'vault') return `vault:${id}`;
  return undefined;
}

/**
 * Crypto-shredding above any FileStore: each session's (and vault entry's) files are encrypted
 * under a random data key of their own ("IDK1" | IV | tag | AES-256-GCM, the storage key as
 * associated data) before the store's own encryption; the data key is kept sealed by the master
 * key in `session_keys`. Erasure destroys the data key, so copies of the files in backups or
 * object-store versions can no longer be opened even with the master key. Files written before
 * this layer (no "IDK1") are returned as they are.
 */
export class SessionKeyedFileStore implements FileStore {
  readonly ring: DataKeyRing;

  constructor(
    private readonly inner: FileStore,
    keys: PrivacyRepository | DataKeyRing,
    crypto?: FieldCrypto,
    clock: () => number = Date.now,
  ) {
    this.ring = keys instanceof DataKeyRing ? keys : new DataKeyRing(keys, crypto!, clock);
  }

  private dekFor(scope: string, storageKey: string, create: boolean): Promise<Buffer | null> {
    return this.ring.get(scope, storageKey.split('/')[1] ?? '', create);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const scope = keyScopeOf(key);
    if (!scope) return this.inner.put(key, data);
    const dek = await this.dekFor(scope, key, true);
    if (!dek) throw new DataKeyDestroyedError(key);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', dek, iv);
    cipher.setAAD(Buffer.from(key, 'utf8'));
    const body = Buffer.concat([cipher.update(data), cipher.final()]);
    await this.inner.put(key, Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]));
  }

  async get(key: string): Promise<Buffer> {
    const raw = await this.inner.get(key);
    const scope = keyScopeOf(key);
    if (!scope || raw.length < 32 || !raw.subarray(0, 4).equals(MAGIC)) return raw;
    const dek = await this.dekFor(scope, key, false);
    if (!dek) throw new DataKeyDestroyedError(key);
    const decipher = createDecipheriv('aes-256-gcm', dek, raw.subarray(4, 16));
    decipher.setAAD(Buffer.from(key, 'utf8'));
    decipher.setAuthTag(raw.subarray(16, 32));
    return Buffer.concat([decipher.update(raw.subarray(32)), decipher.final()]);
  }

  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }
  deletePrefix(prefix: string): Promise<void> {
    return this.inner.deletePrefix(prefix);
  }
  list(prefix?: string): AsyncIterable<string> {
    return this.inner.list(prefix);
  }
  ping(): Promise<boolean> {
    return this.inner.ping();
  }

  /** Erasure destroyed these keys: drop them from this process's cache at once. */
  forgetKeys(scopes: string[]): void {
    this.ring.forget(scopes);
  }
}

/**
 * Data keys by scope, unwrapped on demand and kept a minute in memory (so a burst of reads costs
 * one query); `create` makes a key on first use (two writers racing: the first insert wins).
 */
export class DataKeyRing {
  private readonly cache = new Map<string, { dek: Buffer | null; until: number }>();

  constructor(
    private readonly keys: PrivacyRepository,
    private readonly crypto: FieldCrypto,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(scope: string, accountId: string, create: boolean): Promise<Buffer | null> {
    const now = this.clock();
    const hit = this.cache.get(scope);
    if (hit && hit.until > now) return hit.dek;
    let row: SessionKeyRow | undefined = await this.keys.getKey(scope);
    if (!row && create) {
      const dek = randomBytes(32);
      row = await this.keys.insertKey({ scope, account_id: accountId, wrapped: this.crypto.seal(dek, aad(scope)), key_id: this.crypto.keyId, created_at: now, destroyed_at: null });
    }
    if (!row) return null;
    const dek = row.wrapped ? this.crypto.open(row.wrapped, aad(scope)) : null;
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(scope, { dek, until: now + CACHE_MS });
    return dek;
  }

  forget(scopes: string[]): void {
    for (const s of scopes) this.cache.delete(s);
  }
}

const aad = (scope: string) => `session-key:${scope}`;

/** Re-wraps every data key still sealed under an old master key (run by `vault rotate-key`). */
export async function rewrapSessionKeys(keys: PrivacyRepository, crypto: FieldCrypto): Promise<number> {
  let n = 0;
  for (;;) {
    const rows = await keys.findKeysNotOn(crypto.keyId, 500);
    if (!rows.length) return n;
    for (const r of rows) {
      await keys.rewrapKey(r.scope, crypto.seal(crypto.open(r.wrapped!, aad(r.scope)), aad(r.scope)), crypto.keyId);
      n++;
    }
  }
}

/** compose.ts: the configured store, wrapped so session files are crypto-shreddable. */
export function withSessionKeys(inner: FileStore, ring: DataKeyRing): FileStore {
  return new SessionKeyedFileStore(inner, ring);
}
