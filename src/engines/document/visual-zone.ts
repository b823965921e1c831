import { withinEditDistance } from '../../domain/matching/edit-distance.ts';
import type { Ymd } from './aamva-parse.ts';
import { fmtYmd, putDates, validYmd } from './docupass-data.ts';
import type { DocupassData, FieldConfidence } from './document-reading.ts';

/**
 * The visual inspection zone, read as plain text (tesseract's LSTM engine over the side, MRZ
 * blanked out): dates, a document number and names found in it, and whether the machine-readable
 * values appear in it. Pure text logic here; the OCR call is in `visual-zone-ocr.ts`.
 */
export type VisualZone = {
  text: string;
  /** Values found in the text on their own (used when no MRZ or barcode was read). */
  fields: { dates: string[]; documentNumber?: string; surname?: string; givenNames?: string; documentType?: 'P' | 'I' | 'D' };
  /** Per machine-read field: does the printed zone show the same value? Absent = not judged. */
  agreement: Partial<Record<'lastName' | 'firstName' | 'documentNumber' | 'dob' | 'expiry', boolean>>;
};

const MONTHS: Record<string, number> = {};
// English, French, German, Spanish, Italian, Portuguese, Dutch abbreviations (and bilingual prints: JAN/JAN).
[
  ['JAN', 'JANV', 'ENE', 'GEN', 'JANUARY', 'JANVIER', 'JANUAR', 'ENERO'],
  ['FEB', 'FEV', 'FÉV', 'FEBR', 'FEBRUARY', 'FEVRIER', 'FÉVRIER', 'FEBRUAR', 'FEBRERO'],
  ['MAR', 'MARS', 'MÄR', 'MRZ', 'MARCH', 'MÄRZ', 'MARZO', 'MAART'],
  ['APR', 'AVR', 'ABR', 'APRIL', 'AVRIL', 'ABRIL', 'APRILE'],
  ['MAY', 'MAI', 'MAG', 'MAYO', 'MAGGIO', 'MEI'],
  ['JUN', 'JUIN', 'GIU', 'JUNE', 'JUNI', 'JUNIO', 'GIUGNO'],
  ['JUL', 'JUIL', 'LUG', 'JULY', 'JUILLET', 'JULI', 'JULIO', 'LUGLIO'],
  ['AUG', 'AOUT', 'AOÛT', 'AGO', 'AUGUST', 'AGOSTO', 'AUGUSTUS'],
  ['SEP', 'SEPT', 'SET', 'SEPTEMBER', 'SEPTEMBRE', 'SEPTIEMBRE', 'SETTEMBRE'],
  ['OCT', 'OKT', 'OTT', 'OUT', 'OCTOBER', 'OCTOBRE', 'OKTOBER', 'OCTUBRE', 'OTTOBRE'],
  ['NOV', 'NOVEMBER', 'NOVEMBRE', 'NOVIEMBRE'],
  ['DEC', 'DÉC', 'DEZ', 'DIC', 'DECEMBER', 'DÉCEMBRE', 'DECEMBRE', 'DEZEMBER', 'DICIEMBRE', 'DICEMBRE'],
].forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

const MONTH_WORD = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
/** "12 JAN 2021", "12 JAN/JAN 21", "5 MÄR. 2029": day, month word (bilingual pairs allowed), year. */
const MONTH_DATE = new RegExp(`\\b(\\d{1,2})[ \\t]*(${MONTH_WORD})(?:[ \\t]*\\/[ \\t]*[A-ZÄÉÛ]{3,9})?\\.?[ \\t]*(\\d{4}|\\d{2})\\b`, 'g');

/** A calendar date in the range printed documents use. */
const valid = (year: number, month: number, day: number): Ymd | undefined => (year < 1900 || year > 2100 ? undefined : validYmd(year, month, day));

/** Every date printed in the text, in the usual layouts (day first, ISO, month names), as YYYY/MM/DD. */
export function datesInText(text: string): string[] {
  const t = text.toUpperCase().replace(/[Oo](?=\d)|(?<=\d)[Oo]/g, '0');
  const found = new Set<string>();
  const add = (d: Ymd | undefined) => d && found.add(fmtYmd(d));
  for (const m of t.matchAll(/\b(\d{1,2})\s?[./\-\s]\s?(\d{1,2})\s?[./\-\s]\s?(\d{4})\b/g)) add(valid(+m[3]!, +m[2]!, +m[1]!));
  for (const m of t.matchAll(/\b(\d{4})[./\-](\d{1,2})[./\-](\d{1,2})\b/g)) add(valid(+m[1]!, +m[2]!, +m[3]!));
  for (const m of t.matchAll(MONTH_DATE)) {
    const month = MONTHS[m[2]!]!;
    let year = +m[3]!;
    if (m[3]!.length === 2) year += year > 50 ? 1900 : 2000;
    add(valid(year, month, +m[1]!));
  }
  return [...found];
}

