import { DomainError, ErrorCode } from '../domain/errors.ts';
import { EnginePool } from '../engines/pool/engine-pool.ts';
import { engineTasks } from '../engines/pool/engine-tasks.ts';
import type { EmbedResult } from '../engines/face/face-types.ts';
import type { ServiceDeps } from './deps.ts';

/** Deps may carry the process's engine pool (compose.ts); otherwise the vault keeps a small one. */
type PoolDeps = ServiceDeps & { engines?: Pick<EnginePool, 'run'> };

const ownPools = new WeakMap<object, EnginePool>();

export const faceEngineAvailable = (): boolean => 'face.embed' in engineTasks;

/**
 * The face descriptor of the one person in an image, computed by the face engine's
 * `face.embed` pool task (off the event loop). Returns the engine's failure (no face, several
 * faces, blurred…) as a DomainError the client can show.
 */
export async function embedFaceForVault(deps: PoolDeps, image: Buffer): Promise<number[]> {
  if (!faceEngineAvailable()) throw new DomainError(ErrorCode.Internal, 'Face search is not available: the face engine is not installed in this build');
  let pool = deps.engines;
  if (!pool) {
    pool = ownPools.get(deps) ?? new EnginePool({ threads: 1 });
    ownPools.set(deps, pool as EnginePool);
  }
  const result = await pool.run<EmbedResult>('face.embed', { image: new Uint8Array(image) });
  if ('failure' in result) throw new DomainError(ErrorCode.InvalidImage, `No usable face in the image: ${result.failure.reason}`);
  return result.embedding;
}

export async function closeVaultEnginePool(deps: object): Promise<void> {
  const pool = ownPools.get(deps);
  ownPools.delete(deps);
  await pool?.close();
}
