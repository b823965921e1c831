import type { ServiceDeps } from '../deps.ts';
import type { Session } from '../../database/repositories/sessions-repository.ts';
import { effectiveState, OPEN_STATES, type SessionState } from '../../domain/session/session-state.ts';
import { spawnFromReusable } from './create-session.ts';

export type OpenResult =
  | { kind: 'unknown' }
  | { kind: 'redirect'; reference: string }
  | { kind: 'expired' | 'finished'; session: Session; state: SessionState }
  | { kind: 'active'; session: Session; state: SessionState };

/**
 * What a visitor to `/{reference}` gets: a reusable link hands out a fresh session; an expired
 * or finished one says so; a created one becomes `opened`.
 */
export async function openSession(deps: Pick<ServiceDeps, 'accounts' | 'clock' | 'randomBytes' | 'sessions'>, reference: string): Promise<OpenResult> {
  const session = await deps.sessions.findByReference(reference);
  if (!session) return { kind: 'unknown' };
  const now = deps.clock();
  const state = effectiveState(session.state, session.expires_at, now);
  if (state === 'expired') {
    if (session.state !== 'expired') await deps.sessions.updateState(reference, OPEN_STATES, 'expired', now);
    return { kind: 'expired', session, state };
  }
  if (session.reusable) return { kind: 'redirect', reference: (await spawnFromReusable(deps, session)).reference };
  if (state === 'succeeded' || state === 'failed') return { kind: 'finished', session, state };
  if (state === 'created') await deps.sessions.updateState(reference, ['created'], 'opened', now);
  return { kind: 'active', session, state: state === 'created' ? 'opened' : state };
}
