/**
 * Folding of Latin text for comparisons. NFKD + removal of combining marks handles most accents;
 * the letters below do not decompose, so they are mapped by hand. The ICAO 9303 transliteration
 * (used in every MRZ) writes some letters as two (Ä→AE, Ø→OE, ß→SS…), while people typing a
 * name usually drop the accent (Ä→A): both spellings are produced so either can match.
 */
const PLAIN: Record<string, string> = {
  ß: 'SS', ẞ: 'SS', Æ: 'AE', æ: 'AE', Œ: 'OE', œ: 'OE', Ø: 'O', ø: 'O', Ł: 'L', ł: 'L',
  Đ: 'D', đ: 'D', Ð: 'D', ð: 'D', Þ: 'TH', þ: 'TH', ı: 'I', Ħ: 'H', ħ: 'H', Ŧ: 'T', ŧ: 'T',
};
const ICAO: Record<string, string> = {
  ...PLAIN, Ä: 'AE', ä: 'AE', Ö: 'OE', ö: 'OE', Ü: 'UE', ü: 'UE', Å: 'AA', å: 'AA', Ø: 'OE', ø: 'OE',
};

function fold(text: string, table: Record<string, string>): string {
  const mapped = [...text].map((ch) => table[ch] ?? ch).join('');
  return mapped.normalize('NFKD').replace(/\p{M}+/gu, '').toUpperCase();
}

/** Upper-case ASCII-folded spellings of `text`: the plain one first, then the ICAO one if different. */
export function latinFoldings(text: string): string[] {
  const plain = fold(text, PLAIN);
  const icao = fold(text, ICAO);
  return icao === plain ? [plain] : [plain, icao];
}

export function latinFold(text: string): string {
  return fold(text, PLAIN);
}
