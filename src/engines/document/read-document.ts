import { AamvaError, parseAamva, type AamvaRecord } from './aamva-parse.ts';
import { dataFromAamva, dataFromMrz } from './docupass-data.ts';
import type { DocumentReading, DocupassData, FieldSource, Side, SideReading } from './document-reading.ts';
import { normaliseImage, rotateGray, UnreadableImageError, type GrayImage } from './image-normalise.ts';
import { locateDocument, type LayoutFormat } from './locate-document.ts';
import { confirmByPrint, crossCheckVisual, dataFromVisual, visualFields } from './visual-zone.ts';
import { readPrintedText } from './visual-zone-ocr.ts';
import { readMrz, type MrzEngines, type MrzRead } from './mrz-read.ts';
import { isCountryProblem } from './mrz-parse.ts';
import { decodePdf417 } from './pdf417-decode.ts';
import type { LicenceRead } from './read-licence.ts';
import { readCardFront, titleNamesLicence, type CardCache, type CardFrontRead } from './read-card-front.ts';
import type { IdFrontRead } from './read-id-front.ts';
import { mergeIdFront } from './merge-id-front.ts';
import { BARCODE_CONFIDENCE, doubtfulKeys, entry, mrzDataConfidence, type FieldConfidences } from './field-confidence.ts';

type SideResult = { side: SideReading; label: 'FRONT' | 'BACK'; img?: GrayImage; upright?: GrayImage; mrz?: MrzRead; aamva?: AamvaRecord; barcodeRaw?: string; barcodeError?: string; error?: string };

/** The side's work image turned the way it was read; the outline and the printed zone both need it. */
async function uprightOf(s: SideResult, img: GrayImage): Promise<GrayImage> {
  s.upright ??= s.side.rotation ? await rotateGray(img, s.side.rotation) : img;
  return s.upright;
}

const settled = (s: SideResult) => !!s.aamva || !!s.mrz?.valid || (!!s.mrz && clearlyRead(s.mrz));
const checksPassed = (m?: MrzRead) => (m ? Object.values(m.checkDigits).filter(Boolean).length + (m.valid ? 10 : 0) : -1);

/**
 * Specimens and some national cards print check digits that do not validate; such an MRZ is still
 * worth reporting (as invalid) when the glyph reader is sure of its characters and its structure.
 */
const clearlyRead = (m: MrzRead) =>
  m.engine === 'glyphs' && (m.confidence ?? 0) >= CLEAR_READ_CONFIDENCE && m.nameValid && m.structureProblems.every(isCountryProblem);
const CLEAR_READ_CONFIDENCE = 0.8;

function takeMrz(out: SideResult, mrz: MrzRead | undefined) {
  if (!mrz || !(Object.values(mrz.checkDigits).some(Boolean) || clearlyRead(mrz)) || checksPassed(mrz) <= checksPassed(out.mrz)) return;
  out.mrz = mrz;
  out.side = { ...out.side, rotation: mrz.rotation, width: mrz.uprightSize.width, height: mrz.uprightSize.height, mrzBox: mrz.box };
  out.side.side = mrz.format === 'TD3' || mrz.format === 'MRVA' || mrz.format === 'MRVB' ? 'BIODATA' : out.label;
}

/**
 * Accepts a decoded PDF417 when it parses as an AAMVA record, and keeps the record parsed, so
 * the accepted decode is not parsed a second time to be used (nor a rejected one at all again).
 */
function aamvaAcceptor() {
  const parsed = new Map<string, AamvaRecord | AamvaError>();
  const parse = (raw: string): AamvaRecord | AamvaError => {
    let r = parsed.get(raw);
    if (!r) {
      try {
        r = parseAamva(raw);
      } catch (e) {
        if (!(e instanceof AamvaError)) throw e;
        r = e;
      }
      parsed.set(raw, r);
    }
    return r;
  };
  return { accept: (raw: string) => !(parse(raw) instanceof AamvaError), parse };
}

/**
 * One side, cheapest reader first: the MRZ by glyph classification at straight poses, a PDF417
 * barcode, then the MRZ at tilted poses. (A side with a valid MRZ is not searched for a barcode
 * as well.) `quick`: the glance only, for a side whose data is not needed.
 */
