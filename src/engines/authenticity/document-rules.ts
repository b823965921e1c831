import type { DocumentKind } from '../document/document-reading.ts';

/**
 * Physical and legal facts per document kind (ICAO 9303 parts 4–7; ISO/IEC 7810; AAMVA DL/ID
 * CDS 2020), used by the layout and text checks.
 */
export type KindRules = {
  /** Width / height of the document (landscape), and alternatives (a passport's open spread). */
  aspects: number[];
  /** Does the side carrying the MRZ also carry the portrait? (TD1: the MRZ is on the back.) */
  portraitOnMrzSide: boolean;
  /** The MRZ starts this far down the document at the latest (fraction of the height). */
  mrzTopMin: number;
  /** The MRZ spans at least this share of the document width. */
  mrzWidthMin: number;
  /** Longest plausible validity in years (issue → expiry). */
  maxValidityYears: number;
};

// ID-1 85.60×53.98 mm; ID-2 105×74; ID-3 125×88 (and the open booklet 125×176 portrait); MRV-A 120×80.
const ID1 = 85.6 / 53.98;
const ID2 = 105 / 74;
const ID3 = 125 / 88;

export const KIND_RULES: Record<Exclude<DocumentKind, 'UNKNOWN'>, KindRules> = {
  // Some countries issue 10-year passports renewed with remaining validity added (up to ~11 years);
  // 15 leaves room for that without admitting nonsense.
  TD3: { aspects: [ID3, 125 / 176], portraitOnMrzSide: true, mrzTopMin: 0.55, mrzWidthMin: 0.7, maxValidityYears: 15 },
  TD2: { aspects: [ID2], portraitOnMrzSide: true, mrzTopMin: 0.55, mrzWidthMin: 0.7, maxValidityYears: 15 },
  // Several countries issue identity cards valid 15 years or, for older holders, longer; 20 is the ceiling here.
  TD1: { aspects: [ID1], portraitOnMrzSide: false, mrzTopMin: 0.5, mrzWidthMin: 0.7, maxValidityYears: 20 },
  MRVA: { aspects: [120 / 80], portraitOnMrzSide: true, mrzTopMin: 0.55, mrzWidthMin: 0.7, maxValidityYears: 11 },
  MRVB: { aspects: [ID2], portraitOnMrzSide: true, mrzTopMin: 0.55, mrzWidthMin: 0.7, maxValidityYears: 11 },
  // Pre-2021 French card: ID-2, portrait beside the MRZ; 15 years for adults' cards issued from 2004 (extended by decree in 2014).
  FR_CNI: { aspects: [ID2], portraitOnMrzSide: true, mrzTopMin: 0.55, mrzWidthMin: 0.7, maxValidityYears: 15 },
  // Licences run up to 12 years in most states; Arizona's run to the holder's 65th birthday (see text checks).
  AAMVA: { aspects: [ID1], portraitOnMrzSide: false, mrzTopMin: 0, mrzWidthMin: 0, maxValidityYears: 12 },
  // EU-model licences (Directive 2006/126/EC art. 7): 10 years for A/B, up to 15 by national choice; ID-1, no MRZ.
  DL_EU: { aspects: [ID1], portraitOnMrzSide: false, mrzTopMin: 0, mrzWidthMin: 0, maxValidityYears: 15 },
};

export function mrzLineShape(format: string): { lines: number; length: number } {
  switch (format) {
    case 'TD1': return { lines: 3, length: 30 };
    case 'TD2': case 'MRVB': case 'FR_CNI': return { lines: 2, length: 36 };
    default: return { lines: 2, length: 44 };
  }
}
