import type { DocupassData, FieldConfidence, FieldSource } from './document-reading.ts';
import { layoutFor, type MrzLayout, type Span } from './mrz-layout.ts';
import type { MrzRead } from './mrz-read.ts';

/**
 * How sure the reader is of each field, 0..1. A field below DOUBTFUL_BELOW is reported doubtful:
 * the verification rules then refuse to let a check on it pass silently.
 *
 * MRZ fields read by the glyph classifier: each cell's margin over its runner-up (nats) becomes a
 * two-way probability, and a field is as sure as its weakest cell. A passing check digit makes an
 * undetected error ten times less likely — but only when every cell holds the classifier's own
 * first choice: a check-digit repair searched the runner-ups for a combination the check accepts,
 * so that check no longer witnesses anything; nor when two cells are weak, as two errors can
 * satisfy the check together. Names carry no check digit at all: a name letter
 * read with a thin margin is what made "valid" MRZs wrong.
 */
export const DOUBTFUL_BELOW = 0.9;

export type { FieldConfidence };
export type FieldConfidences = Partial<Record<keyof DocupassData, FieldConfidence>>;

type MrzField = 'surname' | 'firstName' | 'middleName' | 'names' | 'documentNumber' | 'personalNumber' | 'birth' | 'expiry' | 'issued' | 'sex' | 'issuer' | 'nationality' | 'documentCode';

/** Which MRZ field each DocuPass key is derived from. */
const FROM_MRZ: Partial<Record<keyof DocupassData, MrzField>> = {
  lastName: 'surname', firstName: 'firstName', middleName: 'middleName', fullName: 'names',
  documentNumber: 'documentNumber', personalNumber: 'personalNumber', sex: 'sex', documentType: 'documentCode',
  dob: 'birth', dob_day: 'birth', dob_month: 'birth', dob_year: 'birth', age: 'birth',
  expiry: 'expiry', expiry_day: 'expiry', expiry_month: 'expiry', expiry_year: 'expiry', daysToExpiry: 'expiry',
  issued_year: 'issued', issued_month: 'issued',
  issuerOrg_full: 'issuer', issuerOrg_iso2: 'issuer', issuerOrg_iso3: 'issuer',
  nationality_full: 'nationality', nationality_iso2: 'nationality', nationality_iso3: 'nationality',
};

/** Probability of the character read against its runner-up, from the margin in nats. */
const cellP = (margin: number) => 1 / (1 + Math.exp(-margin));
/** What a field whose own check digit fails is worth at most. */
const CHECK_FAILED = 0.5;
/** A check digit misses a random error about one time in ten (ICAO 9303 7-3-1 weights, mod 10). */
const CHECK_MISS = 0.1;
/** Tesseract reads carry no per-character scores: what each kind of field is worth. */
const TESSERACT = { checked: 0.95, repaired: 0.6, unchecked: 0.9, name: 0.6 };

type Cells = Array<[number, number]>;
const cellsOf = ([l, s, e]: Span): Cells => Array.from({ length: e - s }, (_, k) => [l, s + k]);

/** The cells of surname, first given name and the other given names inside the name spans. */
function nameCells(lines: string[], layout: MrzLayout): Record<'surname' | 'firstName' | 'middleName' | 'names', Cells> {
  const all = [layout.names, layout.givenNames].filter((s) => s !== undefined).flatMap(cellsOf);
  const surname: Cells = [], first: Cells = [], middle: Cells = [];
  const [nl, ns, ne] = layout.names;
  const text = lines[nl]!.slice(ns, ne);
  // Surname then `<<` then given names, unless the given names have their own span.
  const sep = layout.givenNames ? text.length : text.indexOf('<<') < 0 ? text.length : text.indexOf('<<');
  surname.push(...cellsOf([nl, ns, ns + sep + (layout.givenNames ? 0 : Math.min(2, text.length - sep))]));
  const given: Cells = layout.givenNames ? cellsOf(layout.givenNames) : cellsOf([nl, ns + Math.min(text.length, sep + 2), ne]);
  // The first given name runs to its `<`; the rest (and trailing fillers, where a dropped
  // letter would hide) belong to the other given names, or to the first when it is alone.
  const gtext = given.map(([l, i]) => lines[l]![i]!).join('');
  const firstEnd = gtext.search(/<(?!<*$)/);
  first.push(...given.slice(0, firstEnd < 0 ? given.length : firstEnd + 1));
  middle.push(...given.slice(firstEnd < 0 ? given.length : firstEnd + 1));
  return { surname, firstName: first, middleName: middle.length ? middle : first, names: all };
}

