import { blackhat, components, otsu } from './morphology.ts';
import type { GrayImage } from './image-normalise.ts';

/** Size of the feature grid one character cell is sampled into. */
export const GLYPH_W = 14;
export const GLYPH_H = 18;
/** Line height (px) the crop is expected at; the caller scales the MRZ crop to it. */
export const GLYPH_LINE_PX = 32;
/** Vertical shift of the extra cell samples, as a share of the line height. */
const SHIFT = 0.06;

export type GlyphLine = {
  /** One unit-length, zero-mean feature vector per character cell. */
  features: Float32Array[];
  /** The same cells sampled with the window a little higher and lower (test-time augmentation). */
  shifted: Array<[Float32Array, Float32Array]>;
  /** Cell centres (x) in the rectified crop, and the band's top/bottom rows. */
  centers: number[];
  top: number;
  bottom: number;
  /** The straightened ink map the cells were sampled from (the classifier's trainer re-samples it). */
  ink: { data: Float32Array; width: number; height: number };
};
export type GlyphBlock = { length: number; lines: GlyphLine[]; skewDeg: number };

type Ink = { data: Float32Array; bin: Uint8Array; width: number; height: number };

/**
 * Turns an upright crop around an MRZ (line height ≈ GLYPH_LINE_PX) into character cells:
 * dark-text extraction, skew by projection, line bands, then the fixed OCR-B pitch fitted
 * through the character blobs. Returns one block per plausible line length (the caller
 * classifies each and keeps the best), or none when the crop does not look like an MRZ.
 */
export function segmentMrz(crop: GrayImage, lineCount: number, lengths: number[], plausibility: (features: Float32Array[]) => number = () => 0): GlyphBlock[] {
  const ink = inkMap(crop);
  const skew = findSkew(ink);
  const rect = shear(ink, skew);
  const found = lineBands(rect, lineCount);
  if (!found) return [];
  // Perspective and page curl give each line its own slant: each is straightened on its own.
  const straight = found.map((band, li) => straightenLine(rect, band, [found[li - 1]?.[1] ?? 0, found[li + 1]?.[0] ?? rect.height - 1]));
  const bands = straight.map((s) => s.band);
  const perLine = straight.map((s) => charCenters(s.ink, s.band));
  // Blob chains that fit some length; where none does (touching bold print), the profile fit.
  const fits = straight.map(({ ink, band: [top, bottom] }, li) => lengths.map((length) => fitGrid(perLine[li]!, length, (x, p) => inkMass(ink, x, p, top, bottom))));
  const out: GlyphBlock[] = [];
  for (const [k, length] of lengths.entries()) {
    const lines: GlyphLine[] = [];
    for (let li = 0; li < bands.length; li++) {
      const [top, bottom] = bands[li]!;
      const lineInk = straight[li]!.ink;
      const anyFits = fits[li]!.some((f) => f.length > 0);
      const grids = anyFits ? fits[li]![k]! : [fitGridByProfile(lineInk, top, bottom, length)].filter((g): g is number[] => !!g);
      // Where the blobs leave a doubt (one too many or too few), the classifier's confidence decides.
      let best: { centers: number[]; features: Float32Array[] } | undefined, bestScore = -Infinity;
      for (const grid of grids) {
        const features = grid.map((cx, i) => cellFeature(lineInk, cx, localPitch(grid, i), top, bottom));
        const sc = grids.length > 1 ? plausibility(features) : 0;
        if (!best || sc > bestScore) { best = { centers: grid, features }; bestScore = sc; }
      }
      if (!best) break;
      // Where the band's edges fall depends on blur and threshold; the classifier also sees the
      // cells with the window moved by a few per cent of the line height.
      const d = (bottom - top + 1) * SHIFT, { centers } = best;
      const shifted = centers.map((cx, i): [Float32Array, Float32Array] => {
        const p = localPitch(centers, i);
        return [cellFeature(lineInk, cx, p, top - d, bottom - d), cellFeature(lineInk, cx, p, top + d, bottom + d)];
      });
      lines.push({ top, bottom, ...best, shifted, ink: lineInk });
    }
    if (lines.length === bands.length) out.push({ length, lines, skewDeg: (Math.atan(skew) * 180) / Math.PI });
  }
  return out;
}

