import { jaroWinkler, jaroWinklerUpperBound } from './jaro-winkler.ts';
import { abjadParts } from './normalize-name.ts';

/** Below this a token pair is not evidence of the same name and scores 0. */
export const MIN_TOKEN_SIM = 0.8;
/** Short tokens differ a lot with one letter (Jong/Song): they must agree more. */
const MIN_SHORT_TOKEN_SIM = 0.86;
const STRETCH = 1.6;
const PREFIX_EXTENSION_SIM = 0.8;

/**
 * Similarity of two normalised tokens, with their consonant skeletons precomputed. Equal
 * skeletons of three or more consonants mean the same name in another transliteration
 * (Putin/Poutine, Mohamed/Muhammad) and score at least 0.87–0.9 whatever the spelling distance;
 * two-consonant skeletons (Ali, Hassan) are too common to count as evidence.
 */
export function tokenSimilarity(a: string, b: string, skelA: string, skelB: string, sameSkel?: boolean): number {
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
  // A letter dropped from a four-letter word (Dong/Dog) is a typo more often than another name.
  if (short === 3 && long === 4 && oneDeletion(la < lb ? a : b, la < lb ? b : a)) return 0.8;
  if ((short <= 3 && la !== lb) || short / long < 0.5) {
    // Except an abjad spelling without vowels (Arabic حسن → "hsn" for Hassan).
    const shorter = la < lb ? a : b;
    return short >= 3 && !/[aeiouy]/.test(shorter) && skelA === skelB && skelA.length >= 2 ? 0.87 : 0;
  }
  const sameSkeleton = skelA.length >= 3 && (sameSkel ?? skelA === skelB);
  // Neither a Jaro-Winkler match nor a skeleton boost possible: skip the quadratic comparison.
  if (!sameSkeleton && jaroWinklerUpperBound(a, b) < (long <= 4 ? MIN_SHORT_TOKEN_SIM : MIN_TOKEN_SIM)) return 0;
  const jw = jaroWinkler(a, b);
  // Jaro-Winkler gives different names 0.85 (Mary/Mario, Jones/John): stretch the scale below
  // near-identity so only one-typo pairs stay close to 1.
  let s = jw >= (long <= 4 ? MIN_SHORT_TOKEN_SIM : MIN_TOKEN_SIM) ? (jw >= 0.97 ? jw : 1 - (1 - jw) * STRETCH) : 0;
  if (jw >= 0.7 && sameSkeleton) s = Math.max(s, skelA.length >= 4 ? 0.9 : 0.87);
  // One word plus two or more letters is mostly another name (Martin/Martinez, Jose/Josefina):
  // Jaro-Winkler's prefix bonus rates it like a typo.
  if (long - short >= 2 && s > PREFIX_EXTENSION_SIM && (la < lb ? b.startsWith(a) : a.startsWith(b))) s = PREFIX_EXTENSION_SIM;
  return s;
}

/** Vowel letters of a Latin spelling, by the long vowel of Arabic script they can stand for. */
const VOWEL_CLASS: Record<string, string> = { a: 'a', e: 'ai', i: 'i', o: 'u', u: 'u' };

/**
 * Whether the long vowels an Arabic-script word writes (ا, و, ي, read a, u, i) sit where the
 * Latin spelling has a vowel of that kind: حسين (hsin) is Hussein, not Hasan. Returns the share
 * of written vowels that agree (1 when none is written).
 */
function longVowelAgreement(q: string[], l: string[]): number {
  let written = 0;
  let agree = 0;
  for (let i = 0; i < q.length; i++) {
    const qv = q[i]!;
    if (!qv) continue;
    written++;
    const lv = l[i] ?? '';
    let ok = false;
    for (const c of qv) for (const d of lv) if (VOWEL_CLASS[d]!.includes(VOWEL_CLASS[c]![0]!)) ok = true;
    if (ok) agree++;
  }
  return written ? agree / written : 1;
}

/**
 * For words written in Arabic script (short vowels unwritten, و/ي read as u/i, no doubling):
 * equal written consonants (`abjadParts`) are the evidence, weighed by whether the long vowels
 * agree; one consonant apart a weaker one; otherwise the ordinary comparison.
 */
export function abjadSimilarity(
  a: string, b: string, skelA: string, skelB: string,
  pa: { cons: string; gaps: string[] } = abjadParts(a, true), pb: { cons: string; gaps: string[] } = abjadParts(b),
): number {
  const s = tokenSimilarity(a, b, skelA, skelB);
  if (pa.cons.length < 2 || pb.cons.length < 2) {
    // One consonant and its long vowels (راوي rawi, ريس rais): only when every written vowel agrees.
    if (pa.cons.length === 1 && pa.cons === pb.cons && a.length >= 3 && b.length <= a.length + 2 && pa.gaps.some(Boolean) && longVowelAgreement(pa.gaps, pb.gaps) === 1) return Math.max(s, 0.9);
    return s;
  }
  if (pa.cons === pb.cons) return Math.max(s, 0.9 + 0.07 * longVowelAgreement(pa.gaps, pb.gaps));
  if (pa.cons.length >= 4 && pb.cons.length >= 4 && Math.abs(pa.cons.length - pb.cons.length) <= 1 && jaroWinkler(pa.cons, pb.cons) >= 0.9) return Math.max(s, 0.84);
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

/** Whether `short` is `long` with one letter after the first removed. */
function oneDeletion(short: string, long: string): boolean {
  if (short[0] !== long[0]) return false;
  let i = 1;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}
