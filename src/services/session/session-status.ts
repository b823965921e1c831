import type { ServiceDeps } from '../deps.ts';
import { CAPTURE_STATES } from '../../domain/session/session-state.ts';
import type { CreateOptions } from '../../domain/session/create-options.ts';
import type { StepName } from '../../domain/session/required-steps.ts';
import { appendReferenceToUrl } from '../../domain/callback/redirect-url.ts';
import { pendingSteps } from './session-inputs.ts';

export type SessionStatus = {
  state: string;
  attemptsLeft: number;
  failcode?: number;
  failreason?: string;
  nextSteps: StepName[];
  redirectUrl?: string;
  /** Verification passed; the contract must be signed before the session ends. */
  awaitingSignature?: boolean;
};

/** What the capture app shows: progress, the last failure in plain words, where to go next. */
export async function getSessionStatus(deps: Pick<ServiceDeps, 'capture' | 'clock' | 'sessions' | 'verificationAttempts'>, reference: string): Promise<SessionStatus> {
  const session = await deps.sessions.findByReference(reference);
  if (!session) return { state: 'unknown', attemptsLeft: 0, nextSteps: [] };
  const options = session.options;
  const maxattempt = session.kind === 'verification' ? session.options.maxattempt : 1;
  const attempts = await deps.verificationAttempts.findForReference(reference);
  const last = attempts.at(-1);
  const state = session.state !== 'expired' && deps.clock() >= session.expires_at && !['succeeded', 'failed'].includes(session.state) ? 'expired' : session.state;
  const status: SessionStatus = { state, attemptsLeft: Math.max(0, maxattempt - session.attempts), nextSteps: [] };
  if (last && !last.passed) Object.assign(status, { failcode: last.failcode ?? undefined, failreason: last.failreason ?? undefined });
  if (state === 'in_progress' && last?.passed && session.kind === 'verification' && session.options.contract_sign && last.attempt === session.attempts) status.awaitingSignature = true;
  if ((CAPTURE_STATES as readonly string[]).includes(state)) status.nextSteps = await pendingSteps(deps, session);
  const redirect = state === 'succeeded' ? options.successredir : state === 'failed' || state === 'expired' ? options.failredir : undefined;
  if (redirect) status.redirectUrl = appendReferenceToUrl(redirect, reference, session.customid);
  return status;
}
