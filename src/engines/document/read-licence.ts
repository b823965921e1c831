import sharp from 'sharp';
import { PSM } from 'tesseract.js';
import { withinEditDistance } from '../../domain/matching/edit-distance.ts';
import type { Ymd } from './aamva-parse.ts';
import { countryFromIso2 } from './country-names.ts';
import { putDates, putPrintedNames } from './docupass-data.ts';
import type { DocupassData, FieldConfidence } from './document-reading.ts';
import { fitNumberFormat, LICENCE_COUNTRIES, LOOK_ALIKE, type LicenceCountry } from './eu-licence-countries.ts';
import { entry } from './field-confidence.ts';
import type { GrayImage } from './image-normalise.ts';
import { cleanName, licenceDate, numberedFields, ukNumberAgrees, type NumberedField, type OcrLine } from './licence-fields.ts';
import { ocrRegionLines } from './licence-ocr.ts';
import { flattenCard } from './warp-card.ts';

/** The flat card the regions are cut from: ISO/IEC 7810 ID-1 at ≈ 10 px/mm. */
export const CARD_W = 856, CARD_H = 540;
type Region = { x: number; y: number; w: number; h: number };
/**
 * Where the EU model prints what (fractions of the card): the distinguishing sign inside the
 * star circle of the blue band (top left), the title beside it, and the numbered fields to the
 * right of the portrait.
 */
export const LICENCE_REGIONS: Record<'sign' | 'title' | 'fields', Region> = {
  sign: { x: 0.055, y: 0.06, w: 0.065, h: 0.09 },
  title: { x: 0.16, y: 0.02, w: 0.83, h: 0.17 },
  fields: { x: 0.335, y: 0.24, w: 0.655, h: 0.71 },
};

export type LicenceRead = {
  data: DocupassData;
  confidence: Partial<Record<keyof DocupassData, FieldConfidence>>;
  country?: LicenceCountry;
  fields: Partial<Record<string, NumberedField>>;
  /** What identified it: the title, the distinguishing sign, the numbered-field layout. */
  evidence: string[];
};

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z ]/g, ' ').replace(/\s+/g, ' ').trim();

async function regionPng(card: GrayImage, r: Region, opts: { negate?: boolean; scale?: number } = {}): Promise<Buffer> {
  const left = Math.round(r.x * card.width), top = Math.round(r.y * card.height);
  let s = sharp(card.data, { raw: { width: card.width, height: card.height, channels: 1 } })
    .extract({ left, top, width: Math.min(card.width - left, Math.round(r.w * card.width)), height: Math.min(card.height - top, Math.round(r.h * card.height)) });
  if (opts.scale && opts.scale !== 1) s = s.resize({ width: Math.round(r.w * card.width * opts.scale) });
  if (opts.negate) s = s.negate();
  return s.normalise().png().toBuffer();
}

/**
 * Countries whose licence titles the header shows (one OCR slip per six letters tolerated), best
 * first: the share of a country's titles shown tells a bilingual header (Belgium's RIJBEWIJS
 * PERMIS DE CONDUIRE) from the single-language ones it contains; ties stay for the sign.
 */
function countriesByTitle(header: string): LicenceCountry[] {
  const words = fold(header).split(' ');
  const shown = (t: string) => {
    const n = t.split(' ').length;
    for (let i = 0; i + n <= words.length; i++) if (withinEditDistance(t.replace(/ /g, ''), words.slice(i, i + n).join(''), Math.max(1, Math.floor(t.length / 6)))) return true;
    return false;
  };
  const scored = LICENCE_COUNTRIES.map((c) => ({ c, n: c.titles.filter(shown).length, share: c.titles.filter(shown).length / c.titles.length })).filter((x) => x.n > 0);
  const best = Math.max(0, ...scored.map((x) => x.n + x.share));
  return scored.filter((x) => x.n + x.share === best).map((x) => x.c);
}

/** Which licence this is: the distinguishing sign settles a title several countries share. */
export function classifyLicence(title: string, sign: string): { country?: LicenceCountry; byTitle: boolean; bySign: boolean } {
  const titled = countriesByTitle(title);
  const signText = fold(sign).replace(/ /g, '');
  const signed = LICENCE_COUNTRIES.filter((c) => c.sign === signText);
  const both = titled.filter((c) => signed.includes(c));
  const country = both[0] ?? (titled.length === 1 ? titled[0] : undefined) ?? (titled.length === 0 && signed.length === 1 ? signed[0] : undefined);
  return { country, byTitle: titled.length > 0, bySign: signed.length > 0 };
}

/** How sure a value read from print is: tesseract's line confidence, capped below a machine read. */
const printConfidence = (f: NumberedField | undefined) => Math.min(0.97, (f?.confidence ?? 0) / 100);
/** What a print value is worth when a check on it failed. */
const DOUBT = 0.5;
/** A licence number holding a look-alike character (below DOUBTFUL_BELOW: doubtful). */
const AMBIGUOUS_NUMBER = 0.8;

