import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { VaultFaceRow, VaultRepository } from '../../database/repositories/vault-repository.ts';
import type { DataKeyRing } from './session-keyed-file-store.ts';

const PREFIX = 'k1.';

/** The data-key scope of a vault entry's sealed record and face descriptors (images use `vault:<id>`). */
export const vaultRecordScope = (entryId: string) => `vault-record:${entryId}`;

export class VaultRecordErasedError extends Error {
  constructor(readonly entryId: string) {
    super(`the data key of vault entry ${entryId} was destroyed (erased)`);
  }
}

async function wrap(ring: DataKeyRing, accountId: string, entryId: string, sealed: string): Promise<string> {
  const dek = await ring.get(vaultRecordScope(entryId), accountId, true);
  if (!dek) throw new VaultRecordErasedError(entryId);
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', dek, iv);
  c.setAAD(Buffer.from(vaultRecordScope(entryId)));
  const body = Buffer.concat([c.update(sealed, 'utf8'), c.final()]);
  return PREFIX + Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url');
}

async function unwrap(ring: DataKeyRing, accountId: string, entryId: string, stored: string): Promise<string> {
  if (!stored.startsWith(PREFIX)) return stored; // sealed before per-entry keys: as it was
  const dek = await ring.get(vaultRecordScope(entryId), accountId, false);
  if (!dek) throw new VaultRecordErasedError(entryId);
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
  const d = createDecipheriv('aes-256-gcm', dek, raw.subarray(0, 12));
  d.setAAD(Buffer.from(vaultRecordScope(entryId)));
  d.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
}

/**
 * Crypto-shredding for the vault's sealed fields: around the repository, each entry's sealed
 * record and its face descriptors get one more AES-256-GCM layer under the entry's own data key
 * (`k1.` prefix), so the master-key sealing inside stays as it was (services, blind index and
 * rotation unchanged). Erasing the entry destroys the key: a database backup keeps only
 * ciphertext nobody can open. Values written before this layer read as before.
 */
export function withVaultKeys(inner: VaultRepository, ring: DataKeyRing): VaultRepository {
  const openEntry = async <T extends { account_id: string; id: string; sealed: string }>(r: T): Promise<T> => ({ ...r, sealed: await unwrap(ring, r.account_id, r.id, r.sealed) });
  const openFace = async (f: VaultFaceRow): Promise<VaultFaceRow> => ({ ...f, sealed_embedding: await unwrap(ring, f.account_id, f.entry_id, f.sealed_embedding) });
  const sealFace = async (f: VaultFaceRow): Promise<VaultFaceRow> => ({ ...f, sealed_embedding: await wrap(ring, f.account_id, f.entry_id, f.sealed_embedding) });
  const openAll = async <T, U>(rows: T[], fn: (r: T) => Promise<U>): Promise<U[]> => {
    const out: U[] = [];
    for (const r of rows) out.push(await fn(r));
    return out;
  };
  // Rotation re-seals a face by id: remember which entry each face listed for it belongs to.
  const faceOwners = new Map<string, { account_id: string; entry_id: string }>();
  return {
    ...inner,
    async insertEntry(entry, index, images, faces) {
      await inner.insertEntry({ ...entry, sealed: await wrap(ring, entry.account_id, entry.id, entry.sealed) }, index, images, await openAll(faces, sealFace));
    },
    async findEntry(accountId, id) {
      const r = await inner.findEntry(accountId, id);
      return r && openEntry(r);
    },
    async findEntries(accountId, ids) {
      return openAll(await inner.findEntries(accountId, ids), openEntry);
    },
    async updateEntry(accountId, id, previousSealed, set, index) {
      const cur = await inner.findEntry(accountId, id);
      if (!cur || (await unwrap(ring, accountId, id, cur.sealed)) !== previousSealed) return false;
      return inner.updateEntry(accountId, id, cur.sealed, { ...set, sealed: await wrap(ring, accountId, id, set.sealed) }, index);
    },
    async insertImage(image, face, at) {
      await inner.insertImage(image, face && (await sealFace(face)), at);
    },
    async findFaces(accountId) {
      return openAll(await inner.findFaces(accountId), openFace);
    },
    async listEntries(accountId, q) {
      return openAll(await inner.listEntries(accountId, q), openEntry);
    },
    async findEntriesNotOnKey(keyId, limit) {
      return openAll(await inner.findEntriesNotOnKey(keyId, limit), openEntry);
    },
    async findFacesNotOnKey(keyId, limit) {
      const rows = await inner.findFacesNotOnKey(keyId, limit);
      for (const f of rows) faceOwners.set(f.id, { account_id: f.account_id, entry_id: f.entry_id });
      return openAll(rows, openFace);
    },
    async resealFace(id, sealed, keyId) {
      const owner = faceOwners.get(id);
      await inner.resealFace(id, owner ? await wrap(ring, owner.account_id, owner.entry_id, sealed) : sealed, keyId);
    },
    async resealEntry(row, sealed, keyId, index) {
      await inner.resealEntry(row, await wrap(ring, row.account_id, row.id, sealed), keyId, index);
    },
  };
}