/** Ink strength 0..1 (dark detail over the local background) and its Otsu mask. */
function inkMap(img: GrayImage): Ink {
  const { width: W, height: H } = img;
  const k = Math.round(GLYPH_LINE_PX * 0.9) | 1;
  const bh = blackhat(img.data, W, H, k, k);
  const thr = Math.max(18, otsu(bh));
  // Stroke strength: a high percentile of the ink, so contrast does not change the features.
  const hist = new Uint32Array(256);
  let n = 0;
  for (let i = 0; i < bh.length; i++) if (bh[i]! > thr) { hist[bh[i]!]!++; n++; }
  let acc = 0, strong = 255;
  for (let v = 255; v >= 0; v--) { acc += hist[v]!; if (acc >= n * 0.3) { strong = v; break; } }
  const data = new Float32Array(bh.length);
  const bin = new Uint8Array(bh.length);
  const span = Math.max(1, strong - thr * 0.5);
  for (let i = 0; i < bh.length; i++) {
    const v = bh[i]!;
    data[i] = v <= thr * 0.5 ? 0 : Math.min(1, (v - thr * 0.5) / span);
    bin[i] = v > thr ? 1 : 0;
  }
  return { data, bin, width: W, height: H };
}

/** The slope (tan) whose row projection is sharpest: MRZ lines are long and straight. */
function findSkew(ink: Ink): number {
  const { bin, width: W, height: H } = ink;
  const xs: number[] = [], ys: number[] = [];
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x += 2) if (bin[y * W + x]) { xs.push(x - W / 2); ys.push(y); }
  const margin = Math.ceil(W * 0.11) + 2;
  const hist = new Float64Array(H + 2 * margin);
  let best = 0, bestScore = -1;
  for (let deg = -6; deg <= 6.001; deg += 0.25) {
    const t = Math.tan((deg * Math.PI) / 180);
    hist.fill(0);
    for (let i = 0; i < xs.length; i++) {
      const b = Math.round(ys[i]! - xs[i]! * t) + margin;
      if (b >= 0 && b < hist.length) hist[b]!++;
    }
    let s = 0;
    for (let i = 0; i < hist.length; i++) s += hist[i]! * hist[i]!;
    if (s > bestScore) { bestScore = s; best = t; }
  }
  return best;
}

/** Removes the skew by shifting each column vertically (a shear: exact enough for ±6°). */
function shear(ink: Ink, t: number): Ink {
  if (t === 0) return ink;
  const { width: W, height: H } = ink;
  const data = new Float32Array(W * H);
  const bin = new Uint8Array(W * H);
  for (let x = 0; x < W; x++) {
    const dy = (x - W / 2) * t;
    const fy = Math.floor(dy), a = dy - fy;
    for (let y = 0; y < H; y++) {
      const sy = y + fy;
      if (sy < 0 || sy + 1 >= H) continue;
      const v = ink.data[sy * W + x]! * (1 - a) + ink.data[(sy + 1) * W + x]! * a;
      data[y * W + x] = v;
      bin[y * W + x] = (a < 0.5 ? ink.bin[sy * W + x] : ink.bin[(sy + 1) * W + x])!;
    }
  }
  return { data, bin, width: W, height: H };
}

/** Share of the strongest row's ink a row needs to belong to a line band. */
const BAND_LEVEL = 0.22;
/** Least slant (rise over run) worth straightening a line for: under it, the line is left as is. */
const MIN_LINE_SLANT_RISE = 0.1;
const MAX_LINE_SLANT = Math.tan((3 * Math.PI) / 180);

/**
 * A line whose slant differs from the block's (a keystoned photo, a curled page) is sheared
 * straight on its own: the ink's vertical centroid in eight stretches along the line gives the
 * slant; the band is then measured again on the straightened line. `limits`: the neighbouring
 * lines' edges, which the centroid window must not reach.
 */
