/** Public types of the document engine; other engines and the pipeline build on these. */
export type FieldSource = 'mrz' | 'barcode' | 'visual';
/** FR_CNI: the pre-2021 French identity card, whose 2×36 MRZ is not an ICAO layout. */
/** DL_EU: an EU-model driving licence (or the UK photocard) read from its printed numbered fields. */
export type DocumentKind = 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB' | 'FR_CNI' | 'AAMVA' | 'DL_EU' | 'UNKNOWN';
export type Side = 'FRONT' | 'BACK' | 'BIODATA';
export type Rect = { x: number; y: number; w: number; h: number };

/** The DocuPass callback `data` object; only fields actually read are present. */
export type DocupassData = Partial<{
  documentNumber: string; firstName: string; middleName: string; lastName: string; fullName: string;
  personalNumber: string; sex: string; height: string; weight: string;
  dob_day: number; dob_month: number; dob_year: number;
  expiry_day: number; expiry_month: number; expiry_year: number;
  issued_day: number; issued_month: number; issued_year: number;
  address1: string; address2: string; postcode: string; internalId: string;
  documentSide: Side; documentType: string;
  issuerOrg_region_full: string; issuerOrg_region_abbr: string;
  issuerOrg_full: string; issuerOrg_iso2: string; issuerOrg_iso3: string;
  nationality_full: string; nationality_iso2: string; nationality_iso3: string;
  dob: string; expiry: string; issued: string; age: number; daysToExpiry: number; daysFromIssue: number;
}>;

export type SideReading = {
  side: Side;
  /** Size of the upright image the coordinates refer to. */
  width: number;
  height: number;
  /** Degrees clockwise applied to the input to make it upright. */
  rotation: number;
  documentCorners?: Array<[number, number]>;
  portraitBox?: Rect;
  mrzBox?: Rect;
  /** What this side alone says (for `dualsidecheck`); the merged `data` is on the reading. */
  data?: DocupassData;
  /** The decoded file (EXIF-upright) and the scaled copy the coordinates were turned from; see `toSourceBox`. */
  source?: { width: number; height: number };
  work?: { width: number; height: number };
};

/** How sure the reader is of one field of `data` (see field-confidence.ts). */
export type FieldConfidence = { source: FieldSource; confidence: number; doubtful: boolean; confirmedBy?: 'visual' };

export type DocumentReading = {
  data: DocupassData;
  fieldSources: Partial<Record<keyof DocupassData, FieldSource>>;
  /** Per field of `data`: its source, how sure the reader is (0..1), and whether it is doubtful. */
  fieldConfidence?: Partial<Record<keyof DocupassData, FieldConfidence>>;
  /** The keys of `data` the reader could not settle (a check on them must not pass silently). */
  doubtful?: Array<keyof DocupassData>;
  mrz?: { format: Exclude<DocumentKind, 'AAMVA' | 'UNKNOWN'>; lines: string[]; checkDigits: Record<string, boolean>; nameValid: boolean; valid: boolean; repairs: string[]; engine?: 'glyphs' | 'tesseract' };
  barcode?: { format: 'PDF417'; raw: string; aamvaVersion?: number; fields: Record<string, string>; truncated?: Record<string, boolean> };
  /**
   * The printed zone: its text, values read from it by their labels (DocuPass field names), and
   * for each machine-read field whether the print shows the same value (absent: not judged).
   */
  visual?: { text: string; fields: Record<string, string>; agreement?: Partial<Record<string, boolean>> };
  /** An EU-model licence read from print: its country (ISO alpha-2), what identified it, the numbered fields as read. */
  licence?: { country?: string; evidence: string[]; fields: Record<string, string> };
  /** An ID card front read from print (alone, or beside its MRZ back): its country (ISO alpha-2), what identified it, the labelled fields as read. */
  idFront?: { country?: string; evidence: string[]; fields: Record<string, string> };
  sides: SideReading[];
  documentKind?: DocumentKind;
  failure?: { reason: string };
};
