import type { ServiceDeps } from '../../services/deps.ts';
import type { Session } from '../../database/repositories/sessions-repository.ts';
import type { CreateOptions, SignOptions } from '../../domain/session/create-options.ts';
import type { StoredVerification } from '../../services/verification/verification-payload.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { previewContract, signContract, type ContractInput } from '../../services/contracts/contracts.ts';
import { completeContractSigning } from '../../services/contracts/complete-contract-signing.ts';

type Basis = { input: ContractInput; signerName?: string; events: Array<{ at: number; event: string }> };

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The holder's name as read from the ID: the contract is signed in that name, not a typed one. */
function nameFromData(data: Record<string, unknown>): string | undefined {
  return text(data.fullName) ?? text([data.firstName, data.middleName, data.lastName].filter((x) => typeof x === 'string' && x).join(' '));
}

/**
 * What the contract of a session is filled with: for a verification, the template of
 * `contract_sign` and the data read from the ID by the passing attempt; for a signature session,
 * `template_id` and the prefill data alone.
 */
async function contractBasis(deps: ServiceDeps, session: Session): Promise<Basis> {
  const o = (session.options as CreateOptions & SignOptions);
  const templateId = session.kind === 'verification' ? o.contract_sign : o.template_id;
  if (!templateId) throw new DomainError(ErrorCode.InvalidValue, 'This session has no contract to sign');
  const events = [{ at: session.created_at, event: 'Session created' }];
  let data: Record<string, unknown> = {};
  if (session.kind === 'verification') {
    const passed = (await deps.verificationAttempts.findForReference(session.reference)).filter((a) => a.passed && a.result_key).at(-1);
    if (!passed) throw new DomainError(ErrorCode.InvalidValue, 'The identity has not been verified yet');
    const stored = JSON.parse((await deps.files.get(passed.result_key!)).toString('utf8')) as StoredVerification;
    data = (stored.evidence.reading?.data ?? {}) as Record<string, unknown>;
    events.push({ at: passed.created_at, event: 'Identity verified' });
  }
  const prefill = (o.contract_prefill_data ?? undefined) as Record<string, unknown> | undefined;
  return {
    input: {
      accountId: session.account_id,
      templateId,
      format: o.contract_format,
      data,
      prefill,
      system: { reference: session.reference, customid: session.customid ?? '', companyName: o.companyname },
    },
    signerName: nameFromData(data) ?? nameFromData(prefill ?? {}),
    events,
  };
}

/** The review step: the filled document as HTML, and whether the signer must type their name. */
export async function sessionContractPreview(deps: ServiceDeps, session: Session): Promise<{ html: string; needsName: boolean }> {
  const basis = await contractBasis(deps, session);
  return { html: await previewContract(deps, basis.input), needsName: !basis.signerName };
}

export type SignRequest = { signaturePng: Buffer; typedName?: string; ip: string; userAgent: string; viewedAt: number };

/** Signs the session's contract with the drawn signature, then ends the session (callback). */
export async function signSessionContract(deps: ServiceDeps, session: Session, req: SignRequest): Promise<void> {
  const basis = await contractBasis(deps, session);
  const name = basis.signerName ?? text(req.typedName);
  if (!name) throw new DomainError(ErrorCode.InvalidValue, "Invalid value for `signer`: the signer's name is required", { reason: 'name' });
  const signed = await signContract(deps, {
    ...basis.input,
    signature: { imagePng: req.signaturePng, typedName: text(req.typedName) },
    signer: { name, ip: req.ip, userAgent: req.userAgent },
    events: [...basis.events, { at: req.viewedAt, event: 'Document reviewed and signature confirmed' }],
  });
  await completeContractSigning(deps, session.reference, { bytes: signed.bytes, ext: signed.ext, sha256Unsigned: signed.sha256Unsigned, sha256Signed: signed.sha256Signed });
}
