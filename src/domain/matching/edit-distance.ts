/** Levenshtein distance, stopping early once it exceeds `max` (only "≤ 1" is ever asked). */
export function withinEditDistance(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return false;
    prev = cur;
  }
  return prev[b.length] <= max;
}

/** OCR slip rule shared by names and addresses: one edit, and only between words of 6+ letters. */
export const SLIP_MIN_LENGTH = 6;
export function isOcrSlip(a: string, b: string): boolean {
  return a.length >= SLIP_MIN_LENGTH && b.length >= SLIP_MIN_LENGTH && a !== b && withinEditDistance(a, b, 1);
}
