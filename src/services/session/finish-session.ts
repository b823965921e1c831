import type { ServiceDeps } from '../deps.ts';
import { OPEN_STATES, transitionFrom } from '../../domain/session/session-state.ts';
import type { Session } from '../../database/repositories/sessions-repository.ts';
import { callbackHash } from '../../domain/callback/hash.ts';
import { prepareCallback } from '../callbacks/callback-delivery.ts';

export type FinalOutcome = { state: 'succeeded' | 'failed' | 'expired'; success: boolean; failcode: number | null };

/**
 * Ends a session: the outcome, the callback delivery (when the session has a callback URL) and
 * its first job are written in one transaction. `buildPayload` receives the DocuPass hash so
 * the payload and `/docupass/validate` agree. Returns false when the session had already ended.
 */
export async function finishSession(
  deps: Pick<ServiceDeps, 'accounts' | 'callbacks' | 'clock' | 'files' | 'queue'>,
  session: Session,
  outcome: FinalOutcome,
  buildPayload: (hash: string) => Record<string, unknown> | Promise<Record<string, unknown>>,
): Promise<boolean> {
  const account = await deps.accounts.getAccount(session.account_id);
  if (!account) throw new Error(`session ${session.reference} has no account`);
  const options = session.options;
  const hash = callbackHash(account.callback_secret, { reference: session.reference, success: outcome.success, failcode: outcome.failcode });
  const prepared = options.callbackurl
    ? await prepareCallback(deps, { accountId: account.id, reference: session.reference, url: options.callbackurl, payload: await buildPayload(hash) })
    : null;
  const done = await deps.callbacks.finishSession(
    { reference: session.reference, state: outcome.state, success: outcome.success, failcode: outcome.failcode, at: deps.clock(), fromStates: transitionFrom(OPEN_STATES, outcome.state) },
    prepared?.delivery ?? null,
    prepared?.job ?? null,
  );
  if (done && prepared) deps.queue.nudge();
  if (!done && prepared) await deps.files.delete(prepared.delivery.payload_key);
  return done;
}
