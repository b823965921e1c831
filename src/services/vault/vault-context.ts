import type { VaultRepository } from '../../database/repositories/vault-repository.ts';
import type { VaultKeys } from './vault-keys.ts';
import type { ServiceDeps } from '../deps.ts';

export type { VaultKeys } from './vault-keys.ts';

/** What the vault services need: the repository and the keys, both wired in compose.ts. */
export type VaultContext = VaultKeys & { repo: VaultRepository };

/**
 * The vault's repository and keys from the composed deps: no connection or key file of its own.
 * A composition without vault keys (a tool that never touches the vault) fails here, loudly.
 */
export function vaultContext(deps: Pick<ServiceDeps, 'vault' | 'vaultKeys'>): VaultContext {
  if (!deps.vaultKeys) throw new Error('vault keys are not wired: build deps with compose()');
  return { repo: deps.vault, crypto: deps.vaultKeys.crypto, urlSecret: deps.vaultKeys.urlSecret };
}

/** Nothing to close any more: kept so callers that closed the old per-deps context still compile. */
export async function closeVaultContext(_deps: unknown): Promise<void> {}
