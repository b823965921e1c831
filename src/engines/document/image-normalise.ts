import sharp from 'sharp';
import { MAX_IMAGE_PIXELS } from '../../domain/image-limits.ts';

/** A decoded greyscale image, upright by its EXIF orientation. One byte per pixel. */
export type GrayImage = { data: Uint8Array; width: number; height: number; /** EXIF-upright size of the decoded file, before scaling. */ source?: { width: number; height: number } };

export class UnreadableImageError extends Error {}

/** The one pixel limit, shared with intake (domain/image-limits.ts). */
export const MAX_INPUT_PIXELS = MAX_IMAGE_PIXELS;
/** Longest side the readers work at; bigger photos only cost time (ID Analyzer's `ocr_scaledown`). */
export const WORK_SIDE = 2000;

/**
 * Decodes any accepted image fully (so truncated or corrupt bodies fail here, with a reason),
 * honours EXIF orientation, refuses decompression bombs by pixel count, and scales down.
 */
export async function normaliseImage(bytes: Uint8Array, maxSide = WORK_SIDE): Promise<GrayImage> {
  try {
    const meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    if (!meta.width || !meta.height) throw new UnreadableImageError('image has no dimensions');
    if (meta.width * meta.height > MAX_INPUT_PIXELS) throw new UnreadableImageError(`too many pixels (${meta.width}×${meta.height})`);
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' })
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const swap = (meta.orientation ?? 1) >= 5;
    const source = { width: swap ? meta.height : meta.width, height: swap ? meta.width : meta.height };
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, source };
  } catch (e) {
    if (e instanceof UnreadableImageError) throw e;
    if (/pixel limit/i.test((e as Error).message)) throw new UnreadableImageError(`too many pixels (over ${MAX_INPUT_PIXELS}; a decompression bomb?)`);
    throw new UnreadableImageError(`image cannot be decoded: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Right-angle or small rotation of a grey image, white fill (documents are mostly light). */
export async function rotateGray(img: GrayImage, degrees: number): Promise<GrayImage> {
  if (degrees % 360 === 0) return img;
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } })
    .rotate(degrees, { background: '#ffffff' })
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

export async function resizeGray(img: GrayImage, width: number): Promise<GrayImage> {
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } })
    .resize({ width })
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

export type Box = { x: number; y: number; w: number; h: number };

/** Crops, scales and encodes a region as PNG for the OCR engine. */
export async function cropPng(img: GrayImage, box: Box, scale: number, rotate = 0): Promise<Buffer> {
  const x = Math.max(0, Math.round(box.x));
  const y = Math.max(0, Math.round(box.y));
  const w = Math.min(img.width - x, Math.round(box.w));
  const h = Math.min(img.height - y, Math.round(box.h));
  let s = sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } }).extract({ left: x, top: y, width: w, height: h });
  if (rotate) s = sharp(await s.png().toBuffer()).rotate(rotate, { background: '#ffffff' });
  s = s.resize({ width: Math.max(1, Math.round(w * scale)) }).normalise();
  return s.png().toBuffer();
}
