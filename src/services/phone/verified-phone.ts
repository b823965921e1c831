import type { ServiceDeps } from '../deps.ts';

export type PhoneType = 'mobile' | 'landline';

/**
 * The verified number for the callback's `phone` block, or null when none was verified. Apart
 * from phone-verification.ts so that what reads it (session inputs, the verification) does not
 * import the code-sending side, which itself ends the session through verify-session (no circle).
 */
export async function getVerifiedPhone(deps: Pick<ServiceDeps, 'capture'>, reference: string): Promise<{ number: string; type: PhoneType } | null> {
  const row = await deps.capture.getPhone(reference);
  return row?.verified_at ? { number: row.number, type: row.number_type as PhoneType } : null;
}
