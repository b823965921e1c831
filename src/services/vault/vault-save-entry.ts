import type { VaultFaceRow, VaultImageRow } from '../../database/repositories/vault-repository.ts';
import type { ServiceDeps } from '../deps.ts';
import { vaultContext } from './vault-context.ts';
import { sealEmbedding, sealRecord } from './vault-sealing.ts';
import { mimeOfStorageKey } from './vault-file-urls.ts';
import { newVaultId, RESERVED_FIELDS, type VaultRecord } from './vault-record.ts';

/** 0 = document, 1 = person (face), as the Vault API's `addimage` `type`. */
export type VaultImageType = 'document' | 'face' | 0 | 1;

export type VaultImageInput = { type: VaultImageType; side?: string | null; bytes: Buffer; ext: string };

export type VaultEntryInput = {
  /** The callback's `data` object, stored field by field. */
  data: Record<string, unknown>;
  reference?: string | null;
  customid?: string | null;
  success?: boolean | null;
  failcode?: number | null;
  failreason?: string | null;
  verification?: unknown;
  authentication?: unknown;
  face?: unknown;
  aml?: unknown;
  phone?: unknown;
  contract?: unknown;
  images: VaultImageInput[];
  /** Descriptor of the person's face (selfie), indexed for 1:N search at once. */
  faceEmbedding?: number[];
};

export const imageTypeCode = (t: VaultImageType): number => (t === 'face' || t === 1 ? 1 : 0);

const EXT = /^[a-z0-9]{2,5}$/;

/** Encrypts and stores one image file; returns its row (not yet inserted). */
export async function storeVaultImage(deps: Pick<ServiceDeps, 'clock' | 'files' | 'randomBytes'>, accountId: string, entryId: string, img: VaultImageInput, order = 0): Promise<VaultImageRow> {
  const id = newVaultId(deps.randomBytes);
  const ext = img.ext.toLowerCase().replace(/^\./, '').replace('jpeg', 'jpg');
  if (!EXT.test(ext)) throw new Error(`bad image extension ${img.ext}`);
  const storageKey = `vault/${accountId}/${entryId}/${id}.${ext}`;
  await deps.files.put(storageKey, img.bytes);
  return {
    id,
    entry_id: entryId,
    account_id: accountId,
    type: imageTypeCode(img.type),
    side: img.side ?? null,
    format: ext,
    mime: mimeOfStorageKey(storageKey),
    size: img.bytes.length,
    storage_key: storageKey,
    // Images of one save share a clock reading; a millisecond each keeps them in the given order.
    createtime: deps.clock() + order,
  };
}

export function faceRow(deps: Pick<ServiceDeps, 'clock' | 'randomBytes' | 'vault' | 'vaultKeys'>, accountId: string, entryId: string, imageId: string | null, embedding: number[]): VaultFaceRow {
  const { crypto } = vaultContext(deps);
  const id = newVaultId(deps.randomBytes);
  return { id, entry_id: entryId, account_id: accountId, image_id: imageId, sealed_embedding: sealEmbedding(crypto, accountId, entryId, id, embedding), key_id: crypto.keyId, createtime: deps.clock() };
}

/**
 * Stores a verification outcome in the vault (the pipeline calls this when `vault_save` is on).
 * Files are written first and removed again if the rows cannot be inserted, so a failure
 * leaves neither rows pointing at nothing nor orphaned personal files.
 */
export async function saveVaultEntry(deps: Pick<ServiceDeps, 'clock' | 'files' | 'randomBytes' | 'vault' | 'vaultKeys'>, accountId: string, entry: VaultEntryInput): Promise<{ vaultid: string }> {
  const { repo, crypto } = vaultContext(deps);
  const id = newVaultId(deps.randomBytes);
  const now = deps.clock();
  const data = Object.fromEntries(Object.entries(entry.data ?? {}).filter(([k]) => !RESERVED_FIELDS.has(k)));
  const record: VaultRecord = {
    data,
    docupass_customid: entry.customid ?? null,
    docupass_success: entry.success ?? null,
    docupass_failcode: entry.failcode ?? null,
    docupass_failedreason: entry.failreason ?? null,
    verification: entry.verification,
    authentication: entry.authentication,
    face: entry.face,
    aml: entry.aml,
    phone: entry.phone,
    contract: entry.contract,
  };
  const sealed = sealRecord(crypto, accountId, id, record);
  const images: VaultImageRow[] = [];
  try {
    for (const img of entry.images ?? []) images.push(await storeVaultImage(deps, accountId, id, img, images.length));
    const faceImage = images.find((i) => i.type === 1);
    const faces = entry.faceEmbedding?.length ? [faceRow(deps, accountId, id, faceImage?.id ?? null, entry.faceEmbedding)] : [];
    await repo.insertEntry(
      { id, account_id: accountId, docupass_reference: entry.reference ?? null, sealed: sealed.sealed, key_id: sealed.key_id, createtime: now, updatetime: now },
      sealed.index,
      images,
      faces,
    );
  } catch (e) {
    await deps.files.deletePrefix(`vault/${accountId}/${id}`).catch(() => {});
    throw e;
  }
  return { vaultid: id };
}
