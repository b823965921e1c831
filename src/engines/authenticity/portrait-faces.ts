import type { Rect } from '../document/document-reading.ts';
import type { AnalysisImage } from './analysis-image.ts';
import type { PortraitFace } from './authentication-types.ts';

/**
 * Maps boxes given in the submitted image's pixels (EXIF-upright, as the face engine reports
 * them) into the analysis raster, which is additionally turned by the reader's `rotation`.
 */
export function toFineBox(b: Rect, img: AnalysisImage, rotation: number): Rect {
  const turn = ((rotation % 360) + 360) % 360;
  // Size before the reader's turn.
  const [W0, H0] = turn === 90 || turn === 270 ? [img.originalHeight, img.originalWidth] : [img.originalWidth, img.originalHeight];
  let r: Rect = b;
  if (turn === 90) r = { x: H0 - (b.y + b.h), y: b.x, w: b.h, h: b.w };
  else if (turn === 180) r = { x: W0 - (b.x + b.w), y: H0 - (b.y + b.h), w: b.w, h: b.h };
  else if (turn === 270) r = { x: b.y, y: W0 - (b.x + b.w), w: b.h, h: b.w };
  const s = img.fine.width / img.originalWidth;
  return { x: r.x * s, y: r.y * s, w: r.w * s, h: r.h * s };
}

/**
 * Runs the face engine's detector on the analysis raster (so boxes are already in its pixels).
 * Imported lazily: the face models load only when a portrait has to be looked for.
 */
export async function detectPortraitFaces(img: AnalysisImage): Promise<PortraitFace[]> {
  const { detectFaces } = await import('../face/detect-faces.ts');
  const sharp = (await import('sharp')).default;
  const MAX = 1280;
  const f = img.fine;
  const scale = Math.min(1, MAX / Math.max(f.width, f.height));
  let data = f.rgb;
  let width = f.width;
  let height = f.height;
  if (scale < 1) {
    const out = await sharp(f.rgb, { raw: { width: f.width, height: f.height, channels: 3 } }).resize({ width: Math.round(f.width * scale) }).raw().toBuffer({ resolveWithObject: true });
    data = new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.length);
    width = out.info.width;
    height = out.info.height;
  }
  const k = f.width / width;
  // 512 px: the ghost image is a small face; the face engine's default 320 px input can miss it.
  const faces = await detectFaces({ data, width, height }, { withDescriptors: false, inputSize: 512 });
  return faces.map((x) => ({ box: { x: x.box.x * k, y: x.box.y * k, w: x.box.w * k, h: x.box.h * k }, score: x.score }));
}
