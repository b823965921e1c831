/** ICAO 9303 check digit: weights 7-3-1, digits as themselves, A–Z as 10–35, `<` as 0. */
export function mrzCheckDigit(s: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : 0;
    sum += v * weights[i % 3]!;
  }
  return sum % 10;
}

/** A check character agrees when it is the digit; an all-filler optional field may carry `<` for 0. */
export function checkAgrees(field: string, check: string, fillerAllowed = false): boolean {
  if (fillerAllowed && check === '<' && /^<*$/.test(field)) return true;
  return check === String(mrzCheckDigit(field));
}
