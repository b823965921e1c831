import { describe, expect, it } from 'vitest';
import { laplacianVariance, saturatedFraction } from './image-stats.ts';

describe('image statistics', () => {
  const w = 32;
  const flat = new Uint8Array(w * w).fill(128);
  const checker = Uint8Array.from({ length: w * w }, (_, i) => (((i % w) + Math.floor(i / w)) % 2 ? 255 : 0));
  it('measures no detail on a flat patch and a lot on a checkerboard', () => {
    expect(laplacianVariance(flat, w, w)).toBe(0);
    expect(laplacianVariance(checker, w, w)).toBeGreaterThan(10_000);
  });
  it('counts saturated pixels', () => {
    expect(saturatedFraction(flat)).toBe(0);
    expect(saturatedFraction(checker)).toBeCloseTo(0.5, 2);
  });
});
