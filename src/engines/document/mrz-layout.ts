/**
 * ICAO 9303 layouts by format: where each field sits and which spans each check digit covers.
 * Positions are [line, start, end) with end exclusive.
 */
export type MrzFormat = 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB';
export type Span = readonly [line: number, start: number, end: number];

export type MrzLayout = {
  format: MrzFormat;
  lines: number;
  length: number;
  documentCode: Span;
  issuer: Span;
  names: Span;
  documentNumber: Span;
  documentNumberCheck: Span;
  nationality: Span;
  birth: Span;
  birthCheck: Span;
  sex: Span;
  expiry: Span;
  expiryCheck: Span;
  optional: Span[];
  /** TD3 personal number with its own check digit. */
  personal?: { field: Span; check: Span };
  /** Composite check and the spans it covers, in order. */
  composite?: { check: Span; covers: Span[] };
};

const TD3: MrzLayout = {
  format: 'TD3', lines: 2, length: 44,
  documentCode: [0, 0, 2], issuer: [0, 2, 5], names: [0, 5, 44],
  documentNumber: [1, 0, 9], documentNumberCheck: [1, 9, 10], nationality: [1, 10, 13],
  birth: [1, 13, 19], birthCheck: [1, 19, 20], sex: [1, 20, 21], expiry: [1, 21, 27], expiryCheck: [1, 27, 28],
  optional: [[1, 28, 42]],
  personal: { field: [1, 28, 42], check: [1, 42, 43] },
  composite: { check: [1, 43, 44], covers: [[1, 0, 10], [1, 13, 20], [1, 21, 43]] },
};
const MRVA: MrzLayout = { ...TD3, format: 'MRVA', optional: [[1, 28, 44]], personal: undefined, composite: undefined };
const TD2: MrzLayout = {
  format: 'TD2', lines: 2, length: 36,
  documentCode: [0, 0, 2], issuer: [0, 2, 5], names: [0, 5, 36],
  documentNumber: [1, 0, 9], documentNumberCheck: [1, 9, 10], nationality: [1, 10, 13],
  birth: [1, 13, 19], birthCheck: [1, 19, 20], sex: [1, 20, 21], expiry: [1, 21, 27], expiryCheck: [1, 27, 28],
  optional: [[1, 28, 35]],
  composite: { check: [1, 35, 36], covers: [[1, 0, 10], [1, 13, 20], [1, 21, 35]] },
};
const MRVB: MrzLayout = { ...TD2, format: 'MRVB', optional: [[1, 28, 36]], composite: undefined };
const TD1: MrzLayout = {
  format: 'TD1', lines: 3, length: 30,
  documentCode: [0, 0, 2], issuer: [0, 2, 5], names: [2, 0, 30],
  documentNumber: [0, 5, 14], documentNumberCheck: [0, 14, 15], nationality: [1, 15, 18],
  birth: [1, 0, 6], birthCheck: [1, 6, 7], sex: [1, 7, 8], expiry: [1, 8, 14], expiryCheck: [1, 14, 15],
  optional: [[0, 15, 30], [1, 18, 29]],
  composite: { check: [1, 29, 30], covers: [[0, 5, 30], [1, 0, 7], [1, 8, 15], [1, 18, 29]] },
};

export function layoutFor(lineCount: number, length: number, firstChar: string): MrzLayout | undefined {
  if (lineCount === 3 && length === 30) return TD1;
  if (lineCount === 2 && length === 44) return firstChar === 'V' ? MRVA : TD3;
  if (lineCount === 2 && length === 36) return firstChar === 'V' ? MRVB : TD2;
  return undefined;
}

export const cut = (lines: readonly string[], [l, s, e]: Span): string => (lines[l] ?? '').slice(s, e);
