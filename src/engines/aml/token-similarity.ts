import { jaroWinkler, jaroWinklerUpperBound } from './jaro-winkler.ts';

/** Below this a token pair is not evidence of the same name and scores 0. */
export const MIN_TOKEN_SIM = 0.8;
/** Short tokens differ a lot with one letter (Jong/Song): they must agree more. */
const MIN_SHORT_TOKEN_SIM = 0.87;
const STRETCH = 1.6;

/**
 * Similarity of two normalised tokens, with their consonant skeletons precomputed. Equal
 * skeletons of three or more consonants mean the same name in another transliteration
 * (Putin/Poutine, Mohamed/Muhammad) and score at least 0.87–0.9 whatever the spelling distance;
 * two-consonant skeletons (Ali, Hassan) are too common to count as evidence.
 */
export function tokenSimilarity(a: string, b: string, skelA: string, skelB: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  // An initial stands for a name: "V." for Vladimir scores well, a full name against a listed
  // initial less (the query says more than the list can confirm).
  if (la === 1) return a[0] === b[0] ? 0.85 : 0;
  if (lb === 1) return a[0] === b[0] ? 0.7 : 0;
  const short = Math.min(la, lb);
  const long = Math.max(la, lb);
  // "al" is not "ali", "sm" is not "smith": Jaro-Winkler rewards such prefixes too much.
  if ((short <= 3 && la !== lb) || short / long < 0.5) {
    // Except an abjad spelling without vowels (Arabic حسن → "hsn" for Hassan).
    const shorter = la < lb ? a : b;
    return short >= 3 && !/[aeiouy]/.test(shorter) && skelA === skelB && skelA.length >= 2 ? 0.87 : 0;
  }
  const sameSkeleton = skelA.length >= 3 && skelA === skelB;
  // Neither a Jaro-Winkler match nor a skeleton boost possible: skip the quadratic comparison.
  if (!sameSkeleton && jaroWinklerUpperBound(a, b) < (long <= 4 ? MIN_SHORT_TOKEN_SIM : MIN_TOKEN_SIM)) return 0;
  const jw = jaroWinkler(a, b);
  // Jaro-Winkler gives different names 0.85 (Mary/Mario, Jones/John): stretch the scale below
  // near-identity so only one-typo pairs stay close to 1.
  let s = jw >= (long <= 4 ? MIN_SHORT_TOKEN_SIM : MIN_TOKEN_SIM) ? (jw >= 0.97 ? jw : 1 - (1 - jw) * STRETCH) : 0;
  if (jw >= 0.7 && sameSkeleton) s = Math.max(s, skelA.length >= 4 ? 0.9 : 0.87);
  return s;
}

/**
 * For words transliterated from Arabic script (short vowels unwritten, و/ي read as u/i):
 * equal consonant skeletons are the evidence (جدو "jdu" = Gedo, همدن "hmdn" = Hamdan), one
 * consonant apart a weaker one; otherwise the ordinary comparison.
 */
export function abjadSimilarity(a: string, b: string, skelA: string, skelB: string): number {
  const s = tokenSimilarity(a, b, skelA, skelB);
  if (skelA.length >= 2 && skelA === skelB) return Math.max(s, skelA.length >= 3 ? 0.9 : 0.86);
  if (skelA.length >= 4 && skelB.length >= 4 && Math.abs(skelA.length - skelB.length) <= 1 && jaroWinkler(skelA, skelB) >= 0.9) return Math.max(s, 0.82);
  return s;
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
