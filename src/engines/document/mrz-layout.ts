/**
 * ICAO 9303 layouts by format, plus the one national non-ICAO layout still in circulation (the
 * pre-2021 French identity card): where each field sits and which spans each check digit covers.
 * Positions are [line, start, end) with end exclusive.
 */
export type MrzFormat = 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB' | 'FR_CNI';
export type Span = readonly [line: number, start: number, end: number];

export type MrzLayout = {
  format: MrzFormat;
  lines: number;
  length: number;
  documentCode: Span;
  /** Letters the document code may start with (ICAO: P for passports, V for visas). */
  documentCodeFirst: string;
  issuer: Span;
  /** Surname `<<` given names; where `givenNames` has its own span, the surname alone. */
  names: Span;
  givenNames?: Span;
  documentNumber: Span;
  documentNumberCheck: Span;
  /** Absent where the format implies it (`impliedNationality`). */
  nationality?: Span;
  impliedNationality?: string;
  birth: Span;
  birthCheck: Span;
  sex: Span;
  /** Absent on formats that print no expiry in the MRZ. */
  expiry?: Span;
  expiryCheck?: Span;
  optional: Span[];
  /** Characters the format fixes (the French card's `IDFRA`): the layout is recognised by them. */
  fixedPrefix?: string;
  /** Issue year and month (YYMM), where the format encodes them. */
  issued?: Span;
  /** TD3 personal number with its own check digit. */
  personal?: { field: Span; check: Span };
  /** Composite check and the spans it covers, in order. */
  composite?: { check: Span; covers: Span[] };
};

const TD3: MrzLayout = {
  format: 'TD3', lines: 2, length: 44,
  documentCode: [0, 0, 2], documentCodeFirst: 'P', issuer: [0, 2, 5], names: [0, 5, 44],
  documentNumber: [1, 0, 9], documentNumberCheck: [1, 9, 10], nationality: [1, 10, 13],
  birth: [1, 13, 19], birthCheck: [1, 19, 20], sex: [1, 20, 21], expiry: [1, 21, 27], expiryCheck: [1, 27, 28],
  optional: [[1, 28, 42]],
  personal: { field: [1, 28, 42], check: [1, 42, 43] },
  composite: { check: [1, 43, 44], covers: [[1, 0, 10], [1, 13, 20], [1, 21, 43]] },
};
const MRVA: MrzLayout = { ...TD3, format: 'MRVA', documentCodeFirst: 'V', optional: [[1, 28, 44]], personal: undefined, composite: undefined };
const TD2: MrzLayout = {
  format: 'TD2', lines: 2, length: 36,
  documentCode: [0, 0, 2], documentCodeFirst: 'ACIPV', issuer: [0, 2, 5], names: [0, 5, 36],
  documentNumber: [1, 0, 9], documentNumberCheck: [1, 9, 10], nationality: [1, 10, 13],
  birth: [1, 13, 19], birthCheck: [1, 19, 20], sex: [1, 20, 21], expiry: [1, 21, 27], expiryCheck: [1, 27, 28],
  optional: [[1, 28, 35]],
  composite: { check: [1, 35, 36], covers: [[1, 0, 10], [1, 13, 20], [1, 21, 35]] },
};
const MRVB: MrzLayout = { ...TD2, format: 'MRVB', documentCodeFirst: 'V', optional: [[1, 28, 36]], composite: undefined };
const TD1: MrzLayout = {
  format: 'TD1', lines: 3, length: 30,
  documentCode: [0, 0, 2], documentCodeFirst: 'ACIPV', issuer: [0, 2, 5], names: [2, 0, 30],
  documentNumber: [0, 5, 14], documentNumberCheck: [0, 14, 15], nationality: [1, 15, 18],
  birth: [1, 0, 6], birthCheck: [1, 6, 7], sex: [1, 7, 8], expiry: [1, 8, 14], expiryCheck: [1, 14, 15],
  optional: [[0, 15, 30], [1, 18, 29]],
  composite: { check: [1, 29, 30], covers: [[0, 5, 30], [1, 0, 7], [1, 8, 15], [1, 18, 29]] },
};

/**
 * Pre-2021 French identity card (1988–2021), 2×36 like TD2 but laid out differently and with no
 * nationality or expiry: `IDFRA`, surname, administrative code (department + office); number
 * (issue YYMM, department, sequence) and its check, given names, birth date and check, sex, and
 * a final check over line 1 and line 2 up to it.
 */
const FR_CNI: MrzLayout = {
  format: 'FR_CNI', lines: 2, length: 36, fixedPrefix: 'IDFRA',
  documentCode: [0, 0, 2], documentCodeFirst: 'I', issuer: [0, 2, 5], names: [0, 5, 30], givenNames: [1, 13, 27],
  documentNumber: [1, 0, 12], documentNumberCheck: [1, 12, 13], issued: [1, 0, 4], impliedNationality: 'FRA',
  birth: [1, 27, 33], birthCheck: [1, 33, 34], sex: [1, 34, 35],
  optional: [[0, 30, 36]],
  composite: { check: [1, 35, 36], covers: [[0, 0, 36], [1, 0, 35]] },
};

// OCR slips the French prefix invites (I/1, D/0/O, F/E, A/4); no ICAO TD2 starts with any of these.
const FR_CNI_PREFIX = /^[I1L][D0O][FE]R[A4]/;

/** `lineStart`: the first line's first five characters (fewer work for the ICAO formats). */
export function layoutFor(lineCount: number, length: number, lineStart: string): MrzLayout | undefined {
  if (lineCount === 3 && length === 30) return TD1;
  if (lineCount === 2 && length === 44) return lineStart[0] === 'V' ? MRVA : TD3;
  if (lineCount === 2 && length === 36) return FR_CNI_PREFIX.test(lineStart) ? FR_CNI : lineStart[0] === 'V' ? MRVB : TD2;
  return undefined;
}

/** The name fields: surname and given names together, or each in its own span (the French card). */
export const nameSpans = (layout: MrzLayout): Span[] => [layout.names, layout.givenNames].filter((s) => s !== undefined);

/** ICAO TD1–TD3 let a long document number run on into the optional data; visas and the French card do not. */
export const numberMayOverflow = (layout: MrzLayout) => layout.format === 'TD1' || layout.format === 'TD2' || layout.format === 'TD3';

export const cut = (lines: readonly string[], [l, s, e]: Span): string => (lines[l] ?? '').slice(s, e);
