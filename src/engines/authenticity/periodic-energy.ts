import { addPowerSpectraOfPair } from './fft.ts';

type Geometry = { index: Int32Array; ringStart: Int32Array; u: Int16Array; v: Int16Array };
const geometries = new Map<number, Geometry>();

/**
 * Spectrum bins examined, grouped by integer radius: the band from 0.25 of Nyquist out to the spectrum corners, without the
 * axes (edges of text lines and of the tile) and without the JPEG block grids (8 px luma blocks,
 * 16 px chroma blocks), which every JPEG and every text block carries.
 */
function geometry(n: number): Geometry {
  let g = geometries.get(n);
  if (g) return g;
  const half = n / 2;
  const rMin = Math.round(half * 0.25);
  const rMax = Math.floor(half * Math.SQRT2);
  const grid = n / 16;
  const nearGrid = (k: number) => { const m = Math.abs(k) % grid; return m <= 1 || m >= grid - 1; };
  const byRing: Array<Array<[number, number]>> = Array.from({ length: rMax + 1 }, () => []);
  for (let v = 2; v <= half; v++) {
    for (let u = -half + 1; u < half; u++) {
      if (Math.abs(u) <= 1) continue;
      if (nearGrid(u) && nearGrid(v)) continue;
      const r = Math.round(Math.hypot(u, v));
      if (r < rMin || r > rMax) continue;
      byRing[r]!.push([u, v]);
    }
  }
  const rings = byRing.filter((r) => r.length > 0);
  const total = rings.reduce((a, r) => a + r.length, 0);
  const index = new Int32Array(total);
  const u = new Int16Array(total);
  const v = new Int16Array(total);
  const ringStart = new Int32Array(rings.length + 1);
  let o = 0;
  rings.forEach((r, i) => {
    ringStart[i] = o;
    for (const [uu, vv] of r) { index[o] = vv * n + ((uu + n) % n); u[o] = uu; v[o] = vv; o++; }
  });
  ringStart[rings.length] = o;
  g = { index, ringStart, u, v };
  geometries.set(n, g);
  return g;
}

/** Offsets (in bins) along the peak's ray at which a ridge is looked for. */
const RADIAL_STEPS = [-6, -4, 4, 6];

const scratch = new Map<number, { power: Float64Array; re: Float64Array; im: Float64Array }>();
/** Work buffers per tile size, reused (a worker thread runs one check at a time). */
function buffers(n: number) {
  let b = scratch.get(n);
  if (!b) { b = { power: new Float64Array(n * n), re: new Float64Array(n * n), im: new Float64Array(n * n) }; scratch.set(n, b); }
  return b;
}

export type PeriodicPeak = {
  /** Strongest bin over the median of its ring (magnitudes), or 0 without tiles. */
  peak: number;
  /** Where: cycles per tile (u horizontal, v vertical); period in pixels = n / hypot(u, v). */
  u: number;
  v: number;
};

/**
 * Strongest isolated peak in the high-frequency band of the averaged power spectrum of several
 * n×n tiles (Welch's method), as a multiple of the median magnitude at the same radius. Camera
 * photos of paper have smooth, falling spectra; a screen's pixel grid, a print's halftone screen
 * and the moiré between either and the camera sensor put the same sharp peak in every tile, and
 * averaging the tiles' spectra lowers the random ups and downs of the background around it.
 */
export function periodicPeakOf(tiles: Float64Array[], n: number): PeriodicPeak {
  if (tiles.length === 0) return { peak: 0, u: 0, v: 0 };
  const { power, re, im } = buffers(n);
  power.fill(0);
  for (let i = 0; i < tiles.length; i += 2) addPowerSpectraOfPair(tiles[i]!, tiles[i + 1], n, power, re, im);
  const { index, ringStart, u, v } = geometry(n);
  const values = new Float64Array(index.length);
  for (let i = 0; i < index.length; i++) values[i] = Math.sqrt(power[index[i]!]! / tiles.length);
  // Floor under the ring median: the magnitude of ~0.5 grey levels of noise. A flat, noise-free
  // digital render has medians near zero, where any edge would otherwise look like a huge peak.
  const floor = 0.2 * n;
  const sorted = new Float64Array(values.length);
  const magAt = (uu: number, vv: number) => Math.sqrt(power[((vv + n) % n) * n + ((uu + n) % n)]! / tiles.length);
  let best: PeriodicPeak = { peak: 0, u: 0, v: 0 };
  for (let r = 0; r + 1 < ringStart.length; r++) {
    const a = ringStart[r]!;
    const b = ringStart[r + 1]!;
    let max = 0;
    let at = a;
    for (let i = a; i < b; i++) if (values[i]! > max) { max = values[i]!; at = i; }
    const ring = sorted.subarray(a, b);
    ring.set(values.subarray(a, b));
    ring.sort();
    // A grid or a dot screen is a point in the spectrum; a straight edge or a set of parallel
    // lines (guilloches, text strokes) is a ridge through the origin. Bins a few steps further
    // in and out along the same ray tell them apart: level with the peak on a ridge, low beside a point.
    const pu = u[at]!;
    const pv = v[at]!;
    const pr = Math.hypot(pu, pv);
    let ridge = 0;
    for (const d of RADIAL_STEPS) {
      const q = (pr + d) / pr;
      ridge += magAt(Math.round(pu * q), Math.round(pv * q));
    }
    ridge /= RADIAL_STEPS.length;
    const ratio = max / Math.max(ring[ring.length >> 1]!, ridge, floor);
    if (ratio > best.peak) best = { peak: ratio, u: pu, v: pv };
  }
  return best;
}

/** The same measure on a single tile. */
export function periodicPeak(tile: Float64Array, n: number): number {
  return periodicPeakOf([tile], n).peak;
}