const norm = (s: string) => s.toUpperCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Z0-9]/g, '');

/** Does `value` appear among the text's words (names: one OCR slip per six letters tolerated)? */
function appears(value: string, words: string[], joined: string, fuzzy: boolean): boolean {
  const v = norm(value);
  if (!v) return false;
  if (joined.includes(v)) return true;
  if (!fuzzy) return false;
  const slips = Math.max(1, Math.floor(v.length / 6));
  // Compare with single words and with runs of two (a name split over a line break or a space).
  for (let i = 0; i < words.length; i++) {
    if (withinEditDistance(v, words[i]!, slips)) return true;
    if (i + 1 < words.length && withinEditDistance(v, words[i]! + words[i + 1]!, slips)) return true;
  }
  return false;
}

/**
 * Cross-checks machine-read values against the printed zone. A field is judged only where the
 * machine-readable side has it; names fuzzily (OCR of a photo slips), numbers and dates exactly.
 */
export function crossCheckVisual(text: string, data: DocupassData): VisualZone['agreement'] {
  const words = text.split(/\s+/).map(norm).filter(Boolean);
  const joined = words.join('');
  const dates = new Set(datesInText(text));
  const out: VisualZone['agreement'] = {};
  if (data.lastName) out.lastName = data.lastName.split(/\s+/).every((part) => appears(part, words, joined, true));
  if (data.firstName) out.firstName = appears(data.firstName, words, joined, true);
  if (data.documentNumber) out.documentNumber = appears(data.documentNumber, words, joined, false);
  if (data.dob) out.dob = dates.has(data.dob);
  if (data.expiry) out.expiry = dates.has(data.expiry);
  return out;
}

/** Confidence of a doubtful machine-read field that the print shows exactly, read apart. */
export const CONFIRMED_BY_PRINT = 0.95;

/** Which value of `data` stands for each field when it is looked for in the print. */
const CONFIRM_GROUP: Partial<Record<keyof DocupassData, keyof DocupassData>> = {
  lastName: 'lastName', firstName: 'firstName', middleName: 'middleName', documentNumber: 'documentNumber', personalNumber: 'personalNumber',
  dob: 'dob', dob_day: 'dob', dob_month: 'dob', dob_year: 'dob', age: 'dob',
  expiry: 'expiry', expiry_day: 'expiry', expiry_month: 'expiry', expiry_year: 'expiry', daysToExpiry: 'expiry',
};

/**
 * Settles doubtful machine-read fields the print shows exactly: every word of a name as a whole
 * printed word (or two adjacent ones joined), a number as a word or adjacent words joined, a date
 * among the print's dates. Exact only — a fuzzy match would "confirm" the very letter in doubt —
 * and never a correction: the print's OCR slips too (MARTIN read WARTIN), so a value the print
 * does not show simply stays doubtful. `fullName` is settled when its parts are.
 */
export function confirmByPrint(text: string, reading: { data: DocupassData; fieldConfidence?: Partial<Record<keyof DocupassData, FieldConfidence>> }) {
  const conf = reading.fieldConfidence;
  if (!conf) return;
  const words = text.split(/\s+/).map(norm).filter(Boolean);
  const shown = new Set(words);
  for (let i = 0; i + 1 < words.length; i++) shown.add(words[i]! + words[i + 1]!);
  const dates = new Set(datesInText(text));
  const seen = (key: keyof DocupassData): boolean => {
    const v = reading.data[key];
    if (typeof v !== 'string' || !v) return false;
    if (key === 'dob' || key === 'expiry') return dates.has(v);
    return v.split(/\s+/).every((w) => shown.has(norm(w)));
  };
  for (const [k, c] of Object.entries(conf) as Array<[keyof DocupassData, FieldConfidence]>) {
    const group = CONFIRM_GROUP[k];
    if (!c.doubtful || c.source === 'visual' || !group || !seen(group)) continue;
    conf[k] = { ...c, confidence: Math.max(c.confidence, CONFIRMED_BY_PRINT), doubtful: false, confirmedBy: 'visual' };
  }
  const full = conf.fullName;
  if (full?.doubtful && [conf.firstName, conf.middleName, conf.lastName].every((c) => !c || !c.doubtful)) {
    conf.fullName = { ...full, confidence: CONFIRMED_BY_PRINT, doubtful: false, confirmedBy: 'visual' };
  }
}