/**
 * DocuPass data from the numbered fields of an EU-model licence. Dates in the country's order;
 * their order (born before issued, issued before expiry) and the UK number's encoding of the
 * holder are the checks print has: a failing one makes the fields it involves doubtful.
 */
export function licenceData(fields: Partial<Record<string, NumberedField>>, country: LicenceCountry | undefined, now: Date): Pick<LicenceRead, 'data' | 'confidence'> {
  const data: DocupassData = { documentType: 'D', documentSide: 'FRONT' };
  const conf: LicenceRead['confidence'] = { documentType: entry('visual', 0.95), documentSide: entry('visual', 0.95) };
  const set = (keys: Array<keyof DocupassData>, c: number) => { for (const k of keys) if (k in data) conf[k] = entry('visual', c); };
  const orders = country ? [country.dateOrder] : (['DMY', 'YMD'] as const);
  const date = (f: NumberedField | undefined, kind: 'past' | 'future'): Ymd | undefined => {
    for (const o of orders) { const d = f && licenceDate(f.value, o, now, kind); if (d) return d; }
    return undefined;
  };
  const surname = fields['1'] && cleanName(fields['1'].value);
  const given = fields['2'] && cleanName(fields['2'].value);
  putPrintedNames(data, surname, given);
  const dob = date(fields['3'], 'past'), issued = date(fields['4a'], 'past'), expiry = date(fields['4b'], 'future');
  putDates(data, now, { dob, issued, expiry });
  const printed = fields['5']?.value.split(/\s{2,}/)[0]!.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  // The country's number format settles look-alikes by position (letters vs digits).
  const fitted = printed ? fitNumberFormat(printed, country?.numberFormats) : undefined;
  const number = fitted?.value ?? printed;
  if (number && number.length >= 5) data.documentNumber = number;
  if (fields['8']) data.address1 = fields['8'].value.trim();
  if (country) {
    const c = countryFromIso2(country.iso2);
    if (c) Object.assign(data, { issuerOrg_full: c.full, issuerOrg_iso2: c.iso2, issuerOrg_iso3: c.iso3 });
    if (c) for (const k of ['issuerOrg_full', 'issuerOrg_iso2', 'issuerOrg_iso3'] as const) conf[k] = entry('visual', 0.95);
  }
  set(['lastName'], printConfidence(fields['1']));
  set(['firstName', 'middleName'], printConfidence(fields['2']));
  set(['fullName'], Math.min(printConfidence(fields['1']), printConfidence(fields['2'])));
  const dobKeys: Array<keyof DocupassData> = ['dob', 'dob_day', 'dob_month', 'dob_year', 'age'];
  const issuedKeys: Array<keyof DocupassData> = ['issued', 'issued_day', 'issued_month', 'issued_year', 'daysFromIssue'];
  const expiryKeys: Array<keyof DocupassData> = ['expiry', 'expiry_day', 'expiry_month', 'expiry_year', 'daysToExpiry'];
  set(dobKeys, printConfidence(fields['3']));
  set(issuedKeys, printConfidence(fields['4a']));
  set(expiryKeys, printConfidence(fields['4b']));
  // Licence numbers have no check digit: O/0, I/1, S/5, B/8 differ by a stroke in print. A
  // number that fits the country's format has each look-alike settled by its position's class;
  // one that fits no known format, or holds a look-alike where the format allows both, is
  // doubtful unless something else restates it (UK). A known format the number does not fit at
  // all (wrong length or a letter where only digits go): a character was lost or misread.
  const numberConf = !number ? 0
    : fitted ? (fitted.settled ? printConfidence(fields['5']) : Math.min(AMBIGUOUS_NUMBER, printConfidence(fields['5'])))
    : country?.numberFormats ? DOUBT
    : LOOK_ALIKE.test(number) ? Math.min(AMBIGUOUS_NUMBER, printConfidence(fields['5'])) : printConfidence(fields['5']);
  set(['documentNumber'], numberConf);
  set(['address1'], printConfidence(fields['8']));
  // Dates out of order: one of them is misread, and print cannot say which.
  const t = (d?: Ymd) => (d ? Date.UTC(d.year, d.month - 1, d.day) : undefined);
  const [b, i, e] = [t(dob), t(issued), t(expiry)];
  if ((b !== undefined && i !== undefined && b >= i) || (i !== undefined && e !== undefined && i >= e) || (b !== undefined && e !== undefined && b >= e)) set([...dobKeys, ...issuedKeys, ...expiryKeys], DOUBT);
  // The UK number restates surname, initials and birth date: agreement is a second reading.
  if (country?.iso2 === 'GB' && number) {
    const a = ukNumberAgrees(number, surname, given, dob);
    if (!a) set(['documentNumber'], DOUBT);
    else {
      set(['lastName'], a.surname ? 0.97 : DOUBT);
      set([...dobKeys], a.dob ? 0.97 : DOUBT);
      set(['documentNumber'], a.surname && a.dob ? 0.97 : DOUBT);
      if (!a.surname) set(['fullName'], DOUBT);
      if (!a.initials) set(['firstName', 'fullName'], DOUBT);
    }
  }
  return { data, confidence: conf };
}

