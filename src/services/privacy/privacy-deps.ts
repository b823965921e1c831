import type { PrivacyRepository } from '../../database/repositories/privacy-repository.ts';
import type { ServiceDeps } from '../deps.ts';

/** The privacy repository, wired in compose.ts. */
export function privacyRepo(deps: Pick<ServiceDeps, 'privacy'>): PrivacyRepository {
  if (!deps.privacy) throw new Error('privacy repository not wired (compose.ts)');
  return deps.privacy;
}

/** Storage prefixes that hold one session's personal files (uploads, results, payloads, contracts). */
export const sessionPrefixes = (accountId: string, reference: string): string[] => [
  `sessions/${accountId}/${reference}`,
  `verification/${accountId}/${reference}`,
  `callbacks/${accountId}/${reference}`,
];

/** Data-key scopes of a session and of the vault entries made from it (see session-keys.ts). */
export const sessionScope = (reference: string) => `session:${reference}`;
export const vaultScope = (entryId: string) => `vault:${entryId}`;