async function readSide(bytes: Uint8Array, which: 'front' | 'back', engines: MrzEngines, quick = false, printedCard?: (img: GrayImage) => Promise<boolean>): Promise<SideResult> {
  const blank = { side: which === 'front' ? 'FRONT' : 'BACK', width: 0, height: 0, rotation: 0 } as const;
  let img: GrayImage;
  try {
    img = await normaliseImage(bytes);
  } catch (e) {
    if (e instanceof UnreadableImageError) return { side: { ...blank }, label: blank.side, error: e.message };
    throw e;
  }
  const geometry = { work: { width: img.width, height: img.height }, ...(img.source && { source: img.source }) };
  const out: SideResult = { img, label: blank.side, side: { ...blank, width: img.width, height: img.height, ...geometry } };
  // A glance first (upright and quarter-turned MRZ), then a barcode, then the tilted poses.
  if (engines !== 'tesseract') takeMrz(out, await readMrz(img, { engines: 'glyphs', poses: 'straight' }));
  if (out.mrz?.valid || quick) return out;
  // A card whose title says it carries neither (an EU-model licence front) is not searched further.
  if (!out.mrz && printedCard && (await printedCard(img))) return out;
  const aamva = aamvaAcceptor();
  const raw = await decodePdf417(img, aamva.accept);
  if (raw) {
    out.barcodeRaw = raw;
    const rec = aamva.parse(raw);
    if (rec instanceof AamvaError) out.barcodeError = rec.message;
    else {
      out.aamva = rec;
      out.mrz = undefined;
      out.side = { ...out.side, rotation: 0, width: img.width, height: img.height, mrzBox: undefined, side: blank.side };
    }
  }
  if (!out.aamva && engines !== 'tesseract') takeMrz(out, await readMrz(img, { engines: 'glyphs', poses: 'tilted' }));
  return out;
}

/**
 * The document's outline and portrait zone on one side, where its layout is known: from the
 * side's own MRZ, or — for the card front whose MRZ or barcode is on the other side — from
 * the other side's format. Only outlines well backed by edges are reported.
 */
async function locateSide(s: SideResult, all: SideResult[]) {
  if (!s.img) return;
  const other = all.find((o) => o !== s && (o.mrz || o.aamva));
  const format: LayoutFormat | undefined = s.mrz ? s.mrz.format : s.aamva ? undefined : other?.aamva ? 'AAMVA' : other?.mrz?.format === 'TD1' ? 'TD1' : undefined;
  if (!format) return;
  const loc = locateDocument(await uprightOf(s, s.img), { mrzBox: s.side.mrzBox, format });
  if (loc.corners && loc.confidence >= MIN_OUTLINE_SUPPORT) s.side.documentCorners = loc.corners.map(([x, y]) => [Math.round(x), Math.round(y)] as [number, number]);
  if (loc.portraitBox && loc.portraitBox.w > 0 && loc.portraitBox.h > 0) s.side.portraitBox = loc.portraitBox;
}
/** Print OCR found by labels alone, with no check and no second reader: never sure. */
const VISUAL_ALONE = 0.5;
/** Share of the outline that must be backed by edges (true outlines measure 0.97–1). */
const MIN_OUTLINE_SUPPORT = 0.9;

function withSource(data: DocupassData, source: FieldSource, side: Side, into: DocumentReading, confidence: FieldConfidences = {}) {
  into.fieldConfidence ??= {};
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined || k in into.data) continue;
    (into.data as Record<string, unknown>)[k] = v;
    into.fieldSources[k as keyof DocupassData] = source;
    into.fieldConfidence[k as keyof DocupassData] = confidence[k as keyof DocupassData] ?? entry(source, 1);
  }
  if (!into.data.documentSide) {
    into.data.documentSide = side;
    into.fieldConfidence.documentSide = entry(source, 1);
  }
}

/** What the side's machine-readable read says of each of its fields' certainty. */
function sideConfidence(s: SideResult, data: DocupassData): FieldConfidences {
  if (s.aamva) return Object.fromEntries(Object.keys(data).map((k) => [k, entry('barcode', BARCODE_CONFIDENCE)]));
  return s.mrz ? mrzDataConfidence(s.mrz, data) : {};
}

/**
 * `visualZone`: 'auto' (default) reads the printed zone only when nothing machine-readable was
 * found, as the only source; 'always' also cross-checks a machine read against the print (a
 * second or more of OCR: used when authenticity is checked); 'never' skips it.
 */
export type VisualZoneMode = 'auto' | 'always' | 'never';

/**
 * Time for the whole read after which no tesseract MRZ pass starts. The fast readers settle
 * most documents in well under a second; one they cannot read would otherwise cost tesseract
 * 5–17 s at every candidate and pose, for reads that rarely come good after the first few.
 */
export const DEFAULT_READ_BUDGET_MS = 6000;

