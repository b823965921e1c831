import type { FieldCrypto } from '../../ports/field-crypto.ts';
import type { VaultEntryRow, VaultIndexRow } from '../../database/repositories/vault-repository.ts';
import { filterableFields, normaliseValue, type VaultRecord } from './vault-record.ts';

/** Associated data binds a sealed record to its account and entry id (no copy-paste between rows). */
const entryAad = (accountId: string, entryId: string) => `vault-entry:${accountId}:${entryId}`;
const faceAad = (accountId: string, entryId: string, faceId: string) => `vault-face:${accountId}:${entryId}:${faceId}`;

export function sealRecord(crypto: FieldCrypto, accountId: string, entryId: string, record: VaultRecord): { sealed: string; key_id: string; index: VaultIndexRow[] } {
  const index: VaultIndexRow[] = [];
  for (const [field, value] of filterableFields(record)) {
    index.push({ entry_id: entryId, account_id: accountId, field, token: crypto.blindIndex(accountId, field, normaliseValue(value)) });
  }
  return { sealed: crypto.sealJson(record, entryAad(accountId, entryId)), key_id: crypto.keyId, index };
}

export function openRecord(crypto: FieldCrypto, row: Pick<VaultEntryRow, 'account_id' | 'id' | 'sealed'>): VaultRecord {
  return crypto.openJson<VaultRecord>(row.sealed, entryAad(row.account_id, row.id));
}

/** Embeddings are biometric data: sealed like personal fields, as little-endian float32. */
export function sealEmbedding(crypto: FieldCrypto, accountId: string, entryId: string, faceId: string, embedding: number[]): string {
  const buf = Buffer.from(new Float32Array(embedding).buffer);
  return crypto.seal(buf, faceAad(accountId, entryId, faceId));
}

export function openEmbedding(crypto: FieldCrypto, row: { account_id: string; entry_id: string; id: string; sealed_embedding: string }): number[] {
  const buf = crypto.open(row.sealed_embedding, faceAad(row.account_id, row.entry_id, row.id));
  return Array.from(new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4));
}
