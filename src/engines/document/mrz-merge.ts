/**
 * The legacy engine reads `<` fillers reliably but confuses OCR-B letters (W→N/H, M→H/14);
 * the LSTM engine reads letters well but turns fillers into K/L. Aligning the two reads of
 * a line and taking letters and digits from the LSTM read where both saw a character gets
 * the best of each; check digits then decide between merged and legacy lines.
 */
function align(a: string, b: string): Array<[string | undefined, string | undefined]> {
  const n = a.length, m = b.length;
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  const out: Array<[string | undefined, string | undefined]> = [];
  let i = n, j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && d[i]![j] === d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)) { out.push([a[i - 1], b[j - 1]]); i--; j--; }
    else if (i > 0 && d[i]![j] === d[i - 1]![j]! + 1) { out.push([a[i - 1], undefined]); i--; }
    else { out.push([undefined, b[j - 1]]); j--; }
  }
  return out.reverse();
}

const isAlnum = (c: string | undefined) => c !== undefined && /[A-Z0-9]/.test(c);

export function mergeLine(legacy: string, lstm: string): string {
  let out = '';
  for (const [a, b] of align(legacy, lstm)) {
    if (a === undefined) continue;
    out += isAlnum(a) && isAlnum(b) ? b! : a;
  }
  return out;
}

/** Pairs each legacy line with the LSTM line it aligns with best, then merges them. */
export function mergeReads(legacyLines: string[], lstmText: string): string[] | undefined {
  const lstm = lstmText.split('\n').map((l) => l.replace(/[^A-Z0-9<]/g, '')).filter((l) => l.length >= 20);
  if (lstm.length < legacyLines.length) return undefined;
  return legacyLines.map((line) => {
    let best = lstm[0]!, bestScore = -Infinity;
    for (const cand of lstm) {
      const pairs = align(line, cand);
      const same = pairs.filter(([a, b]) => a === b).length;
      if (same > bestScore) { bestScore = same; best = cand; }
    }
    return bestScore >= line.length * 0.5 ? mergeLine(line, best) : line;
  });
}
