import type { ServiceDeps } from './deps.ts';
import type { SessionRow } from '../database/repositories/sessions-repository.ts';
import { effectiveState, type SessionState } from '../domain/session/session-state.ts';
import { spawnFromReusable } from './create-session.ts';

export type OpenResult =
  | { kind: 'unknown' }
  | { kind: 'redirect'; reference: string }
  | { kind: 'expired' | 'finished'; session: SessionRow; state: SessionState }
  | { kind: 'active'; session: SessionRow; state: SessionState };

/**
 * What a visitor to `/{reference}` gets: a reusable link hands out a fresh session; an expired
 * or finished one says so; a created one becomes `opened`.
 */
export async function openSession(deps: ServiceDeps, reference: string): Promise<OpenResult> {
  const session = await deps.sessions.findByReference(reference);
  if (!session) return { kind: 'unknown' };
  const now = deps.clock();
  const state = effectiveState(session.state as SessionState, session.expires_at, now);
  if (state === 'expired') {
    if (session.state !== 'expired') await deps.sessions.updateState(reference, ['created', 'opened', 'in_progress'], 'expired', now);
    return { kind: 'expired', session, state };
  }
  if (session.reusable) return { kind: 'redirect', reference: (await spawnFromReusable(deps, session)).reference };
  if (state === 'succeeded' || state === 'failed') return { kind: 'finished', session, state };
  if (state === 'created') await deps.sessions.updateState(reference, ['created'], 'opened', now);
  return { kind: 'active', session, state: state === 'created' ? 'opened' : state };
}