/**
 * Reads a document from its front (and optional back): PDF417/AAMVA where present, otherwise
 * the MRZ; merges both sides into one DocuPass `data`, the barcode first as the most reliable.
 * `everySide`: read each side as far as it goes (for `dualsidecheck`, which needs what each
 * side says); otherwise the slow reader stops once one side has given a valid read.
 * `budgetMs` (default DEFAULT_READ_BUDGET_MS, from the start of the call): once spent, no new
 * tesseract MRZ pass starts and the best read so far stands. The fast readers always run, and
 * the printed-zone read still runs when it is the only source left (one OCR pass).
 */
export async function readDocument(input: { front: Uint8Array; back?: Uint8Array; now: Date; engines?: MrzEngines; everySide?: boolean; visualZone?: VisualZoneMode; budgetMs?: number }): Promise<DocumentReading> {
  const deadline = Date.now() + (input.budgetMs ?? DEFAULT_READ_BUDGET_MS);
  const engines = input.engines ?? 'both';
  // The back first: on cards and licences it holds the MRZ or barcode; once it gave a valid read,
  // the front (the printed side) only gets a glance unless every side must be read.
  const back = input.back ? await readSide(input.back, 'back', engines) : undefined;
  const mode = input.visualZone ?? 'auto';
  const cardCache: CardCache = {};
  const probe = engines !== 'glyphs' && mode !== 'never' && !back?.mrz && !back?.aamva ? (img: GrayImage) => titleNamesLicence(img, cardCache) : undefined;
  const front = await readSide(input.front, 'front', engines, !!back && settled(back) && !input.everySide && engines !== 'tesseract', probe);
  const sides = back ? [front, back] : [front];
  // Nothing machine-readable so far: an EU-model driving licence (or UK photocard) front is read
  // from its numbered fields in located regions (about a second) before tesseract searches for
  // an MRZ (seconds); a licence found ends the search.
  // The same for an ID card front (title and labelled fields), the card read turned by 180° when
  // the first pose shows neither.
  let licence: LicenceRead | undefined;
  let idFront: IdFrontRead | undefined;
  let card: CardFrontRead | undefined;
  if (engines !== 'glyphs' && mode !== 'never' && front.img && !sides.some((s) => s.mrz || s.aamva)) {
    card = await readCardFront(await uprightOf(front, front.img), input.now, {}, cardCache);
    const d = card ? (card.kind === 'licence' ? card.licence.data : card.id.data) : undefined;
    if (!d || !(d.lastName || d.firstName) || !(d.dob || d.documentNumber)) card = undefined;
    else if (card!.kind === 'licence') licence = card!.licence;
    else idFront = card!.id;
  }
  // An ID card whose MRZ is on the back: the printed front is a second reading of the holder
  // (names have no check digit), merged below.
  const mrzBack = back?.mrz && back.mrz.format === 'TD1' && !front.mrz && !front.aamva;
  if (mrzBack && engines !== 'glyphs' && mode !== 'never' && front.img) {
    card = await readCardFront(await uprightOf(front, front.img), input.now, { only: 'id' }, cardCache);
    if (card?.kind === 'id') idFront = card.id;
    else card = undefined;
  }
  if (card) {
    // Read turned: the side's coordinates are those of the turned image.
    if (card.rotation) {
      front.side = { ...front.side, rotation: (front.side.rotation + card.rotation) % 360 };
      front.upright = undefined;
    }
    front.side.documentCorners = card.corners;
    if (card.portraitBox) front.side.portraitBox = card.portraitBox;
  }
  // Tesseract (seconds) only when no side gave a valid MRZ or barcode with the fast readers.
  // Only a licence or ID card named by its title ends the search: numbered fields alone may be
  // another document's (some ID cards number their fields too), whose MRZ tesseract may still find.
  const frontNamed = !!licence?.evidence.includes('title') || !!idFront?.evidence.includes('title');
  if (!frontNamed && engines !== 'glyphs' && (input.everySide || !sides.some(settled))) {
    // Where the glyph reader found the MRZ but could not settle it, tesseract starts there.
    for (const s of sides) if (s.img && !settled(s)) takeMrz(s, await readMrz(s.img, { engines: 'tesseract', deadline, lead: s.mrz }));
  }
  await Promise.all(sides.map((s) => (s === front && card ? undefined : locateSide(s, sides))));
  // What each side alone says: reported per side and merged below.
  const own = new Map<SideResult, DocupassData>();
  for (const s of sides) {
    if (s.aamva) own.set(s, dataFromAamva(s.aamva, input.now));
    else if (s.mrz) own.set(s, dataFromMrz(s.mrz, input.now));
  }
  const reading: DocumentReading = {
    data: {},
    fieldSources: {},
    sides: sides.map((s) => (own.has(s) ? { ...s.side, data: own.get(s)! } : s.side)),
  };
  const bySource = [...sides.filter((s) => s.aamva), ...sides.filter((s) => s.mrz?.valid), ...sides.filter((s) => s.mrz && !s.mrz.valid)];
  for (const s of bySource) {
    if (s.aamva) {
      reading.barcode ??= { format: 'PDF417', raw: s.barcodeRaw!, aamvaVersion: s.aamva.version, fields: s.aamva.elements, truncated: s.aamva.truncated };
      reading.documentKind ??= 'AAMVA';
      withSource(own.get(s)!, 'barcode', s.side.side, reading, sideConfidence(s, own.get(s)!));
    } else if (s.mrz) {
      const m = s.mrz;
      reading.mrz ??= { format: m.format, lines: m.lines, checkDigits: m.checkDigits, nameValid: m.nameValid, valid: m.valid, repairs: m.repairs, engine: m.engine };
      reading.documentKind ??= m.format;
      withSource(own.get(s)!, 'mrz', s.side.side, reading, sideConfidence(s, own.get(s)!));
    }
  }
  if (!reading.barcode) {
    const b = sides.find((s) => s.barcodeRaw);
    if (b) reading.barcode = { format: 'PDF417', raw: b.barcodeRaw!, fields: {} };
  }
  const machineRead = Object.keys(reading.data).length > 0;
  // The side with the printed personal data: the MRZ page, or the card front.
  const printed = sides.find((s) => s.mrz && s.side.side === 'BIODATA') ?? sides[0]!;
  // Fields the machine read could not settle are looked for in the print (an independent read).
  const unsettled = doubtfulKeys(reading.fieldConfidence ?? {}).filter((k) => reading.fieldSources[k] !== 'visual');
  if (!machineRead && licence) {
    withSource(licence.data, 'visual', 'FRONT', reading, licence.confidence);
    reading.documentKind = 'DL_EU';
    reading.licence = { country: licence.country?.iso2, evidence: licence.evidence, fields: Object.fromEntries(Object.entries(licence.fields).map(([k, f]) => [k, f!.value])) };
    reading.sides[0] = { ...reading.sides[0]!, data: licence.data };
  }
  if (!machineRead && idFront) {
    withSource(idFront.data, 'visual', 'FRONT', reading, idFront.confidence);
    reading.documentKind = 'UNKNOWN';
    reading.sides[0] = { ...reading.sides[0]!, data: idFront.data };
  }
  if (idFront) {
    reading.idFront = { country: idFront.country?.iso2, evidence: idFront.evidence, fields: idFront.fields as Record<string, string> };
    if (machineRead) {
      const agreement = mergeIdFront(reading, idFront);
      reading.visual = { text: idFront.text, fields: idFront.fields as Record<string, string>, agreement };
      reading.sides[0] = { ...reading.sides[0]!, data: idFront.data };
    } else reading.visual = { text: idFront.text, fields: idFront.fields as Record<string, string> };
  }
  if (!licence && !idFront && printed.img && engines !== 'glyphs' && (mode === 'always' || (mode === 'auto' && (!machineRead || unsettled.length > 0)))) {
    const text = await readPrintedText(await uprightOf(printed, printed.img), printed.side.mrzBox);
    const fields = dataFromVisual(visualFields(text, input.now), input.now);
    reading.visual = {
      text,
      fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v === 'string')) as Record<string, string>,
      ...(machineRead && { agreement: crossCheckVisual(text, reading.data) }),
    };
    if (machineRead) confirmByPrint(text, reading);
    // Alone, the print counts as a document only with a name and a birth date or number beside it
    // (a face photo or a blank page yields stray words, not an identity).
    if (!machineRead && (fields.lastName || fields.firstName) && (fields.dob || fields.documentNumber)) {
      withSource(fields, 'visual', printed.side.side, reading, Object.fromEntries(Object.keys(fields).map((k) => [k, entry('visual', VISUAL_ALONE)])));
      reading.documentKind = 'UNKNOWN';
    }
  }
  const doubtful = doubtfulKeys(reading.fieldConfidence ?? {});
  if (doubtful.length) reading.doubtful = doubtful;
  if (Object.keys(reading.data).length === 0) {
    const why = sides.map((s) => s.error ?? s.barcodeError).filter(Boolean);
    reading.documentKind = 'UNKNOWN';
    reading.failure = { reason: why.length ? why.join('; ') : 'no machine-readable zone or PDF417 barcode could be read' };
  }
  return reading;
}
