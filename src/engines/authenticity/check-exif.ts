import exifr from 'exifr';
import sharp from 'sharp';
import type { CheckResult } from './authentication-types.ts';
import { fail, pass } from './check-context.ts';

/**
 * Raster editors that write their name into the metadata. Camera firmware and vendor transfer
 * tools (Nikon Transfer, OLYMPUS CAMEDIA Master, "Digital Camera … Ver1.00") are not editors.
 */
const EDITORS: Array<[RegExp, string]> = [
  [/photoshop/i, 'Photoshop'],
  [/\bgimp\b/i, 'GIMP'],
  [/affinity photo/i, 'Affinity Photo'],
  [/pixelmator/i, 'Pixelmator'],
  [/paint\.net/i, 'Paint.NET'],
  [/paintshop|paint shop pro/i, 'PaintShop Pro'],
  [/\bkrita\b/i, 'Krita'],
  [/photopea/i, 'Photopea'],
  [/\bcanva\b/i, 'Canva'],
  [/picsart/i, 'PicsArt'],
  [/snapseed/i, 'Snapseed'],
  [/facetune/i, 'Facetune'],
  [/\bfotor\b/i, 'Fotor'],
  [/corel(draw| photo)/i, 'Corel'],
  [/illustrator/i, 'Illustrator'],
  [/inkscape/i, 'Inkscape'],
  [/painttool/i, 'PaintTool SAI'],
];

/** An Adobe "Photoshop 3.0" resource block (APP13) in the JPEG header, written by Photoshop saves. */
export function hasPhotoshopIrb(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return false;
  let i = 2;
  while (i + 4 < bytes.length && bytes[i] === 0xff) {
    const marker = bytes[i + 1]!;
    if (marker === 0xda) break; // start of scan: no more metadata segments
    const len = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (marker === 0xed && Buffer.from(bytes.subarray(i + 4, i + 4 + 13)).toString('latin1') === 'Photoshop 3.0') return true;
    i += 2 + len;
  }
  return false;
}

const DAY = 86_400_000;
/** Grey levels (0–255) one 8×8 block of the thumbnail may differ from the picture; see BENCHMARKS.md. */
export const THUMBNAIL_MAX_BLOCK_DIFFERENCE = 60;
const asDate = (v: unknown): Date | undefined => (v instanceof Date && !Number.isNaN(v.getTime()) ? v : undefined);

/**
 * How far the EXIF thumbnail is from the main picture: both brought to the thumbnail's size in
 * grey, the largest mean absolute difference over 8×8 blocks. Re-encoding leaves a few levels;
 * a pasted portrait or rewritten field leaves one block far off, a different picture many.
 */
async function thumbnailDifference(bytes: Uint8Array): Promise<number | undefined> {
  let thumb: Uint8Array | undefined;
  try {
    thumb = (await exifr.thumbnail(Buffer.from(bytes))) as Uint8Array | undefined;
  } catch {
    return undefined;
  }
  if (!thumb || thumb.length < 100) return undefined;
  try {
    // Cameras letterbox thumbnails with black bars; trim them before comparing.
    const t = await sharp(thumb, { failOn: 'none' }).trim({ background: '#000000', threshold: 20 }).grayscale().raw().toBuffer({ resolveWithObject: true });
    const { width: w, height: h } = t.info;
    if (w < 16 || h < 16) return undefined;
    // The thumbnail is stored unrotated, like the main image's pixels: compare without EXIF rotation.
    const m = await sharp(bytes, { failOn: 'none' }).resize(w, h, { fit: 'fill' }).grayscale().raw().toBuffer();
    let worst = 0;
    for (let by = 0; by + 8 <= h; by += 8) {
      for (let bx = 0; bx + 8 <= w; bx += 8) {
        let d = 0;
        for (let y = by; y < by + 8; y++) for (let x = bx; x < bx + 8; x++) d += Math.abs(t.data[y * w + x]! - m[y * w + x]!);
        worst = Math.max(worst, d / 64);
      }
    }
    return worst;
  } catch {
    return undefined;
  }
}

/**
 * Editing software named in the metadata (EXIF Software/ProcessingSoftware, XMP CreatorTool and
 * history, a Photoshop resource block), dates that contradict each other, and an EXIF thumbnail
 * that no longer shows the picture. Missing or unreadable metadata alone is not a failure:
 * browsers and messengers strip it.
 */
export async function checkExif(bytes: Uint8Array, now: Date): Promise<CheckResult> {
  let meta: Record<string, unknown> | undefined;
  try {
    meta = (await exifr.parse(Buffer.from(bytes), { tiff: true, exif: true, xmp: true, iptc: false, icc: false, mergeOutput: true })) as Record<string, unknown> | undefined;
  } catch {
    meta = undefined;
  }
  const reasons: string[] = [];
  const tools = [meta?.Software, meta?.ProcessingSoftware, meta?.CreatorTool, meta?.HistorySoftwareAgent].flat().filter((v): v is string => typeof v === 'string');
  const editor = EDITORS.find(([re]) => tools.some((t) => re.test(t)))?.[1] ?? (hasPhotoshopIrb(bytes) ? 'Photoshop' : undefined);
  if (editor) reasons.push(`Image edited in ${editor}`);

  const original = asDate(meta?.DateTimeOriginal);
  const digitized = asDate(meta?.CreateDate);
  const modified = asDate(meta?.ModifyDate);
  if (original && original.getTime() > now.getTime() + DAY) reasons.push('EXIF capture date lies in the future');
  if (original && digitized && Math.abs(original.getTime() - digitized.getTime()) > DAY) reasons.push('EXIF capture and digitisation dates contradict each other');
  // Cameras whose clock was never set write 1970/1980 dates: only dates this century are compared.
  const set = (d: Date) => d.getUTCFullYear() >= 2000;
  if (original && modified && set(original) && set(modified) && modified.getTime() < original.getTime() - 60_000) reasons.push('EXIF modification date precedes the capture date');

  const thumbDiff = meta ? await thumbnailDifference(bytes) : undefined;
  if (thumbDiff !== undefined && thumbDiff > THUMBNAIL_MAX_BLOCK_DIFFERENCE) reasons.push('EXIF thumbnail differs from the image: altered after capture');

  const measurements: Record<string, number> = { metadataFound: meta ? 1 : 0 };
  if (thumbDiff !== undefined) measurements.thumbnailBlockDifference = Math.round(thumbDiff * 10) / 10;
  if (original && modified) measurements.modifiedAfterCaptureHours = Math.round((modified.getTime() - original.getTime()) / 3_600_000);
  return reasons.length ? fail(reasons.join('; '), measurements) : pass(measurements);
}
