import type { ServiceDeps } from '../deps.ts';
import { finishSession } from './finish-session.ts';
import { buildExpiredPayload } from '../../domain/callback/payload.ts';

/**
 * Ends every live session past its expiry with the failed callback (failcode 0), as the
 * reference's "Expired DocuPass Session" example. Safe to run from several processes at once:
 * the state change is conditional, so each session is ended (and called back) once.
 */
export async function expireDueSessions(deps: Pick<ServiceDeps, 'accounts' | 'callbacks' | 'clock' | 'files' | 'queue' | 'sessions'>, limit = 200): Promise<number> {
  let ended = 0;
  for (const session of await deps.sessions.findExpired(deps.clock(), limit)) {
    const ok = await finishSession(deps, session, { state: 'expired', success: false, failcode: 0 }, (hash) =>
      buildExpiredPayload({ reference: session.reference, hash, customid: session.customid }),
    );
    if (ok) ended++;
  }
  return ended;
}
