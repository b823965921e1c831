import { invalidValue } from '../../domain/errors.ts';
import type { ServiceDeps } from '../deps.ts';
import { vaultContext } from './vault-context.ts';
import { readVaultId } from './vault-get-entry.ts';

/** `id` is one id or a list (the client's `delete(id)` accepts both). */
export function readVaultIds(v: unknown): string[] {
  let list = v;
  if (typeof v === 'string' && v.trim().startsWith('[')) {
    try {
      list = JSON.parse(v);
    } catch {
      throw invalidValue('id', 'not a valid JSON array');
    }
  } else if (typeof v === 'string' && v.includes(',')) list = v.split(',').map((s) => s.trim());
  const ids = Array.isArray(list) ? list : [list];
  if (!ids.length || ids.length > 1000) throw invalidValue('id', 'give 1 to 1000 vault entry ids');
  return [...new Set(ids.map((i) => readVaultId(i)))];
}

/**
 * Deletes entries of this account with their rows and encrypted files. Rows go first (in one
 * transaction), so a crash between the two steps can only leave unreadable ciphertext behind,
 * never an entry whose images are gone.
 */
export async function deleteVaultEntries(deps: Pick<ServiceDeps, 'files' | 'logger' | 'vault' | 'vaultKeys'>, accountId: string, ids: string[]): Promise<{ success: true; deleted: string[] }> {
  const { repo } = vaultContext(deps);
  const { deleted, images } = await repo.deleteEntries(accountId, ids);
  for (const img of images) await deps.files.delete(img.storage_key);
  for (const id of deleted) await deps.files.deletePrefix(`vault/${accountId}/${id}`);
  deps.logger.info({ accountId, count: deleted.length }, 'vault entries deleted');
  return { success: true, deleted };
}
