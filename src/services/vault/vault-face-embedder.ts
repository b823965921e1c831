import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { isEngineTask } from '../../engines/pool/engine-tasks.ts';
import type { ServiceDeps } from '../deps.ts';

export const faceEngineAvailable = (): boolean => isEngineTask('face.embed');

/**
 * The face descriptor of the one person in an image, computed by the face engine's
 * `face.embed` task on the process's engine pool (composed in compose.ts, off the event loop).
 * Returns the engine's failure (no face, several faces, blurred…) as a DomainError the client can show.
 */
export async function embedFaceForVault(deps: Pick<ServiceDeps, 'engines'>, image: Buffer): Promise<number[]> {
  if (!faceEngineAvailable()) throw new DomainError(ErrorCode.Internal, 'Face search is not available: the face engine is not installed in this build');
  const result = await deps.engines.run('face.embed', { image: new Uint8Array(image) });
  if ('failure' in result) throw new DomainError(ErrorCode.InvalidImage, `No usable face in the image: ${result.failure.reason}`);
  return result.embedding;
}

/** The pool belongs to the composition (closed by compose's close); kept so callers still compile. */
export async function closeVaultEnginePool(_deps: unknown): Promise<void> {}
