import type { Rect } from '../document/document-reading.ts';
import type { CheckResult } from './authentication-types.ts';
import type { CheckContext } from './check-context.ts';
import { fail, notPerformed, pass, round } from './check-context.ts';
import { periodicPeakOf } from './periodic-energy.ts';
import { shrinkGray } from './pixel-stats.ts';

/** Thresholds; see BENCHMARKS.md (authenticity) for the peak ratios measured on genuine and recaptured sets. */
export const RECAPTURE = {
  /** Strongest high-band luminance peak of the tiles' averaged spectrum (× its ring median). */
  maxLumaPeak: 7,
  /** Share of bright, strongly saturated pixels: emissive colours outside a print's gamut. */
  maxEmissive: 0.08,
  /** Tiles whose spectra are averaged; fewer than `minTiles` flat ones: not performed. */
  tiles: 4,
  minTiles: 2,
};

/**
 * Tile side at near-full resolution. Smaller tiles blur a grid's peak into the background (128 px
 * tiles did not separate a 1.8 px/screen-px recapture from genuine photos at all).
 */
const TILE = 256;
/** A tile is used when its content (coarse Laplacian) is at most this multiple of the flattest tile's. */
const MAX_CONTENT_RATIO = 1.5;

type Tile = { x: number; y: number; n: number };

/** Summed-area table of a float map (w+1)×(h+1). */
function integral(m: Float64Array, w: number, h: number): Float64Array {
  const s = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) { row += m[y * w + x]!; s[(y + 1) * (w + 1) + x + 1] = s[y * (w + 1) + x + 1]! + row; }
  }
  return s;
}

/**
 * The flattest tiles of the document at near-full resolution: little printed content (text,
 * edges, portrait) judged on a coarse copy where neither a screen grid nor a halftone survives,
 * neither paper white nor black. A screen's grid and a print's dots cover plain areas as much as
 * any other, while a genuine document's content puts peaks of its own into a spectrum (lines of
 * text, guilloches). Tiles touching the MRZ are left out: its monospaced OCR-B text is periodic.
 */
export function flatTiles(ctx: CheckContext, count: number): Tile[] {
  const f = ctx.front!;
  const s = f.fine.width / f.work.width;
  const r = ctx.region!.box;
  const box = { x: r.x * s, y: r.y * s, w: r.w * s, h: r.h * s };
  const n = TILE;
  if (Math.min(box.w, box.h) < n * 1.2) return [];
  const factor = Math.max(1, Math.round(f.work.width / 250));
  const coarse = shrinkGray(f.work.gray, f.work.width, f.work.height, factor);
  const { width: cw, height: ch, gray: cg } = coarse;
  const lap = new Float64Array(cw * ch);
  const bright = new Float64Array(cw * ch);
  for (let y = 1; y < ch - 1; y++) {
    for (let x = 1; x < cw - 1; x++) {
      const i = y * cw + x;
      lap[i] = Math.abs(4 * cg[i]! - cg[i - 1]! - cg[i + 1]! - cg[i - cw]! - cg[i + cw]!);
      bright[i] = cg[i]!;
    }
  }
  const L = integral(lap, cw, ch);
  const B = integral(bright, cw, ch);
  const k = s * factor; // fine pixels per coarse pixel
  const sum = (S: Float64Array, x0: number, y0: number, x1: number, y1: number) => S[y1 * (cw + 1) + x1]! - S[y0 * (cw + 1) + x1]! - S[y1 * (cw + 1) + x0]! + S[y0 * (cw + 1) + x0]!;
  const mrz: Rect | undefined = ctx.mrzBox && { x: ctx.mrzBox.x * s, y: ctx.mrzBox.y * s, w: ctx.mrzBox.w * s, h: ctx.mrzBox.h * s };
  const quad = ctx.region!.corners?.map(([cx, cy]) => [cx * s, cy * s] as [number, number]);
  const cands: Array<Tile & { score: number }> = [];
  const step = n / 4;
  for (let y = Math.max(0, Math.round(box.y)); y + n <= Math.min(f.fine.height, box.y + box.h); y += step) {
    for (let x = Math.max(0, Math.round(box.x)); x + n <= Math.min(f.fine.width, box.x + box.w); x += step) {
      if (mrz && x < mrz.x + mrz.w && x + n > mrz.x && y < mrz.y + mrz.h && y + n > mrz.y) continue;
      // With the outline known, tiles lie wholly on the document: not on its edge, nor on the desk.
      if (quad && ![[x, y], [x + n, y], [x + n, y + n], [x, y + n]].every(([px, py]) => inside(quad, px!, py!))) continue;
      const x0 = Math.min(cw - 1, Math.max(1, Math.round(x / k)));
      const y0 = Math.min(ch - 1, Math.max(1, Math.round(y / k)));
      const x1 = Math.min(cw - 1, Math.round((x + n) / k));
      const y1 = Math.min(ch - 1, Math.round((y + n) / k));
      const area = (x1 - x0) * (y1 - y0);
      if (area <= 0) continue;
      const mean = sum(B, x0, y0, x1, y1) / area;
      if (mean < 40 || mean > 240) continue;
      cands.push({ x, y, n, score: sum(L, x0, y0, x1, y1) / area });
    }
  }
  cands.sort((a, b) => a.score - b.score);
  const out: Tile[] = [];
  // Tiles overlap by half at most (as Welch's method does); one with clearly more content than
  // the flattest (text, a portrait's outline) would bring that content's own peaks.
  const limit = (cands[0]?.score ?? 0) * MAX_CONTENT_RATIO + 0.5;
  for (const c of cands) {
    if (c.score > limit) break;
    if (out.every((t) => Math.abs(t.x - c.x) >= n / 2 || Math.abs(t.y - c.y) >= n / 2)) out.push({ x: c.x, y: c.y, n });
    if (out.length === count) break;
  }
  return out;
}

