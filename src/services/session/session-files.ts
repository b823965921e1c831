import { randomUUID, createHash } from 'node:crypto';
import type { ServiceDeps } from '../deps.ts';
import type { SessionFileRow } from '../../database/repositories/sessions-repository.ts';
import { intakeImage, type ImageSource } from './intake-image.ts';

/** Roles a session file can have; a role is stored once per attempt (a newer upload replaces it). */
export type SessionFileRole = 'document' | 'document_back' | 'face' | 'face_video' | 'contract' | 'signature';

export const intakeLimits = (deps: Pick<ServiceDeps, 'config'>) => ({
  maxBytes: deps.config.maxUploadBytes,
  maxPixels: deps.config.maxImagePixels,
  allowPrivateUrls: deps.config.allowPrivateUrls,
});

/** Encrypts and stores already-validated bytes; returns the row to insert. */
export async function storeSessionFile(
  deps: Pick<ServiceDeps, 'files' | 'clock'>,
  accountId: string,
  reference: string,
  role: string,
  file: { data: Buffer; mime: string; ext: string },
): Promise<SessionFileRow> {
  const id = randomUUID();
  const storageKey = `sessions/${accountId}/${reference}/${role}-${id.slice(0, 8)}.${file.ext}`;
  await deps.files.put(storageKey, file.data);
  return {
    id,
    reference,
    account_id: accountId,
    role,
    storage_key: storageKey,
    mime: file.mime,
    size: file.data.length,
    sha256: createHash('sha256').update(file.data).digest('hex'),
    created_at: deps.clock(),
  };
}

/** Validates each image (type by content, size, pixels, full decode) and stores it encrypted. */
export async function storeSessionImages(
  deps: Pick<ServiceDeps, 'files' | 'clock' | 'config'>,
  accountId: string,
  reference: string,
  sources: Map<string, ImageSource>,
): Promise<SessionFileRow[]> {
  const accepted = await Promise.all([...sources].map(async ([role, src]) => ({ role, img: await intakeImage(src, intakeLimits(deps)) })));
  const rows: SessionFileRow[] = [];
  for (const { role, img } of accepted) rows.push(await storeSessionFile(deps, accountId, reference, role, img));
  return rows;
}
