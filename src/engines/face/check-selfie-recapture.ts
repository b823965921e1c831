import { periodicPeakOf } from '../authenticity/periodic-energy.ts';
import type { RgbImage } from './decode-image.ts';
import type { AttackCheck } from './face-types.ts';

/**
 * Thresholds; measured on the selfie-attack bench (BENCHMARKS.md). Peaks are the authenticity
 * engine's periodic-energy measure (strongest high-band spectral peak over its ring's median).
 */
export const RECAPTURE_SELFIE = {
  /** Luminance: a print's halftone screen, a screen's pixel grid, their moiré with the camera. */
  maxLumaPeak: 7,
  /** Chrominance: a screen's red/green/blue subpixel stripes. */
  maxChromaPeak: 7,
  /** Sides of the frame with a screen bezel (dark, flat band ending in a sharp step). */
  maxBezelSides: 1,
  /** Share of bright, strongly saturated pixels (emissive colours beyond print); marks a recapture as a screen, never decides alone. */
  maxEmissive: 0.08,
  /** Darkest 1% of a print's pixels stays above this grey level (ink density); a display goes below. */
  printBlackLevel: 28,
  tiles: 4,
  minTiles: 2,
  /**
   * Mean grey levels of the tiles preferred for the periodic measure: where a halftone's dots
   * cover a visible share of the paper. Lighter tiles (paper white near 230–240) carry almost no
   * dots; measured on prints of light-backdrop portraits (BENCHMARKS.md, selfie attacks).
   */
  midTones: [40, 200] as [number, number],
};

type Tile = { x: number; y: number };

/**
 * Photo of a screen or of a print held up to the camera, on the analysed selfie: periodic
 * high-frequency energy shared by the flattest tiles (a live scene has smooth, falling spectra),
 * a display bezel along the frame, colours only a display emits.
 */
export function checkSelfieRecapture(img: RgbImage): AttackCheck {
  const { width: W, height: H } = img;
  const n = Math.min(W, H) >= 720 ? 256 : 128;
  const luma = new Float64Array(W * H);
  const chroma = new Float64Array(W * H);
  for (let i = 0, j = 0; i < luma.length; i++, j += 3) {
    const r = img.data[j]!, g = img.data[j + 1]!, b = img.data[j + 2]!;
    luma[i] = 0.299 * r + 0.587 * g + 0.114 * b;
    chroma[i] = r - b;
  }
  const tiles = flattestTiles(luma, W, H, n, RECAPTURE_SELFIE.tiles);
  const bezelSides = countBezelSides(luma, W, H);
  const emissive = emissiveFraction(img);
  const blackLevel = percentile(luma, 0.01);
  const m: Record<string, number> = { bezelSides, emissiveFraction: round(emissive, 4), blackLevel: Math.round(blackLevel), tiles: tiles.length, tileSize: n };
  if (tiles.length >= RECAPTURE_SELFIE.minTiles) {
    m.lumaPeak = round(periodicPeakOf(tiles.map((t) => cut(luma, W, t, n)), n).peak, 1);
    m.chromaPeak = round(periodicPeakOf(tiles.map((t) => cut(chroma, W, t, n)), n).peak, 1);
  }
  const T = RECAPTURE_SELFIE;
  const periodicLuma = (m.lumaPeak ?? 0) > T.maxLumaPeak;
  const periodicChroma = (m.chromaPeak ?? 0) > T.maxChromaPeak;
  const bezel = bezelSides > T.maxBezelSides;
  const glow = emissive > T.maxEmissive;
  // Emissive colours are reported, not decisive: a genuine photo against a saturated red or
  // yellow backdrop measured 0.24 on the bench.
  if (periodicLuma || periodicChroma || bezel) {
    // Which: a display shows deep blacks, a bezel or emissive colours; ink on paper cannot reach
    // black (its darkest is the ink's density) and is framed by paper. A hint for the reason only.
    const screen = bezel || glow || bezelSides > 0 || blackLevel < T.printBlackLevel;
    return screen
      ? { status: 'failed', code: 'selfie_screen_replay', reason: screenWhy(periodicLuma || periodicChroma, bezel, glow), measurements: m }
      : { status: 'failed', code: 'selfie_print_attack', reason: 'a periodic halftone pattern covers the selfie and its darkest tones are those of ink on paper', measurements: m };
  }
  if (tiles.length < T.minTiles) return { status: 'not_performed', reason: 'the selfie is too small or too busy to analyse its fine texture', measurements: m };
  return { status: 'passed', measurements: m };
}

function screenWhy(grid: boolean, bezel: boolean, emissive: boolean): string {
  const parts = [grid && 'a periodic display pixel pattern (moiré)', bezel && 'a screen bezel along the frame', emissive && 'colours only a display emits'].filter(Boolean);
  return `the selfie shows ${parts.join(', ')}`;
}

