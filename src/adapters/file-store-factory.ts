import path from 'node:path';
import type { Config } from '../config/load-config.ts';
import type { FileStore } from '../ports/file-store.ts';
import { DiskFileStore, loadOrCreateFileKey } from './file-store-disk.ts';
import { S3FileStore } from './file-store-s3.ts';

/** The file store the configuration asks for (IDGATE_STORAGE), with the file encryption key. */
export function createFileStore(config: Config): FileStore {
  const key = fileKey(config);
  if (config.storage === 's3' && config.s3) return new S3FileStore(config.s3, key);
  return new DiskFileStore(path.join(config.dataDir, 'files'), key);
}

/**
 * With S3 storage the key must come from IDGATE_ENCRYPTION_KEY: a key generated into one
 * machine's data dir would leave every other process unable to read the bucket.
 */
export function fileKey(config: Config): Buffer {
  if (config.storage === 's3' && !config.encryptionKey) throw new Error('IDGATE_STORAGE=s3 needs IDGATE_ENCRYPTION_KEY (every process must share the file key)');
  return loadOrCreateFileKey(config.dataDir, config.encryptionKey);
}
