import type { VaultRepository } from '../../database/repositories/vault-repository.ts';
import type { FieldCrypto } from '../../ports/field-crypto.ts';
import type { FileStore } from '../../ports/file-store.ts';
import { openEmbedding, openRecord, sealEmbedding, sealRecord } from './vault-sealing.ts';
import type { PrivacyRepository } from '../../database/repositories/privacy-repository.ts';
import { rewrapSessionKeys } from '../privacy/session-keyed-file-store.ts';

export type RotationReport = { files: number; filesAlready: number; entries: number; faces: number; newKeyId: string; sessionKeys?: number };

/** What a key rotation works with, built by `composeKeyRotation` in compose.ts (the adapters are picked there). */
export type RotationDeps = {
  repo: VaultRepository;
  /** The same stored files, opened under the old master key and under the new one. */
  oldFiles: FileStore;
  newFiles: FileStore;
  /** Field crypto on the new key that still opens values sealed under the old one. */
  crypto: FieldCrypto;
  /** Per-session data keys to re-wrap (crypto-shredding). */
  sessionKeys?: PrivacyRepository;
  onProgress?: (msg: string) => void;
};

/**
 * Re-encrypts everything under the old master key with the new one: every file of the file
 * store (vault images and every other stored file, since they share the key), every sealed
 * vault record with its blind-index tokens, and every face descriptor. Run it with the server
 * stopped. It is resumable: a file that already opens with the new key and a row already on the
 * new key id are skipped, so after a crash the same command simply continues.
 */
export async function rotateVaultKey(opts: RotationDeps): Promise<RotationReport> {
  const { repo, oldFiles, newFiles, crypto } = opts;
  const report: RotationReport = { files: 0, filesAlready: 0, entries: 0, faces: 0, newKeyId: crypto.keyId };

  for await (const key of oldFiles.list()) {
    try {
      await newFiles.get(key);
      report.filesAlready++;
      continue;
    } catch {
      // not on the new key yet
    }
    const plain = await oldFiles.get(key); // throws (and stops) on a file neither key opens
    await newFiles.put(key, plain);
    report.files++;
  }
  opts.onProgress?.(`files re-encrypted: ${report.files} (already on the new key: ${report.filesAlready})`);

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
