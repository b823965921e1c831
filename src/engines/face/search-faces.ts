import { confidenceFromDistance, euclidean } from './confidence-from-distance.ts';
import type { SearchCandidate, SearchHit } from './face-types.ts';

/**
 * 1:N search for the Vault API's `searchface`: every stored embedding whose confidence against
 * the query reaches `threshold`, best first, at most `maxEntry`. Pure and linear: a vault of
 * 100k faces is ~13M multiply-adds, a few tens of milliseconds.
 */
export function searchFaces(
  query: Float32Array | number[],
  candidates: SearchCandidate[],
  opts: { threshold: number; maxEntry: number },
): SearchHit[] {
  const hits: SearchHit[] = [];
  for (const c of candidates) {
    if (c.embedding.length !== query.length) continue; // an embedding from another model version
    const distance = euclidean(query, c.embedding);
    const confidence = confidenceFromDistance(distance);
    if (confidence >= opts.threshold) hits.push({ id: c.id, confidence, distance: Math.round(distance * 10000) / 10000 });
  }
  hits.sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id));
  return hits.slice(0, Math.max(0, opts.maxEntry));
}
