import sharp from 'sharp';
import { PSM } from 'tesseract.js';
import { withinEditDistance } from '../../domain/matching/edit-distance.ts';
import type { Ymd } from './aamva-parse.ts';
import { countryFromIcao, countryFromIso2 } from './country-names.ts';
import { putDates, putPrintedNames } from './docupass-data.ts';
import type { DocupassData, FieldConfidence } from './document-reading.ts';
import { entry } from './field-confidence.ts';
import { foldText, ID_CARD_COUNTRIES, type IdCardCountry, type IdFieldKind } from './id-card-countries.ts';
import { idDate, idNationality, idNumber, locateFields, type Bbox, type LocatedField } from './id-front-fields.ts';
import type { GrayImage } from './image-normalise.ts';
import { cleanName } from './licence-fields.ts';
import { ocrRegionLines, ocrRegionWords } from './licence-ocr.ts';

/**
 * Reads a national identity card front (no MRZ on it) from its print: the flattened card's
 * data area is OCR'd once in the country's language to find the labels and where their values
 * are; each value is then read again on its own located region (one line, the field's
 * characters); two reads that agree make a value sure, two that differ make it doubtful.
 */
export type IdFrontRead = {
  data: DocupassData;
  confidence: Partial<Record<keyof DocupassData, FieldConfidence>>;
  country?: IdCardCountry;
  fields: Partial<Record<IdFieldKind, string>>;
  evidence: string[];
  /** The portrait zone on the flat card (fractions of its width and height), when the layout shows where it is. */
  portrait?: { u0: number; v0: number; u1: number; v1: number };
  /** The print as read (the data area's lines), for cross-checks against an MRZ. */
  text: string;
};

/** Countries whose ID-card titles the header shows, best first (as for licences: count plus share shown). */
export function idCountriesByTitle(header: string): IdCardCountry[] {
  const words = foldText(header).split(' ');
  const shown = (t: string) => {
    const n = t.split(' ').length;
    const want = t.replace(/ /g, '');
    for (let i = 0; i + n <= words.length; i++) if (withinEditDistance(want, words.slice(i, i + n).join(''), Math.max(1, Math.floor(want.length / 6)))) return true;
    return false;
  };
  const scored = ID_CARD_COUNTRIES.map((c) => { const n = c.titles.filter(shown).length; return { c, n, s: n + n / c.titles.length }; }).filter((x) => x.n > 0);
  const best = Math.max(0, ...scored.map((x) => x.s));
  return scored.filter((x) => x.s === best).map((x) => x.c);
}

/** The card's data area (below the title band): where labels and values are looked for. */
const DATA_AREA = { x: 0.02, y: 0.16, w: 0.96, h: 0.82 };
/** Scale the data area is read at: 15 px labels on the 856 px card become ~22 px. */
const DATA_SCALE = 1.5;

async function areaPng(card: GrayImage, r: { x: number; y: number; w: number; h: number }, scale: number): Promise<Buffer> {
  const left = Math.round(r.x * card.width), top = Math.round(r.y * card.height);
  const width = Math.min(card.width - left, Math.round(r.w * card.width)), height = Math.min(card.height - top, Math.round(r.h * card.height));
  return sharp(card.data, { raw: { width: card.width, height: card.height, channels: 1 } })
    .extract({ left, top, width, height }).resize({ width: Math.round(width * scale) }).normalise().png().toBuffer();
}

async function cropPng(png: Buffer, size: { width: number; height: number }, b: Bbox): Promise<Buffer> {
  const h = b.y1 - b.y0, pad = Math.round(h * 0.3);
  const left = Math.max(0, b.x0 - pad), top = Math.max(0, b.y0 - pad);
  return sharp(png).extract({ left, top, width: Math.min(size.width - left, b.x1 - b.x0 + 2 * pad), height: Math.min(size.height - top, h + 2 * pad) }).png().toBuffer();
}

