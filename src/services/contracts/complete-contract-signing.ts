import type { ServiceDeps } from '../deps.ts';
import { isOpenState } from '../../domain/session/session-state.ts';
import type { SignOptions } from '../../domain/session/create-options.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { completeVerification } from '../verification/verify-session.ts';
import type { StoredVerification } from '../verification/verification-payload.ts';
import { finishSession } from '../session/finish-session.ts';
import { buildSignaturePayload } from '../../domain/callback/payload.ts';
import { signedFileUrl } from '../vault/vault-file-urls.ts';
import { saveVaultEntry } from '../vault/vault-save-entry.ts';

export type SignedDocument = { bytes: Buffer; ext: string; sha256Unsigned: string; sha256Signed: string };

/**
 * The user signed: store the document encrypted, then end the session with its callback — for a
 * verification session the success callback of the passing attempt with `contract`; for a
 * signature session the reference's "Successful Signature Session" body.
 */
export async function completeContractSigning(deps: Pick<ServiceDeps, 'accounts' | 'callbacks' | 'clock' | 'config' | 'engines' | 'files' | 'logger' | 'queue' | 'randomBytes' | 'sessions' | 'templates' | 'vault' | 'vaultKeys' | 'verificationAttempts'>, reference: string, signed: SignedDocument): Promise<void> {
  const session = await deps.sessions.findByReference(reference);
  if (!session || !isOpenState(session.state)) throw new DomainError(ErrorCode.InvalidValue, 'This session is no longer open');
  const key = `sessions/${session.account_id}/${session.reference}/contract-signed.${signed.ext}`;
  await deps.files.put(key, signed.bytes);
  const contract = { key, ext: signed.ext };

  if (session.kind === 'verification') {
    const last = (await deps.verificationAttempts.findForReference(reference)).at(-1);
    if (!last?.passed || !last.result_key) throw new DomainError(ErrorCode.InvalidValue, 'The identity has not been verified yet');
    const stored = JSON.parse((await deps.files.get(last.result_key)).toString('utf8')) as StoredVerification;
    await completeVerification(deps, session, stored, contract);
    return;
  }

  const options = session.options;
  const vaultid = options.vault_save
    ? (await saveVaultEntry(deps, session.account_id, { data: {}, reference, customid: session.customid, success: true, contract: { key, format: signed.ext, sha256Unsigned: signed.sha256Unsigned, sha256Signed: signed.sha256Signed }, images: [] })).vaultid
    : undefined;
  await finishSession(deps, session, { state: 'succeeded', success: true, failcode: null }, (hash) =>
    // Exactly the reference's "Successful Signature Session" body; the vault id is in the vault.
    buildSignaturePayload({ reference, hash, customid: session.customid, contract: { document_url: signedFileUrl(deps, key) } }),
  );
  if (vaultid) deps.logger.info({ reference, vaultid }, 'signed contract saved to the vault');
}
