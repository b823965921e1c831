import sharp, { type OutputInfo, type Sharp } from 'sharp';
import { MAX_IMAGE_PIXELS } from '../../domain/image-limits.ts';

/** RGB (3 bytes per pixel) and luminance rasters of one image, upright. */
export type Raster = { rgb: Uint8Array; gray: Uint8Array; width: number; height: number };

export type AnalysisImage = {
  /** Pixel size of the submitted image after EXIF rotation: what resolution checks judge. */
  originalWidth: number;
  originalHeight: number;
  /** Near-full resolution (long side ≤ FINE_SIDE): screen grids and halftones live in the finest pixels. */
  fine: Raster;
  /** Work copy (long side ≤ WORK_SIDE) for everything measured over the whole document. */
  work: Raster;
};

export const FINE_SIDE = 2400;
export const WORK_SIDE = 1000;

export class UndecodableImageError extends Error {}

export function toGray(rgb: Uint8Array, n: number): Uint8Array {
  const g = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 3) g[i] = (rgb[j]! * 77 + rgb[j + 1]! * 150 + rgb[j + 2]! * 29) >> 8;
  return g;
}

async function raster(img: Sharp): Promise<Raster> {
  const { data, info } = await img.flatten({ background: '#ffffff' }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const rgb = new Uint8Array(data.buffer, data.byteOffset, data.length);
  return { rgb, gray: toGray(rgb, info.width * info.height), width: info.width, height: info.height };
}

/**
 * Decodes an image once for every pixel check: EXIF orientation first, then the extra right-angle
 * turn the document reader applied (`rotation`, clockwise), so the reader's boxes line up.
 */
export async function loadAnalysisImage(bytes: Uint8Array, rotation = 0): Promise<AnalysisImage> {
  let upright: { data: Buffer; info: OutputInfo };
  try {
    upright = await sharp(bytes, { failOn: 'none', limitInputPixels: MAX_IMAGE_PIXELS })
      .rotate()
      .resize({ width: FINE_SIDE, height: FINE_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw new UndecodableImageError(`image cannot be decoded: ${(e as Error).message.split('\n')[0]}`);
  }
  const meta = await sharp(bytes, { failOn: 'none' }).metadata();
  const swap = (meta.orientation ?? 1) >= 5;
  let originalWidth = (swap ? meta.height : meta.width) ?? upright.info.width;
  let originalHeight = (swap ? meta.width : meta.height) ?? upright.info.height;
  const raw = { raw: { width: upright.info.width, height: upright.info.height, channels: upright.info.channels as 3 } };
  let fineImg = sharp(upright.data, raw);
  const turn = ((rotation % 360) + 360) % 360;
  if (turn !== 0) {
    fineImg = fineImg.rotate(turn, { background: '#ffffff' });
    if (turn === 90 || turn === 270) [originalWidth, originalHeight] = [originalHeight, originalWidth];
  }
  // Without an extra turn the decoded pixels are used as they are (no second pass over them).
  const fine = turn === 0 && upright.info.channels === 3
    ? lazyGrayRaster(new Uint8Array(upright.data.buffer, upright.data.byteOffset, upright.data.length), upright.info.width, upright.info.height)
    : await raster(fineImg);
  const work = fine.width <= WORK_SIDE && fine.height <= WORK_SIDE
    ? fine
    : await raster(sharp(fine.rgb, { raw: { width: fine.width, height: fine.height, channels: 3 } }).resize({ width: WORK_SIDE, height: WORK_SIDE, fit: 'inside' }));
  return { originalWidth, originalHeight, fine, work };
}

/**
 * A raster whose luminance is computed on first use: the checks read the near-full-resolution
 * raster only in crops and tiles (taken from `rgb`), so the whole-image conversion is usually skipped.
 */
function lazyGrayRaster(rgb: Uint8Array, width: number, height: number): Raster {
  let gray: Uint8Array | undefined;
  const r = { rgb, width, height } as Raster;
  Object.defineProperty(r, 'gray', { enumerable: true, get: () => (gray ??= toGray(rgb, width * height)) });
  return r;
}

/** Luminance crop of a raster (box clamped to the image); from its RGB when it has one. */
export function cropGray(r: { gray: Uint8Array; width: number; height: number; rgb?: Uint8Array }, box: { x: number; y: number; w: number; h: number }): { gray: Uint8Array; width: number; height: number } {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(r.width, Math.ceil(box.x + box.w));
  const y1 = Math.min(r.height, Math.ceil(box.y + box.h));
  const w = Math.max(0, x1 - x0);
  const h = Math.max(0, y1 - y0);
  const out = new Uint8Array(w * h);
  const rgb = r.rgb;
  if (rgb) {
    for (let y = 0; y < h; y++) {
      for (let x = 0, j = ((y0 + y) * r.width + x0) * 3, o = y * w; x < w; x++, j += 3, o++) out[o] = (rgb[j]! * 77 + rgb[j + 1]! * 150 + rgb[j + 2]! * 29) >> 8;
    }
    return { gray: out, width: w, height: h };
  }
  for (let y = 0; y < h; y++) out.set(r.gray.subarray((y0 + y) * r.width + x0, (y0 + y) * r.width + x0 + w), y * w);
  return { gray: out, width: w, height: h };
}