function straightenLine(rect: Ink, band: [number, number], limits: [number, number]): { ink: Ink; band: [number, number] } {
  const { bin, width: W, height: H } = rect;
  const [top, bottom] = band;
  const h = bottom - top + 1;
  const y0 = Math.max(0, Math.round(top - h * 0.5), Math.ceil((limits[0] + top) / 2));
  const y1 = Math.min(H - 1, Math.round(bottom + h * 0.5), Math.floor((limits[1] + bottom) / 2));
  let xL = W, xR = -1;
  for (let y = top; y <= bottom; y++) for (let x = 0; x < W; x++) if (bin[y * W + x]) { if (x < xL) xL = x; if (x > xR) xR = x; }
  const unchanged = { ink: rect, band };
  if (xR - xL < h * 4) return unchanged;
  const SEGMENTS = 8;
  const pts: Array<{ x: number; y: number; m: number }> = [];
  for (let s = 0; s < SEGMENTS; s++) {
    const a = Math.round(xL + ((xR - xL) * s) / SEGMENTS), b = Math.round(xL + ((xR - xL) * (s + 1)) / SEGMENTS);
    let m = 0, my = 0;
    for (let y = y0; y <= y1; y++) for (let x = a; x < b; x++) if (bin[y * W + x]) { m++; my += y; }
    if (m > 0) pts.push({ x: (a + b) / 2, y: my / m, m });
  }
  const heavy = median(pts.map((p) => p.m));
  const use = pts.filter((p) => p.m >= heavy * 0.3);
  if (use.length < 4) return unchanged;
  let sw = 0, sx = 0, sy = 0;
  for (const p of use) { sw += p.m; sx += p.m * p.x; sy += p.m * p.y; }
  const mx = sx / sw, my = sy / sw;
  let sxx = 0, sxy = 0;
  for (const p of use) { sxx += p.m * (p.x - mx) ** 2; sxy += p.m * (p.x - mx) * (p.y - my); }
  const slope = Math.max(-MAX_LINE_SLANT, Math.min(MAX_LINE_SLANT, sxy / (sxx || 1)));
  if (Math.abs(slope) * (xR - xL) * 0.5 < h * MIN_LINE_SLANT_RISE) return unchanged;
  const ink = shear(rect, slope);
  // The line's centre row after the shear (which pivots on the middle column).
  const centre = my + (W / 2 - mx) * slope;
  const prof = new Float64Array(H);
  const ya = Math.max(0, Math.round(centre - h)), yb = Math.min(H - 1, Math.round(centre + h));
  for (let y = ya; y <= yb; y++) { let c = 0; for (let x = xL; x <= xR; x++) c += ink.bin[y * W + x]!; prof[y] = c; }
  let peak = 0;
  for (let y = ya; y <= yb; y++) peak = Math.max(peak, prof[y]!);
  let t = Math.round(Math.max(ya, Math.min(yb, centre))), b = t;
  while (t > ya && prof[t - 1]! > peak * BAND_LEVEL) t--;
  while (b < yb && prof[b + 1]! > peak * BAND_LEVEL) b++;
  return b - t + 1 >= h * 0.5 ? { ink, band: [t, b] } : unchanged;
}

