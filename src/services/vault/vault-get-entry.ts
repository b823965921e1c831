import { DomainError, ErrorCode, invalidValue } from '../../domain/errors.ts';
import type { VaultEntryRow } from '../../database/repositories/vault-repository.ts';
import type { ServiceDeps } from '../deps.ts';
import { vaultContext } from './vault-context.ts';
import { entryView, type ImageReturn } from './vault-entry-view.ts';

export const readVaultId = (v: unknown, param = 'id'): string => {
  if (typeof v !== 'string' || !/^[A-Za-z0-9]{1,64}$/.test(v)) throw invalidValue(param, 'a vault entry id is required');
  return v;
};

/** Not-found and another account's entry look the same: no probing across accounts. */
export async function requireVaultEntry(deps: Pick<ServiceDeps, 'vault' | 'vaultKeys'>, accountId: string, id: string): Promise<VaultEntryRow> {
  const row = await vaultContext(deps).repo.findEntry(accountId, id);
  if (!row) throw new DomainError(ErrorCode.InvalidValue, `Vault entry ${id} not found`);
  return row;
}

export async function getVaultEntry(deps: Pick<ServiceDeps, 'clock' | 'config' | 'files' | 'vault' | 'vaultKeys'>, accountId: string, id: string, returnType: ImageReturn = 1): Promise<{ success: true; data: Record<string, unknown> }> {
  const row = await requireVaultEntry(deps, accountId, id);
  const images = await vaultContext(deps).repo.findImages(accountId, [row.id]);
  return { success: true, data: await entryView(deps, row, images, returnType) };
}
