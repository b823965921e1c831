import type { ServiceDeps } from '../deps.ts';
import type { Session } from '../../database/repositories/sessions-repository.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { CAPTURE_STATES } from '../../domain/session/session-state.ts';
import type { StoredVerification } from '../verification/verification-payload.ts';
import { completeVerification } from '../verification/verify-session.ts';

/**
 * Fail codes no new photo can mend: the document has expired, or its country, region or type is
 * not accepted, or the holder's age is out of range. The app offers no retry for these.
 */
export const FINAL_FAILCODES: ReadonlySet<number> = new Set([4, 9, 12, 13, 14]);

type Attempt = { passed: number; failcode: number | null; result_key: string | null };

/** Every check of the stored decision that did not pass (`face`, `name`, `notexpired`, …). */
export async function failedChecks(deps: Pick<ServiceDeps, 'files'>, attempt: Attempt | undefined): Promise<string[]> {
  if (!attempt || attempt.passed || !attempt.result_key) return [];
  try {
    const stored = JSON.parse((await deps.files.get(attempt.result_key)).toString('utf8')) as StoredVerification;
    return Object.entries(stored.decision.result ?? {}).filter(([, passed]) => !passed).map(([key]) => key);
  } catch {
    return [];
  }
}

/** Ends the session with its failed callback when its last failure is final, even with attempts left. */
export async function finishFinalFailure(deps: Pick<ServiceDeps, 'accounts' | 'callbacks' | 'clock' | 'config' | 'engines' | 'files' | 'logger' | 'queue' | 'randomBytes' | 'templates' | 'vault' | 'vaultKeys' | 'verificationAttempts'>, session: Session): Promise<void> {
  const last = (await deps.verificationAttempts.findForReference(session.reference)).at(-1);
  if (session.kind !== 'verification' || !last || last.passed || !FINAL_FAILCODES.has(last.failcode ?? -1) || !last.result_key || !(CAPTURE_STATES as readonly string[]).includes(session.state)) {
    throw new DomainError(ErrorCode.InvalidValue, 'This session has no final failure to end');
  }
  const stored = JSON.parse((await deps.files.get(last.result_key)).toString('utf8')) as StoredVerification;
  await completeVerification(deps, session, stored);
}
