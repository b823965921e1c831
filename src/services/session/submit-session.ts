import type { ServiceDeps } from '../deps.ts';
import type { Session } from '../../database/repositories/sessions-repository.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { CAPTURE_STATES, isOpenState } from '../../domain/session/session-state.ts';
import { pendingSteps } from './session-inputs.ts';
import { VERIFY_SESSION_JOB } from '../../jobs/job-names.ts';
import { getSessionStatus } from './session-status.ts';

/**
 * The user has supplied what the session needs: queue one verification attempt. The attempt
 * number comes from the attempts already made, and the job's dedupe key makes a double submit
 * (two tabs, a retry of the request) queue it once.
 */
export async function submitSession(deps: Pick<ServiceDeps, 'capture' | 'clock' | 'queue' | 'sessions'>, reference: string): Promise<void> {
  const session = await deps.sessions.findByReference(reference);
  if (!session || session.kind !== 'verification') throw new DomainError(ErrorCode.InvalidValue, 'Invalid value for `reference`');
  if (!isOpenState(session.state) || deps.clock() >= session.expires_at) {
    throw new DomainError(ErrorCode.InvalidValue, 'This session is no longer open');
  }
  const missing = await pendingSteps(deps, session);
  if (missing.length) throw new DomainError(ErrorCode.InvalidValue, `Steps still missing: ${missing.join(', ')}`);
  await queueVerification(deps, session);
}

/** The capture app's submit: refused with reason `steps_missing` while the app still shows steps. */
export async function submitCapturedSession(deps: Pick<ServiceDeps, 'capture' | 'clock' | 'queue' | 'sessions' | 'verificationAttempts'>, session: Pick<Session, 'reference'>): Promise<void> {
  const status = await getSessionStatus(deps, session.reference);
  if (status.nextSteps.length > 0) throw new DomainError(ErrorCode.InvalidValue, 'Some steps are not done yet', { reason: 'steps_missing' });
  await submitSession(deps, session.reference);
}

/** Queues the session's next attempt; the caller has checked that nothing is missing. */
export async function queueVerification(deps: Pick<ServiceDeps, 'clock' | 'queue' | 'sessions'>, session: Session): Promise<void> {
  const { reference } = session;
  const attempt = session.attempts + 1;
  await deps.sessions.updateState(reference, CAPTURE_STATES, 'in_progress', deps.clock());
  await deps.queue.enqueue(VERIFY_SESSION_JOB, { reference, attempt }, { dedupeKey: `${VERIFY_SESSION_JOB}:${reference}:${attempt}` });
}
