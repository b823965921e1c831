import type { ServiceDeps } from '../deps.ts';
import { vaultContext } from './vault-context.ts';
import { formatVaultTime } from './vault-record.ts';

/**
 * The vendor's face search needs a training run after entries change; idgate's does not:
 * descriptors are indexed when an entry or image is saved and every search reads the current
 * set. `train` therefore does nothing and says so; `trainstatus` always reports a ready index.
 */
export async function trainVault(deps: Pick<ServiceDeps, 'vault' | 'vaultKeys'>, accountId: string) {
  const faces = (await vaultContext(deps).repo.findFaces(accountId)).length;
  return { success: true, status: 'ok', message: 'No training needed: face descriptors are indexed when saved; searches always use every stored face.', indexed_faces: faces };
}

export async function vaultTrainingStatus(deps: Pick<ServiceDeps, 'clock' | 'vault' | 'vaultKeys'>, accountId: string) {
  const faces = (await vaultContext(deps).repo.findFaces(accountId)).length;
  const now = formatVaultTime(deps.clock());
  return { success: true, status: 'ok', statusCode: 0, message: 'Face index is always current; there is no separate training step.', indexed_faces: faces, last_train_time: now, started: now, error: '' };
}
