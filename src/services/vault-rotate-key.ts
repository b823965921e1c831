import fs from 'node:fs/promises';
import path from 'node:path';
import { DiskFileStore } from '../adapters/file-store-disk.ts';
import { FieldCrypto, keyIdOf } from '../adapters/field-crypto.ts';
import type { VaultRepository } from '../database/repositories/vault-repository.ts';
import { openEmbedding, openRecord, sealEmbedding, sealRecord } from './vault-sealing.ts';
import type { PrivacyRepository } from '../database/repositories/privacy-repository.ts';
import { rewrapSessionKeys } from './privacy/session-keyed-file-store.ts';

export type RotationReport = { files: number; filesAlready: number; entries: number; faces: number; newKeyId: string; sessionKeys?: number };

async function* walk(dir: string): AsyncGenerator<string> {
  let names: import('node:fs').Dirent[];
  try {
    names = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  for (const d of names) {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) yield* walk(full);
    else if (d.isFile() && !d.name.endsWith('.tmp')) yield full;
  }
}

/**
 * Re-encrypts everything under the old master key with the new one: every file of the file
 * store (vault images and every other stored file, since they share the key), every sealed
 * vault record with its blind-index tokens, and every face descriptor. Run it with the server
 * stopped. It is resumable: a file that already opens with the new key and a row already on the
 * new key id are skipped, so after a crash the same command simply continues.
 */
export async function rotateVaultKey(opts: { repo: VaultRepository; filesRoot: string; oldKey: Buffer; newKey: Buffer; onProgress?: (msg: string) => void; sessionKeys?: PrivacyRepository }): Promise<RotationReport> {
  const { repo, filesRoot, oldKey, newKey } = opts;
  if (oldKey.equals(newKey)) throw new Error('the old and new keys are the same');
  const oldStore = new DiskFileStore(filesRoot, oldKey);
  const newStore = new DiskFileStore(filesRoot, newKey);
  const report: RotationReport = { files: 0, filesAlready: 0, entries: 0, faces: 0, newKeyId: keyIdOf(newKey) };

  for await (const file of walk(filesRoot)) {
    const key = path.relative(filesRoot, file).split(path.sep).join('/');
    try {
      await newStore.get(key);
      report.filesAlready++;
      continue;
    } catch {
      // not on the new key yet
    }
    const plain = await oldStore.get(key); // throws (and stops) on a file neither key opens
    await newStore.put(key, plain);
    report.files++;
  }
  opts.onProgress?.(`files re-encrypted: ${report.files} (already on the new key: ${report.filesAlready})`);

  const crypto = new FieldCrypto(newKey, [oldKey]);
  for (;;) {
    const rows = await repo.findEntriesNotOnKey(crypto.keyId, 200);
    if (!rows.length) break;
    for (const row of rows) {
      const sealed = sealRecord(crypto, row.account_id, row.id, openRecord(crypto, row));
      await repo.resealEntry(row, sealed.sealed, sealed.key_id, sealed.index);
      report.entries++;
    }
  }
  for (;;) {
    const rows = await repo.findFacesNotOnKey(crypto.keyId, 500);
    if (!rows.length) break;
    for (const row of rows) {
      await repo.resealFace(row.id, sealEmbedding(crypto, row.account_id, row.entry_id, row.id, openEmbedding(crypto, row)), crypto.keyId);
      report.faces++;
    }
  }
  opts.onProgress?.(`vault entries re-sealed: ${report.entries}, face descriptors: ${report.faces}`);
  // Per-session data keys (crypto-shredding) are sealed by the master key: re-wrap them too.
  if (opts.sessionKeys) report.sessionKeys = await rewrapSessionKeys(opts.sessionKeys, crypto);
  return report;
}
