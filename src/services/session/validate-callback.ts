import type { ServiceDeps } from '../deps.ts';
import type { Account } from '../../database/repositories/accounts-repository.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { hashMatches } from '../../domain/callback/hash.ts';

export async function validateCallback(deps: Pick<ServiceDeps, 'sessions'>, account: Account, raw: Record<string, unknown>): Promise<{ success: true; reference: string }> {
  const reference = typeof raw.reference === 'string' ? raw.reference.trim().toUpperCase() : '';
  const hash = typeof raw.hash === 'string' ? raw.hash.trim() : '';
  const invalid = new DomainError(ErrorCode.InvalidReferenceOrHash, 'Invalid reference or hash');
  if (!reference || !hash) throw invalid;
  const session = await deps.sessions.findForAccount(account.id, reference);
  if (!session || session.outcome_success === null) throw invalid;
  const ok = hashMatches(account.callback_secret, { reference, success: session.outcome_success === 1, failcode: session.outcome_failcode }, hash);
  if (!ok) throw invalid;
  return { success: true, reference };
}
