import sharp from 'sharp';
import type { Rect } from '../document/document-reading.ts';
import { cropGray } from './analysis-image.ts';
import type { CheckResult } from './authentication-types.ts';
import type { CheckContext } from './check-context.ts';
import { fail, notPerformed, pass, round } from './check-context.ts';
import { findGlare } from './glare.ts';
import { laplacianVariance, luminanceStats, shrinkGray } from './pixel-stats.ts';

/** Thresholds; see BENCHMARKS.md (authenticity) for the values measured on sharp, blurred and glared sets. */
export const QUALITY = {
  /** Document width in the submitted image's pixels: ~150 dpi for an ID-1 card. */
  minDocumentWidth: 500,
  /** Laplacian variance over intensity variance on the MRZ at 20 px per line (sharp ≈ 3–4, σ = 16% of a character ≈ 0.35). */
  minSharpnessMrz: 0.6,
  /** The same over the busiest tiles of the document at 640 px wide (sharp ≈ 0.15–0.3). */
  minSharpnessDocument: 0.012,
  /** Share of the document covered by glare blobs. */
  maxGlare: 0.005,
  /** Luminance drop (0–255) from 1–2 px to 5–10 px around a blob (at ~320 px wide) that marks a halo. */
  glareFalloff: 4,
  minMean: 55,
  maxClipped: 0.5,
  minContrast: 60,
};

async function resized(g: { gray: Uint8Array; width: number; height: number }, width: number): Promise<{ gray: Uint8Array; width: number; height: number }> {
  const { data, info } = await sharp(g.gray, { raw: { width: g.width, height: g.height, channels: 1 } }).resize({ width: Math.max(16, Math.round(width)), kernel: 'linear' }).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { gray: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

function variance(g: Uint8Array): number {
  let s = 0;
  let q = 0;
  for (let i = 0; i < g.length; i++) { const v = g[i]!; s += v; q += v * v; }
  const m = s / Math.max(1, g.length);
  return q / Math.max(1, g.length) - m * m;
}

/** Laplacian variance over intensity variance: contrast cancels, blur lowers it. */
const edgeSharpness = (g: { gray: Uint8Array; width: number; height: number }) => laplacianVariance(g.gray, g.width, g.height) / (variance(g.gray) + 1);

/** The same measure over the busiest tiles only (text, edges), so flat areas do not dilute it. */
function busiestTilesSharpness(g: { gray: Uint8Array; width: number; height: number }, tile = 48): number {
  const scores: Array<{ v: number; s: number }> = [];
  for (let y = 0; y + tile <= g.height; y += tile) {
    for (let x = 0; x + tile <= g.width; x += tile) {
      const t = new Uint8Array(tile * tile);
      for (let r = 0; r < tile; r++) t.set(g.gray.subarray((y + r) * g.width + x, (y + r) * g.width + x + tile), r * tile);
      const v = variance(t);
      if (v > 100) scores.push({ v, s: laplacianVariance(t, tile, tile) / (v + 1) });
    }
  }
  if (scores.length === 0) return 0;
  scores.sort((a, b) => b.v - a.v);
  const top = scores.slice(0, Math.max(3, Math.ceil(scores.length * 0.15)));
  return top.reduce((a, b) => a + b.s, 0) / top.length;
}

/**
 * Sharpness that does not depend on resolution or contrast: the text is brought to a fixed scale
 * (the MRZ to 20 px per line when it is known, else the document to 640 px wide) and the
 * Laplacian's variance is divided by the gradient energy (a blurred edge is wider: its ratio falls
 * with the square of the blur).
 */
export async function sharpness(ctx: CheckContext): Promise<{ value: number; min: number }> {
  const f = ctx.front!;
  const s = f.fine.width / f.work.width;
  if (ctx.mrzBox && ctx.reading.mrz) {
    const box: Rect = { x: ctx.mrzBox.x * s, y: ctx.mrzBox.y * s, w: ctx.mrzBox.w * s, h: ctx.mrzBox.h * s };
    const crop = cropGray(f.fine, box);
    const lineH = crop.height / ctx.reading.mrz.lines.length;
    if (crop.width > 20 && lineH > 4) {
      const g = await resized(crop, (crop.width * 20) / lineH);
      return { value: edgeSharpness(g), min: QUALITY.minSharpnessMrz };
    }
  }
  const r = ctx.region!.box;
  const crop = cropGray(f.fine, { x: r.x * s, y: r.y * s, w: r.w * s, h: r.h * s });
  const g = await resized(crop, 640);
  return { value: busiestTilesSharpness(g), min: QUALITY.minSharpnessDocument };
}

/** Resolution of the document in the frame, blur, glare over the document, and exposure; the reason names each problem. */
export async function checkImageQuality(ctx: CheckContext): Promise<CheckResult> {
  const f = ctx.front;
  if (!f || !ctx.region) return notPerformed('the image could not be decoded');
  const toOriginal = f.originalWidth / f.work.width;
  let docWidth = ctx.region.box.w * toOriginal;
  // The MRZ spans ~90% of an ICAO document's width: a better gauge when the frame includes background.
  if (ctx.mrzBox && ctx.region.source === 'frame') docWidth = Math.min(docWidth, (ctx.mrzBox.w / 0.9) * toOriginal);
  const sharp = await sharpness(ctx);
  const region = cropGray(f.work, ctx.region.box);
  const factor = Math.max(1, Math.floor(region.width / 320));
  const small = shrinkGray(region.gray, region.width, region.height, factor);
  const blobs = findGlare(small.gray, small.width, small.height, { minArea: Math.max(6, Math.round(small.width * small.height * 0.001)), minFalloff: QUALITY.glareFalloff }).filter((b) => b.glare);
  const glare = blobs.reduce((a, b) => a + b.area, 0) / (small.width * small.height);
  const lum = luminanceStats(region.gray);
  const problems: string[] = [];
  if (docWidth < QUALITY.minDocumentWidth) problems.push(`resolution too low (document ${Math.round(docWidth)} px wide)`);
  if (sharp.value < sharp.min) problems.push('image is blurred');
  if (glare > QUALITY.maxGlare) problems.push('glare covers part of the document');
  if (lum.mean < QUALITY.minMean) problems.push('image is underexposed');
  // A scan's white paper clips too; overexposure is when the ink itself is washed out.
  else if (lum.clippedHigh > QUALITY.maxClipped && lum.p01 > 90) problems.push('image is overexposed');
  else if (lum.p99 - lum.p01 < QUALITY.minContrast) problems.push('contrast too low');
  const measurements = { documentWidthPx: Math.round(docWidth), sharpness: round(sharp.value, 4), glareFraction: round(glare, 4), meanLuminance: Math.round(lum.mean), contrast: lum.p99 - lum.p01 };
  return problems.length ? fail(`Poor image quality: ${problems.join('; ')}`, measurements) : pass(measurements);
}
