import sharp from 'sharp';
import { PSM } from 'tesseract.js';
import type { Box, GrayImage } from './image-normalise.ts';
import { ocrRegionLines } from './licence-ocr.ts';

/** Width the whole side is read at when no MRZ locates its printed zone: enough for 8-point print on a card filling the frame. */
const TEXT_WIDTH = 1400;
/**
 * Width the located printed zone is read at (see BENCHMARKS.md, issue 21: agreement with the MRZ
 * held from 1400 px down to this; below it names start to slip). `IDGATE_VISUAL_ZONE_WIDTH` overrides it for benches.
 */
const ZONE_WIDTH = Number(process.env.IDGATE_VISUAL_ZONE_WIDTH) || 1000;
/** Data page aspect (ICAO ID-3 and ID-2 are both ≈ 1.42) and where the MRZ sits on it. */
const PAGE_ASPECT = 1.42;
const MRZ_WIDTH_SHARE = 0.93;
/** The portrait (zone V) fills the left of the page: the names, dates and number are right of it. */
const PORTRAIT_SHARE = 0.28;

/**
 * The region of an MRZ page that holds the printed names, dates and number: above the MRZ, right
 * of the portrait, as far up as the page goes (estimated from the MRZ's width).
 */
export function printedZone(img: { width: number; height: number }, mrzBox: Box): Box {
  const pageH = mrzBox.w / MRZ_WIDTH_SHARE / PAGE_ASPECT;
  const x0 = Math.max(0, Math.floor(mrzBox.x + PORTRAIT_SHARE * mrzBox.w));
  const x1 = Math.min(img.width, Math.ceil(mrzBox.x + mrzBox.w * 1.03));
  const y1 = Math.max(0, Math.floor(mrzBox.y));
  const y0 = Math.max(0, Math.floor(mrzBox.y - 0.82 * pageH));
  return { x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) };
}

/**
 * The side's printed text (upright image). With the MRZ box of a passport or visa page: only the
 * zone holding the names, dates and number (above the MRZ, right of the portrait) at ZONE_WIDTH;
 * otherwise the whole side at TEXT_WIDTH. One English LSTM worker (shared with the licence and
 * ID-card readers) reads it, sparse text.
 */
export async function readPrintedText(img: GrayImage, mrzBox?: Box, opts: { zoneOnly?: boolean } = {}): Promise<string> {
  const raw = sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } });
  const zone = mrzBox && opts.zoneOnly !== false ? printedZone(img, mrzBox) : undefined;
  let png: Buffer;
  if (zone && zone.w >= 32 && zone.h >= 32) {
    png = await raw.extract({ left: zone.x, top: zone.y, width: zone.w, height: zone.h }).resize({ width: Math.min(ZONE_WIDTH, zone.w) }).normalise().png().toBuffer();
  } else {
    let data = img.data;
    if (mrzBox) {
      data = new Uint8Array(img.data);
      const x0 = Math.max(0, Math.floor(mrzBox.x)), x1 = Math.min(img.width, Math.ceil(mrzBox.x + mrzBox.w));
      for (let y = Math.max(0, Math.floor(mrzBox.y)); y < Math.min(img.height, Math.ceil(mrzBox.y + mrzBox.h)); y++) data.fill(255, y * img.width + x0, y * img.width + x1);
    }
    png = await sharp(data, { raw: { width: img.width, height: img.height, channels: 1 } }).resize({ width: Math.min(TEXT_WIDTH, img.width) }).normalise().png().toBuffer();
  }
  return (await ocrRegionLines(png, 'eng', PSM.SPARSE_TEXT)).map((l) => l.text).join('\n');
}