/** Row ranges of the `count` text lines, top to bottom. */
function lineBands(ink: Ink, count: number): Array<[number, number]> | undefined {
  const { bin, width: W, height: H } = ink;
  const prof = new Float64Array(H);
  for (let y = 0; y < H; y++) { let s = 0; for (let x = 0; x < W; x++) s += bin[y * W + x]!; prof[y] = s; }
  const max = Math.max(...prof);
  if (max < W * 0.05) return undefined;
  let runs: Array<[number, number, number]> = [];
  let start = -1;
  for (let y = 0; y <= H; y++) {
    const on = y < H && prof[y]! > max * BAND_LEVEL;
    if (on && start < 0) start = y;
    if (!on && start >= 0) {
      let mass = 0;
      for (let k = start; k < y; k++) mass += prof[k]!;
      runs.push([start, y - 1, mass]);
      start = -1;
    }
  }
  runs = runs.filter(([a, b]) => b - a + 1 >= GLYPH_LINE_PX * 0.4);
  // Two lines touching (tight line spacing, blur) form one run twice as tall: split at its weakest row.
  const med = median(runs.map(([a, b]) => b - a + 1));
  const split: Array<[number, number, number]> = [];
  for (const r of runs) {
    const h = r[1] - r[0] + 1;
    if (h > med * 1.7 && runs.length < count) {
      let cut = r[0] + Math.round(h / 2), low = Infinity;
      for (let y = r[0] + Math.round(h * 0.3); y <= r[0] + Math.round(h * 0.7); y++) if (prof[y]! < low) { low = prof[y]!; cut = y; }
      split.push([r[0], cut - 1, r[2] / 2], [cut + 1, r[1], r[2] / 2]);
    } else split.push(r);
  }
  if (split.length < count) return undefined;
  // The MRZ lines are the heaviest adjacent group of `count` runs.
  let bestAt = 0, bestMass = -1;
  for (let i = 0; i + count <= split.length; i++) {
    const m = split.slice(i, i + count).reduce((s, r) => s + r[2], 0);
    if (m > bestMass) { bestMass = m; bestAt = i; }
  }
  return split.slice(bestAt, bestAt + count).map(([a, b]) => [a, b]);
}

/** Centres (x) of the character blobs in a band, left to right. */
function charCenters(ink: Ink, [top, bottom]: [number, number]): number[] {
  const { bin, width: W, height: H } = ink;
  const h = bottom - top + 1;
  const y0 = Math.max(0, Math.round(top - h * 0.25)), y1 = Math.min(H - 1, Math.round(bottom + h * 0.25));
  const sub = bin.subarray(y0 * W, (y1 + 1) * W);
  const blobs = components(sub, W, y1 - y0 + 1)
    .filter((c) => {
      const bw = c.x1 - c.x0 + 1, bhh = c.y1 - c.y0 + 1;
      const cy = y0 + (c.y0 + c.y1) / 2;
      return bhh >= h * 0.2 && bhh <= h * 1.35 && bw <= h * 1.3 && cy >= top - h * 0.1 && cy <= bottom + h * 0.1 && c.area >= h * 0.6 && c.area < bw * bhh * 0.85;
    })
    .sort((a, b) => a.x0 - b.x0);
  // A character broken in two (thin stroke, glare) gives overlapping blobs: one centre.
  const merged: Array<{ x0: number; x1: number }> = [];
  for (const b of blobs) {
    const last = merged[merged.length - 1];
    if (last && Math.min(last.x1, b.x1) - Math.max(last.x0, b.x0) > -1) { last.x0 = Math.min(last.x0, b.x0); last.x1 = Math.max(last.x1, b.x1); }
    else merged.push({ x0: b.x0, x1: b.x1 });
  }
  return merged.filter((m) => m.x1 - m.x0 + 1 <= h * 1.3).map((m) => (m.x0 + m.x1) / 2);
}

/**
 * Places `length` equally pitched cells through the blob centres: the longest chain of blobs
 * spaced by whole pitches decides where the line starts and ends, then a quadratic fit of
 * centre against index absorbs perspective. Undefined when the chain does not span `length`.
 */
