import countries from 'i18n-iso-countries';
import { canonicalAddressWord, isUnitMarker } from './address-words.ts';
import { isOcrSlip } from './edit-distance.ts';
import { latinFold } from './latin-fold.ts';
import type { MatchResult } from './names-match.ts';
import { postcodesMatch } from './postcodes-match.ts';

export type DocumentAddress = {
  address1?: string;
  address2?: string;
  postcode?: string;
  /** Region names the document was issued in (full and abbreviation), so "California" ~ "CA". */
  regionNames?: string[];
};

type Tokens = { numbers: string[]; words: string[] };

/** Raw upper-case tokens: accents folded, '#' read as a unit marker, "12-B" kept as "12B". */
function rawTokens(text: string): string[] {
  return latinFold(text)
    .replace(/#/g, ' NO ')
    .replace(/(\d)\s*-\s*([A-Z])\b/g, '$1$2')
    .replace(/['’`.]/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** Removes the first run of one or two tokens that spells the document's postcode. */
function withoutPostcode(tokens: string[], postcode: string | undefined): string[] {
  if (!postcode) return tokens;
  for (let len = 2; len >= 1; len--) {
    for (let i = 0; i + len <= tokens.length; i++) {
      const run = tokens.slice(i, i + len).join('');
      if (/\d/.test(run) && postcodesMatch(run, { postcode })) return [...tokens.slice(0, i), ...tokens.slice(i + len)];
    }
  }
  return tokens;
}

function split(tokens: string[]): Tokens {
  const kept = tokens.filter((t) => !isUnitMarker(t)).map(canonicalAddressWord);
  return { numbers: kept.filter((t) => /\d/.test(t)), words: kept.filter((t) => !/\d/.test(t)) };
}

function isCountryName(words: string[]): boolean {
  const name = words.join(' ');
  if (words.length === 1 && /^[A-Z]{2,3}$/.test(name) && countries.isValid(name)) return true;
  return ['en', 'fr', 'de', 'es', 'nl'].some((lang) => countries.getAlpha2Code(name, lang) !== undefined);
}

/** Drops a trailing country name ("…, Canada", "… USA") from the leftover expected words. */
function withoutTrailingCountry(expectedWords: string[], leftover: Set<number>): Set<number> {
  const tail = [...leftover].sort((a, b) => a - b);
  for (let n = Math.min(4, tail.length); n >= 1; n--) {
    const idx = tail.slice(-n);
    const contiguousAtEnd = idx.every((v, i) => v === expectedWords.length - n + i);
    if (contiguousAtEnd && isCountryName(idx.map((i) => expectedWords[i]))) {
      return new Set(tail.slice(0, -n));
    }
  }
  return leftover;
}

/**
 * `verify_address` (rules in docs/matching-rules.md): house, unit and street numbers must agree
 * exactly; street-type, direction and unit words compare by canonical form; every word of the
 * document's street line must be in the expected address and every expected word must be on the
 * document (city, region, or a trailing country name excepted); one OCR slip in a 6+ letter word.
 */
export function addressesMatch(expected: string, doc: DocumentAddress): MatchResult {
  const street = split(withoutPostcode(rawTokens(doc.address1 ?? ''), doc.postcode));
  const locality = split(withoutPostcode(rawTokens(doc.address2 ?? ''), doc.postcode));
  const region = split((doc.regionNames ?? []).flatMap(rawTokens));
  const exp = split(withoutPostcode(rawTokens(expected), doc.postcode));
  if (street.numbers.length + street.words.length === 0) return { match: false, reason: 'no address read from the document' };
  if (exp.numbers.length + exp.words.length === 0) return { match: false, reason: 'no expected address given' };

  const docNumbers = new Set([...street.numbers, ...locality.numbers]);
  if (exp.numbers.some((n) => !docNumbers.has(n))) return { match: false, reason: 'a number differs' };
  if (street.numbers.some((n) => !exp.numbers.includes(n))) return { match: false, reason: 'a number differs' };

  let slips = 0;
  const findWord = (word: string, pool: string[]): number => {
    const exact = pool.indexOf(word);
    if (exact >= 0) return exact;
    if (slips >= 1) return -1;
    const near = pool.findIndex((p) => isOcrSlip(p, word));
    if (near >= 0) slips++;
    return near;
  };
  const usedExpected = new Set<number>();
  for (const word of street.words) {
    const i = findWord(word, exp.words.map((w, k) => (usedExpected.has(k) ? '' : w)));
    if (i < 0) return { match: false, reason: 'a street word differs' };
    usedExpected.add(i);
  }
  const docOther = [...locality.words, ...region.words];
  let leftover = new Set<number>();
  exp.words.forEach((w, k) => {
    if (!usedExpected.has(k) && !street.words.includes(w) && findWord(w, docOther) < 0) leftover.add(k);
  });
  leftover = withoutTrailingCountry(exp.words, leftover);
  if (leftover.size > 0) return { match: false, reason: 'the expected address has words the document does not show' };
  return { match: true };
}