/** Document titles in the EU's languages (folded): what kind of document a print is. */
const TITLES: Array<[type: 'P' | 'I' | 'D', titles: string[]]> = [
  ['D', ['DRIVING LICENCE', 'DRIVERS LICENSE', 'DRIVER LICENSE', 'FUHRERSCHEIN', 'PERMIS DE CONDUIRE', 'RIJBEWIJS', 'PRAWO JAZDY', 'PATENTE DI GUIDA', 'PERMISO DE CONDUCCION', 'CARTA DE CONDUCAO']],
  ['I', ['IDENTITY CARD', 'PERSONALAUSWEIS', 'IDENTITATSKARTE', 'CARTE NATIONALE D IDENTITE', 'CARTE D IDENTITE', 'CARTA D IDENTITA', 'CARTA DI IDENTITA', 'DOCUMENTO NACIONAL DE IDENTIDAD', 'DOWOD OSOBISTY', 'IDENTITEITSKAART', 'CARTAO DE CIDADAO', 'RESIDENCE PERMIT', 'AUFENTHALTSTITEL', 'TITRE DE SEJOUR']],
  ['P', ['PASSPORT', 'REISEPASS', 'PASSEPORT', 'PASAPORTE', 'PASSAPORTO', 'PASZPORT', 'PASPOORT', 'PASSAPORTE']],
];

/** The document type (DocuPass letter) a printed title names, when exactly one kind is named. */
export function documentTypeFromTitle(text: string): 'P' | 'I' | 'D' | undefined {
  const t = ` ${text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z]+/g, ' ')} `;
  const kinds = TITLES.filter(([, titles]) => titles.some((x) => t.includes(` ${x} `))).map(([k]) => k);
  return kinds.length === 1 ? kinds[0] : undefined;
}

const LABELS = {
  surname: /\b(SURNAME|NOM|NAME|APELLIDOS?|COGNOME|FAMILIENNAME|ACHTERNAAM|SOBRENOME|LN)\b/,
  given: /\b(GIVEN\s*NAMES?|PR[EÉ]NOMS?|VORNAMEN?|NOMBRES?|NOME|VOORNAMEN|FIRST\s*NAMES?|FN)\b/,
  number: /\b(DOCUMENT\s*NO|DOC\.?\s*NO|PASSPORT\s*NO|CARD\s*NO|NO\.|NUMBER|NUM[EÉ]RO|N[º°]|DLN?|LICEN[CS]E\s*NO)\b/,
};

/**
 * Values read from the printed zone alone, by the labels around them (several languages): the
 * fallback for a card front without MRZ or barcode. Dates: earliest past = birth, latest = expiry.
 */
export function visualFields(text: string, now: Date): VisualZone['fields'] {
  const lines = text.toUpperCase().split('\n').map((l) => l.trim()).filter(Boolean);
  const valueAfter = (re: RegExp): string | undefined => {
    for (let i = 0; i < lines.length; i++) {
      const m = re.exec(lines[i]!);
      if (!m) continue;
      const rest = lines[i]!.slice(m.index + m[0].length).replace(/^[\s:/.\-]+/, '').replace(/\b[A-Z]{0,3}[a-z]+\b/g, '').trim();
      const candidate = rest && /[A-Z]{2,}/.test(rest) ? rest : lines[i + 1];
      if (candidate && /^[A-Z][A-Z' \-]{1,40}$/.test(candidate.trim())) return candidate.trim();
    }
    return undefined;
  };
  // The number sits after its label, on the same line or (columns read apart) the next one.
  const at = lines.findIndex((l) => LABELS.number.test(l));
  const numberish = (l: string | undefined) => (l ?? '').split(/\s+/).find((w) => /^[A-Z0-9]{6,14}$/.test(w) && /\d{2}/.test(w));
  const token = at < 0 ? undefined : numberish(lines[at]!.replace(LABELS.number, ' ')) ?? numberish(lines[at + 1]);
  const dates = datesInText(text).sort();
  return { dates, documentNumber: token, surname: valueAfter(LABELS.surname), givenNames: valueAfter(LABELS.given), documentType: documentTypeFromTitle(text) };
}

/** DocuPass fields from the printed zone alone; dates by order, as `visualFields` explains. */
export function dataFromVisual(f: VisualZone['fields'], now: Date): DocupassData {
  const d: DocupassData = {};
  const today = fmtYmd({ year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() });
  const past = f.dates.filter((x) => x < today), future = f.dates.filter((x) => x >= today);
  if (f.surname) d.lastName = f.surname;
  if (f.givenNames) {
    const [first, ...rest] = f.givenNames.split(/\s+/);
    d.firstName = first;
    if (rest.length) d.middleName = rest.join(' ');
  }
  if (d.firstName || d.lastName) d.fullName = [f.givenNames, f.surname].filter(Boolean).join(' ');
  if (f.documentType) d.documentType = f.documentType;
  if (f.documentNumber) d.documentNumber = f.documentNumber;
  const ymd = (x: string): Ymd => { const [year, month, day] = x.split('/').map(Number) as [number, number, number]; return { year, month, day }; };
  const dob = past.length >= 2 || (past.length === 1 && future.length) ? ymd(past[0]!) : undefined;
  const expiry = future.length ? ymd(future[future.length - 1]!) : undefined;
  putDates(d, now, { dob, expiry });
  return d;
}
