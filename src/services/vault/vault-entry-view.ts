import type { VaultEntryRow, VaultImageRow } from '../../database/repositories/vault-repository.ts';
import type { ServiceDeps } from '../deps.ts';
import { vaultContext } from './vault-context.ts';
import { openRecord } from './vault-sealing.ts';
import { signedFileUrl } from './vault-file-urls.ts';
import { formatVaultTime, META_FIELDS, RESERVED_FIELDS, type VaultRecord } from './vault-record.ts';

/** 0 = base64 content, 1 = hosted signed URL (default), as DocuPass `return_type`. */
export type ImageReturn = 0 | 1;

export type VaultImageView = { id: string; type: number; side: string | null; format: string; createtime: string; url?: string; content?: string };

export async function imageView(deps: Pick<ServiceDeps, 'clock' | 'config' | 'files' | 'vault' | 'vaultKeys'>, img: VaultImageRow, returnType: ImageReturn): Promise<VaultImageView> {
  const base = { id: img.id, type: img.type, side: img.side, format: img.format, createtime: formatVaultTime(img.createtime) };
  if (returnType === 0) return { ...base, content: (await deps.files.get(img.storage_key)).toString('base64') };
  return { ...base, url: signedFileUrl(deps, img.storage_key) };
}

/**
 * The public entry: id, times, DocuPass reference and custom id, every data field flat, the
 * verification/authentication/face results, and `image`. Face embeddings never leave the server.
 */
export async function entryView(deps: Pick<ServiceDeps, 'clock' | 'config' | 'files' | 'vault' | 'vaultKeys'>, row: VaultEntryRow, images: VaultImageRow[], returnType: ImageReturn, record?: VaultRecord): Promise<Record<string, unknown>> {
  const rec = record ?? openRecord(vaultContext(deps).crypto, row);
  const out: Record<string, unknown> = {
    id: row.id,
    createtime: formatVaultTime(row.createtime),
    updatetime: formatVaultTime(row.updatetime),
    docupass_reference: row.docupass_reference ?? '',
  };
  for (const f of META_FIELDS) out[f] = rec[f] ?? (f === 'docupass_customid' ? '' : null);
  for (const [k, v] of Object.entries(rec.data)) if (!RESERVED_FIELDS.has(k) && !(k in out)) out[k] = v;
  for (const k of ['verification', 'authentication', 'face', 'aml', 'phone', 'review'] as const) if (rec[k] !== undefined) out[k] = rec[k];
  if (rec.contract !== undefined) out.contract = contractView(deps, rec.contract);
  out.image = await Promise.all(images.map((img) => imageView(deps, img, returnType)));
  return out;
}

export function readReturnType(raw: Record<string, unknown>): ImageReturn {
  const v = raw.return_type ?? raw.image_return_type;
  return v === 0 || v === '0' ? 0 : 1;
}

/** A stored contract reference (`{key, format}`) leaves as the callback's `{document_url}`; a storage key never does. */
function contractView(deps: Pick<ServiceDeps, 'clock' | 'config' | 'vault' | 'vaultKeys'>, contract: unknown): unknown {
  if (!contract || typeof contract !== 'object' || typeof (contract as { key?: unknown }).key !== 'string') return contract;
  const { key, ...rest } = contract as { key: string } & Record<string, unknown>;
  return { ...rest, document_url: signedFileUrl(deps, key) };
}