/**
 * Reads an EU-model driving licence front (or the UK photocard) from its print: the card is
 * found and flattened, then three located regions are OCR'd — the sign (white on blue, so
 * negated), the title, and the numbered-field column in the country's language. Undefined when
 * it is not one (no licence title or sign, and fewer than three numbered fields).
 */
export async function readLicence(img: GrayImage, now: Date): Promise<LicenceRead | undefined> {
  const flat = await flatCard(img);
  return flat ? readLicenceCard(flat.card, await readTitle(flat.card), now) : undefined;
}

/** The card flattened to CARD_W×CARD_H, with its corners in `img` (the photo itself when it is the card). */
export async function flatCard(img: GrayImage): Promise<{ card: GrayImage; corners: Array<[number, number]> } | undefined> {
  const found = flattenCard(img, CARD_W, CARD_H);
  if (found) return { card: found.card, corners: found.corners as Array<[number, number]> };
  if (Math.abs(img.width / img.height / (CARD_W / CARD_H) - 1) >= 0.12) return undefined;
  return { card: await resizeTo(img), corners: [[0, 0], [img.width, 0], [img.width, img.height], [0, img.height]] };
}

/** The title band's text (English model: titles are Latin capitals; accents are folded anyway). */
export async function readTitle(card: GrayImage): Promise<string> {
  return (await ocrRegionLines(await regionPng(card, LICENCE_REGIONS.title), 'eng')).map((l) => l.text).join(' ');
}

/** The licence reading of a flattened, upright card whose title band was read already. */
export async function readLicenceCard(flat: GrayImage, title: string, now: Date): Promise<LicenceRead | undefined> {
  const signLines = await ocrRegionLines(await regionPng(flat, LICENCE_REGIONS.sign, { negate: true, scale: 3 }), 'eng', PSM.SINGLE_WORD, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  const sign = signLines.map((l) => l.text).join(' ');
  const cls = classifyLicence(title, sign);
  const fieldsPng = await regionPng(flat, LICENCE_REGIONS.fields, { scale: 1.4 });
  const lines: OcrLine[] = await ocrRegionLines(fieldsPng, cls.country?.lang ?? 'eng');
  const fields = numberedFields(lines);
  const layout = ['1', '2', '3', '4a', '4b', '5'].filter((k) => fields[k as keyof typeof fields]).length;
  if (!cls.byTitle && !cls.bySign && layout < 3) return undefined;
  if (layout < 2) return undefined;
  await rereadDates(fieldsPng, fields, cls.country, now);
  const evidence = [cls.byTitle && 'title', cls.bySign && 'sign', `${layout} numbered fields`].filter((x): x is string => !!x);
  return { ...licenceData(fields, cls.country, now), country: cls.country, fields, evidence };
}

/** The EU model's portrait zone on the card (fractions): left of the numbered fields. */
export const LICENCE_PORTRAIT = { u0: 0.02, u1: 0.33, v0: 0.22, v1: 0.86 };

/** What a date read twice the same way is worth: two reads of different kinds agreeing. */
const DATE_READ_TWICE = 0.95;
/** What it is worth when the second read disagrees. */
const DATE_READS_DISAGREE = 0.6;

/**
 * Each date line read a second time on its own, digits and separators only: where both reads
 * give the same date it is sure, where they differ it is doubtful (a date has no check digit,
 * and a misread digit still makes a valid date).
 */
async function rereadDates(png: Buffer, fields: Partial<Record<string, NumberedField>>, country: LicenceCountry | undefined, now: Date) {
  const meta = await sharp(png).metadata();
  for (const [key, kind] of [['3', 'past'], ['4a', 'past'], ['4b', 'future']] as const) {
    const f = fields[key];
    const b = f?.line?.bbox;
    if (!f || !b) continue;
    const pad = Math.round((b.y1 - b.y0) * 0.25);
    const left = Math.max(0, b.x0 - pad), top = Math.max(0, b.y0 - pad);
    const crop = await sharp(png).extract({ left, top, width: Math.min(meta.width! - left, b.x1 - b.x0 + 2 * pad), height: Math.min(meta.height! - top, b.y1 - b.y0 + 2 * pad) }).png().toBuffer();
    const again = (await ocrRegionLines(crop, 'eng', PSM.SINGLE_LINE, '0123456789./-')).map((l) => l.text).join(' ');
    const orders = country ? [country.dateOrder] : (['DMY', 'YMD'] as const);
    const same = orders.some((o) => {
      const a = licenceDate(f.value, o, now, kind), c = licenceDate(again, o, now, kind);
      return !!a && !!c && a.year === c.year && a.month === c.month && a.day === c.day;
    });
    f.confidence = same ? Math.max(f.confidence, DATE_READ_TWICE * 100) : Math.min(f.confidence, DATE_READS_DISAGREE * 100);
  }
}

async function resizeTo(img: GrayImage): Promise<GrayImage> {
  if (img.width === CARD_W && img.height === CARD_H) return img;
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } }).resize(CARD_W, CARD_H, { fit: 'fill' }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}