/** The n×n tiles (step n/2) with the least coarse detail, neither near-black nor near-white, mid-tones preferred. */
function flattestTiles(luma: Float64Array, W: number, H: number, n: number, count: number): Tile[] {
  const cands: Array<Tile & { score: number; mean: number }> = [];
  const s = 8; // coarse blocks: a grid or a dot screen (period ≤ 8 px) averages out in them, content does not
  // Block means from a summed-area table: every block is read five times (centre and four
  // neighbours) over overlapping tiles, so summing pixels each time cost most of the check.
  const sat = summedArea(luma, W, H);
  for (let y = 0; y + n <= H; y += n / 2) {
    for (let x = 0; x + n <= W; x += n / 2) {
      let lap = 0;
      let sum = 0;
      let c = 0;
      for (let yy = y + s; yy < y + n - s; yy += s) {
        for (let xx = x + s; xx < x + n - s; xx += s) {
          const at = (dx: number, dy: number) => box(sat, W, xx + dx, yy + dy, s);
          const v = at(0, 0);
          lap += Math.abs(4 * v - at(-s, 0) - at(s, 0) - at(0, -s) - at(0, s));
          sum += v;
          c++;
        }
      }
      const mean = sum / Math.max(1, c);
      if (mean < 40 || mean > 235) continue;
      cands.push({ x, y, mean, score: lap / Math.max(1, c) });
    }
  }
  cands.sort((a, b) => a.score - b.score);
  // Mid-tones first: a halftone prints no dots where the picture is paper-white (a light
  // backdrop, the flattest part of most portraits) and a display's grid hides in its highlights,
  // so the flattest tiles overall can be exactly the ones without the pattern. When the picture
  // has at least two flat mid-tone tiles, the tiles are chosen among them.
  const [lo, hi] = RECAPTURE_SELFIE.midTones;
  const mid = cands.filter((t) => t.mean >= lo && t.mean <= hi);
  const pool = mid.length >= RECAPTURE_SELFIE.minTiles ? mid : cands;
  const limit = (pool[0]?.score ?? 0) * 2 + 1;
  const out: Tile[] = [];
  const apart = (t: Tile) => out.every((o) => Math.abs(o.x - t.x) >= n / 2 || Math.abs(o.y - t.y) >= n / 2);
  for (const t of pool) {
    if (t.score > limit) break;
    if (apart(t)) out.push(t);
    if (out.length === count) break;
  }
  // One flat area only (a close-up face on a busy background): the two least busy tiles still
  // go in; the peak measure sets a point (grid, dots) apart from content's ridges by itself.
  for (const t of cands) {
    if (out.length >= 2) break;
    if (apart(t)) out.push(t);
  }
  return out;
}

/** Summed-area table, (W+1)×(H+1): sat[y][x] = sum of a over [0, x) × [0, y). */
function summedArea(a: Float64Array, W: number, H: number): Float64Array {
  const sat = new Float64Array((W + 1) * (H + 1));
  for (let y = 0; y < H; y++) {
    let row = 0;
    for (let x = 0; x < W; x++) {
      row += a[y * W + x]!;
      sat[(y + 1) * (W + 1) + x + 1] = sat[y * (W + 1) + x + 1]! + row;
    }
  }
  return sat;
}

/** Mean of an s×s block starting at (x, y), from the summed-area table of an image W px wide. */
function box(sat: Float64Array, W: number, x: number, y: number, s: number): number {
  const w = W + 1;
  return (sat[(y + s) * w + x + s]! - sat[y * w + x + s]! - sat[(y + s) * w + x]! + sat[y * w + x]!) / (s * s);
}

function cut(a: Float64Array, W: number, t: Tile, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let y = 0; y < n; y++) out.set(a.subarray((t.y + y) * W + t.x, (t.y + y) * W + t.x + n), y * n);
  return out;
}

/**
 * A display's bezel: a band along one side of the frame, at least 2% of the side deep, dark and
 * flat (mean < 40, spread < 12 grey levels), ending in a sharp step to a brighter picture.
 */
export function countBezelSides(luma: Float64Array, W: number, H: number): number {
  const rows = (y: number) => stats(luma, W, 0, y, W, 1);
  const cols = (x: number) => stats(luma, W, x, 0, 1, H);
  const side = (len: number, at: (i: number) => { mean: number; sd: number }) => {
    const min = Math.max(3, Math.round(len * 0.02));
    let d = 0;
    while (d < len * 0.25) {
      const s = at(d);
      if (s.mean >= 40 || s.sd >= 12) break;
      d++;
    }
    if (d < min) return false;
    const inner = at(Math.min(len - 1, d + 3));
    const band = at(Math.max(0, d - 2));
    return inner.mean - band.mean >= 35;
  };
  let sides = 0;
  if (side(H, (i) => rows(i))) sides++;
  if (side(H, (i) => rows(H - 1 - i))) sides++;
  if (side(W, (i) => cols(i))) sides++;
  if (side(W, (i) => cols(W - 1 - i))) sides++;
  return sides;
}

function stats(a: Float64Array, W: number, x0: number, y0: number, w: number, h: number): { mean: number; sd: number } {
  let s = 0;
  let ss = 0;
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) { const v = a[y * W + x]!; s += v; ss += v * v; }
  const n = w * h;
  const mean = s / n;
  return { mean, sd: Math.sqrt(Math.max(0, ss / n - mean * mean)) };
}

function emissiveFraction(img: RgbImage): number {
  let e = 0;
  let t = 0;
  for (let i = 0; i < img.data.length; i += 9) {
    const r = img.data[i]!, g = img.data[i + 1]!, b = img.data[i + 2]!;
    const max = Math.max(r, g, b);
    if (max >= 235 && max - Math.min(r, g, b) >= 150) e++;
    t++;
  }
  return e / Math.max(1, t);
}

/** The q-quantile of grey levels (sampled every 7th pixel). */
function percentile(a: Float64Array, q: number): number {
  const hist = new Uint32Array(256);
  let n = 0;
  for (let i = 0; i < a.length; i += 7) { hist[Math.max(0, Math.min(255, Math.round(a[i]!)))]!++; n++; }
  let acc = 0;
  for (let v = 0; v < 256; v++) { acc += hist[v]!; if (acc >= q * n) return v; }
  return 255;
}

const round = (v: number, d: number): number => Math.round(v * 10 ** d) / 10 ** d;
