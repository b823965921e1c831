import { AamvaError, parseAamva, type AamvaRecord } from './aamva-parse.ts';
import { dataFromAamva, dataFromMrz } from './docupass-data.ts';
import type { DocumentReading, DocupassData, FieldSource, Side, SideReading } from './document-reading.ts';
import { normaliseImage, UnreadableImageError } from './image-normalise.ts';
import { readMrz, type MrzEngines, type MrzRead } from './mrz-read.ts';
import { decodePdf417 } from './pdf417-decode.ts';

type SideResult = { side: SideReading; mrz?: MrzRead; aamva?: AamvaRecord; barcodeRaw?: string; barcodeError?: string; error?: string };

async function readSide(bytes: Uint8Array, which: 'front' | 'back', engines?: MrzEngines): Promise<SideResult> {
  let img;
  try {
    img = await normaliseImage(bytes);
  } catch (e) {
    if (e instanceof UnreadableImageError) return { side: { side: which === 'front' ? 'FRONT' : 'BACK', width: 0, height: 0, rotation: 0 }, error: e.message };
    throw e;
  }
  const out: SideResult = { side: { side: which === 'front' ? 'FRONT' : 'BACK', width: img.width, height: img.height, rotation: 0 } };
  const raw = await decodePdf417(img);
  if (raw) {
    out.barcodeRaw = raw;
    try {
      out.aamva = parseAamva(raw);
    } catch (e) {
      if (!(e instanceof AamvaError)) throw e;
      out.barcodeError = e.message;
    }
  }
  if (!out.aamva) {
    const mrz = await readMrz(img, { engines });
    if (mrz && Object.values(mrz.checkDigits).some(Boolean)) {
      out.mrz = mrz;
      out.side = { ...out.side, rotation: mrz.rotation, width: mrz.uprightSize.width, height: mrz.uprightSize.height, mrzBox: mrz.box };
      if (mrz.format === 'TD3' || mrz.format === 'MRVA' || mrz.format === 'MRVB') out.side.side = 'BIODATA';
    }
  }
  return out;
}

function withSource(data: DocupassData, source: FieldSource, side: Side, into: DocumentReading) {
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined || k in into.data) continue;
    (into.data as Record<string, unknown>)[k] = v;
    into.fieldSources[k as keyof DocupassData] = source;
  }
  into.data.documentSide ??= side;
}

/**
 * Reads a document from its front (and optional back): PDF417/AAMVA where present, otherwise
 * the MRZ; merges both sides into one DocuPass `data`, the barcode first as the most reliable.
 */
export async function readDocument(input: { front: Uint8Array; back?: Uint8Array; now: Date; engines?: MrzEngines }): Promise<DocumentReading> {
  const sides = [await readSide(input.front, 'front', input.engines)];
  if (input.back) sides.push(await readSide(input.back, 'back', input.engines));
  const reading: DocumentReading = {
    data: {},
    fieldSources: {},
    sides: sides.map((s) => {
      const own = s.aamva ? dataFromAamva(s.aamva, input.now) : s.mrz ? dataFromMrz(s.mrz, input.now) : undefined;
      return own ? { ...s.side, data: own } : s.side;
    }),
  };
  const bySource = [...sides.filter((s) => s.aamva), ...sides.filter((s) => s.mrz?.valid), ...sides.filter((s) => s.mrz && !s.mrz.valid)];
  for (const s of bySource) {
    if (s.aamva) {
      reading.barcode ??= { format: 'PDF417', raw: s.barcodeRaw!, aamvaVersion: s.aamva.version, fields: s.aamva.elements, truncated: s.aamva.truncated };
      reading.documentKind ??= 'AAMVA';
      withSource(dataFromAamva(s.aamva, input.now), 'barcode', s.side.side, reading);
    } else if (s.mrz) {
      const m = s.mrz;
      reading.mrz ??= { format: m.format, lines: m.lines, checkDigits: m.checkDigits, nameValid: m.nameValid, valid: m.valid, repairs: m.repairs, engine: m.engine };
      reading.documentKind ??= m.format;
      withSource(dataFromMrz(m, input.now), 'mrz', s.side.side, reading);
    }
  }
  if (!reading.barcode) {
    const b = sides.find((s) => s.barcodeRaw);
    if (b) reading.barcode = { format: 'PDF417', raw: b.barcodeRaw!, fields: {} };
  }
  if (Object.keys(reading.data).length === 0) {
    const why = sides.map((s) => s.error ?? s.barcodeError).filter(Boolean);
    reading.documentKind = 'UNKNOWN';
    reading.failure = { reason: why.length ? why.join('; ') : 'no machine-readable zone or PDF417 barcode could be read' };
  }
  return reading;
}