/** Confidence of each MRZ field of one read. */
export function mrzFieldConfidence(m: MrzRead): Partial<Record<MrzField, number>> {
  const layout = layoutFor(m.lines.length, m.lines[0]?.length ?? 0, m.lines[0]?.slice(0, 5) ?? '');
  if (!layout) return {};
  const repaired = new Set(m.repairs.map((r) => r.split(' ')[0]));
  const cells: Partial<Record<MrzField, { cells: Cells; checks: string[] }>> = {
    documentNumber: { cells: [...cellsOf(layout.documentNumber), ...cellsOf(layout.documentNumberCheck)], checks: ['documentNumber'] },
    birth: { cells: [...cellsOf(layout.birth), ...cellsOf(layout.birthCheck)], checks: ['birth'] },
    sex: { cells: cellsOf(layout.sex), checks: [] },
    issuer: { cells: cellsOf(layout.issuer), checks: [] },
    documentCode: { cells: cellsOf(layout.documentCode), checks: [] },
  };
  if (layout.expiry && layout.expiryCheck) cells.expiry = { cells: [...cellsOf(layout.expiry), ...cellsOf(layout.expiryCheck)], checks: ['expiry'] };
  if (layout.issued) cells.issued = { cells: cellsOf(layout.issued), checks: ['documentNumber'] };
  if (layout.nationality) cells.nationality = { cells: cellsOf(layout.nationality), checks: [] };
  if (layout.personal) cells.personalNumber = { cells: [...cellsOf(layout.personal.field), ...cellsOf(layout.personal.check)], checks: ['personal'] };
  else cells.personalNumber = { cells: layout.optional.flatMap(cellsOf), checks: layout.composite ? ['composite'] : [] };
  const names = nameCells(m.lines, layout);
  for (const k of ['surname', 'firstName', 'middleName', 'names'] as const) cells[k] = { cells: names[k], checks: layout.format === 'FR_CNI' ? ['composite'] : [] };

  const out: Partial<Record<MrzField, number>> = {};
  for (const [field, { cells: cs, checks }] of Object.entries(cells) as Array<[MrzField, { cells: Cells; checks: string[] }]>) {
    const checked = checks.length > 0 && checks.every((k) => m.checkDigits[k] === true);
    // A failing check digit says a covered character is not what was printed (or the print is
    // wrong): however sure each cell looked, the field cannot be sure.
    const failed = checks.some((k) => m.checkDigits[k] === false);
    if (m.cellMargins) {
      const margins = cs.map(([l, i]) => m.cellMargins![l]?.[i] ?? 0);
      const weakest = margins.length ? cellP(Math.min(...margins)) : 1;
      const ownChoices = margins.every((x) => x > 0);
      // Two weak cells can err together and still satisfy the check (a digit and the check digit).
      const weakCells = margins.filter((x) => cellP(x) < DOUBTFUL_BELOW).length;
      out[field] = failed ? Math.min(weakest, CHECK_FAILED) : checked && ownChoices && weakCells <= 1 ? 1 - (1 - weakest) * CHECK_MISS : weakest;
    } else {
      const touched = cs.some(([l, i]) => repaired.has(`${l}:${i}`));
      const isName = field === 'surname' || field === 'firstName' || field === 'middleName' || field === 'names';
      out[field] = isName ? TESSERACT.name : failed ? CHECK_FAILED : touched ? TESSERACT.repaired : checked ? TESSERACT.checked : checks.length ? TESSERACT.repaired : TESSERACT.unchecked;
    }
  }
  return out;
}

/** Per DocuPass key of `data`, from an MRZ read. */
export function mrzDataConfidence(m: MrzRead, data: DocupassData): FieldConfidences {
  const f = mrzFieldConfidence(m);
  const out: FieldConfidences = {};
  for (const k of Object.keys(data) as Array<keyof DocupassData>) {
    const from = FROM_MRZ[k];
    out[k] = entry('mrz', from ? (f[from] ?? 1) : 1);
  }
  return out;
}

export const entry = (source: FieldSource, confidence: number): FieldConfidence => ({ source, confidence: Math.round(confidence * 1000) / 1000, doubtful: confidence < DOUBTFUL_BELOW });

/** A PDF417 symbol carries Reed–Solomon error correction: a decode that parses is as read. */
export const BARCODE_CONFIDENCE = 0.99;

/** The keys of `data` whose values the reader is not sure of. */
export const doubtfulKeys = (c: FieldConfidences) => (Object.entries(c) as Array<[keyof DocupassData, FieldConfidence]>).filter(([, v]) => v.doubtful).map(([k]) => k);
