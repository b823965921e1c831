import { magnitudeSpectrum } from './fft.ts';

type Geometry = { index: Int32Array; ringStart: Int32Array };
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
  const byRing: number[][] = Array.from({ length: rMax + 1 }, () => []);
  for (let v = 2; v <= half; v++) {
    for (let u = -half + 1; u < half; u++) {
      if (Math.abs(u) <= 1) continue;
      if (nearGrid(u) && nearGrid(v)) continue;
      const r = Math.round(Math.hypot(u, v));
      if (r < rMin || r > rMax) continue;
      byRing[r]!.push(v * n + ((u + n) % n));
    }
  }
  const rings = byRing.filter((r) => r.length > 0);
  const index = new Int32Array(rings.reduce((a, r) => a + r.length, 0));
  const ringStart = new Int32Array(rings.length + 1);
  let o = 0;
  rings.forEach((r, i) => { ringStart[i] = o; index.set(r, o); o += r.length; });
  ringStart[rings.length] = o;
  g = { index, ringStart };
  geometries.set(n, g);
  return g;
}

/**
 * Strongest isolated peak in the high-frequency band of an n×n tile's spectrum, as a multiple of
 * the median magnitude at the same radius. Camera photos of paper have smooth, falling spectra;
 * a screen's pixel grid, a print's halftone screen and the moiré between either and the camera
 * sensor put sharp peaks there.
 */
export function periodicPeak(tile: Float64Array, n: number): number {
  const mag = magnitudeSpectrum(tile, n);
  const { index, ringStart } = geometry(n);
  const values = new Float64Array(index.length);
  for (let i = 0; i < index.length; i++) values[i] = mag[index[i]!]!;
  // Floor under the ring median: the magnitude of ~0.5 grey levels of noise. A flat, noise-free
  // digital render has medians near zero, where any edge would otherwise look like a huge peak.
  const floor = 0.2 * n;
  let best = 0;
  for (let r = 0; r + 1 < ringStart.length; r++) {
    const ring = values.subarray(ringStart[r]!, ringStart[r + 1]!);
    let max = 0;
    for (let i = 0; i < ring.length; i++) if (ring[i]! > max) max = ring[i]!;
    const median = ring.slice().sort()[ring.length >> 1]!;
    best = Math.max(best, max / Math.max(median, floor));
  }
  return best;
}
