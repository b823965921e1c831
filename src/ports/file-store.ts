/**
 * Where idgate keeps files (images, verification results, callback payloads, contracts): a
 * plain key → bytes store. Keys are relative paths of `[A-Za-z0-9/_.-]` without `..`.
 * Adapters encrypt before writing (src/adapters/file-store-cipher.ts), so what lands on disk or
 * in a bucket is ciphertext. Anything above (e.g. per-session data keys) wraps this interface.
 * Two adapters ship (disk, S3); both pass test/integration/file-store-contract.test.ts.
 */
export interface FileStore {
  put(key: string, data: Buffer): Promise<void>;
  /** Throws FileNotFoundError when there is no such key. */
  get(key: string): Promise<Buffer>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Deletes every key under `prefix/` (and `prefix` itself). */
  deletePrefix(prefix: string): Promise<void>;
  /** Every key under `prefix` (all keys when empty), in no particular order. */
  list(prefix?: string): AsyncIterable<string>;
  /** Whether the store answers (for /ready). */
  ping(): Promise<boolean>;
}

export class FileNotFoundError extends Error {
  readonly code = 'ENOENT';
  constructor(readonly key: string) {
    super(`no stored file ${key}`);
  }
}

const KEY = /^[A-Za-z0-9/_.-]+$/;

/** Keys are checked the same way by every adapter, so a key valid on disk is valid in a bucket. */
export function checkStorageKey(key: string): string {
  if (!KEY.test(key) || key.includes('..') || key.startsWith('/')) throw new Error(`bad storage key ${key}`);
  return key;
}
