// Scratch flags reused across calls: the matcher compares thousands of short tokens per second
// and allocating two arrays per comparison would dominate.
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

/** Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, up to 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (la > flagsA.length || lb > flagsB.length) {
    flagsA = new Uint8Array(Math.max(la, lb) * 2);
    flagsB = new Uint8Array(Math.max(la, lb) * 2);
  }
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  const range = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(lb - 1, i + range);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - t / 2) / matches) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

const counts = new Int32Array(128);

/**
 * A cheap upper bound of `jaroWinkler(a, b)` from the letters the two share (Jaro can match at
 * most that many). Blocking brings hundreds of candidate tokens per query word; this rejects
 * most of them without the quadratic comparison.
 */
export function jaroWinklerUpperBound(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  for (let i = 0; i < la; i++) counts[a.charCodeAt(i) & 127]!++;
  let m = 0;
  for (let i = 0; i < lb; i++) {
    const c = b.charCodeAt(i) & 127;
    if (counts[c]! > 0) {
      counts[c]!--;
      m++;
    }
  }
  for (let i = 0; i < la; i++) counts[a.charCodeAt(i) & 127] = 0;
  if (m === 0) return 0;
  const jaro = (m / la + m / lb + 1) / 3;
  // The Winkler bonus is exactly known: the common prefix, up to four letters.
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}
