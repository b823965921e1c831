import type { Ymd } from './aamva-parse.ts';
import { validYmd } from './docupass-data.ts';
import type { DateOrder } from './eu-licence-countries.ts';

/**
 * The harmonised numbered fields of the EU licence model (Directive 2006/126/EC, Annex I):
 * 1 surname, 2 given names, 3 birth date and place, 4a issue date, 4b expiry, 4c authority,
 * 4d personal number, 5 licence number, 7 signature, 8 address, 9 categories. Pure text logic
 * over the OCR'd lines of the field column; the OCR is in licence-ocr.ts.
 */
export type OcrLine = { text: string; confidence: number; bbox?: { x0: number; y0: number; x1: number; y1: number } };
export type NumberedField = { value: string; confidence: number; line?: OcrLine };
export const FIELD_KEYS = ['1', '2', '3', '4a', '4b', '4c', '4d', '5', '8', '9'] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

// A field starts with its number and a dot. At a line's start the dot may be lost, read as a
// comma or run into the value ("3.12.11.1964"), and a 1 may come out as l or I; further markers
// on the line (4a … 4c …) need the dot and a space before them (a name may hold a lone letter).
const FIRST = /^\s*(4\s?[abcdABCD]|[1-9]|[lI|])(?:[.,:]\s*|\s+)/;
const LATER = /\s(4\s?[abcdABCD]|[1-9])[.,:](?=\s)/g;

const normMarker = (m: string): string | undefined => {
  const k = m.replace(/\s/g, '').toLowerCase().replace(/^[li|]$/, '1');
  return (FIELD_KEYS as readonly string[]).includes(k) ? k : undefined;
};

/** Splits the column's lines into numbered fields; a line not starting with a marker is dropped. */
export function numberedFields(lines: OcrLine[]): Partial<Record<FieldKey, NumberedField>> {
  const out: Partial<Record<FieldKey, NumberedField>> = {};
  for (const line of lines) {
    const text = `${line.text.trim()} `;
    const first = FIRST.exec(text);
    if (!first || !normMarker(first[1]!)) continue;
    const marks = [{ key: normMarker(first[1]!), start: 0, end: first[0].length }];
    for (const m of text.slice(first[0].length).matchAll(LATER)) {
      const key = normMarker(m[1]!);
      if (key) marks.push({ key, start: first[0].length + m.index!, end: first[0].length + m.index! + m[0].length });
    }
    marks.forEach((m, i) => {
      const value = text.slice(m.end, marks[i + 1]?.start ?? text.length).trim();
      if (value && !out[m.key as FieldKey]) out[m.key as FieldKey] = { value, confidence: line.confidence, line };
    });
  }
  return out;
}

/** A date printed in the country's order (two-digit years resolved: births past, others by `future`). */
export function licenceDate(value: string, order: DateOrder, now: Date, kind: 'past' | 'future'): Ymd | undefined {
  const t = value.replace(/[Oo]/g, '0');
  // Every date-shaped run in turn (a field number read into the line, "43.19.09.2018", comes first).
  const re = order === 'YMD'
    ? /(\d{4})\s?[.\-/ ]?\s?(\d{2})\s?[.\-/ ]?\s?(\d{2})(?!\d)/y
    : /(\d{2})\s?[.\-/ ]\s?(\d{2})\s?[.\-/ ]\s?(\d{4}|\d{2}(?!\d))/y;
  for (let i = 0; i < t.length; i++) {
    if (!/\d/.test(t[i]!) || /\d/.test(t[i - 1] ?? '')) continue;
    re.lastIndex = i;
    const m = re.exec(t);
    if (!m) continue;
    let [y, mo, d] = order === 'YMD' ? [+m[1]!, +m[2]!, +m[3]!] : [+m[3]!, +m[2]!, +m[1]!];
    if (y < 100) {
      const nowY = now.getUTCFullYear();
      y += 2000;
      if (kind === 'past' && y > nowY) y -= 100;
      if (kind === 'future' && y > nowY + 50) y -= 100;
    }
    const date = y >= 1900 && y <= 2100 ? validYmd(y, mo, d) : undefined;
    if (date) return date;
  }
  return undefined;
}

/** Name words as printed: letters (accented too), spaces, hyphens, apostrophes; OCR specks dropped. */
export function cleanName(value: string): string | undefined {
  const words = value.toUpperCase().replace(/[^\p{L}' \-]/gu, ' ').split(/\s+/).filter((w) => w.replace(/[^\p{L}]/gu, '').length >= 2 || /^\p{L}$/u.test(w));
  const name = words.join(' ').replace(/^[-' ]+|[-' ]+$/g, '');
  return name.length >= 2 ? name : undefined;
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase();

/**
 * The UK licence number (field 5) encodes the holder: five letters of the surname (9-padded;
 * MAC as MC), the birth year's decade digit, the month (+50 for women), the day, the year's
 * last digit, two initials (9-padded), a digit and two check letters. Returns which parts agree
 * with the printed surname, given names and birth date (undefined: not a UK-shaped number).
 */
export function ukNumberAgrees(number: string, surname: string | undefined, given: string | undefined, dob: Ymd | undefined): { surname: boolean; dob: boolean; initials: boolean } | undefined {
  const n = number.replace(/\s/g, '').toUpperCase();
  const m = /^([A-Z9]{5})(\d)(\d{2})(\d{2})(\d)([A-Z9]{2})\d[A-Z0-9]{2}/.exec(n);
  if (!m) return undefined;
  const sur = fold(surname ?? '').replace(/^MAC/, 'MC').replace(/[^A-Z]/g, '');
  const expectSur = (sur.slice(0, 5) + '99999').slice(0, 5);
  const month = +m[3]! > 50 ? +m[3]! - 50 : +m[3]!;
  const dobOk = !!dob && +m[2]! === Math.floor(dob.year / 10) % 10 && +m[5]! === dob.year % 10 && month === dob.month && +m[4]! === dob.day;
  const initials = (fold(given ?? '').split(/\s+/).filter(Boolean).map((w) => w[0]).join('') + '99').slice(0, 2);
  return { surname: !!sur && m[1] === expectSur, dob: dobOk, initials: m[6] === initials };
}
