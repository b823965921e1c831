import { connectDatabase } from '../database/connect.ts';
import { vaultRepository, type VaultRepository } from '../database/repositories/vault-repository.ts';
import { loadOrCreateFileKey } from '../adapters/file-store-disk.ts';
import { FieldCrypto, loadOrCreateSecret } from '../adapters/field-crypto.ts';
import type { ServiceDeps } from './deps.ts';

/** What the vault services need on top of ServiceDeps. */
export type VaultContext = {
  repo: VaultRepository;
  crypto: FieldCrypto;
  /** Secret for signed file URLs (data dir, generated once). */
  urlSecret: Buffer;
  close: () => Promise<void>;
};

/** Deps may carry the repository already (wired in compose.ts); otherwise the vault opens its own. */
export type VaultDeps = ServiceDeps & { vault?: VaultRepository };

const contexts = new WeakMap<object, VaultContext>();

/**
 * One context per deps object, built on first use. The key is the same master key the file
 * store uses (IDGATE_ENCRYPTION_KEY or `<dataDir>/keys/file-encryption.key`); FieldCrypto
 * derives its own sub-keys from it. When compose.ts does not hand a vault repository in, a
 * connection of our own is opened on the same database (closed by `closeVaultContext`).
 */
export function vaultContext(deps: VaultDeps): VaultContext {
  const existing = contexts.get(deps);
  if (existing) return existing;
  const master = loadOrCreateFileKey(deps.config.dataDir, deps.config.encryptionKey);
  let repo = deps.vault;
  let close = async () => {};
  if (!repo) {
    const handle = connectDatabase({ databaseUrl: deps.config.databaseUrl, dataDir: deps.config.dataDir });
    repo = vaultRepository(handle.db);
    close = handle.close;
  }
  const ctx: VaultContext = { repo, crypto: new FieldCrypto(master), urlSecret: loadOrCreateSecret(deps.config.dataDir, 'url-signing'), close };
  contexts.set(deps, ctx);
  return ctx;
}

export async function closeVaultContext(deps: VaultDeps): Promise<void> {
  const ctx = contexts.get(deps);
  if (!ctx) return;
  contexts.delete(deps);
  await ctx.close();
}
