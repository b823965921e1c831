import type { ServiceDeps } from '../deps.ts';
import type { Session } from '../../database/repositories/sessions-repository.ts';
import type { StoredVerification } from './verification-payload.ts';
import { saveVaultEntry, type VaultImageInput } from '../vault/vault-save-entry.ts';

/** `vault_save`: every data field, images, the face embedding and the results, in one entry. */
export async function saveVerificationToVault(deps: Pick<ServiceDeps, 'clock' | 'files' | 'randomBytes' | 'vault' | 'vaultKeys'>, session: Session, stored: StoredVerification, contract?: { key: string; ext: string }): Promise<string> {
  const { decision, evidence } = stored;
  const images: VaultImageInput[] = [];
  for (const img of stored.images) {
    images.push({ type: img.face ? 'face' : 'document', side: img.side ?? null, bytes: await deps.files.get(img.key), ext: img.key.split('.').pop() ?? 'jpg' });
  }
  const comparison = evidence.face?.kind === 'photo' ? evidence.face.comparison : evidence.face?.video.comparison;
  const { vaultid } = await saveVaultEntry(deps, session.account_id, {
    data: { ...(evidence.reading?.data ?? {}) },
    reference: session.reference,
    customid: session.customid,
    success: decision.passed,
    failcode: decision.failcode,
    failreason: decision.failreason,
    verification: { passed: decision.passed, result: decision.result },
    authentication: evidence.authentication && 'score' in evidence.authentication ? evidence.authentication : undefined,
    face: comparison ? { isIdentical: comparison.isIdentical, confidence: comparison.confidence } : undefined,
    aml: evidence.aml,
    phone: evidence.phone ?? undefined,
    contract: contract ? { key: contract.key, format: contract.ext } : undefined,
    images,
    faceEmbedding: comparison?.selfieEmbedding,
  });
  return vaultid;
}
