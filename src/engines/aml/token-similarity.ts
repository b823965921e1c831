import { jaroWinkler } from './jaro-winkler.ts';

/** Below this a token pair is not evidence of the same name and scores 0. */
export const MIN_TOKEN_SIM = 0.8;
/**
 * Equal consonant skeletons mean the same name in another transliteration (Putin/Poutine,
 * Mohamed/Muhammad); such pairs score at least this, whatever their spelling distance.
 */
const SKELETON_EQUAL_SIM = 0.9;

/** Similarity of two normalised tokens, with their skeletons precomputed. */
export function tokenSimilarity(a: string, b: string, skelA: string, skelB: string): number {
  if (a === b) return 1;
  if (a.length === 1 || b.length === 1) return a[0] === b[0] ? 0.85 : 0;
  let s = jaroWinkler(a, b);
  if (skelA.length >= 2 && skelA === skelB && s < SKELETON_EQUAL_SIM) s = SKELETON_EQUAL_SIM;
  return s >= MIN_TOKEN_SIM ? s : 0;
}

/** Deletion neighbourhood (distance 1) of a skeleton, for typo-tolerant blocking keys. */
export function deletions(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const d = s.slice(0, i) + s.slice(i + 1);
    if (!out.includes(d)) out.push(d);
  }
  return out;
}