/** Is (x, y) inside the convex quadrilateral q (either winding)? */
function inside(q: Array<[number, number]>, x: number, y: number): boolean {
  let sign = 0;
  for (let k = 0; k < q.length; k++) {
    const [ax, ay] = q[k]!;
    const [bx, by] = q[(k + 1) % q.length]!;
    const z = Math.sign((bx - ax) * (y - ay) - (by - ay) * (x - ax));
    if (z === 0) continue;
    if (sign === 0) sign = z;
    else if (z !== sign) return false;
  }
  return true;
}

/** Luminance of a tile of the fine raster, straight from its RGB. */
function lumaTile(ctx: CheckContext, t: Tile): Float64Array {
  const { rgb, width } = ctx.front!.fine;
  const out = new Float64Array(t.n * t.n);
  for (let y = 0; y < t.n; y++) {
    let j = ((t.y + y) * width + t.x) * 3;
    for (let x = 0, o = y * t.n; x < t.n; x++, o++, j += 3) out[o] = (rgb[j]! * 77 + rgb[j + 1]! * 150 + rgb[j + 2]! * 29) / 256;
  }
  return out;
}

/**
 * Photo of a screen or of a print: one periodic high-frequency peak (pixel grid, halftone,
 * their moiré with the camera's own pixels) shared by the flattest tiles of the document, and
 * colours brighter and more saturated than ink on paper can be (emissive gamut).
 */
export function checkRecapture(ctx: CheckContext): CheckResult {
  const f = ctx.front;
  if (!f || !ctx.region) return notPerformed('the image could not be decoded');
  const picks = flatTiles(ctx, RECAPTURE.tiles);
  if (picks.length < RECAPTURE.minTiles) return notPerformed('the document is too small in the image, or too busy, to analyse its fine texture');
  const peak = periodicPeakOf(picks.map((t) => lumaTile(ctx, t)), picks[0]!.n);
  // Emissive colours: bright and saturated beyond what reflective print reaches.
  const { rgb, width } = f.work;
  const r = ctx.region.box;
  let emissive = 0;
  let total = 0;
  for (let y = Math.floor(r.y); y < r.y + r.h; y += 3) {
    for (let x = Math.floor(r.x); x < r.x + r.w; x += 3) {
      const i = (y * width + x) * 3;
      const R = rgb[i]!, G = rgb[i + 1]!, B = rgb[i + 2]!;
      const max = Math.max(R, G, B);
      const min = Math.min(R, G, B);
      if (max >= 235 && max - min >= 150) emissive++;
      total++;
    }
  }
  const period = peak.peak ? picks[0]!.n / Math.hypot(peak.u, peak.v) : 0;
  const m = { lumaPeak: round(peak.peak, 1), peakPeriodPx: round(period, 2), peakU: peak.u, peakV: peak.v, emissiveFraction: round(emissive / Math.max(1, total), 4), tiles: picks.length, tileSize: picks[0]!.n };
  const problems: string[] = [];
  if (m.lumaPeak > RECAPTURE.maxLumaPeak) problems.push('periodic screen or print pattern (moiré)');
  if (m.emissiveFraction > RECAPTURE.maxEmissive) problems.push('colours outside the gamut of print (emissive display)');
  return problems.length ? fail(`The document appears to be a photo of a screen or a print: ${problems.join('; ')}`, m) : pass(m);
}
