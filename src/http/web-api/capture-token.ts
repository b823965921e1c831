import { createHash } from 'node:crypto';
import type { ServiceDeps } from '../../services/deps.ts';

/** Upload tokens live an hour: long enough to photograph a document, short enough to go stale. */
export const CAPTURE_TOKEN_TTL_MS = 60 * 60_000;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Issued when a page opens; only its hash is stored, so a database leak yields no usable token. */
export async function issueCaptureToken(deps: Pick<ServiceDeps, 'capture' | 'clock' | 'randomBytes'>, reference: string): Promise<string> {
  const token = deps.randomBytes(32).toString('base64url');
  const now = deps.clock();
  await deps.capture.insertToken(hash(token), reference, now + CAPTURE_TOKEN_TTL_MS, now);
  return token;
}

/** True only for a live token issued for this very session. */
export async function checkCaptureToken(deps: Pick<ServiceDeps, 'capture' | 'clock'>, reference: string, token: string | undefined): Promise<boolean> {
  if (!token || token.length > 100) return false;
  const row = await deps.capture.findToken(hash(token));
  return !!row && row.reference === reference && row.expires_at > deps.clock();
}