function fitGrid(centers: number[], length: number, massAt: (x: number, pitch: number) => number): number[][] {
  if (centers.length < length * 0.5) return [];
  const gaps = centers.slice(1).map((c, i) => c - centers[i]!);
  const pitch = median(gaps.filter((g) => g > 0));
  if (!(pitch > 0)) return [];
  // Chains of blobs whose gaps are whole multiples of the pitch.
  let best: Array<[number, number]> = [], cur: Array<[number, number]> = [[centers[0]!, 0]];
  for (let i = 0; i < gaps.length; i++) {
    const k = Math.round(gaps[i]! / pitch);
    const ok = k >= 1 && k <= 4 && Math.abs(gaps[i]! - k * pitch) < pitch * 0.3;
    if (ok) cur.push([centers[i + 1]!, cur[cur.length - 1]![1] + k]);
    else {
      if (span(cur) > span(best)) best = cur;
      cur = [[centers[i + 1]!, 0]];
    }
  }
  if (span(cur) > span(best)) best = cur;
  const n = span(best) + 1;
  if (Math.abs(n - length) > 1) return [];
  const pts = best.map(([x, i]) => [i, x] as const);
  const grid = (p: ReadonlyArray<readonly [number, number]>) => {
    const [a, b, c] = quadFit(p);
    return Array.from({ length }, (_, i) => a + b * i + c * i * i);
  };
  if (n === length) return [grid(pts)];
  // One blob too many (a speck, a border) or one too few (a faint character): both ends are
  // possible; the likelier end (ink mass) goes first, the classifier has the last word.
  const dropFirst = grid(pts.filter(([i]) => i > 0).map(([i, x]) => [i - 1, x] as const));
  const dropLast = grid(pts.filter(([i]) => i < length));
  const first = best[0]![0], last = best[best.length - 1]![0];
  if (n === length + 1) return massAt(first, pitch) < massAt(last, pitch) ? [dropFirst, dropLast] : [dropLast, dropFirst];
  const padFirst = grid(pts.map(([i, x]) => [i + 1, x] as const));
  const padLast = grid(pts);
  return massAt(first - pitch, pitch) > massAt(last + pitch, pitch) ? [padFirst, padLast] : [padLast, padFirst];
}

/**
 * Fallback when blobs touch (bold print, blur) or break up: the line's ink extent gives the
 * pitch, then a small search over scale and phase puts the cell borders where the column
 * profile is lowest.
 */
function fitGridByProfile(ink: Ink, top: number, bottom: number, length: number): number[] | undefined {
  const { data, width: W } = ink;
  const prof = new Float64Array(W);
  for (let y = Math.max(0, top); y <= Math.min(ink.height - 1, bottom); y++) for (let x = 0; x < W; x++) prof[x]! += data[y * W + x]!;
  const max = Math.max(...prof);
  if (!(max > 0)) return undefined;
  const h = bottom - top + 1;
  // The longest stretch of columns with ink and no gap wider than a line height.
  let bestL = -1, bestR = -1, curL = -1, lastOn = -1;
  for (let x = 0; x < W; x++) {
    if (prof[x]! <= max * 0.08) continue;
    if (curL < 0 || x - lastOn > h) curL = x;
    lastOn = x;
    if (x - curL > bestR - bestL) { bestL = curL; bestR = x; }
  }
  const extent = bestR - bestL + 1;
  if (bestL < 0 || extent < length * h * 0.35) return undefined;
  const p0 = extent / (length - 0.25);
  let best: { p: number; c0: number; score: number } | undefined;
  const at = (x: number) => { const i = Math.round(x); return i < 0 || i >= W ? 0 : prof[i]!; };
  for (let s = 0.95; s <= 1.05; s += 0.005) {
    const p = p0 * s;
    for (let d = -0.3; d <= 0.3; d += 0.05) {
      const c0 = bestL + p * (0.375 + d);
      if (c0 + (length - 1) * p > bestR + p * 0.6) continue;
      let score = 0;
      for (let i = 0; i <= length; i++) score += at(c0 + (i - 0.5) * p);
      if (!best || score < best.score) best = { p, c0, score };
    }
  }
  if (!best) return undefined;
  return Array.from({ length }, (_, i) => best!.c0 + i * best!.p);
}

function inkMass(ink: Ink, cx: number, pitch: number, top: number, bottom: number): number {
  let m = 0;
  for (let y = Math.max(0, top); y <= Math.min(ink.height - 1, bottom); y++) {
    for (let x = Math.max(0, Math.round(cx - pitch * 0.4)); x <= Math.min(ink.width - 1, Math.round(cx + pitch * 0.4)); x++) m += ink.data[y * ink.width + x]!;
  }
  return m;
}

const span = (chain: Array<[number, number]>) => (chain.length ? chain[chain.length - 1]![1] : -1);

