import { DomainError, ErrorCode, invalidValue } from '../../domain/errors.ts';
import type { ServiceDeps } from '../deps.ts';
import { vaultContext } from './vault-context.ts';
import { requireVaultEntry } from './vault-get-entry.ts';
import { faceRow, storeVaultImage } from './vault-save-entry.ts';
import { imageView, type ImageReturn } from './vault-entry-view.ts';
import { intakeImage, type ImageSource } from '../session/intake-image.ts';
import { intakeLimits } from '../session/session-files.ts';
import { embedFaceForVault, faceEngineAvailable } from './vault-face-embedder.ts';

/** `image` (base64) or `imageurl` (fetched under the outbound URL policy). */
export function readImageSource(raw: Record<string, unknown>): ImageSource {
  if (typeof raw.image === 'string' && raw.image !== '') return { kind: 'base64', param: 'image', data: raw.image };
  if (typeof raw.imageurl === 'string' && raw.imageurl !== '') return { kind: 'url', param: 'imageurl', url: raw.imageurl };
  throw invalidValue('image', 'send `image` (base64) or `imageurl`');
}

/**
 * Adds a document (type 0) or person (type 1) image to an entry. A person image is also
 * embedded for face search when the face engine is present; an image without a usable face is
 * still stored (it is the caller's record), just not searchable.
 */
export async function addVaultImage(deps: Pick<ServiceDeps, 'clock' | 'config' | 'engines' | 'files' | 'logger' | 'randomBytes' | 'vault' | 'vaultKeys'>, accountId: string, entryId: string, type: number, source: ImageSource, returnType: ImageReturn = 1) {
  if (type !== 0 && type !== 1) throw invalidValue('type', '0 (document) or 1 (person)');
  await requireVaultEntry(deps, accountId, entryId);
  const img = await intakeImage(source, intakeLimits(deps));
  let embedding: number[] | undefined;
  if (type === 1 && faceEngineAvailable()) {
    try {
      embedding = await embedFaceForVault(deps, img.data);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      deps.logger.info({ entryId, reason: e.message }, 'vault person image stored without a face descriptor');
    }
  }
  const row = await storeVaultImage(deps, accountId, entryId, { type, bytes: img.data, ext: img.ext });
  const face = embedding ? faceRow(deps, accountId, entryId, row.id, embedding) : undefined;
  try {
    await vaultContext(deps).repo.insertImage(row, face, deps.clock());
  } catch (e) {
    await deps.files.delete(row.storage_key);
    throw e;
  }
  return { success: true as const, image: await imageView(deps, row, returnType) };
}

export async function deleteVaultImage(deps: Pick<ServiceDeps, 'clock' | 'files' | 'vault' | 'vaultKeys'>, accountId: string, entryId: string, imageId: string): Promise<{ success: true }> {
  const row = await vaultContext(deps).repo.deleteImage(accountId, entryId, imageId, deps.clock());
  if (!row) throw new DomainError(ErrorCode.InvalidValue, `Image ${imageId} not found in vault entry ${entryId}`);
  await deps.files.delete(row.storage_key);
  return { success: true };
}
