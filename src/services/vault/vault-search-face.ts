import { searchFaces } from '../../engines/face/search-faces.ts';
import { invalidValue } from '../../domain/errors.ts';
import type { ServiceDeps } from '../deps.ts';
import { intakeImage } from '../session/intake-image.ts';
import { intakeLimits } from '../session/session-files.ts';
import { readImageSource } from './vault-images.ts';
import { embedFaceForVault } from './vault-face-embedder.ts';
import { vaultContext } from './vault-context.ts';
import { openEmbedding } from './vault-sealing.ts';
import { entryView, type ImageReturn } from './vault-entry-view.ts';

export type FaceSearchHit = { entryId: string; confidence: number; distance: number };

/**
 * 1:N search over this account's stored descriptors: each entry scores its best face, entries
 * at or above `threshold` (the face engine's 0–1 confidence) come back best first. Embeddings
 * are indexed when saved, so there is no training step and no stale index.
 */
export async function searchVaultByEmbedding(deps: Pick<ServiceDeps, 'vault' | 'vaultKeys'>, accountId: string, probe: number[], opts: { maxentry: number; threshold: number }): Promise<FaceSearchHit[]> {
  const { repo, crypto } = vaultContext(deps);
  const faces = await repo.findFaces(accountId);
  const entryOf = new Map(faces.map((f) => [f.id, f.entry_id]));
  const candidates = faces.map((f) => ({ id: f.id, embedding: openEmbedding(crypto, f) }));
  // Hits come best first; an entry with several faces keeps its best one.
  const best = new Map<string, FaceSearchHit>();
  for (const hit of searchFaces(probe, candidates, { threshold: opts.threshold, maxEntry: candidates.length })) {
    const entryId = entryOf.get(hit.id)!;
    if (!best.has(entryId)) best.set(entryId, { entryId, confidence: hit.confidence, distance: hit.distance });
  }
  return [...best.values()].slice(0, opts.maxentry);
}

export function readSearchOptions(raw: Record<string, unknown>): { maxentry: number; threshold: number } {
  const maxentry = raw.maxentry === undefined || raw.maxentry === '' ? 10 : Number(raw.maxentry);
  if (!Number.isInteger(maxentry) || maxentry < 1 || maxentry > 10) throw invalidValue('maxentry', 'an integer from 1 to 10');
  const threshold = raw.threshold === undefined || raw.threshold === '' ? 0.5 : Number(raw.threshold);
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) throw invalidValue('threshold', 'a number from 0 to 1');
  return { maxentry, threshold };
}

/** Hits as full entries (as `list` items) with the match confidence added. */
export async function faceSearchItems(deps: Pick<ServiceDeps, 'clock' | 'config' | 'files' | 'vault' | 'vaultKeys'>, accountId: string, hits: FaceSearchHit[], returnType: ImageReturn) {
  const { repo } = vaultContext(deps);
  const rows = await repo.findEntries(accountId, hits.map((h) => h.entryId));
  const images = await repo.findImages(accountId, rows.map((r) => r.id));
  const items = [];
  for (const hit of hits) {
    const row = rows.find((r) => r.id === hit.entryId);
    if (!row) continue;
    const view = await entryView(deps, row, images.filter((i) => i.entry_id === row.id), returnType);
    items.push({ ...view, face_confidence: hit.confidence.toFixed(3) });
  }
  return { items };
}

/** `POST /vault/searchface`: the probe image is checked, embedded and searched; the hits as entries. */
export async function searchVaultFaces(deps: Pick<ServiceDeps, 'clock' | 'config' | 'engines' | 'files' | 'vault' | 'vaultKeys'>, accountId: string, raw: Record<string, unknown>, returnType: ImageReturn) {
  const opts = readSearchOptions(raw);
  const img = await intakeImage(readImageSource(raw), intakeLimits(deps));
  const probe = await embedFaceForVault(deps, img.data);
  const hits = await searchVaultByEmbedding(deps, accountId, probe, opts);
  return faceSearchItems(deps, accountId, hits, returnType);
}