const WHITELIST: Partial<Record<IdFieldKind, string>> = { number: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789' };

/** Two reads that agree, of a value with no check of its own. */
const READ_TWICE = 0.95;
/** Two reads that differ: the located one is kept, doubtful. */
const READS_DIFFER = 0.6;
/** Only one read parsed. */
const READ_ONCE = 0.85;
/** A number holding a look-alike where its format allows letters and digits. */
const AMBIGUOUS_NUMBER = 0.8;
/** A check on the value failed (dates out of order, a number of no known shape). */
const DOUBT = 0.5;

type Parsed = { key: string; value: unknown };
function parse(kind: IdFieldKind, text: string, country: IdCardCountry | undefined, now: Date): Parsed | undefined {
  switch (kind) {
    case 'surname': case 'given': { const n = cleanName(text); return n ? { key: n, value: n } : undefined; }
    case 'dob': case 'expiry': { const d = idDate(text, country, now, kind === 'dob' ? 'past' : 'future'); return d ? { key: `${d.year}-${d.month}-${d.day}`, value: d } : undefined; }
    case 'number': { const n = idNumber(text, country); return n ? { key: n.value, value: n } : undefined; }
    case 'nationality': { const c = idNationality(text, country, (code) => !!countryFromIcao(code)); return c ? { key: c, value: c } : undefined; }
  }
}

/** The portrait's side: the labels start right of it (portrait left) or all text ends left of it (portrait right). */
function portraitZone(located: LocatedField[], areaWidth: number): IdFrontRead['portrait'] {
  if (located.length < 2) return undefined;
  const toCard = (x: number) => DATA_AREA.x + (x / areaWidth) * DATA_AREA.w;
  const x0 = Math.min(...located.map((f) => toCard(f.bbox.x0))), x1 = Math.max(...located.map((f) => toCard(f.bbox.x1)));
  if (x0 > 0.3) return { u0: 0.02, u1: Math.min(0.36, x0 - 0.01), v0: 0.2, v1: 0.85 };
  if (x1 < 0.68) return { u0: Math.max(0.62, x1 + 0.01), u1: 0.98, v0: 0.2, v1: 0.85 };
  return undefined;
}

/**
 * `country`: the card's country as its title says (labels, model, date order, number formats);
 * `issuerKnown`: false when the title is shared by several countries (PERSONALAUSWEIS), so the
 * issuer is not reported from it.
 */
export async function readIdFront(card: GrayImage, country: IdCardCountry | undefined, now: Date, opts: { issuerKnown?: boolean } = {}): Promise<IdFrontRead | undefined> {
  const lang = country?.lang ?? 'eng';
  const png = await areaPng(card, DATA_AREA, DATA_SCALE);
  const meta = await sharp(png).metadata();
  const size = { width: meta.width!, height: meta.height! };
  const lines = await ocrRegionWords(png, lang, PSM.SPARSE_TEXT);
  const located = locateFields(lines, country);
  const kinds = Object.keys(located) as IdFieldKind[];
  if (kinds.length < 2) return undefined;
  const values: Partial<Record<IdFieldKind, { parsed: Parsed; confidence: number }>> = {};
  for (const kind of kinds) {
    const f = located[kind]!;
    const first = parse(kind, f.value, country, now);
    const again = (await ocrRegionLines(await cropPng(png, size, f.bbox), kind === 'nationality' || kind === 'surname' || kind === 'given' ? lang : 'eng', PSM.SINGLE_LINE, WHITELIST[kind] ?? '')).map((l) => l.text).join(' ');
    const second = parse(kind, again, country, now);
    const parsed = second ?? first;
    if (!parsed) continue;
    const conf = first && second ? (first.key === second.key ? Math.max(READ_TWICE, Math.min(0.97, f.confidence / 100)) : READS_DIFFER) : READ_ONCE;
    values[kind] = { parsed, confidence: conf };
  }
  const data: DocupassData = { documentType: 'I', documentSide: 'FRONT' };
  const conf: IdFrontRead['confidence'] = { documentType: entry('visual', 0.95), documentSide: entry('visual', 0.95) };
  const set = (keys: Array<keyof DocupassData>, c: number) => { for (const k of keys) if (k in data) conf[k] = entry('visual', c); };
  const surname = values.surname?.parsed.value as string | undefined, given = values.given?.parsed.value as string | undefined;
  putPrintedNames(data, surname, given);
  const dob = values.dob?.parsed.value as Ymd | undefined, expiry = values.expiry?.parsed.value as Ymd | undefined;
  putDates(data, now, { dob, expiry });
  const number = values.number?.parsed.value as ReturnType<typeof idNumber>;
  if (number) data.documentNumber = number.value;
  const nat = values.nationality && countryFromIcao(values.nationality.parsed.value as string);
  if (nat) Object.assign(data, { nationality_full: nat.full, nationality_iso2: nat.iso2, nationality_iso3: nat.iso3 });
  const issuer = country && opts.issuerKnown !== false && countryFromIso2(country.iso2);
  if (issuer) Object.assign(data, { issuerOrg_full: issuer.full, issuerOrg_iso2: issuer.iso2, issuerOrg_iso3: issuer.iso3 });
  set(['issuerOrg_full', 'issuerOrg_iso2', 'issuerOrg_iso3'], 0.95);
  set(['lastName'], values.surname?.confidence ?? 0);
  set(['firstName', 'middleName'], values.given?.confidence ?? 0);
  set(['fullName'], Math.min(values.surname?.confidence ?? 1, values.given?.confidence ?? 1));
  const dobKeys: Array<keyof DocupassData> = ['dob', 'dob_day', 'dob_month', 'dob_year', 'age'];
  const expiryKeys: Array<keyof DocupassData> = ['expiry', 'expiry_day', 'expiry_month', 'expiry_year', 'daysToExpiry'];
  set(dobKeys, values.dob?.confidence ?? 0);
  set(expiryKeys, values.expiry?.confidence ?? 0);
  set(['nationality_full', 'nationality_iso2', 'nationality_iso3'], values.nationality?.confidence ?? 0);
  if (number) set(['documentNumber'], !number.fitsFormat && country?.numberFormats ? DOUBT : !number.settled ? Math.min(AMBIGUOUS_NUMBER, values.number!.confidence) : values.number!.confidence);
  // Born before the card expires; a card valid for more than 15 years past its holder's birth… is any card: only order is checked.
  const t = (d?: Ymd) => (d ? Date.UTC(d.year, d.month - 1, d.day) : undefined);
  if (dob && expiry && t(dob)! >= t(expiry)!) set([...dobKeys, ...expiryKeys], DOUBT);
  if (!data.lastName && !data.firstName) return undefined;
  const text = lines.map((l) => l.words.map((w) => w.text).join(' ')).join('\n');
  const fields = Object.fromEntries(kinds.filter((k) => values[k]).map((k) => [k, values[k]!.parsed.key]));
  return { data, confidence: conf, country, fields, evidence: [country && opts.issuerKnown !== false ? 'title' : 'labels', `${kinds.filter((k) => located[k]!.labelled).length} labelled fields`], portrait: portraitZone(Object.values(located), size.width), text };
}
