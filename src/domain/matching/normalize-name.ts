import { latinFold, latinFoldings } from './latin-fold.ts';

/**
 * Tokens of a personal name in a canonical form: upper case, accents removed, MRZ `<` fillers,
 * hyphens, commas and other punctuation turned into separators, apostrophes and dots dropped
 * ("O'Brien" → OBRIEN, as the MRZ writes it; "J." → J).
 */
function tokensOf(folded: string): string[] {
  return folded
    .replace(/['’`´ʼ.]/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** The canonical single-string form of a name (plain transliteration), e.g. "José-María O'Neil" → "JOSE MARIA ONEIL". */
export function normalizeName(name: string): string {
  return tokensOf(latinFold(name)).join(' ');
}

/** Token lists of every accepted spelling of `name` (plain and ICAO transliteration). */
export function nameTokenVariants(name: string): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const folded of latinFoldings(name)) {
    const tokens = tokensOf(folded);
    const key = tokens.join(' ');
    if (!seen.has(key)) {
      seen.add(key);
      out.push(tokens);
    }
  }
  return out;
}
