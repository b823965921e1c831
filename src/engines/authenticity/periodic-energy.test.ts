import { describe, expect, it } from 'vitest';
import { rng } from '../../../test/fixtures/authenticity/make-id-document.ts';
import { dHashFromPixels, hammingDistance } from './dhash.ts';
import { periodicPeak } from './periodic-energy.ts';

describe('periodicPeak', () => {
  const n = 256;
  const rand = rng(11);
  const noise = new Float64Array(n * n).map(() => 128 + (rand() - 0.5) * 60);
  it('stays low on random texture and rises on a fine rotated grid (screen pixels, halftone)', () => {
    const grid = noise.map((v, i) => {
      const x = i % n;
      const y = Math.floor(i / n);
      const u = x * Math.cos(0.2) + y * Math.sin(0.2);
      return v + 40 * Math.sin((2 * Math.PI * u) / 3.3);
    });
    const base = periodicPeak(noise, n);
    expect(base).toBeLessThan(15);
    expect(periodicPeak(grid, n)).toBeGreaterThan(3 * base);
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
