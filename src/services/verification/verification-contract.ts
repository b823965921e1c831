import type { ServiceDeps } from '../deps.ts';
import type { Session } from '../../database/repositories/sessions-repository.ts';
import type { CreateOptions } from '../../domain/session/create-options.ts';
import type { StoredVerification } from './verification-payload.ts';
import { generateContract } from '../contracts/contracts.ts';

/** `contract_generate`: the filled document after a passing verification, stored encrypted. */
export async function generateContractForSession(deps: Pick<ServiceDeps, 'clock' | 'config' | 'engines' | 'files' | 'logger' | 'templates'>, session: Session, options: CreateOptions, stored: StoredVerification): Promise<{ key: string; ext: string }> {
  const out = await generateContract(deps, {
    accountId: session.account_id,
    templateId: options.contract_generate!,
    format: options.contract_format,
    data: stored.evidence.reading?.data ?? {},
    prefill: options.contract_prefill_data,
    system: { reference: session.reference, customid: session.customid ?? '', companyName: options.companyname },
  });
  const key = `sessions/${session.account_id}/${session.reference}/contract.${out.ext}`;
  await deps.files.put(key, out.bytes);
  return { key, ext: out.ext };
}
