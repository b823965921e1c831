import { describe, expect, it } from 'vitest';
import { rng } from '../../../test/fixtures/authenticity/make-id-document.ts';
import { dHashFromPixels, hammingDistance } from './dhash.ts';
import { magnitudeSpectrum } from './fft.ts';
import { periodicPeak, periodicPeakOf } from './periodic-energy.ts';

const n = 256;
const noiseTile = (seed: number) => { const rand = rng(seed); return new Float64Array(n * n).map(() => 128 + (rand() - 0.5) * 60); };
/** A fine grid (period 3.3 px, rotated) of the given amplitude over a tile. */
const withGrid = (t: Float64Array, amp: number) => t.map((v, i) => {
  const x = i % n;
  const y = Math.floor(i / n);
  return v + amp * Math.sin((2 * Math.PI * (x * Math.cos(0.2) + y * Math.sin(0.2))) / 3.3);
});

describe('periodicPeak', () => {
  it('stays low on random texture and rises on a fine rotated grid (screen pixels, halftone)', () => {
    const base = periodicPeak(noiseTile(11), n);
    expect(base).toBeLessThan(6);
    expect(periodicPeak(withGrid(noiseTile(11), 40), n)).toBeGreaterThan(3 * base);
  });
  it('separates a grid too faint for one tile from noise once four tiles are averaged (Welch), and reports its period', () => {
    const grid = [1, 2, 3, 4].map((s) => withGrid(noiseTile(s), 1));
    const noise = [5, 6, 7, 8].map(noiseTile);
    // One tile at a time the faint grid is lost among the noise's own random maxima…
    expect(Math.min(...grid.map((t) => periodicPeak(t, n)))).toBeLessThan(1.3 * Math.max(...noise.map((t) => periodicPeak(t, n))));
    // …averaged, the noise's maxima flatten and the grid stands at twice their height.
    const four = periodicPeakOf(grid, n);
    expect(four.peak).toBeGreaterThan(1.8 * periodicPeakOf(noise, n).peak);
    expect(n / Math.hypot(four.u, four.v)).toBeCloseTo(3.3, 1);
  });
  it('does not take a straight printed line (a ridge through the spectrum) for a grid', () => {
    const line = noiseTile(9).map((v, i) => {
      const x = i % n;
      const y = Math.floor(i / n);
      return Math.abs(y - 128 - (x - 128) * 0.18) < 1 ? v - 90 : v;
    });
    expect(periodicPeak(line, n)).toBeLessThan(6);
  });
});

describe('magnitudeSpectrum', () => {
  it('puts a pure tone in its bin (and its mirror)', () => {
    const tone = new Float64Array(64 * 64).map((_, i) => Math.cos((2 * Math.PI * 5 * (i % 64)) / 64 + (2 * Math.PI * 3 * Math.floor(i / 64)) / 64));
    const m = magnitudeSpectrum(tone, 64);
    let best = 0;
    for (let i = 1; i < m.length; i++) if (m[i]! > m[best]!) best = i;
    expect([3 * 64 + 5, (64 - 3) * 64 + 59]).toContain(best);
  });
});

describe('dHash', () => {
  it('counts differing bits', () => {
    const a = new Uint8Array(72).map((_, i) => (i * 37) % 251);
    const b = a.map((v) => 255 - v);
    expect(hammingDistance(dHashFromPixels(a), dHashFromPixels(a))).toBe(0);
    expect(hammingDistance(dHashFromPixels(a), dHashFromPixels(b))).toBeGreaterThan(0);
    expect(hammingDistance('ffffffffffffffff', '0000000000000000')).toBe(64);
  });
});
