import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The DocuPass `hash`: the first 32 hex characters of HMAC-SHA256 over the callback's outcome
 * (reference, success, failcode), keyed by the account's callback secret. It is recomputable from
 * the stored outcome, which is what lets `/docupass/validate` answer without keeping payloads.
 */
export type CallbackOutcome = { reference: string; success: boolean; failcode?: number | null };

export function callbackHash(secret: string, o: CallbackOutcome): string {
  const message = `idgate-callback-v1\n${o.reference}\n${o.success ? 1 : 0}\n${o.failcode ?? ''}`;
  return createHmac('sha256', secret).update(message).digest('hex').slice(0, 32);
}

export function hashMatches(secret: string, o: CallbackOutcome, hash: string): boolean {
  if (!/^[0-9a-f]{32}$/i.test(hash)) return false;
  const expected = Buffer.from(callbackHash(secret, o), 'utf8');
  return timingSafeEqual(expected, Buffer.from(hash.toLowerCase(), 'utf8'));
}
