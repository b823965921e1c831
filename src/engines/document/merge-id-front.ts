import type { DocumentReading, DocupassData, FieldConfidence } from './document-reading.ts';
import { DOUBTFUL_BELOW } from './field-confidence.ts';
import type { IdFrontRead } from './read-id-front.ts';

/**
 * An ID card's printed front set against the MRZ of its back. The MRZ's values stand (its check
 * digits protect numbers and dates; its names are the ICAO transliteration); the print is a
 * second, independent reading of names, dates, number and nationality:
 * - where the print, read sure of itself, shows the MRZ's value, a doubtful MRZ field is settled
 *   (`confirmedBy: 'visual'`);
 * - where the sure print shows something else, the field is doubtful — check digits pass on a
 *   misread name letter (no check covers names) and, rarely, on two compensating digit errors;
 * - an unsure print neither settles nor doubts anything.
 * Fields the MRZ lacks are taken from the print with its own confidence. Returns, per compared
 * field, whether the print agreed (the printed-zone agreement authenticity uses).
 */
const GROUPS: Record<'lastName' | 'firstName' | 'dob' | 'expiry' | 'documentNumber' | 'nationality_iso3', Array<keyof DocupassData>> = {
  lastName: ['lastName'],
  firstName: ['firstName', 'middleName'],
  dob: ['dob', 'dob_day', 'dob_month', 'dob_year', 'age'],
  expiry: ['expiry', 'expiry_day', 'expiry_month', 'expiry_year', 'daysToExpiry'],
  documentNumber: ['documentNumber'],
  nationality_iso3: ['nationality_full', 'nationality_iso2', 'nationality_iso3'],
};

/** A field confirmed by the print read apart. */
export const CONFIRMED_BY_FRONT = 0.95;
/** A field the sure print contradicts. */
export const CONTRADICTED_BY_FRONT = 0.6;

/** Name spellings compared as the MRZ writes them: accents dropped or spelt out (Ä → AE), ß → SS, truncated MRZ names. */
const spellings = (s: string): string[] => {
  const up = s.toUpperCase().replace(/ß/g, 'SS');
  const spelt = up.replace(/Ä/g, 'AE').replace(/Ö/g, 'OE').replace(/Ü/g, 'UE').replace(/Å/g, 'AA').replace(/Ø/g, 'OE').replace(/Æ/g, 'AE');
  const strip = (t: string) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Z]/g, '');
  return [...new Set([strip(up), strip(spelt)])];
};
export function sameName(mrz: string, print: string): boolean {
  const m = spellings(mrz)[0]!;
  return spellings(print).some((p) => p === m || (m.length >= 10 && p.startsWith(m)));
}

function agrees(key: keyof typeof GROUPS, mrz: DocupassData, front: DocupassData): boolean | undefined {
  const a = mrz[key], b = front[key];
  if (a === undefined || b === undefined) return undefined;
  if (key === 'lastName' || key === 'firstName') {
    // The MRZ's given names may be one field with the middle names; compare the whole.
    const m = key === 'firstName' ? [mrz.firstName, mrz.middleName].filter(Boolean).join(' ') : String(a);
    const p = key === 'firstName' ? [front.firstName, front.middleName].filter(Boolean).join(' ') : String(b);
    return sameName(m, p);
  }
  return String(a) === String(b);
}

export function mergeIdFront(reading: DocumentReading, front: IdFrontRead): Partial<Record<string, boolean>> {
  const conf = (reading.fieldConfidence ??= {});
  const agreement: Partial<Record<string, boolean>> = {};
  for (const key of Object.keys(GROUPS) as Array<keyof typeof GROUPS>) {
    const ok = agrees(key, reading.data, front.data);
    if (ok === undefined) continue;
    agreement[key] = ok;
    const printSure = (front.confidence[key]?.confidence ?? 0) >= DOUBTFUL_BELOW;
    if (!printSure) continue;
    for (const k of GROUPS[key]) {
      const c = conf[k];
      if (!c || c.source === 'visual') continue;
      if (ok && c.doubtful) conf[k] = { ...c, confidence: Math.max(c.confidence, CONFIRMED_BY_FRONT), doubtful: false, confirmedBy: 'visual' };
      if (!ok) conf[k] = { ...c, confidence: Math.min(c.confidence, CONTRADICTED_BY_FRONT), doubtful: true };
    }
  }
  // fullName follows its parts: doubtful when one is, settled when the print confirmed them all.
  const full = conf.fullName;
  if (full && full.source !== 'visual') {
    const parts = [conf.firstName, conf.middleName, conf.lastName].filter((c): c is FieldConfidence => !!c);
    if (parts.some((c) => c.doubtful)) conf.fullName = { ...full, confidence: Math.min(full.confidence, CONTRADICTED_BY_FRONT), doubtful: true };
    else if (full.doubtful && agreement.lastName && agreement.firstName) conf.fullName = { ...full, confidence: Math.max(full.confidence, CONFIRMED_BY_FRONT), doubtful: false, confirmedBy: 'visual' };
  }
  // What only the print has.
  for (const [k, v] of Object.entries(front.data) as Array<[keyof DocupassData, unknown]>) {
    if (v === undefined || k in reading.data || k === 'documentSide') continue;
    (reading.data as Record<string, unknown>)[k] = v;
    reading.fieldSources[k] = 'visual';
    if (front.confidence[k]) conf[k] = front.confidence[k];
  }
  return agreement;
}
