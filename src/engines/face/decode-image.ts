import sharp, { type Sharp } from 'sharp';
import type { FaceBox } from './face-types.ts';

export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
  /** Maps this image's pixels back to the caller's image: original = offset + pixel × scale. */
  origin?: { scale: number; offsetX: number; offsetY: number; width: number; height: number };
}

/**
 * Large photos are scaled down before detection: SSD sees 512×512 anyway and the descriptor
 * works on a 150×150 face chip, so more pixels only cost time. 1280 keeps a face that fills a
 * tenth of a phone photo's width above 100 px.
 */
export const MAX_SIDE = 1280;

/** Decodes JPEG/PNG/WebP bytes to RGB, honouring EXIF orientation and flattening alpha on white. */
export async function decodeImage(bytes: Uint8Array, opts: { crop?: FaceBox; maxSide?: number } = {}): Promise<RgbImage> {
  const meta = await sharp(bytes, { failOn: 'none' }).metadata();
  if (!meta.width || !meta.height) throw new Error('image has no dimensions');
  // EXIF orientations 5–8 are quarter turns: width and height swap after rotate().
  const swap = (meta.orientation ?? 1) >= 5;
  const fullW = swap ? meta.height : meta.width;
  const fullH = swap ? meta.width : meta.height;
  const maxSide = opts.maxSide ?? MAX_SIDE;
  const c = opts.crop ? clampBox(opts.crop, fullW, fullH) : { x: 0, y: 0, w: fullW, h: fullH };
  // One pipeline, so libvips can shrink large JPEGs while decoding them. A crop is taken in
  // upright coordinates (extract after rotate); this gives the very pixels of rotating the whole
  // photo to a raw buffer first and cutting from it (checked on EXIF orientations 1, 3, 6, 8 and
  // a 4000 px photo), without materialising the whole photo: ~3× less CPU on a phone photo.
  let img: Sharp = sharp(bytes, { failOn: 'none' }).rotate();
  if (opts.crop) img = img.extract({ left: c.x, top: c.y, width: c.w, height: c.h });
  const { data, info } = await img
    .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
    origin: { scale: c.w / info.width, offsetX: c.x, offsetY: c.y, width: fullW, height: fullH },
  };
}

/**
 * Surrounds an image with a flat border of its mean colour. The SSD detector was trained on
 * scenes, not on tight face crops (a document portrait box, a cropped avatar); with the face
 * filling the frame it often finds nothing, so tight crops are padded before detection.
 */
export async function padImage(img: RgbImage, fraction = 0.5): Promise<{ image: RgbImage; offsetX: number; offsetY: number }> {
  const padX = Math.round(img.width * fraction);
  const padY = Math.round(img.height * fraction);
  const mean = meanColour(img);
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .extend({ top: padY, bottom: padY, left: padX, right: padX, background: mean })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { image: { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height }, offsetX: padX, offsetY: padY };
}

/** Grayscale crop of a box resized to `width` px wide, for sharpness and glare measures. */
export async function grayCrop(img: RgbImage, box: FaceBox, width = 128): Promise<{ gray: Uint8Array; width: number; height: number }> {
  const c = clampBox(box, img.width, img.height);
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .extract({ left: c.x, top: c.y, width: c.w, height: c.h })
    .resize({ width })
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { gray: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** JPEG bytes of a raw RGB image (the video's best frame). */
export async function encodeJpeg(img: RgbImage, quality = 90): Promise<Uint8Array> {
  const buf = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).jpeg({ quality }).toBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}

export function clampBox(b: FaceBox, width: number, height: number): FaceBox {
  const x = Math.max(0, Math.min(width - 1, Math.round(b.x)));
  const y = Math.max(0, Math.min(height - 1, Math.round(b.y)));
  const w = Math.max(1, Math.min(width - x, Math.round(b.w)));
  const h = Math.max(1, Math.min(height - y, Math.round(b.h)));
  return { x, y, w, h };
}

function meanColour(img: RgbImage): { r: number; g: number; b: number } {
  let r = 0;
  let g = 0;
  let b = 0;
  const n = img.width * img.height;
  for (let i = 0; i < img.data.length; i += 3) {
    r += img.data[i]!;
    g += img.data[i + 1]!;
    b += img.data[i + 2]!;
  }
  return { r: Math.round(r / n), g: Math.round(g / n), b: Math.round(b / n) };
}