function quadFit(pts: ReadonlyArray<readonly [number, number]>): [number, number, number] {
  // Least squares for x = a + b·i + c·i²; with few points fall back to a straight line.
  const n = pts.length;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0;
  for (const [i, x] of pts) { s0++; s1 += i; s2 += i * i; s3 += i ** 3; s4 += i ** 4; t0 += x; t1 += x * i; t2 += x * i * i; }
  if (n >= 8) {
    const m = [[s0, s1, s2, t0], [s1, s2, s3, t1], [s2, s3, s4, t2]];
    const sol = solve3(m);
    // Perspective bends pitch a little; a strong curve means bad blobs, not perspective.
    if (sol && Math.abs(sol[2] * 40 * 40) < Math.abs(sol[1] * 40) * 0.15) return sol;
  }
  const b = (s0 * t1 - s1 * t0) / (s0 * s2 - s1 * s1 || 1);
  return [(t0 - b * s1) / s0, b, 0];
}

function solve3(m: number[][]): [number, number, number] | undefined {
  for (let c = 0; c < 3; c++) {
    let p = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    if (Math.abs(m[p]![c]!) < 1e-9) return undefined;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < 3; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k < 4; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return [m[0]![3]! / m[0]![0]!, m[1]![3]! / m[1]![1]!, m[2]![3]! / m[2]![2]!];
}

const localPitch = (centers: number[], i: number) =>
  i === 0 ? centers[1]! - centers[0]! : i === centers.length - 1 ? centers[i]! - centers[i - 1]! : (centers[i + 1]! - centers[i - 1]!) / 2;

/**
 * Samples one cell into a GLYPH_W×GLYPH_H grid: the window is centred on the cell's ink
 * (the grid centre drifts by a fraction of a pitch), spans the pitch and the band's height
 * plus a margin, and each grid value averages 3×3 bilinear samples. Zero mean, unit length.
 */
export function cellFeature(ink: { data: Float32Array; width: number; height: number }, cx: number, pitch: number, top: number, bottom: number): Float32Array {
  const { data, width: W, height: H } = ink;
  const h = bottom - top + 1;
  const ya = top - h * 0.15, yb = bottom + h * 0.15;
  // Centre on the ink's horizontal centroid within the cell.
  let m = 0, mx = 0;
  for (let y = Math.max(0, Math.round(top)); y <= Math.min(H - 1, Math.round(bottom)); y++) {
    for (let x = Math.max(0, Math.round(cx - pitch * 0.5)); x <= Math.min(W - 1, Math.round(cx + pitch * 0.5)); x++) {
      const v = data[y * W + x]!;
      m += v; mx += v * x;
    }
  }
  const c = m > 0 ? Math.max(cx - pitch * 0.25, Math.min(cx + pitch * 0.25, mx / m)) : cx;
  const xa = c - pitch * 0.55, xb = c + pitch * 0.55;
  const f = new Float32Array(GLYPH_W * GLYPH_H);
  const sx = (xb - xa) / GLYPH_W, sy = (yb - ya) / GLYPH_H;
  const at = (x: number, y: number) => {
    if (x < 0 || y < 0 || x >= W - 1 || y >= H - 1) return 0;
    const x0 = Math.floor(x), y0 = Math.floor(y), ax = x - x0, ay = y - y0;
    const i = y0 * W + x0;
    return (data[i]! * (1 - ax) + data[i + 1]! * ax) * (1 - ay) + (data[i + W]! * (1 - ax) + data[i + W + 1]! * ax) * ay;
  };
  let sum = 0;
  for (let gy = 0; gy < GLYPH_H; gy++) {
    for (let gx = 0; gx < GLYPH_W; gx++) {
      let v = 0;
      for (let u = 0; u < 3; u++) for (let w = 0; w < 3; w++) v += at(xa + (gx + (u + 0.5) / 3) * sx, ya + (gy + (w + 0.5) / 3) * sy);
      f[gy * GLYPH_W + gx] = v / 9;
      sum += v / 9;
    }
  }
  const mean = sum / f.length;
  let norm = 0;
  for (let i = 0; i < f.length; i++) { f[i]! -= mean; norm += f[i]! * f[i]!; }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < f.length; i++) f[i]! /= norm;
  return f;
}

function median(v: number[]): number {
  if (!v.length) return NaN;
  const s = [...v].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}
